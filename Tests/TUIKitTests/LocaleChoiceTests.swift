// SPDX-License-Identifier: Apache-2.0

import TUIKit
import XCTest

/// Issue 18.17: an explicit choice of a locale without UTF-8 gets the ASCII glyphs.
final class LocaleChoiceTests: XCTestCase {
    private func name(_ variables: [String: String]) -> String? {
        LocaleChoice.characterSetName { variables[$0] }
    }

    func testTheCharacterSetComesFromLCAllThenLCCTypeThenLang() {
        XCTAssertEqual(name(["LC_ALL": "C", "LC_CTYPE": "C.UTF-8", "LANG": "en_US.UTF-8"]), "C")
        XCTAssertEqual(name(["LC_ALL": "", "LC_CTYPE": "POSIX", "LANG": "en_US.UTF-8"]), "POSIX")
        XCTAssertEqual(name(["LANG": "C.UTF-8"]), "C.UTF-8")
        XCTAssertNil(name(["LC_ALL": "", "LANG": ""]))
        XCTAssertNil(name([:]))
    }

    func testOnlyANamedLocaleWithoutUTF8IsAChoiceOfASCII() {
        for chosen in ["C", "POSIX", "en_US", "de_DE.ISO-8859-15", "ja_JP.eucJP"] {
            XCTAssertTrue(LocaleChoice.choosesNonUTF8(chosen), chosen)
        }
        for notChosen in [nil, "", "C.UTF-8", "C.utf8", "en_US.UTF-8", "de_DE.utf8@euro"] {
            XCTAssertFalse(LocaleChoice.choosesNonUTF8(notChosen), notChosen ?? "nil")
        }
    }
}
