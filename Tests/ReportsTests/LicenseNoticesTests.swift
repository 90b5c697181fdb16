// SPDX-License-Identifier: Apache-2.0

import AttnAssets
import Foundation
import XCTest

@testable import Reports

/// `attn-tui --licenses` (issue 19, items 7 and 8): the project's licence and a notice for
/// every part of the binary. Which parts the static binary really links is checked against
/// the link itself in Tests/EndToEnd/static_test.sh.
final class LicenseNoticesTests: XCTestCase {
    private var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    func testEveryNoticeFileIsAComponentAndEveryComponentHasOne() {
        let files = Set(Assets.paths.filter { $0.hasPrefix("licenses/") }.map { String($0.dropFirst("licenses/".count)) })
        let named = Set(LicenseNotices.components.map(\.notice))
        XCTAssertEqual(files, named, "a notice file no component names, or a component without its file")
        for component in LicenseNotices.components {
            XCTAssertTrue(LicenseNotices.text.contains(component.name), component.name)
            let notice = Assets.text("licenses/" + component.notice) ?? ""
            XCTAssertTrue(LicenseNotices.text.contains(notice.trimmingCharacters(in: .newlines)), component.notice)
        }
    }

    func testTheProjectsLicenceIsApache2AndMatchesTheLicenseFile() throws {
        let license = try String(contentsOf: repository.appendingPathComponent("LICENSE"), encoding: .utf8)
        XCTAssertEqual(Assets.text("licenses/apache-2.0.txt"), license)
        XCTAssertTrue(license.contains("Apache License\n                           Version 2.0, January 2004"))
        XCTAssertTrue(license.contains("END OF TERMS AND CONDITIONS"))
        XCTAssertTrue(license.contains("APPENDIX: How to apply the Apache License to your work."), "the whole standard text")
        XCTAssertEqual(license.utf8.count, 11_358, "the standard text of apache.org/licenses/LICENSE-2.0.txt")
        let notice = try String(contentsOf: repository.appendingPathComponent("NOTICE"), encoding: .utf8)
        XCTAssertTrue(notice.contains("Apache License, Version 2.0"))
        XCTAssertTrue(LicenseNotices.text.hasPrefix("attn-tui is licensed under the Apache License, Version 2.0"))
    }

    func testTheLinkedSoftwaresNotices() throws {
        let text = LicenseNotices.text
        // libdispatch's C sources: the plain Apache header, whose conditions apply to the binary.
        let dispatch = try XCTUnwrap(Assets.text("licenses/libdispatch.txt"))
        XCTAssertTrue(dispatch.contains("Copyright (c) 2008-2018 Apple Inc. All rights reserved."))
        XCTAssertTrue(dispatch.contains("without the Runtime Library Exception"))
        for file in ["swift.txt", "swift-foundation.txt", "swift-argument-parser.txt"] {
            let notice = try XCTUnwrap(Assets.text("licenses/" + file), file)
            XCTAssertTrue(notice.contains("Runtime Library Exception"), file)
            XCTAssertTrue(notice.contains("Sections 4(a), 4(b) and 4(d)"), file)
        }
        // Foundation's NOTICE: the base64 code's BSD and MIT notices must travel with the binary.
        XCTAssertTrue(text.contains("Copyright (c) 2015-2016, Wojciech Muła, Alfred Klomp,  Daniel Lemire"))
        XCTAssertTrue(text.contains("Copyright (c) 2016 Nick Galbreath"))
        XCTAssertTrue(text.contains("GCC RUNTIME LIBRARY EXCEPTION"))
        XCTAssertTrue(text.contains("Version 3.1, 31 March 2009"))
        XCTAssertTrue(text.contains("Copyright 1996-2020,2021 Thomas E. Dickey"))
        XCTAssertTrue(text.contains("GNU Lesser General Public License version 2.1 or later"))
    }

    func testTheDatasNotices() throws {
        let glove = try XCTUnwrap(Assets.text("licenses/glove.txt"))
        XCTAssertTrue(glove.contains("https://nlp.stanford.edu/projects/glove/"))
        XCTAssertTrue(glove.contains("https://opendatacommons.org/licenses/pddl/1-0/"))
        XCTAssertTrue(glove.contains("Public Domain Dedication and License (PDDL)"))
        XCTAssertTrue(glove.contains("6.4 This Document takes effect in the relevant jurisdiction"), "the PDDL in full")
        for leftover in ["kumo", "Legal text", "Distributed in:", "\n    Preamble"] {
            XCTAssertFalse(glove.contains(leftover), "the wheel's packaging: \(leftover)")
        }
        let scowl = try XCTUnwrap(Assets.text("licenses/scowl.txt"))
        XCTAssertTrue(scowl.contains("The collective work is Copyright 2000-2018 by Kevin Atkinson"), "upstream's notice")
        XCTAssertFalse(scowl.contains("2000-2011"), "not Debian's stale copy")
        XCTAssertFalse(scowl.contains("debianized"))
        XCTAssertTrue(scowl.contains("The VarCon package was used to create"))
        XCTAssertTrue(scowl.contains("Copyright 2000-2016 by Kevin Atkinson"), "VarCon's notice")
        XCTAssertTrue(scowl.contains("Copyright 2016 by Benjamin Titze"), "VarCon's notice")
        XCTAssertTrue(scowl.contains("Copyright 1993, Geoff Kuenning"), "Ispell's notice, through VarCon")
        XCTAssertTrue(scowl.contains("Copyright (c) J Ross Beresford 1993-1999"), "UKACD's, which must be shown verbatim")
        let wordnet = try XCTUnwrap(Assets.text("licenses/wordnet.txt"))
        XCTAssertTrue(wordnet.contains("WordNet 3.0 Copyright 2006 by Princeton University"))
    }
}
