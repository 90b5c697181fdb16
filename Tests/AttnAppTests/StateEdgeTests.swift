// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Foundation
import TUIKit
import Vocabularies
import XCTest

@testable import AttnApp

/// Issue 9: saved state read only by `render`, newer and absurd files, placed
/// words of two vocabularies, and saves off the key path.
final class StateEdgeTests: TemporaryFolderTestCase {
    /// Every file in the folder with its bytes and modification time.
    private func snapshot(_ directory: String) -> [String: String] {
        var result: [String: String] = [:]
        for name in contents(ofDirectory: directory) {
            let path = directory + "/" + name
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            let data = FileManager.default.contents(atPath: path) ?? Data()
            result[name] = "\(data.base64EncodedString()) \(String(describing: attributes?[.modificationDate]))"
        }
        return result
    }

    private func writeState(_ json: String, in directory: String) {
        XCTAssertTrue(FileManager.default.createFile(atPath: directory + "/state.json", contents: Data(json.utf8)))
    }

    // MARK: 4. render never writes

    func testAReadOnlySessionNeverWritesNorMovesAnything() throws {
        let directory = temporaryDirectory()
        try StateStore(directory: directory).save(
            SavedState(lesson: "sandbox", customWords: [], sandboxWords: ["apple", "kiwi", "lemon", "phone"]))
        let before = snapshot(directory)
        let session = Session(
            course: course, vocabulary: lexicon, lesson: nil, stateDir: directory, persist: true, readOnly: true, colorMode: .monochrome)
        XCTAssertEqual(session.state.wordNames, ["apple", "kiwi", "lemon", "phone"], "it reads the saved words")
        session.run(
            on: RecordingTerminal(size: Size(width: 80, height: 24), keys: try KeyNotation.parse("dddd3azorblax<Enter><Right><Enter>q")))
        XCTAssertEqual(
            session.state.saved.sandboxWords?.filter { ["apple", "kiwi", "lemon", "phone"].contains($0) }, [], "removed in play")
        XCTAssertEqual(snapshot(directory), before, "the folder is exactly as it was")

        // Nor is a bad file moved aside: it is reported and left alone.
        writeState("{ broken", in: directory)
        let brokenBefore = snapshot(directory)
        let broken = Session(
            course: course, vocabulary: lexicon, lesson: nil, stateDir: directory, persist: true, readOnly: true, colorMode: .monochrome)
        XCTAssertEqual(broken.warnings.count, 1)
        XCTAssertTrue(broken.warnings[0].contains("left as it is"), broken.warnings[0])
        XCTAssertEqual(snapshot(directory), brokenBefore)
    }

    // MARK: 5. a newer version is moved aside

    func testAStateFromANewerVersionIsMovedAsideNotRewritten() throws {
        let directory = temporaryDirectory()
        let newer = #"{"version": 99, "lesson": 3, "customWords": [], "sandboxWords": ["apple"], "futureThing": {"x": 1}}"#
        writeState(newer, in: directory)
        let session = Session(course: course, vocabulary: lexicon, lesson: nil, stateDir: directory, persist: true, colorMode: .monochrome)
        XCTAssertEqual(session.warnings.count, 1)
        XCTAssertTrue(session.warnings[0].contains("newer attn-tui (format 99; this one reads 2)"), session.warnings[0])
        XCTAssertEqual(session.state.message, session.warnings[0], "shown on the first frame")
        XCTAssertEqual(session.state.lessonIndex, 0, "its contents are not used as if they were this version's")
        let aside = contents(ofDirectory: directory).filter { $0.hasPrefix("state.json.newer-v99") }
        XCTAssertEqual(aside.count, 1, "\(contents(ofDirectory: directory))")
        XCTAssertEqual(FileManager.default.contents(atPath: directory + "/" + aside[0]), Data(newer.utf8), "kept byte for byte")
        session.run(on: RecordingTerminal(size: Size(width: 80, height: 24), keys: try KeyNotation.parse("akiwi<Enter>q")))
        XCTAssertEqual(FileManager.default.contents(atPath: directory + "/" + aside[0]), Data(newer.utf8), "never rewritten")
        XCTAssertEqual(StateStore(directory: directory).load(course: course).state?.version, 2, "a fresh file of this version")
    }

    // MARK: 8. a placed word per vocabulary

    func testAWordPlacedForAFileAndForTheLexiconKeepsBoth() throws {
        let directory = temporaryDirectory()
        let table = EmbeddingTable(
            words: ["north", "south", "east", "west"], vectors: [[1, 0, 0, 0], [-1, 0, 0, 0], [0, 1, 0, 0], [0, -1, 0, 0.5]])
        let file = Vocabulary(table: table, source: "compass.txt")
        func open() -> Session {
            Session(course: course, vocabulary: file, lesson: index(sandboxID), stateDir: directory, persist: true, colorMode: .monochrome)
        }
        let session = open()
        XCTAssertEqual(session.state.space.dimension, 4)
        // Placed in the sandbox (the file, 4-D), then in lesson 1 (the lexicon, 13-D).
        for key in try KeyNotation.parse("azork<Enter><Right><Enter>1azork<Enter><Right><Enter>") { session.handle(.key(key)) }
        session.waitForSaves()
        let dimensions = session.state.customWords.filter { $0.word == "zork" }.map(\.vector.count).sorted()
        XCTAssertEqual(dimensions, [4, lexicon.table.dimension], "both placements kept")
        let saved = try XCTUnwrap(StateStore(directory: directory).load(course: course).state)
        XCTAssertEqual(saved.customWords.filter { $0.word == "zork" }.map(\.vector.count).sorted(), dimensions, "and both saved")

        // Each comes back in its own vocabulary.
        let again = open()
        XCTAssertEqual(again.state.lookUp("zork")?.vector.count, 4)
        again.handle(.key(.character("1")))
        XCTAssertEqual(again.state.lookUp("zork")?.vector.count, lexicon.table.dimension)
    }

    // MARK: 14. absurd hand-edited values

    func testAbsurdValuesAreRefusedOrClampedWithAWarning() throws {
        let directory = temporaryDirectory()
        let d = lexicon.table.dimension
        func vector(_ value: String) -> String { "[" + Array(repeating: value, count: d).joined(separator: ", ") + "]" }
        let many = (0..<3000).map { #"{"word": "w\#($0)", "vector": \#(vector("0.5")), "category": "custom", "isCustom": true}"# }
        let json = """
            {"version": 1, "lesson": 14,
             "customWords": [
               {"word": "huge", "vector": \(vector("1e308")), "category": "custom", "isCustom": true},
               {"word": "twice", "vector": \(vector("0.2")), "category": "custom", "isCustom": true},
               {"word": "twice", "vector": \(vector("0.9")), "category": "custom", "isCustom": true},
               {"word": "zero", "vector": \(vector("0")), "category": "custom", "isCustom": true},
               {"word": "", "vector": \(vector("0.1")), "category": "custom", "isCustom": true},
               \(many.joined(separator: ",\n"))],
             "sandboxWords": ["apple", "apple", "huge", "twice", "kiwi", "huge"]}
            """
        writeState(json, in: directory)
        let session = Session(course: course, vocabulary: lexicon, lesson: nil, stateDir: directory, persist: true, colorMode: .monochrome)
        let warnings = session.warnings.joined(separator: "\n")
        XCTAssertTrue(warnings.contains("2 placed word(s) refused"), warnings)
        XCTAssertTrue(warnings.contains("1 duplicate placed word(s) dropped"), warnings)
        XCTAssertTrue(warnings.contains("1 placed word(s) had values beyond ±10: clamped"), warnings)
        XCTAssertTrue(warnings.contains("only the first 1000 are kept"), warnings)
        XCTAssertTrue(warnings.contains("2 repeated saved word(s) or task(s) dropped"), warnings)
        let state = session.state
        XCTAssertEqual(state.wordNames, ["apple", "huge", "twice", "kiwi"])
        XCTAssertEqual(state.lookUp("huge")?.vector, Array(repeating: 10, count: d))
        XCTAssertEqual(state.lookUp("twice")?.vector, Array(repeating: 0.2, count: d), "the first of two is kept")
        XCTAssertEqual(state.customWords.count, 1000)
        XCTAssertTrue(state.analysis.attention?.weights.allSatisfy { $0.allSatisfy(\.isFinite) } ?? false, "finite weights")

        // Every panel keeps its numbers inside its border, at every layout.
        for size in [Size(width: 200, height: 60), Size(width: 120, height: 40), Size(width: 80, height: 24), Size(width: 50, height: 15)] {
            var shown = state
            for keys in ["", "<Tab>", "<Tab><Tab>", "m", "mm"] {
                shown.press(keys)
                assertPanelsIntact(AppView.render(shown, size: size, colorMode: .monochrome), size: size)
            }
        }
    }

    /// Issue 18, item 8: a placed word of one character with 5,000 combining marks counted as one
    /// character against the 40 allowed, and was kept; now a character is bounded in scalars too.
    func testAPlacedWordWithAHugeCharacterIsRefusedOnLoad() throws {
        let directory = temporaryDirectory()
        let d = lexicon.table.dimension
        let vector = "[" + Array(repeating: "0.5", count: d).joined(separator: ", ") + "]"
        let huge = "b" + String(repeating: "\\u0301", count: 5000)
        let json = """
            {"version": 1,
             "customWords": [
               {"word": "\(huge)", "vector": \(vector), "category": "custom", "isCustom": true},
               {"word": "zorb", "vector": \(vector), "category": "custom", "isCustom": true}]}
            """
        writeState(json, in: directory)
        let session = Session(course: course, vocabulary: lexicon, lesson: nil, stateDir: directory, persist: true, colorMode: .monochrome)
        let warnings = session.warnings.joined(separator: "\n")
        XCTAssertTrue(warnings.contains("1 placed word(s) refused"), warnings)
        XCTAssertEqual(session.state.customWords.map(\.word), ["zorb"])
    }

    /// Issue 18, item 11: one bound on the words in play, at load as at add (600 were saved and 500
    /// kept on load before it was one number).
    func testTheBoundOnWordsInPlayIsTheSameAtLoadAndAtAdd() throws {
        let directory = temporaryDirectory()
        let pack = Vocabulary.builtInWithPack().table
        let names = (0..<pack.count).lazy.filter { pack.vector(at: $0).contains { $0 != 0 } }.map { pack.word(at: $0) }
            .filter { $0.allSatisfy(\.isLetter) }.prefix(Workspace.wordLimit + 101)
        let saved = Array(names.prefix(Workspace.wordLimit + 100))
        let json = #"{"version": 1, "lesson": 14, "sandboxWords": ["# + saved.map { "\"\($0)\"" }.joined(separator: ", ") + "]}"
        writeState(json, in: directory)
        let session = Session(course: course, vocabulary: lexicon, lesson: nil, stateDir: directory, persist: true, colorMode: .monochrome)
        let warnings = session.warnings.joined(separator: "\n")
        XCTAssertTrue(warnings.contains("100 saved word(s) beyond \(Workspace.wordLimit) in play dropped"), warnings)
        var state = session.state
        XCTAssertEqual(state.lessonID, "sandbox")
        XCTAssertEqual(state.words.count, Workspace.wordLimit)
        XCTAssertEqual(Array(state.wordNames.prefix(100)), Array(saved.prefix(100)), "the first ones, in order")
        let another = try XCTUnwrap(names.dropFirst(Workspace.wordLimit).first { !state.wordNames.contains($0) })
        state.press("a\(another)<Enter>")
        XCTAssertEqual(state.words.count, Workspace.wordLimit)
        XCTAssertEqual(state.message, "\(Workspace.wordLimit) words are in play, the most there can be: d removes one first")
    }

    /// Every box drawn has both vertical borders on every inner row: nothing was written over them.
    private func assertPanelsIntact(_ buffer: Buffer, size: Size, line: UInt = #line) {
        let lines = buffer.lines.map { Array($0) }
        let corners: [(Character, Character, Character)] = [("╭", "╮", "│"), ("┏", "┓", "┃"), ("┌", "┐", "│")]
        var boxes = 0
        defer { XCTAssertGreaterThan(boxes, 0, "panels were found to check (\(size))", line: line) }
        for (top, row) in lines.enumerated() {
            for (left, character) in row.enumerated() {
                guard let kind = corners.first(where: { $0.0 == character }),
                    let right = row[left...].firstIndex(of: kind.1)
                else { continue }
                boxes += 1
                var y = top + 1
                while y < lines.count, left < lines[y].count, !["╰", "┗", "└"].contains(lines[y][left]) {
                    let middle = lines[y]
                    if right < middle.count, middle[left] != kind.2 || middle[right] != kind.2 {
                        XCTFail("a panel's border is overwritten at row \(y) (\(size)):\n\(buffer.text)", line: line)
                        return
                    }
                    y += 1
                }
            }
        }
    }

    // MARK: 9. saves off the key path

    func testSavingNeverBlocksAKeyAndIsCoalesced() throws {
        let gate = Gate()
        let written = Recorder()
        let saver = BackgroundSaver(write: { state throws(StateStoreError) in
            gate.wait()
            written.append(state.lesson ?? "")
        })
        let clock = ContinuousClock()
        let start = clock.now
        for lesson in 1...50 { saver.submit(SavedState(lesson: "lesson \(lesson)", customWords: [], sandboxWords: nil)) }
        XCTAssertLessThan(start.duration(to: clock.now), .seconds(1), "50 saves queued while the disk is stuck")
        XCTAssertEqual(written.values, [], "nothing written yet: the write is stuck")
        gate.open()
        saver.waitUntilIdle()
        XCTAssertEqual(written.values.last, "lesson 50", "the newest state is written last")
        XCTAssertLessThanOrEqual(written.values.count, 2, "coalesced: the first, then only the newest")
        XCTAssertEqual(saver.takeOutcomes().map(\.failure), Array(repeating: nil, count: written.values.count))
    }

    func testASessionKeyDoesNotWaitForTheDiskAndAFailureIsReportedAtTheEnd() throws {
        let directory = temporaryDirectory()
        let blocker = directory + "/file"
        XCTAssertTrue(FileManager.default.createFile(atPath: blocker, contents: Data()))
        let session = Session(
            course: course, vocabulary: lexicon, lesson: index(sandboxID), stateDir: blocker + "/sub", persist: true, colorMode: .monochrome
        )
        session.run(on: RecordingTerminal(size: Size(width: 80, height: 24), keys: try KeyNotation.parse("akiwi<Enter>d")))
        XCTAssertEqual(session.saveError, "cannot create \(blocker)/sub: Not a directory", "known when run returns")
    }
}

/// A door a background write waits at.
private final class Gate: @unchecked Sendable {
    private let condition = NSCondition()
    private var isOpen = false
    func wait() {
        condition.lock()
        while !isOpen { condition.wait() }
        condition.unlock()
    }
    func open() {
        condition.lock()
        isOpen = true
        condition.broadcast()
        condition.unlock()
    }
}

private final class Recorder: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ value: String) { lock.withLock { stored.append(value) } }
    var values: [String] { lock.withLock { stored } }
}
