// SPDX-License-Identifier: Apache-2.0

import Foundation
import XCTest

/// `attn-tui --version` and what `--help` says about the manual (issue 19, items 9 and 11).
final class CLIVersionTests: XCTestCase {
    private var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Standard output of `sh -c COMMAND` in the repository, trimmed; nil when it fails.
    private func shell(_ command: String) throws -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = repository
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus == 0 ? text.trimmingCharacters(in: .whitespacesAndNewlines) : nil
    }

    func testVersionNamesTheVersionTheCommitAndTheWordPack() throws {
        let result = try CLI.run(["--version"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3, result.stdout)
        guard lines.count == 3 else { return }
        XCTAssertNotNil(lines[0].wholeMatch(of: /attn-tui [0-9]+\.[0-9]+\.[0-9]+/), lines[0])
        XCTAssertNotNil(lines[1].wholeMatch(of: /commit ([0-9a-f]{40}|[0-9a-f]{64}|unknown)/), lines[1])
        XCTAssertNotNil(lines[2].wholeMatch(of: /word pack sha256 [0-9a-f]{64}/), lines[2])
        let pack = try XCTUnwrap(try shell("cat Assets/wordpack/* | sha256sum | cut -d' ' -f1"))
        XCTAssertEqual(lines[2], "word pack sha256 \(pack)", "the digest of the files the binary carries")
        // Built from this checkout: the commit is HEAD's (when git is there to ask).
        if let head = try shell("git rev-parse HEAD") {
            XCTAssertEqual(lines[1], "commit \(head)")
        }
    }

    func testASubcommandsVersionIsTheSame() throws {
        let root = try CLI.run(["--version"])
        let sub = try CLI.run(["render", "--version"])
        XCTAssertEqual(sub.status, 0, sub.stderr)
        XCTAssertEqual(sub.stdout, root.stdout)
    }

    func testHelpSaysWhereTheManualIs() throws {
        let result = try CLI.run(["--help"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.contains("man attn-tui"), result.stdout)
        XCTAssertTrue(result.stdout.contains("share/man/man1/attn-tui.1"), result.stdout)
        XCTAssertTrue(result.stdout.contains("--version"), result.stdout)
    }

    /// generate-manual drops every character outside ASCII from help texts ("1–14" became "114").
    func testHelpTextsAreASCIISoTheManualKeepsThem() throws {
        let result = try CLI.run(["--experimental-dump-help"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let outside = result.stdout.unicodeScalars.filter { !$0.isASCII }
        XCTAssertTrue(outside.isEmpty, "help texts with non-ASCII characters: \(String(String.UnicodeScalarView(outside)))")
    }
}
