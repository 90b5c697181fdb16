// SPDX-License-Identifier: Apache-2.0

import TUIKit
import XCTest

@testable import AttnApp
@testable import Lessons

/// What every lesson's exercise must do, checked by replaying it through `update`: each task's
/// solution solves it and the screen ticks it, the step as it opens shows nothing solved, a
/// wrong number says "Not yet", and the hint and worked answer open without solving anything.
enum ExerciseReplay {
    static let sizes = [Size(width: 100, height: 30), Size(width: 80, height: 24)]

    /// The lesson's exercise step as it opens, after checking it is the last step and an exercise.
    static func exerciseStep(_ lesson: String, file: StaticString = #filePath, line: UInt = #line) -> AppState {
        let steps = course.lessons[index(lesson)].stepIDs
        XCTAssertEqual(steps.last, "exercise", "\(lesson) ends with its exercise", file: file, line: line)
        let state = opening(lesson, step: steps.count - 1)
        XCTAssertEqual(state.stepKind, .exercise, file: file, line: line)
        return state
    }

    /// Replays every task's solution from the step as it opens, and a wrong answer to every number task.
    static func assertSolutionsSolve(_ lesson: String, file: StaticString = #filePath, line: UInt = #line) {
        let fresh = exerciseStep(lesson, file: file, line: line)
        XCTAssertTrue((1...3).contains(fresh.tasks.count), "1–3 tasks", file: file, line: line)
        for size in sizes {
            let buffer = screen(fresh, size.width, size.height)
            XCTAssertFalse(buffer.text.contains("Solved"), "nothing is solved by opening the step:\n\(buffer.text)", file: file, line: line)
            // Every task's question is in the text panel whole, even at 80×24.
            guard let area = fresh.layout(for: size).lesson?.inset(by: 1) else { return XCTFail("a text panel", file: file, line: line) }
            let shown = LessonScreenTests.words(buffer.lines(in: area).joined(separator: " "))
            for (index, task) in fresh.tasks.enumerated() {
                XCTAssertTrue(
                    shown.contains("\(index + 1). " + LessonScreenTests.words(task.question)),
                    "\(lesson) task \(index + 1) at \(size.width)×\(size.height):\n\(buffer.text)", file: file, line: line)
            }
        }
        for (index, task) in fresh.tasks.enumerated() {
            var state = fresh
            let effects = state.press(task.solution, file: file, line: line)
            XCTAssertTrue(state.isSolved(task: task), "\(lesson) task \(index + 1) solved by \(task.solution)", file: file, line: line)
            XCTAssertTrue(effects.contains(.save), "a solved task is saved", file: file, line: line)
            XCTAssertTrue(
                screen(state, 100, 30).text.contains("\(index + 1). ✓ Solved"), screen(state, 100, 30).text, file: file, line: line)
            XCTAssertEqual(state.saved.lessons[lesson]?.solved.contains(task.id), true, file: file, line: line)
        }
        // A number typed straight away, without Enter first, begins the answer: digits do not jump lessons here.
        for (index, task) in fresh.tasks.enumerated() where task.solution.hasPrefix("<Enter>") {
            let typed = String(task.solution.dropFirst("<Enter>".count))
            guard let first = typed.first, first.isNumber || first == "." else { continue }
            var state = fresh
            state.press(typed, file: file, line: line)
            XCTAssertEqual(state.lessonID, lesson, "typing \(typed) stays in the lesson", file: file, line: line)
            XCTAssertTrue(state.isSolved(task: task), "\(lesson) task \(index + 1) solved by typing \(typed)", file: file, line: line)
        }
        if fresh.tasks.contains(where: { $0.kind == .number }) {
            var typedWrong = fresh
            typedWrong.press("12345<Enter>", file: file, line: line)
            XCTAssertEqual(typedWrong.lessonID, lesson, file: file, line: line)
            XCTAssertTrue(
                typedWrong.message?.hasPrefix("Not yet: 12345 against") == true, "\(typedWrong.message ?? "")", file: file, line: line)
        }
        let numbers = fresh.tasks.indices.filter { fresh.tasks[$0].kind == .number }
        for (position, index) in numbers.enumerated() {
            // Enter opens the first open number task; ↓ in the prompt moves to the next one.
            var wrong = fresh
            wrong.press("<Enter>" + String(repeating: "<Down>", count: position) + "12345<Enter>", file: file, line: line)
            XCTAssertTrue(wrong.tasks.allSatisfy { !wrong.isSolved(task: $0) }, file: file, line: line)
            let message = wrong.message ?? ""
            XCTAssertTrue(message.hasPrefix("Not yet: 12345 against"), "task \(index + 1): \(message)", file: file, line: line)
            XCTAssertTrue(
                message.contains(fresh.tasks[index].quantity ?? "?"), "says what was compared: \(message)", file: file, line: line)
            XCTAssertTrue(screen(wrong, 100, 30).text.contains("Not yet"), file: file, line: line)
        }
        // The hints and the worked answers open over the step and solve nothing.
        var helped = fresh
        helped.press("i", file: file, line: line)
        guard case .detail(.lesson(let hints), _) = helped.mode else { return XCTFail("i opens the hints", file: file, line: line) }
        XCTAssertTrue(
            fresh.tasks.allSatisfy { task in hints.lines.contains { $0.contains(task.hint) } }, "\(hints.lines)", file: file, line: line)
        helped.press("<Esc>x", file: file, line: line)
        guard case .detail(.lesson(let answers), _) = helped.mode else { return XCTFail("x opens the answers", file: file, line: line) }
        XCTAssertGreaterThan(
            answers.lines.count, 2 * fresh.tasks.count, "each task is worked out: \(answers.lines)", file: file, line: line)
        XCTAssertTrue(helped.tasks.allSatisfy { !helped.isSolved(task: $0) }, "revealing is not solving", file: file, line: line)
    }

    /// The lesson's last explore step ends with "Recap:" and three "- " lines, whole at 80×24
    /// (`LessonScreenTests` checks every step's text is).
    static func assertRecap(_ lesson: String, file: StaticString = #filePath, line: UInt = #line) {
        let entry = course.lessons[index(lesson)]
        guard let last = entry.stepIDs.indices.last(where: { entry.stepKind($0) == .explore }) else {
            return XCTFail("\(lesson) has an explore step", file: file, line: line)
        }
        let recap = entry.paragraphs(ofStep: last).last ?? ""
        let lines = recap.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "Recap:", "\(lesson) step \(entry.stepIDs[last]) ends with its recap", file: file, line: line)
        XCTAssertEqual(lines.dropFirst().filter { $0.hasPrefix("- ") }.count, 3, "three lines: \(lines)", file: file, line: line)
        XCTAssertEqual(lines.count, 4, file: file, line: line)
        // Each on a line of its own at 80×24.
        let text = screen(opening(lesson, step: last), 80, 24).lines
        for item in lines.dropFirst() {
            XCTAssertTrue(text.contains { $0.dropFirst().hasPrefix(item) }, "\(item) on a line of its own", file: file, line: line)
        }
    }
}
