// SPDX-License-Identifier: Apache-2.0

import Foundation
import TUIKit
import XCTest

/// Expected screens kept as text files under `Tests/AttnAppTests/Screens/`: the lines in
/// quotes, then the style runs (ratatui's test-backend form), compared whole.
///
/// `ATTN_UPDATE_SCREENS=1 swift test` rewrites them from what the program draws now, so a
/// change of screen is made on purpose and reviewed in the diff.
enum ScreenFile {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Screens")

    static var isUpdating: Bool { ProcessInfo.processInfo.environment["ATTN_UPDATE_SCREENS"] == "1" }

    static func assertMatches(_ buffer: Buffer, named name: String, file: StaticString = #filePath, line: UInt = #line) {
        let url = directory.appendingPathComponent(name + ".txt")
        let actual = buffer.debugDump + "\n"
        if isUpdating {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            XCTAssertNoThrow(try actual.write(to: url, atomically: true, encoding: .utf8), file: file, line: line)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            XCTFail("no expected screen \(url.path): run ATTN_UPDATE_SCREENS=1 swift test and review it", file: file, line: line)
            return
        }
        guard expected != actual else { return }
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let first =
            zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(expectedLines.count, actualLines.count)
        let context = { (lines: [Substring]) in lines.dropFirst(max(0, first - 2)).prefix(5).joined(separator: "\n") }
        XCTFail(
            "\(name): screen differs from \(url.lastPathComponent) at line \(first + 1)\n--- expected\n\(context(expectedLines))\n--- actual\n\(context(actualLines))\n(whole screen:)\n\(buffer.text)",
            file: file, line: line)
    }
}
