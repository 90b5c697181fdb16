// SPDX-License-Identifier: Apache-2.0

import TUIKit
import XCTest

@testable import AttnApp

/// What every exercise promises, checked on a lesson of the standard course: the step as it
/// opens has nothing solved; each task's solution, replayed through `update` key by key, solves
/// that task and draws "✓ Solved"; a wrong typed number says "Not yet" and solves nothing; the
/// hints and the worked answers open over the step. Returns the exercise as it opens.
@discardableResult
func assertExerciseReplays(_ lesson: String, file: StaticString = #filePath, line: UInt = #line) throws -> AppState {
    let position = index(lesson)
    let step = try XCTUnwrap(
        course.lessons[position].stepIDs.firstIndex(of: "exercise"), "\(lesson) has an exercise step", file: file, line: line)
    let fresh = opening(lesson, step: step)
    XCTAssertEqual(fresh.stepKind, .exercise, file: file, line: line)
    XCTAssertTrue((1...3).contains(fresh.tasks.count), "1–3 tasks: \(fresh.tasks.count)", file: file, line: line)
    for size in [Size(width: 80, height: 24), Size(width: 100, height: 30)] {
        XCTAssertFalse(
            screen(fresh, size.width, size.height).text.contains("Solved"), "nothing is solved by opening the step", file: file, line: line)
    }
    // The exercise's own keys leave room for moving on.
    let bar = screen(fresh, 80, 24).lines[23]
    XCTAssertTrue(bar.contains("←/→ step") && bar.contains("i hint"), "the key bar at 80×24: \(bar)", file: file, line: line)
    let numberTasks = fresh.tasks.indices.filter { fresh.tasks[$0].kind == .number }
    for (index, task) in fresh.tasks.enumerated() {
        var state = fresh
        state.press(task.solution, file: file, line: line)
        XCTAssertTrue(state.isSolved(task: task), "task \(index + 1) is solved by \(task.solution)", file: file, line: line)
        XCTAssertTrue(
            screen(state, 80, 24).text.contains("\(index + 1). ✓ Solved"),
            "task \(index + 1) ticked at 80×24\n\(screen(state, 80, 24).text)",
            file: file, line: line)
        guard task.kind == .number, let place = numberTasks.firstIndex(of: index) else { continue }
        var wrong = fresh
        wrong.press("<Enter>" + String(repeating: "<Down>", count: place) + "12345<Enter>", file: file, line: line)
        XCTAssertFalse(wrong.isSolved(task: task), file: file, line: line)
        let message = try XCTUnwrap(wrong.message, file: file, line: line)
        XCTAssertTrue(message.hasPrefix("Not yet: 12345 against \(task.quantity ?? "")"), message, file: file, line: line)
        XCTAssertTrue(screen(wrong, 80, 24).text.contains("Not yet"), file: file, line: line)
    }
    var helped = fresh
    helped.press("i", file: file, line: line)
    guard case .detail(.lesson(let hints), _) = helped.mode else {
        XCTFail("i opens the hints", file: file, line: line)
        return fresh
    }
    XCTAssertEqual(hints.lines.filter { $0.hasPrefix("   ") }.count, fresh.tasks.count, "a hint per task", file: file, line: line)
    helped.press("<Esc>x", file: file, line: line)
    guard case .detail(.lesson(let answers), _) = helped.mode else {
        XCTFail("x opens the worked answers", file: file, line: line)
        return fresh
    }
    XCTAssertGreaterThan(answers.lines.count, 2 * fresh.tasks.count, "each task worked out", file: file, line: line)
    XCTAssertTrue(helped.tasks.allSatisfy { !helped.isSolved(task: $0) }, "revealing solves nothing", file: file, line: line)
    return fresh
}

/// The words inside the step's text panel (its tasks included), as one line: what the learner reads there.
func stepText(_ state: AppState, _ width: Int = 80, _ height: Int = 24) -> String {
    let size = Size(width: width, height: height)
    guard let rect = state.layout(for: size).lesson else { return "" }
    return LessonScreenTests.words(screen(state, width, height).lines(in: rect.inset(by: 1)).joined(separator: " "))
}

/// The words inside one of a lesson's panels, as one line.
func panelWords(_ state: AppState, _ panel: Focus, _ width: Int = 80, _ height: Int = 24) -> String {
    guard let rect = state.layout(for: Size(width: width, height: height)).rect(of: panel) else { return "" }
    return LessonScreenTests.words(screen(state, width, height).lines(in: rect.inset(by: 1)).joined(separator: " "))
}
