// SPDX-License-Identifier: Apache-2.0

import Foundation
import XCTest

/// The command line as scripts use it (issues 18 and 19): exit statuses, closed pipes and
/// full disks, usage errors, large outputs streamed, `neighbors` over the whole vocabulary.
final class CLIScriptingTests: XCTestCase {
    private var folder = ""

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "attn-cli-scripting-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func write(_ name: String, _ text: String) throws -> String {
        let path = folder + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Runs `script` in sh with the binary as $0; returns its status and standard error.
    private func shell(_ script: String) throws -> (status: Int32, stderr: String) {
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/bash")
        shell.arguments = ["-c", script, CLI.executable.path]
        shell.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        shell.standardError = errors
        try shell.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        return (shell.terminationStatus, message)
    }

    // MARK: Issue 18 item 18: help to a full disk fails; a closed pipe ends quietly

    func testHelpAndNoticesThatCannotBeWrittenAreAnError() throws {
        for arguments in ["--help", "--licenses", "similarity --help", "--generate-completion-script bash"] {
            let result = try shell("\"$0\" \(arguments) > /dev/full")
            XCTAssertEqual(result.status, 1, arguments)
            XCTAssertEqual(result.stderr, "attn-tui: cannot write the output: No space left on device\n", arguments)
        }
    }

    func testAReaderThatStopsEarlyEndsTheProgramQuietly() throws {
        // Under pipefail our status is the pipeline's: a reader that had enough must not fail the script.
        for command in ["words", "words --json", "neighbors apple -k 50", "--licenses"] {
            let result = try shell("set -o pipefail; \"$0\" \(command) | head -c 10")
            XCTAssertEqual(result.status, 0, "\(command): \(result.stderr)")
            XCTAssertEqual(result.stderr, "", command)
        }
    }

    // MARK: Issue 18 item 20 and issue 19 item 10: usage errors exit 64, data errors 1

    func testUsageErrorsExit64AndProblemsWithTheData1() throws {
        let file = try write("v.txt", "alpha 1 0\nbeta 0 1\n")
        let usage: [[String]] = [
            ["similarity", "king"], ["similarity", "a b c"], ["similarity", "apple", "pear", "kiwi"], ["render", "--words", ""],
            ["render", "--words", " , "], ["matrix", ""], ["attention", "  "], ["neighbors", "apple", "-k", "0"], ["--lesson", "-1"],
            ["render", "--lesson", "-1"], ["export", "", "--words", "apple"], ["words", "--bogus"], ["neighbors"],
            ["neighbors", "alpha", "--space", "glove", "--embeddings", file],
        ]
        for arguments in usage {
            let result = try CLI.run(arguments)
            XCTAssertEqual(result.status, 64, "\(arguments): \(result.stderr)")
            XCTAssertEqual(result.stderr.filter { $0 == "\n" }.count, 1, "one line: \(result.stderr)")
            XCTAssertTrue(result.stderr.hasSuffix("(see 'attn-tui --help')\n"), "\(arguments): \(result.stderr)")
        }
        for arguments in [
            ["similarity", "apple", "zzqx"], ["words", "zzqx"], ["similarity", "alpha", "gamma", "--embeddings", file],
            ["words", "--embeddings", folder + "/missing.txt"],
        ] {
            let result = try CLI.run(arguments)
            XCTAssertEqual(result.status, 1, "\(arguments): \(result.stderr)")
            XCTAssertEqual(result.stderr.filter { $0 == "\n" }.count, 1, "one line: \(result.stderr)")
        }
        let help = try CLI.run(["--help"]).stdout
        XCTAssertTrue(help.contains("64 for a usage error"), help)
    }

    func testMessagesSayWhatIsWrong() throws {
        XCTAssertEqual(
            try CLI.run(["--lesson", "-1"]).stderr,
            "attn-tui: --lesson must be a lesson id (vectors, features, dot-product, …: see 'attn-tui lessons') or a number from 1 to \(try lessonCount()), got '-1' (see 'attn-tui --help')\n"
        )
        XCTAssertEqual(
            try CLI.run(["export", ""]).stderr,
            "attn-tui: export needs a folder name (DIR), got an empty string (see 'attn-tui --help')\n")
        XCTAssertEqual(
            try CLI.run(["similarity", "king"]).stderr, "attn-tui: similarity takes exactly two words, got 1 (see 'attn-tui --help')\n")
    }

    /// Issue 18 item 11: `--words` with 6,000 words put them all in play (2.3 GB, 28 s, 0.6 s a
    /// key); the screen holds at most `Workspace.wordLimit`, as when adding words or loading saved ones.
    func testWordsBeyondTheBoundInPlayAreAUsageError() throws {
        let count = 501
        let lines = (0..<count).map { "w\($0) \(Double($0 % 7) - 3) \(Double($0 % 5) + 1)" }
        let file = try write("many.txt", lines.joined(separator: "\n") + "\n")
        let all = (0..<count).map { "w\($0)" }.joined(separator: ",")
        let result = try CLI.run(["render", "--embeddings", file, "--words", all, "--size", "80x24"])
        XCTAssertEqual(result.status, 64, result.stderr)
        XCTAssertEqual(
            result.stderr,
            "attn-tui: --words gives 501 words: at most 500 can be in play at once (as when adding words or loading saved ones) (see 'attn-tui --help')\n"
        )
        XCTAssertEqual(result.stdout, "")
        // The same through the interactive program's options, before any terminal is asked for.
        XCTAssertEqual(try CLI.run(["--embeddings", file, "--words", all]).status, 64)
        // A word given twice is in play twice: 500 and one repeated are 501.
        let bound = (0..<500).map { "w\($0)" }.joined(separator: ",")
        XCTAssertEqual(try CLI.run(["render", "--embeddings", file, "--words", bound + ",w0"]).status, 64)
        let shown = try CLI.run(["render", "--embeddings", file, "--words", bound, "--size", "120x40"])
        XCTAssertEqual(shown.status, 0, shown.stderr)
        XCTAssertTrue(shown.stdout.contains("· 500 words"), shown.stdout)
        // export writes files, not a screen: its --words are not bounded by what the screen holds.
        let export = try CLI.run(["export", folder + "/out", "--embeddings", file, "--words", all])
        XCTAssertEqual(export.status, 0, export.stderr)
        XCTAssertTrue(export.stdout.hasPrefix("wrote 501 words"), export.stdout)
    }

    func testACompressedFileIsSaidToBeCompressed() throws {
        let path = folder + "/vectors.txt.gz"
        // "a 1 2\n" compressed by gzip (Python's gzip.compress, mtime 0).
        let gzip: [UInt8] = [
            0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x4B, 0x54, 0x30, 0x54, 0x30, 0xE2, 0x02, 0x00, 0x13, 0x36,
            0xD4, 0xCE, 0x06, 0x00, 0x00, 0x00,
        ]
        try Data(gzip).write(to: URL(fileURLWithPath: path))
        let result = try CLI.run(["words", "--embeddings", path, "--no-cache"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "attn-tui: \(path): looks compressed (gzip): decompress it first (gunzip FILE)\n")
    }

    /// A file's token may hold U+0085, U+00A0 or U+2028 (the readers split on space, tab and line
    /// breaks only): `words` lists such a word, and every query finds it as listed.
    func testWordsThatHoldOtherWhitespaceAreFoundAsListed() throws {
        let tokens = ["x\u{2028}y", "p\u{85}q", "nb\u{A0}sp"]
        let file = try write("odd.txt", tokens.enumerated().map { "\($1) \($0 + 1) 1" }.joined(separator: "\n") + "\n")
        let listed = try XCTUnwrap(try CLI.json(["words", "--json", "--embeddings", file, "--no-cache"]) as? [[String: Any]])
        XCTAssertEqual(listed.compactMap { $0["word"] as? String }, tokens)
        let pair = try XCTUnwrap(try CLI.json(["similarity", tokens[0], tokens[1], "--json", "--embeddings", file]) as? [String: Any])
        XCTAssertEqual(pair["a"] as? String, tokens[0])
        XCTAssertEqual(pair["b"] as? String, tokens[1])
        let one = try XCTUnwrap(try CLI.json(["words", tokens[2], "--json", "--embeddings", file]) as? [[String: Any]])
        XCTAssertEqual(one.compactMap { $0["word"] as? String }, [tokens[2]])
    }

    // MARK: Issue 18 item 4: a huge k

    func testAHugeKIsClampedToTheRows() throws {
        let file = try write("v.txt", "alpha 1 0\nbeta 0.9 0.1\ngamma 0 1\n")
        for k in ["4611686018427387904", "9223372036854775807"] {
            let result = try CLI.run(["neighbors", "alpha", "-k", k, "--embeddings", file, "--no-cache"])
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertEqual(result.stdout.split(separator: "\n").count, 3, "every other row: \(result.stdout)")
        }
    }

    // MARK: Issue 18 item 13, issue 19 items 5 and 10: neighbours

    func testAWordWithNoDirectionGetsNoNeighboursAndAReason() throws {
        // `are` is all zero in the word pack; `bold` is short (0.04 long): a direction lost in noise.
        let text = try CLI.run(["neighbors", "are", "bold"])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertEqual(
            text.stdout,
            """
            nearest to are (cosine): none — 'are' has a zero vector: it has no direction, so no cosine with any word

            nearest to bold (cosine): none — 'bold' has no direction: its length 0.040 is under 0.131 \
            (a tenth of a typical word's length): its cosines would be noise

            """)
        let json = try XCTUnwrap(try CLI.json(["neighbors", "bold", "--json"]) as? [[String: Any]])
        XCTAssertEqual(json.count, 1)
        XCTAssertEqual((json[0]["neighbors"] as? [Any])?.count, 0)
        XCTAssertTrue((json[0]["reason"] as? String)?.contains("no direction") == true)
        // Nor is such a word anybody's neighbour: bread's nearest are food words, not bold.
        let bread = try XCTUnwrap((try CLI.json(["neighbors", "bread", "-k", "20", "--json"]) as? [[String: Any]])?.first)
        let names = try XCTUnwrap(bread["neighbors"] as? [[String: Any]]).compactMap { $0["word"] as? String }
        XCTAssertEqual(names.count, 20)
        XCTAssertFalse(names.contains("bold"), "\(names)")
    }

    func testBraveHasNoDirectionInTheFeaturesButHasInGloVe() throws {
        // Issue 19's example: brave, about none of the 13 features, once got bread at 0.979.
        let features = try CLI.run(["neighbors", "brave"])
        XCTAssertEqual(features.status, 0, features.stderr)
        XCTAssertTrue(features.stdout.contains("none — 'brave'") && features.stdout.contains("no direction"), features.stdout)
        XCTAssertFalse(features.stdout.contains("bread"), features.stdout)
        let answer = try CLI.json(["neighbors", "brave", "--space", "glove", "-k", "3", "--json"])
        let glove = try XCTUnwrap((answer as? [[String: Any]])?.first)
        let names = try XCTUnwrap(glove["neighbors"] as? [[String: Any]]).compactMap { $0["word"] as? String }
        XCTAssertTrue(names.contains("courageous"), "\(names)")
    }

    func testNeighboursComeFromTheWholeWordPack() throws {
        // An instrument's nearest words are instruments (the pack's WordNet label), not the
        // hand-made audio electronics (subwoofer, speaker, amplifier) the lexicon alone gave.
        let violin = try XCTUnwrap((try CLI.json(["neighbors", "violin", "--json"]) as? [[String: Any]])?.first)
        let names = try XCTUnwrap(violin["neighbors"] as? [[String: Any]]).compactMap { $0["word"] as? String }
        let labelled = try XCTUnwrap(try CLI.json(["words", "--json"] + names) as? [[String: Any]])
        let instruments = labelled.filter { $0["category"] as? String == "instrument" }.count
        XCTAssertGreaterThanOrEqual(instruments, 6, "\(names)")
        XCTAssertFalse(names.contains("subwoofer"), "\(names)")
    }

    func testTheGloVeSpaceAnswersFromTheRealVectors() throws {
        let king = try XCTUnwrap((try CLI.json(["neighbors", "king", "--space", "glove", "-k", "5", "--json"]) as? [[String: Any]])?.first)
        let names = try XCTUnwrap(king["neighbors"] as? [[String: Any]]).compactMap { $0["word"] as? String }
        // GloVe 6B 50-d itself ranks prince (0.82) just above queen (0.78).
        XCTAssertEqual(Array(names.prefix(2)), ["prince", "queen"], "\(names)")
        XCTAssertEqual(try CLI.run(["neighbors", "king", "--space", "features"]).status, 0)
    }

    func testNeighboursJSONIsAlwaysAnArrayAndCountIsK() throws {
        let one = try XCTUnwrap(try CLI.json(["neighbors", "banana", "--count", "3", "--json"]) as? [[String: Any]])
        XCTAssertEqual(one.count, 1)
        XCTAssertEqual((one[0]["neighbors"] as? [Any])?.count, 3)
        let two = try XCTUnwrap(try CLI.json(["neighbors", "banana", "laptop", "-k", "2", "--json"]) as? [[String: Any]])
        XCTAssertEqual(two.compactMap { $0["word"] as? String }, ["banana", "laptop"])
    }

    func testWordsGivesJustTheWordsAsked() throws {
        let result = try CLI.run(["words", "kiwi", "Garlic", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertLessThan(result.stdout.utf8.count, 2000, "two words, not the whole vocabulary")
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.compactMap { $0["word"] as? String }, ["kiwi", "garlic"])
        XCTAssertEqual(rows.compactMap { $0["source"] as? String }, ["hand-made", "estimated"])
        let text = try CLI.run(["words", "kiwi"]).stdout.split(separator: "\n")
        XCTAssertEqual(text.count, 3, "header, kiwi, summary: \(text)")
    }

    func testTheNullOfAnUndefinedCosineIsDocumented() throws {
        XCTAssertTrue(try CLI.run(["similarity", "--help"]).stdout.contains("\"cosine\": null"))
        XCTAssertTrue(try CLI.run(["matrix", "--help"]).stdout.contains("null in JSON"))
    }

    // MARK: Issue 18 item 11: large outputs are streamed

    /// Peak resident memory (KB) and status of a whole process writing to /dev/null: its VmHWM,
    /// read from /proc while it runs. (wait4's ru_maxrss would not do: a child started by
    /// posix_spawn shares this process's memory until it execs, and Linux counts that high-water
    /// mark, the test runner's hundreds of megabytes, as the child's.)
    private func peakMemory(_ arguments: [String]) throws -> (status: Int32, kilobytes: Int) {
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        let argv = ([CLI.executable.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, CLI.executable.path, &actions, nil, argv, environ) == 0 else {
            throw CocoaError(.executableLoad)
        }
        var peak = 0
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            let text = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
            {
                peak = max(peak, kilobytes)
            }
            usleep(2000)
        }
        // An exit status, or minus the signal that ended it.
        return (status & 0x7F == 0 ? (status >> 8) & 0xFF : -(status & 0x7F), peak)
    }

    func testALargeAttentionIsWrittenRowByRow() throws {
        // 800 words: two 640,000-number matrices, 30 MB of JSON. Built whole (a JSON tree, then
        // one string, then its escaped copy) they took 125 MB; streamed, a few rows (text: the same writer).
        let words = (0..<800).map { "w\($0)" }
        let rows = words.enumerated().map { i, word in
            ([word] + (0..<13).map { j in "0.\((i * 31 + j * 17) % 1000 + 1000)" }).joined(separator: " ")
        }
        let file = try write("many.txt", rows.joined(separator: "\n") + "\n")
        let (status, kilobytes) = try peakMemory(["attention", "--embeddings", file, "--no-cache", "--json"] + words)
        XCTAssertEqual(status, 0)
        XCTAssertLessThan(kilobytes, 50_000, "peak \(kilobytes / 1000) MB")
    }
}

/// The number of lessons the program lists.
func lessonCount() throws -> Int {
    try XCTUnwrap(try CLI.json(["lessons", "--json"]) as? [Any]).count
}
