// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Foundation
import TUIKit
import Vocabularies
import XCTest

@testable import AttnApp

/// Saved state: atomic writes, corrupt files moved aside, sessions that keep (or do not keep) words.
final class StateStoreTests: TemporaryFolderTestCase {
    private func writeFile(_ path: String, _ data: Data, line: UInt = #line) {
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: data), "cannot write \(path)", line: line)
    }

    private let zorblax = WordInPlay(word: "zorblax", vector: [0.1, -0.2, 0.3], origin: .custom)

    // MARK: StateStore

    func testSaveAndLoadRoundTrip() throws {
        let store = StateStore(directory: temporaryDirectory() + "/nested/attn-tui")
        XCTAssertNil(store.load(course: course).state, "nothing saved yet")
        XCTAssertNil(store.load(course: course).warning)

        let state = SavedState(lesson: "weighted-average", customWords: [zorblax], sandboxWords: ["apple", "zorblax"])
        try store.save(state)

        let loaded = store.load(course: course)
        XCTAssertNil(loaded.warning)
        XCTAssertEqual(loaded.state, state)
        XCTAssertEqual(loaded.state?.customWords.first?.vector, [0.1, -0.2, 0.3], "vectors exactly")

        // Saving again replaces the file.
        let newer = SavedState(lesson: "features", customWords: [], sandboxWords: nil)
        try store.save(newer)
        XCTAssertEqual(store.load(course: course).state, newer)
    }

    func testTheFileIsReadableJSON() throws {
        let directory = temporaryDirectory()
        let store = StateStore(directory: directory)
        try store.save(SavedState(lesson: "dot-product", customWords: [zorblax], sandboxWords: ["kiwi"]))
        XCTAssertEqual(store.file, directory + "/state.json")
        let data = try XCTUnwrap(FileManager.default.contents(atPath: store.file))
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(object["version"] as? Int, 2)
        XCTAssertEqual(object["lesson"] as? String, "dot-product")
        let sandbox = (object["lessons"] as? [String: Any])?["sandbox"] as? [String: Any]
        XCTAssertEqual((sandbox?["lists"] as? [String: Any])?["words:lexicon"] as? [String], ["kiwi"])
        XCTAssertEqual((object["customWords"] as? [[String: Any]])?.first?["word"] as? String, "zorblax")
    }

    func testAtomicWriteLeavesNoTemporaryFile() throws {
        let directory = temporaryDirectory()
        let store = StateStore(directory: directory)
        for lesson in course.ids.prefix(5) {
            try store.save(SavedState(lesson: lesson, customWords: [zorblax], sandboxWords: nil))
            XCTAssertEqual(contents(ofDirectory: directory), ["state.json"], "after save \(lesson)")
        }
        XCTAssertEqual(store.load(course: course).state?.lesson, course.ids[4])
    }

    func testACorruptFileIsMovedAsideWithAWarning() throws {
        let directory = temporaryDirectory()
        let store = StateStore(directory: directory)
        let garbage = Data("{\"lesson\": 3, \"customWords\": [tru".utf8)
        writeFile(store.file, garbage)

        let loaded = store.load(course: course)

        XCTAssertNil(loaded.state)
        let warning = try XCTUnwrap(loaded.warning)
        XCTAssertTrue(warning.contains(store.file), warning)
        XCTAssertTrue(warning.contains("moved aside"), warning)
        XCTAssertFalse(FileManager.default.fileExists(atPath: store.file), "not left in place to be overwritten")
        let aside = try XCTUnwrap(contents(ofDirectory: directory).first { $0.hasPrefix("state.json.corrupt") })
        XCTAssertTrue(warning.contains(aside), "the warning says where it went")
        XCTAssertEqual(FileManager.default.contents(atPath: directory + "/" + aside), garbage, "kept byte for byte")

        // Saving afterwards writes a new state.json and leaves the corrupt copy alone.
        try store.save(SavedState(lesson: "vectors", customWords: [], sandboxWords: nil))
        XCTAssertEqual(FileManager.default.contents(atPath: directory + "/" + aside), garbage)
        XCTAssertEqual(store.load(course: course).state?.lesson, "vectors")
    }

    func testValidJSONOfTheWrongShapeIsAlsoMovedAside() throws {
        let directory = temporaryDirectory()
        let store = StateStore(directory: directory)
        writeFile(store.file, Data("[1, 2, 3]".utf8))
        let loaded = store.load(course: course)
        XCTAssertNil(loaded.state)
        XCTAssertNotNil(loaded.warning)
        XCTAssertEqual(contents(ofDirectory: directory).filter { $0.hasPrefix("state.json.corrupt") }.count, 1)
    }

    func testTwoCorruptFilesAreBothKept() throws {
        let directory = temporaryDirectory()
        let store = StateStore(directory: directory)
        let first = Data("first broken state".utf8)
        let second = Data("second broken state".utf8)
        writeFile(store.file, first)
        let firstWarning = try XCTUnwrap(store.load(course: course).warning)
        writeFile(store.file, second)
        let secondWarning = try XCTUnwrap(store.load(course: course).warning)
        XCTAssertNotEqual(firstWarning, secondWarning, "each warning names its own copy")

        let kept = contents(ofDirectory: directory).compactMap { FileManager.default.contents(atPath: directory + "/" + $0) }
        XCTAssertTrue(kept.contains(first))
        XCTAssertTrue(kept.contains(second))
    }

    func testAStateDirectoryThatCannotBeCreatedIsAnErrorMessage() throws {
        let directory = temporaryDirectory()
        let blocker = directory + "/not-a-folder"
        writeFile(blocker, Data("x".utf8))
        let store = StateStore(directory: blocker + "/attn-tui")

        XCTAssertNil(store.load(course: course).state)
        XCTAssertThrowsError(try store.save(SavedState(lesson: "vectors", customWords: [], sandboxWords: nil))) { error in
            let message = (error as? StateStoreError)?.description ?? ""
            XCTAssertTrue(message.hasPrefix("cannot create \(blocker)/attn-tui"), message)
            XCTAssertFalse(message.contains("\n"), "one line")
        }
        XCTAssertEqual(FileManager.default.contents(atPath: blocker), Data("x".utf8), "the file in the way is untouched")
    }

    func testDefaultDirectoryFollowsXDG() {
        XCTAssertEqual(
            StateStore.defaultDirectory(environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/u"]), "/data/attn-tui")
        XCTAssertEqual(
            StateStore.defaultDirectory(environment: ["HOME": "/home/u"]), "/home/u/.local/share/attn-tui")
        XCTAssertEqual(
            StateStore.defaultDirectory(environment: ["XDG_DATA_HOME": "relative", "HOME": "/home/u"]),
            "/home/u/.local/share/attn-tui", "a relative XDG_DATA_HOME is ignored, as the spec says")
    }

    func testWithoutAnyHomeThereIsNoDefaultFolderNeverTheCurrentOne() throws {
        // No HOME, no XDG_DATA_HOME and no home in the password database (a static binary has no NSS).
        XCTAssertNil(StateStore.defaultDirectory(environment: [:], passwordHome: { nil }))
        XCTAssertNil(StateStore.defaultDirectory(environment: ["XDG_DATA_HOME": "relative", "HOME": ""], passwordHome: { nil }))
        XCTAssertEqual(StateStore.defaultDirectory(environment: [:], passwordHome: { "/home/p" }), "/home/p/.local/share/attn-tui")
        let session = Session(
            course: course, vocabulary: lexicon, lesson: index(sandboxID), stateDir: nil, persist: true, colorMode: .monochrome,
            defaultDirectory: { nil })
        XCTAssertNil(session.store, "nothing is written anywhere")
        XCTAssertEqual(session.warnings, ["not saved: " + StateStore.noDirectoryReason])
    }

    // MARK: Sessions

    private func run(_ session: Session, keys: String, size: Size = Size(width: 80, height: 24)) throws {
        let terminal = RecordingTerminal(size: size, keys: try KeyNotation.parse(keys), keepsAllFrames: false)
        session.run(on: terminal)
        XCTAssertNotNil(terminal.lastFrame)
    }

    private func session(_ directory: String?, persist: Bool = true, lesson: String? = nil) -> Session {
        Session(
            course: course, vocabulary: lexicon, lesson: lesson.map { index($0) }, stateDir: directory, persist: persist,
            colorMode: .palette256)
    }

    func testASessionWithoutPersistenceWritesNothing() throws {
        let directory = temporaryDirectory() + "/state"
        let first = session(directory, persist: false, lesson: sandboxID)
        XCTAssertNil(first.store)
        try run(first, keys: "akiwi<Enter>azorblax<Enter><Right><Enter>3q")
        XCTAssertTrue(first.state.isFinished)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory), "no folder, no file")

        // And it reads nothing either: saved words elsewhere do not leak into a fresh render.
        try StateStore(directory: directory).save(SavedState(lesson: "features", customWords: [], sandboxWords: ["kiwi"]))
        let fresh = session(directory, persist: false)
        XCTAssertEqual(fresh.state.lessonIndex, 0, "a fresh state opens the first lesson")
        XCTAssertEqual(fresh.state.step, 0)
        XCTAssertFalse(fresh.state.saved.sandboxWords?.contains("kiwi") ?? false)
    }

    func testSavedWordsAndProgressComeBackInANewSession() throws {
        let directory = temporaryDirectory()
        let first = session(directory, lesson: sandboxID)
        XCTAssertEqual(first.warnings, [])
        try run(first, keys: "akiwi<Enter>azorblax<Enter><Right><Down><Left><Enter>4<Right>q")
        let placed = try XCTUnwrap(first.state.customWords.first)
        XCTAssertEqual(placed.word, "zorblax")
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory + "/state.json"))

        let second = session(directory)
        XCTAssertEqual(second.warnings, [])
        XCTAssertEqual(second.state.customWords, [placed], "the placed word and its vector")
        XCTAssertEqual(second.state.saved.sandboxWords, first.state.saved.sandboxWords, "the sandbox's words")
        XCTAssertEqual(second.state.saved.sandboxWords?.last, placed.word)
        XCTAssertEqual(second.state.lessonID, course.ids[3], "progress: the lesson")
        XCTAssertEqual(second.state.step, 1, "and the step")

        // --lesson wins over saved progress.
        XCTAssertEqual(session(directory, lesson: "softmax").state.lessonID, "softmax")

        // Removed and re-added by name in a later session, the placed word needs no placing.
        let third = session(directory, lesson: sandboxID)
        XCTAssertEqual(third.state.words.last, placed)
        try run(third, keys: "<Up>d")
        XCTAssertFalse(third.state.wordNames.contains("zorblax"))
        try run(third, keys: "azorblax<Enter>")
        XCTAssertNil(third.state.placement)
        XCTAssertEqual(third.state.selectedWord, placed)
    }

    func testEveryChangeIsSavedAtOnceNotOnlyOnQuit() throws {
        let directory = temporaryDirectory()
        let first = session(directory, lesson: sandboxID)
        try run(first, keys: "akiwi<Enter>")  // the input ends without q, as if killed
        XCTAssertEqual(StateStore(directory: directory).load(course: course).state?.sandboxWords?.last, "kiwi")
    }

    func testASessionWithACorruptFileStartsFreshAndSaysSo() throws {
        let directory = temporaryDirectory()
        let file = directory + "/state.json"
        writeFile(file, Data("not json at all".utf8))

        let fresh = session(directory, lesson: sandboxID)

        XCTAssertEqual(fresh.warnings.count, 1)
        XCTAssertEqual(fresh.state.message, fresh.warnings.first, "shown on the first frame")
        XCTAssertEqual(fresh.state.wordNames, VocabularySpace.defaultStartWords(for: lexicon))
        XCTAssertEqual(fresh.state.customWords, [])
        // Wide enough for the long temporary path in the message.
        let frame = AppView.render(fresh.state, size: Size(width: 400, height: 40), colorMode: .palette256)
        XCTAssertTrue(frame.text.contains("could not be read"), frame.text)

        try run(fresh, keys: "akiwi<Enter>q")
        let aside = contents(ofDirectory: directory).filter { $0.hasPrefix("state.json.corrupt") }
        XCTAssertEqual(aside.count, 1)
        XCTAssertEqual(FileManager.default.contents(atPath: directory + "/" + aside[0]), Data("not json at all".utf8))
        XCTAssertEqual(StateStore(directory: directory).load(course: course).state?.sandboxWords?.last, "kiwi")
    }

    func testASessionThatCannotSaveShowsWhyAndCarriesOn() throws {
        let directory = temporaryDirectory()
        let blocker = directory + "/file"
        writeFile(blocker, Data())
        let broken = session(blocker + "/attn-tui", lesson: sandboxID)

        broken.handle(.key(.character("a")))
        for key in try KeyNotation.parse("kiwi<Enter>") { broken.handle(.key(key)) }
        broken.waitForSaves()

        XCTAssertEqual(broken.state.selectedWord?.word, "kiwi", "the word is added anyway")
        let message = try XCTUnwrap(broken.state.message)
        XCTAssertTrue(message.hasPrefix("not saved: cannot create \(blocker)/attn-tui: Not a directory"), message)
        XCTAssertEqual(broken.saveError, "cannot create \(blocker)/attn-tui: Not a directory", "reported again at exit")
        let frame = AppView.render(broken.state, size: Size(width: 400, height: 40), colorMode: .palette256)
        XCTAssertTrue(frame.text.contains("not saved"))
    }

    func testASavedLessonTheCourseLacksStartsTheCourse() throws {
        for saved in ["", "no-such-lesson", "14"] {
            let directory = temporaryDirectory("lesson\(saved)")
            try StateStore(directory: directory).save(SavedState(lesson: saved, step: "no-such-step", customWords: [], sandboxWords: nil))
            let state = session(directory).state
            XCTAssertEqual([state.lessonIndex, state.step], [0, 0])
            let title = AppView.render(state, size: Size(width: 120, height: 40), colorMode: .palette256).lines[0]
            XCTAssertTrue(title.contains("Lesson 1/\(course.count)"), title)
        }
    }

    func testSavedCustomWordsOfAnotherDimensionAreKeptButNotUsed() throws {
        let directory = temporaryDirectory()
        try StateStore(directory: directory).save(
            SavedState(lesson: nil, customWords: [zorblax], sandboxWords: ["apple", "zorblax", "kiwi"]))
        let restored = session(directory, lesson: sandboxID).state
        XCTAssertNil(restored.lookUp("zorblax"), "a 3-feature word does not fit this lexicon")
        XCTAssertEqual(restored.saved.customWords, [zorblax], "but it is never lost: another vocabulary may fit it")
        XCTAssertEqual(restored.wordNames, ["apple", "kiwi"], "saved words that cannot be found are dropped")
        XCTAssertEqual(restored.lessonID, sandboxID)
    }
}

final class SharedStateFolderTests: XCTestCase {
    func testTwoSessionsOnOneFolderKeepEachOthersPlacedWords() throws {
        let directory = NSTemporaryDirectory() + "attn-shared-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func open() -> Session {
            Session(
                course: course, vocabulary: .builtIn(), lesson: index(sandboxID), stateDir: directory, persist: true, colorMode: .monochrome
            )
        }
        func place(_ word: String, in session: Session) throws {
            for key in try KeyNotation.parse("a\(word)<Enter><Right><Enter>") { session.handle(.key(key)) }
            session.waitForSaves()
        }
        let first = open()
        let second = open()
        try place("zorblax", in: first)
        try place("quizzle", in: second)
        let names = Set((StateStore(directory: directory).peek(course: course)?.customWords ?? []).map(\.word))
        XCTAssertEqual(names, ["zorblax", "quizzle"], "the second save keeps the first session's word")
    }
}
