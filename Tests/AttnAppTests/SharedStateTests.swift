// SPDX-License-Identifier: Apache-2.0

import Foundation
import TUIKit
import Vocabularies
import XCTest

@testable import AttnApp
@testable import Lessons

/// Two programs on one state folder, and saves that must not silently fail (issue 18: 1, 10, 12).
final class SharedStateTests: TemporaryFolderTestCase {
    func sandboxSession(_ directory: String) -> Session {
        Session(course: course, vocabulary: lexicon, lesson: index(sandboxID), stateDir: directory, persist: true, colorMode: .monochrome)
    }

    func press(_ keys: String, in session: Session) throws {
        for key in try KeyNotation.parse(keys) { session.handle(.key(key)) }
        session.waitForSaves()
    }

    func savedWords(_ directory: String) -> [String] {
        StateStore(directory: directory).peek(course: course)?.sandboxWords ?? []
    }

    func testTwoProgramsKeepEachOthersSandboxWordsAndPlacedWords() throws {
        let directory = temporaryDirectory()
        let first = sandboxSession(directory)
        let second = sandboxSession(directory)
        try press("akiwi<Enter>", in: first)
        try press("azorblax<Enter><Right><Enter>", in: first)
        // The second never saw kiwi or zorblax; its own change must not erase them.
        try press("amango<Enter>", in: second)
        try press("d", in: second)  // removes mango, its own addition, not the first's words
        try press("alemon<Enter>", in: second)
        let words = savedWords(directory)
        for word in ["kiwi", "zorblax", "lemon"] { XCTAssertTrue(words.contains(word), "\(word) kept: \(words)") }
        XCTAssertFalse(words.contains("mango"), "a removal is a change too: \(words)")
        let placed = Set((StateStore(directory: directory).peek(course: course)?.customWords ?? []).map(\.word))
        XCTAssertEqual(placed, ["zorblax"])
        // A removal of a word both had is kept too.
        try press("<Home><End>", in: first)
        let apple = try XCTUnwrap(first.state.words.firstIndex { $0.word == "apple" })
        XCTAssertEqual(apple, 0)
        try press("d", in: first)
        XCTAssertFalse(savedWords(directory).contains("apple"), "\(savedWords(directory))")
        XCTAssertTrue(savedWords(directory).contains("lemon"), "the second's word stays")
    }

    func testTheMergeReplaysAdditionsAndRemovalsOnTheOtherProgramsList() {
        XCTAssertEqual(SavedState.mergedList(ours: ["a", "b", "x"], theirs: ["a", "b", "c"], base: ["a", "b"]), ["a", "b", "c", "x"])
        XCTAssertEqual(SavedState.mergedList(ours: ["b"], theirs: ["a", "b", "c"], base: ["a", "b"]), ["b", "c"])
        XCTAssertEqual(SavedState.mergedList(ours: ["a", "b"], theirs: ["c"], base: ["a", "b"]), ["c"], "unchanged: theirs")
        XCTAssertEqual(SavedState.mergedList(ours: ["a"], theirs: nil, base: nil), ["a"])
        XCTAssertEqual(SavedState.mergedList(ours: nil, theirs: ["c"], base: ["a"]), ["c"])
    }

    func testAStateANewerVersionWroteWhileRunningIsNeverRewritten() throws {
        let directory = temporaryDirectory()
        let session = sandboxSession(directory)
        try press("akiwi<Enter>", in: session)
        let newer = #"{"version": 99, "lesson": "somewhere", "customWords": []}"#
        try Data(newer.utf8).write(to: URL(fileURLWithPath: directory + "/state.json"))
        try press("alemon<Enter>", in: session)
        XCTAssertEqual(String(decoding: try Data(contentsOf: URL(fileURLWithPath: directory + "/state.json")), as: UTF8.self), newer)
        let message = try XCTUnwrap(session.state.message)
        XCTAssertTrue(message.hasPrefix("not saved:") && message.contains("newer attn-tui"), message)
        XCTAssertNotNil(session.saveError, "and said again at exit")
    }

    func testAFailedSaveStaysOnScreenUntilTheLearnerHasSeenIt() throws {
        let directory = temporaryDirectory()
        let blocker = directory + "/file"
        XCTAssertTrue(FileManager.default.createFile(atPath: blocker, contents: Data()))
        let session = sandboxSession(blocker + "/attn-tui")
        for key in try KeyNotation.parse("akiwi<Enter>") { session.handle(.key(key)) }
        // The write fails on the saver's thread, soon or late: the frame after Enter or the one
        // after the next key shows it (never a key that clears it before it is drawn).
        session.waitForWrites()
        let afterEnter = session.state.message ?? ""
        session.handle(.key(.down))
        let afterNextKey = session.state.message ?? ""
        XCTAssertTrue(
            afterEnter.hasPrefix("not saved:") || afterNextKey.hasPrefix("not saved:"), "\(afterEnter) / \(afterNextKey)")
        if afterNextKey.hasPrefix("not saved:") { session.handle(.key(.down)) }
        XCTAssertNil(session.state.message, "seen, then cleared by the next key")
    }
}

/// A state file far bigger than any real one (issue 18, item 22).
final class HugeStateFileTests: TemporaryFolderTestCase {
    func testAHugeStateFileIsMovedAsideUnreadAndSaidSo() throws {
        let directory = temporaryDirectory()
        let path = directory + "/state.json"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(StateStore.sizeLimit + 1))
        try handle.close()
        let loaded = StateStore(directory: directory).load(course: course)
        XCTAssertNil(loaded.state)
        let warning = try XCTUnwrap(loaded.warning)
        XCTAssertTrue(warning.contains("more than a state file can be") && warning.contains("moved aside"), warning)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), "moved aside, not read")
        XCTAssertEqual(contents(ofDirectory: directory).filter { $0.hasPrefix("state.json.too-large") }.count, 1)
    }
}
