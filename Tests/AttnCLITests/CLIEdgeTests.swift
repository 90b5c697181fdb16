// SPDX-License-Identifier: Apache-2.0

import Foundation
import XCTest

/// Issue 9: text from files and arguments never reaches a terminal raw; output
/// failures and malformed options are one-line errors.
final class CLIEdgeTests: XCTestCase {
    /// An OSC that retitles the window, a bell, a CSI colour, a C1 CSI and a bidi override, as tokens of a file.
    static let hostileTokens = ["\u{1B}]0;PWNED\u{07}t", "\u{1B}[31mred", "c1\u{9B}31m", "rtl\u{202E}txt"]

    private var folder = ""

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "attn-cli-edge-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func hostileFile() throws -> String {
        let path = folder + "/hostile.txt"
        let rows = Self.hostileTokens.enumerated().map { i, token in "\(token) \(i + 1) \(i % 2) 1" } + ["plain 1 1 0"]
        try Data((rows.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The bytes a terminal would act on: C0 (but line feed), DEL, C1 and the bidi controls.
    private func rawControls(_ text: String) -> [String] {
        text.unicodeScalars.filter { scalar in
            let v = scalar.value
            return (v < 0x20 && v != 0x0A) || (0x7F..<0xA0).contains(v) || [0x061C, 0x200E, 0x200F, 0x2028, 0x2029].contains(v)
                || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
        }.map { String(format: "U+%04X", $0.value) }
    }

    func testNoOutputFormatPrintsAControlCharacterFromAFile() throws {
        let file = try hostileFile()
        let all = Self.hostileTokens + ["plain"]
        let commands: [[String]] = [
            ["words"], ["words", "--json"], ["neighbors"] + all, ["neighbors", "--json"] + all, ["matrix"] + all,
            ["matrix", "--csv"] + all, ["matrix", "--json"] + all, ["attention"] + all, ["attention", "--json"] + all,
            ["similarity", Self.hostileTokens[0], Self.hostileTokens[3]],
            ["similarity", "--json", Self.hostileTokens[0], Self.hostileTokens[3]],
        ]
        for command in commands {
            let result = try CLI.run(command + ["--embeddings", file, "--no-cache"])
            let name = command.prefix(2).joined(separator: " ")
            XCTAssertEqual(result.status, 0, "\(name): \(result.stderr)")
            XCTAssertEqual(rawControls(result.stdout + result.stderr), [], "\(name) printed raw controls")
            if !command.contains("--json") {
                XCTAssertTrue(result.stdout.contains("\\u{1b}]0;PWNED\\u{7}t"), "\(name): the token shown escaped\n\(result.stdout)")
            }
        }
    }

    func testTheEscapedTextStillLinesUpAndJSONReadsBack() throws {
        let file = try hostileFile()
        let words = try CLI.run(["words", "--embeddings", file, "--no-cache"]).stdout.split(separator: "\n")
        // Every table row has the same width: escapes are measured as they are shown.
        let widths = Set(words.dropLast().map { $0.count })
        XCTAssertEqual(widths.count, 1, words.joined(separator: "\n"))
        let json = try CLI.json(["words", "--json", "--embeddings", file, "--no-cache"]) as? [[String: Any]]
        XCTAssertEqual(json?.compactMap { $0["word"] as? String }, Self.hostileTokens + ["plain"], "JSON escapes read back exactly")
    }

    func testAnEscapeInAnArgumentComesBackEscapedInTheError() throws {
        let result = try CLI.run(["similarity", "apple", "\u{1B}]0;PWNED\u{07}x\u{202E}"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(rawControls(result.stderr), [])
        XCTAssertEqual(
            result.stderr, "attn-tui: unknown word '\\u{1b}]0;PWNED\\u{7}x\\u{202e}': not in the built-in lexicon and word pack\n")
        let option = try CLI.run(["words", "--bogus\u{1B}[2J"])
        XCTAssertEqual(rawControls(option.stderr), [], option.stderr)
        XCTAssertNotEqual(option.status, 0)
    }

    func testAMalformedFileErrorShowsItsTokenEscaped() throws {
        let path = folder + "/broken.txt"
        try Data("good 1 2\nbad \u{1B}[2Jx 3\n".utf8).write(to: URL(fileURLWithPath: path))
        let result = try CLI.run(["words", "--embeddings", path, "--no-cache"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(rawControls(result.stderr), [], result.stderr)
        XCTAssertTrue(result.stderr.contains("\"\\u{1b}[2Jx\""), result.stderr)
    }

    // MARK: Item 10

    func testAFailedWriteOfTheOutputIsAnError() throws {
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "\"$0\" words > /dev/full", CLI.executable.path]
        let errors = Pipe()
        shell.standardError = errors
        try shell.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        XCTAssertEqual(shell.terminationStatus, 1)
        XCTAssertEqual(message, "attn-tui: cannot write the output: No space left on device\n")
    }

    func testMalformedOptionsSayWhatIsWrong() throws {
        let cases: [([String], String)] = [
            (["render", "--state-dir", ""], "--state-dir needs a folder name"),
            (["--state-dir", ""], "--state-dir needs a folder name"),
            (["export", "--state-dir", "", folder + "/out"], "--state-dir needs a folder name"),
            (
                ["render", "--size", "-5x10"],
                "The value '-5x10' is invalid for '--size <COLSxROWS>': the width (COLS) must be between 1 and 1000, got -5"
            ),
            (
                ["render", "--size", "80x0"],
                "The value '80x0' is invalid for '--size <COLSxROWS>': the height (ROWS) must be between 1 and 1000, got 0"
            ),
            (["render", "--size", "wide"], "The value 'wide' is invalid for '--size <COLSxROWS>': it must be COLSxROWS"),
            (["render", "--keys", "<Enter"], "--keys: unclosed key name <Enter"),
            (["render", "--keys", "akiwi<Enter"], "--keys: unclosed key name <Enter"),
        ]
        for (arguments, expected) in cases {
            let result = try CLI.run(arguments)
            XCTAssertNotEqual(result.status, 0, arguments.joined(separator: " "))
            XCTAssertEqual(result.stdout, "", arguments.joined(separator: " "))
            XCTAssertTrue(result.stderr.hasPrefix("attn-tui: " + expected), "\(arguments): \(result.stderr)")
            XCTAssertEqual(result.stderr.filter { $0 == "\n" }.count, 1, "one line: \(result.stderr)")
        }
    }
}
