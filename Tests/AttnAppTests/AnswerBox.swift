// SPDX-License-Identifier: Apache-2.0

import TUIKit
import XCTest

@testable import AttnApp

/// The answer box (`x`) of an exercise at 80×24: each line of it — the questions and the worked
/// answers under them — within 72 columns, so the box (its border and margins besides) stays
/// inside the screen with room on both sides.
enum AnswerBox {
    static func assertFits(_ lesson: String, keys: String = "", file: StaticString = #filePath, line: UInt = #line) {
        var state = ExerciseReplay.exerciseStep(lesson, file: file, line: line)
        state.press(keys + "x", file: file, line: line)
        guard case .detail(.lesson(let answers), _) = state.mode else { return XCTFail("x opens the answers", file: file, line: line) }
        for text in answers.lines {
            XCTAssertLessThanOrEqual(DisplayWidth.of(text), 72, "\(lesson): \(text)", file: file, line: line)
        }
        let buffer = screen(state, 80, 24)
        guard let top = buffer.lines.first(where: { $0.contains("Answers") }) else {
            return XCTFail("the box is drawn", file: file, line: line)
        }
        let columns = Array(top)
        guard let left = columns.firstIndex(of: "┏"), let right = columns.lastIndex(of: "┓") else {
            return XCTFail("the box's top border: \(top)", file: file, line: line)
        }
        XCTAssertLessThanOrEqual(right - left + 1, 76, "\(lesson):\n\(buffer.text)", file: file, line: line)
    }
}
