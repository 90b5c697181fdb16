// SPDX-License-Identifier: Apache-2.0

import TUIKit
import XCTest

@testable import AttnApp
@testable import Lessons

/// The exercises of softmax, scaled-dot, attention, queries-keys, values, multi-head and
/// learning-embeddings: at 80×24 their key bar keeps the exercise's keys in view, and their
/// worked answers (`x`) are lines short enough never to break in the popup.
final class ExerciseKeysAndAnswersTests: XCTestCase {
    static let lessons = ["softmax", "scaled-dot", "attention", "queries-keys", "values", "multi-head", "learning-embeddings"]

    /// Enter answer (where a task takes a number), i hint and x reveal stay in the key bar
    /// at 80×24 as the exercise opens, beside the step keys: in every lesson with an exercise.
    func testTheKeyBarShowsTheExercisesKeys() throws {
        for lesson in course.ids where exercise(lesson) != nil {
            let state = try XCTUnwrap(exercise(lesson))
            let bar = screen(state, 80, 24).lines[23]
            XCTAssertTrue(bar.contains("i hint") && bar.contains("x reveal") && bar.contains("←/→ step"), "\(lesson): \(bar)")
            if state.tasks.contains(where: { $0.kind == .number }) { XCTAssertTrue(bar.contains("Enter answer"), "\(lesson): \(bar)") }
        }
    }

    /// Each worked-answer line, indented by three in the popup, is at most 72 columns: none breaks mid-phrase at 80×24.
    func testTheWorkedAnswersFitTheirLines() throws {
        for lesson in Self.lessons {
            var state = try XCTUnwrap(exercise(lesson))
            state.press("x")
            guard case .detail(.lesson(let answers), _) = state.mode else { return XCTFail("\(lesson): x opens the answers") }
            for line in answers.lines where !line.isEmpty && line.hasPrefix("   ") {
                XCTAssertLessThanOrEqual(DisplayWidth.of(line), 72, "\(lesson): \(line)")
            }
            // And with the numbers as each task's solution leaves them.
            for task in state.tasks {
                var solved = try XCTUnwrap(exercise(lesson))
                solved.press(task.solution + "x")
                guard case .detail(.lesson(let after), _) = solved.mode else { return XCTFail("\(lesson): x opens the answers") }
                for line in after.lines where line.hasPrefix("   ") {
                    XCTAssertLessThanOrEqual(DisplayWidth.of(line), 72, "\(lesson) after \(task.solution): \(line)")
                }
            }
        }
    }

    /// Once every number task is solved, Enter no longer asks for an answer: it opens the focused
    /// panel's "why" (where the lesson has one), and digits jump to lessons again.
    func testEnterOpensWhyOnceEveryNumberTaskIsSolved() throws {
        for lesson in course.ids {
            guard let fresh = exercise(lesson), fresh.tasks.contains(where: { $0.kind == .number }) else { continue }
            var state = fresh
            // Each number task answered in its own prompt, with the number its solution types.
            for (index, task) in fresh.tasks.enumerated() where task.kind == .number {
                let number = task.solution.replacing(/<[A-Za-z]+>/, with: "")
                state.openAnswer(from: index)
                state.press(number + "<Enter>")
            }
            XCTAssertTrue(state.tasks.filter { $0.kind == .number }.allSatisfy { state.isSolved(task: $0) }, lesson)
            let bindings = AppKeys.bindings(for: state)
            XCTAssertFalse(bindings.contains { $0.command == .answer }, "\(lesson): nothing left to type")
            state.press("<Enter>")
            if case .prompt = state.mode { XCTFail("\(lesson): Enter asks again for a solved answer") }
        }
    }

    /// Help lists each key once, at every step of every lesson: a key the lesson or its exercise
    /// takes (r restart, digits that begin an answer) is not listed again for the course's use.
    func testHelpListsEveryKeyOnceAtEveryStep() {
        for lesson in course.ids {
            for step in course.lessons[index(lesson)].stepIDs.indices {
                let state = opening(lesson, step: step)
                var seen: [Key: String] = [:]
                for entry in AppKeys.bindings(for: state) {
                    for key in entry.binding.keys {
                        XCTAssertNil(seen[key], "\(lesson) step \(step + 1): \(key) in \(seen[key] ?? "") and \(entry.binding.help)")
                        seen[key] = entry.binding.help
                    }
                }
            }
        }
    }

    func exercise(_ lesson: String) -> AppState? {
        guard let step = course.lessons[index(lesson)].stepIDs.firstIndex(of: "exercise") else { return nil }
        return opening(lesson, step: step)
    }
}
