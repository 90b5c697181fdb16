// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Foundation
import TUIKit
import Vocabularies
import XCTest

@testable import AttnApp
@testable import Lessons

/// The lesson framework: lessons and steps by name, a course that is a value, exercise steps
/// and prompts a lesson owns, and state saved by name (a format-1 file migrated once).
final class CourseFrameworkTests: XCTestCase {
    // MARK: Steps by name

    func testEveryLessonsScriptSectionsAreItsSteps() {
        for lesson in course.lessons {
            XCTAssertFalse(lesson.script.title.isEmpty, "\(lesson.id): Assets/lessons/\(lesson.id).txt has a title")
            XCTAssertEqual(
                lesson.script.stepNames, lesson.stepIDs,
                "\(lesson.id): the script's `--- step:` sections are the lesson's steps, in order")
            for step in lesson.stepIDs {
                XCTAssertFalse(lesson.script.paragraphs(of: step).isEmpty, "\(lesson.id) step \(step) has text")
            }
        }
    }

    func testEveryScriptInTheBinaryBelongsToALesson() {
        XCTAssertEqual(Set(LessonScript.names), Set(course.ids), "no script is left over, none is missing")
    }

    func testLessonsAreFoundByIdOrNumberAndStepsByNameOrNumber() throws {
        let softmax = try XCTUnwrap(course.index(of: "softmax"))
        XCTAssertEqual(course.index(named: "softmax"), softmax)
        XCTAssertEqual(course.index(named: String(softmax + 1)), softmax)
        XCTAssertNil(course.index(named: "0"))
        XCTAssertNil(course.index(named: String(course.count + 1)))
        XCTAssertNil(course.index(named: "no-such-lesson"))
        XCTAssertEqual(course.stepIndex(named: "temperature", inLesson: softmax), 2)
        XCTAssertEqual(course.stepIndex(named: "3", inLesson: softmax), 2)
        XCTAssertNil(course.stepIndex(named: String(course.lessons[softmax].stepCount + 1), inLesson: softmax))
        XCTAssertEqual(course.userFileLesson, course.index(of: "sandbox"))
    }

    func testAStepsTextNamesALessonByItsNumberInThisCourse() {
        let text = course.resolved("softmax ({lesson:softmax}), {lesson:no-such} and {lesson:")
        XCTAssertEqual(text, "softmax (lesson \(lessonNumber("softmax"))), lesson no-such and {lesson:")
    }

    // MARK: State saved by name; format 1 migrated once

    func testAStateFileOfFormatOneOpensAtTheSameLessonAndStep() throws {
        // Written by the release before lessons had ids: lesson 4 (cosine), step 2 (the plane),
        // a placed word and the sandbox's words.
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/state-version-1.json")
        let directory = makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.copyItem(atPath: fixture.path, toPath: directory + "/state.json")
        let session = Session(course: course, vocabulary: lexicon, lesson: nil, stateDir: directory, persist: true, colorMode: .monochrome)
        XCTAssertEqual(session.warnings, [])
        XCTAssertEqual([session.state.lessonID, session.state.stepID], ["cosine", "plane"])
        XCTAssertEqual(session.state.customWords.map(\.word), ["zorblax"])
        XCTAssertEqual(session.state.customWords.first?.origin, .custom)
        let sandboxWords = ["apple", "orange", "banana", "cherry", "phone", "laptop", "keyboard", "television", "zorblax", "kiwi"]
        XCTAssertEqual(session.state.saved.sandboxWords, sandboxWords)

        // The first save writes format 2 with everything in it; the sandbox opens on the same words.
        session.handle(.key(.character("q")))
        session.waitForSaves()
        let written = try XCTUnwrap(StateStore(directory: directory).load(course: course).state)
        XCTAssertEqual(written.version, 2)
        XCTAssertEqual([written.lesson, written.step], ["cosine", "plane"])
        XCTAssertEqual(written.sandboxWords, sandboxWords)
        XCTAssertEqual(written.customWords, session.state.customWords)
        let reopened = AppState(environment: environment(lesson: sandboxID), saved: written)
        XCTAssertEqual(reopened.wordNames, sandboxWords)
    }

    func testEachVocabularysWordsAreKeptApart() throws {
        // The sandbox on a user's file, then on the built-in words: neither's words replace the other's.
        let file = Vocabulary(
            table: EmbeddingTable(words: ["north", "south", "east"], vectors: [[1, 0], [-1, 0], [0, 1]]), source: "compass.txt")
        var onFile = AppState(environment: environment(file), saved: SavedState(lesson: nil, sandboxWords: ["kiwi", "apple"]))
        onFile.press("d")
        let saved = onFile.saved
        XCTAssertEqual(saved.sandboxWords, ["kiwi", "apple"], "the built-in words' list is untouched")
        XCTAssertEqual(saved.words(ofLesson: sandboxID, space: "file:compass.txt"), ["south", "east"])
        let builtIn = AppState(environment: environment(lesson: sandboxID), saved: saved)
        XCTAssertEqual(builtIn.wordNames, ["kiwi", "apple"])
    }

    // MARK: The course is a value: a lesson inserted in the middle

    /// The standard course with `FixtureLesson` inserted after the third lesson.
    static let extended: Course = {
        var lessons = course.lessons.map(\.base)
        lessons.insert(FixtureLesson(), at: 3)
        return Course(lessons)
    }()

    /// A screen with the course's numbering masked: what an inserted lesson may change. In the
    /// title bar the lesson's number and the exercises' count change, and the settings at its right
    /// may give way to their extra digits: of it, the lesson's title and step marker are compared.
    static func unnumbered(_ buffer: Buffer) -> [String] {
        let title = buffer.lines[0].firstMatch(of: /Lesson \d+\/\d+ · (.*) · step (\d+\/\d+)/).map { "\($0.1) \($0.2)" } ?? ""
        return [title] + buffer.lines.dropFirst().map { $0.replacing(/lesson \d+/, with: "lesson #") }
    }

    func testALessonInsertedInTheMiddleChangesNoOtherLessonsScreens() {
        let size = Size(width: 100, height: 30)
        for (lesson, step) in LessonScreenTests.allSteps() {
            var before = opening(lesson, step: step)
            var after = opening(lesson, step: step, in: Self.extended)
            _ = before.update(.resize(size))
            _ = after.update(.resize(size))
            XCTAssertEqual(
                Self.unnumbered(AppView.render(before, size: size, colorMode: .palette256)),
                Self.unnumbered(AppView.render(after, size: size, colorMode: .palette256)), "\(lesson) step \(step + 1)")
            // Colours too, but for the title bar's runs, whose width follows the numbers' digits.
            XCTAssertEqual(
                AppView.render(before, size: size, colorMode: .palette256).styleRuns.filter { $0.y > 0 },
                AppView.render(after, size: size, colorMode: .palette256).styleRuns.filter { $0.y > 0 },
                "\(lesson) step \(step + 1): colours")
        }
        XCTAssertEqual(Self.extended.index(of: FixtureLesson.id), 3)
        XCTAssertEqual(Self.extended.index(of: "cosine"), course.index(of: "cosine")! + 1, "later lessons move one on")
    }

    func testTheInsertedLessonIsWalkedIntoAndOutOfWithTheArrowKeys() {
        var state = opening(course.ids[2], step: course.lessons[2].stepCount - 1, in: Self.extended)
        state.press("<Right>")
        XCTAssertEqual([state.lessonID, state.stepID], [FixtureLesson.id, "look"])
        state.press("<Right><Right>")
        XCTAssertEqual(state.lessonID, course.ids[3])
        state.press("<Left>")
        XCTAssertEqual([state.lessonID, state.stepID], [FixtureLesson.id, "check"])
    }

    func testTheInsertedLessonsExerciseIsSolvedByReplayingItsSolutions() throws {
        let size = Size(width: 100, height: 30)
        let fresh = opening(FixtureLesson.id, step: 1, in: Self.extended)
        XCTAssertEqual(fresh.stepKind, .exercise)
        XCTAssertFalse(screen(fresh, size.width, size.height).text.contains("Solved"), "nothing is solved by opening the step")
        XCTAssertEqual(fresh.tasks.map(\.kind), [.keys, .number])
        for (index, task) in fresh.tasks.enumerated() {
            var state = fresh
            let effects = state.press(task.solution)
            XCTAssertTrue(state.isSolved(task: task), "task \(index + 1) solved by \(task.solution)")
            XCTAssertTrue(effects.contains(.save), "a solved task is saved")
            XCTAssertTrue(screen(state, size.width, size.height).text.contains("✓ Solved"), screen(state, size.width, size.height).text)
            XCTAssertEqual(state.saved.lessons[FixtureLesson.id]?.solved, [task.id])
        }
        // A wrong number says what was compared, and solves nothing.
        var wrong = fresh
        wrong.press("<Enter>12345<Enter>")
        XCTAssertTrue(wrong.tasks.allSatisfy { !wrong.isSolved(task: $0) })
        let message = try XCTUnwrap(wrong.message)
        XCTAssertTrue(message.hasPrefix("Not yet: 12345 against apple·orange, to 2 decimals"), message)
        XCTAssertTrue(screen(wrong, size.width, size.height).text.contains("Not yet"))
        // The hint and the worked answer open over the step; revealing does not count as solving.
        wrong.press("i")
        guard case .detail(.lesson(let hints), _) = wrong.mode else { return XCTFail("hints open") }
        XCTAssertTrue(hints.lines.contains { $0.contains("press c") })
        wrong.press("<Esc>x")
        guard case .detail(.lesson(let answers), _) = wrong.mode else { return XCTFail("answers open") }
        XCTAssertTrue(answers.lines.contains { $0.contains("apple·orange =") }, "\(answers.lines)")
        XCTAssertTrue(wrong.tasks.allSatisfy { !wrong.isSolved(task: $0) })
    }

    func testAPromptTheLessonOpensSendsItsTextBackToTheLesson() throws {
        var state = opening(FixtureLesson.id, in: Self.extended)
        state.press("t")
        guard case .prompt(let prompt) = state.mode else { return XCTFail("the lesson's prompt is open") }
        XCTAssertEqual(prompt.purpose, .lesson)
        state.press("zed<Enter>")
        XCTAssertEqual(state.mode, .browsing)
        XCTAssertEqual(state.lesson(as: FixtureLesson.self).name, "zed")
        XCTAssertEqual(state.message, "hello zed")
        state.press("t<Esc>")
        XCTAssertEqual(state.lesson(as: FixtureLesson.self).name, "zed", "Esc sends nothing")
    }

    // MARK: Jobs off the key path

    func testAJobsResultGoesBackToItsLessonAndNotToAnother() throws {
        var state = opening(FixtureLesson.id, in: Self.extended)
        state.press("ccc")
        let effects = state.press("w")
        guard case .run(let job)? = effects.first else { return XCTFail("a job to run: \(effects)") }
        XCTAssertEqual(job.lesson, FixtureLesson.id)
        XCTAssertEqual(state.runningJobs, [job.id])
        XCTAssertEqual(state.tickInterval, 50, "the screen polls while a job runs")
        _ = state.update(.jobFinished(JobResult(job: job.id, lesson: job.lesson, value: job.work.work())))
        XCTAssertEqual(state.lesson(as: FixtureLesson.self).worked, 9)
        XCTAssertEqual(state.message, "worked out 9")
        XCTAssertEqual(state.runningJobs, [])
        XCTAssertNil(state.tickInterval)
        // Left for another lesson, the lesson never hears of its job.
        state.press("w<PageDown>")
        XCTAssertNotEqual(state.lessonID, FixtureLesson.id)
        let before = state
        _ = state.update(.jobFinished(JobResult(job: state.nextJob, lesson: FixtureLesson.id, value: 100)))
        XCTAssertEqual(state.lessons, before.lessons)
        XCTAssertEqual(state.runningJobs, [])
    }

    func testRenderRunsAJobAtOnceAndTheScreenRunsItInTheBackground() throws {
        // render: the frame after the key already has the result (reproducible output).
        let rendered = Session(
            course: Self.extended, vocabulary: lexicon, lesson: 3, stateDir: nil, persist: false, colorMode: .monochrome)
        let terminal = RecordingTerminal(size: Size(width: 100, height: 30), keys: try KeyNotation.parse("ccw"))
        rendered.run(on: terminal)
        XCTAssertEqual(rendered.state.lesson(as: FixtureLesson.self).worked, 4)
        // The screen: the key returns at once, other keys are answered while the job runs,
        // and a tick after it finished delivers its result.
        let screen = Session(course: Self.extended, vocabulary: lexicon, lesson: 3, stateDir: nil, persist: false, colorMode: .monochrome)
        screen.runJobsInBackground()
        let clock = ContinuousClock()
        let started = clock.now
        for key in try KeyNotation.parse("ccw") { screen.handle(.key(key)) }
        XCTAssertLessThan(started.duration(to: clock.now), .seconds(FixtureLesson.jobDuration), "the key did not wait for the job")
        screen.handle(.key(.character("c")))
        XCTAssertEqual(screen.state.lesson(as: FixtureLesson.self).count, 3, "keys are answered meanwhile")
        XCTAssertNil(screen.state.lesson(as: FixtureLesson.self).worked)
        let deadline = clock.now.advanced(by: .seconds(10))
        while screen.state.lesson(as: FixtureLesson.self).worked == nil && clock.now < deadline {
            Thread.sleep(forTimeInterval: 0.02)
            screen.handle(.tick)
        }
        XCTAssertEqual(screen.state.lesson(as: FixtureLesson.self).worked, 4, "the count when the job began")
    }

    func testSolvedTasksSurviveARestart() throws {
        var state = opening(FixtureLesson.id, step: 1, in: Self.extended)
        state.press("ccc")
        let restarted = AppState(environment: environment(in: Self.extended), saved: state.saved)
        XCTAssertTrue(restarted.progress.isSolved("count", in: FixtureLesson.id))
        XCTAssertFalse(restarted.progress.isSolved("dot", in: FixtureLesson.id))
    }
}

/// A small lesson of the tests' own, written against the framework's public API only: a
/// counter with a key, a prompt of its own, and an exercise with a keys task and a number task.
struct FixtureLesson: Lesson, Equatable {
    static let id = "fixture-counting"
    static let script = LessonScript.parse(
        """
        Counting
        --- step: look
        Press c to count; t types a name.
        --- step: check
        Count to three, then work out a dot product.
        """)

    enum Step: String, LessonStep {
        case look, check
        var kind: StepKind { self == .check ? .exercise : .explore }
    }

    enum Action: Hashable, Sendable {
        case count, name, work
    }

    enum Panel: String, LessonPanel {
        case counter
    }

    var count = 0
    var name = ""
    /// What the last job worked out (its count squared, slowly: work too long for a key press).
    var worked: Int?
    /// How long a job takes, to show the screen answers keys meanwhile.
    static let jobDuration = 0.3

    func keys(at step: Step) -> [LessonKey<Action>] {
        [
            LessonKey([.character("c")], .count, help: "count one more", short: "count"),
            LessonKey([.character("t")], .name, help: "type a name", short: "name"),
            LessonKey([.character("w")], .work, help: "work out the count squared, slowly", short: "work"),
        ]
    }

    mutating func enter(_ step: Step, workspace: inout Workspace) {
        count = 0
        workspace.show(["apple", "orange"], selecting: "apple", metric: .dot)
    }

    mutating func perform(_ action: Action, at step: Step, context: LessonContext, workspace: inout Workspace) -> LessonResponse {
        switch action {
        case .count:
            count += 1
            return "\(count)"
        case .name:
            return LessonResponse(prompt: LessonPrompt(label: "name: ", placeholder: "a name, Enter"))
        case .work:
            let count = count
            return LessonResponse(
                message: "working…",
                job: LessonJob {
                    Thread.sleep(forTimeInterval: Self.jobDuration)
                    return count * count
                })
        }
    }

    mutating func receive(_ result: any Sendable, at step: Step, workspace: inout Workspace) -> LessonResponse {
        guard let value = result as? Int else { return nil }
        worked = value
        return "worked out \(value)"
    }

    mutating func submit(_ text: String, at step: Step, context: LessonContext, workspace: inout Workspace) -> LessonResponse {
        name = text
        return "hello \(text)"
    }

    func panels(at step: Step) -> [Focus] { [.panel(Panel.counter)] }

    func layout(at step: Step, body: Rect, state: AppState) -> LessonLayout {
        LessonLayouts.textOnTop(state, body: body, panels: panels(at: step))
    }

    func draw(_ panel: Panel, at step: Step, state: AppState, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        let inner = Frame(title: "Counter").draw(into: &buffer, area: area)
        buffer.write("count \(count)", x: inner.x, y: inner.y, maxWidth: inner.width)
    }

    func exercise(at step: Step) -> Exercise<FixtureLesson>? {
        Exercise([
            ExerciseTask(
                id: "count", question: "Count to three.",
                answer: .keys { lesson, _ in TaskCheck(lesson.count >= 3, "count \(lesson.count) of 3") },
                solution: "ccc", hint: "press c three times",
                explanation: { lesson, _ in ["press c until the counter reads 3 (it reads \(lesson.count))"] }),
            ExerciseTask(
                id: "dot", question: "What is apple·orange, to 2 decimals?",
                answer: .number(quantity: "apple·orange", decimals: 2) { _, workspace in Self.dotProduct(workspace) },
                solution: "<Enter>\(NumberFormat.fixed(Self.lexiconDot, decimals: 2))<Enter>",
                hint: "multiply feature by feature and add",
                explanation: { _, workspace in ["apple·orange = \(NumberFormat.fixed(Self.dotProduct(workspace), decimals: 4))"] }),
        ])
    }

    /// apple·orange in the built-in lexicon, for the solution's keys.
    static let lexiconDot: Double = {
        let lexicon = Vocabulary.builtIn()
        return dot(
            lexicon.table.vector(at: lexicon.table.index(of: "apple")!), lexicon.table.vector(at: lexicon.table.index(of: "orange")!))
    }()

    static func dotProduct(_ workspace: Workspace) -> Double? {
        guard let a = workspace.vector(of: "apple"), let b = workspace.vector(of: "orange") else { return nil }
        return dot(a, b)
    }
}
