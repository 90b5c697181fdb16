// SPDX-License-Identifier: Apache-2.0

import TUIKit
import XCTest

@testable import AttnApp
@testable import Lessons

/// Lessons position, causal-mask, block and learning-embeddings at 80×24: every key a step's
/// text names is in its key bar, and every hint fits one line of the hints popup.
final class WalkedLessonsKeyBarTests: XCTestCase {
    /// Each step's keys, as its text names them (Enter where a text says "press Enter" or "Enter on").
    static let named: [String: [[String]]] = [
        "position": [["o shuffle", "s swap"], ["p positions"], ["s swap", "p positions"], ["s swap", "p positions"]],
        "causal-mask": [["m mask"], ["↑/↓", "Enter why"], ["w last word", "m mask"], ["m mask", "w last word"]],
        "block": [
            ["↑/↓", "Enter why", "w word"], ["Enter why"], ["Enter why"], ["Enter why"], ["n block"], ["Enter answer"],
        ],
        "learning-embeddings": [["Space train"], ["Space train"], ["p play", "Enter why"], ["Space train"], ["Space train", "p play"]],
    ]

    /// Each lesson's letter keys and their labels in the bar.
    static let letters: [String: [(String, String)]] = [
        "position": [("o", "o shuffle"), ("s", "s swap"), ("p", "p positions")], "causal-mask": [("m", "m mask"), ("w", "w last word")],
        "block": [("w", "w word"), ("n", "n block")], "learning-embeddings": [("p", "p play")],
    ]

    func testTheKeyBarShowsEveryKeyTheTextNames() {
        for (lesson, steps) in Self.named {
            XCTAssertEqual(course.lessons[index(lesson)].stepIDs.count, steps.count, lesson)
            for (step, keys) in steps.enumerated() {
                let bar = screen(opening(lesson, step: step), 80, 24).lines[23]
                for key in keys { XCTAssertTrue(bar.contains(key), "\(lesson) step \(step + 1): \(key) in \(bar)") }
                // And the text names no key the bar leaves out: the ones the lesson has, checked one by one.
                let text = course.text(lesson: index(lesson), step: step)
                for (letter, label) in Self.letters[lesson] ?? []
                where text.contains(" \(letter) ") || text.contains("press \(letter)") {
                    XCTAssertTrue(bar.contains(label), "\(lesson) step \(step + 1) names \(letter): \(bar)")
                }
            }
        }
    }

    /// A hint is shown indented by three in a popup 76 columns wide at 80×24: 73 columns keep it on one line.
    func testEveryHintFitsOneLine() {
        for lesson in Self.named.keys {
            guard let step = course.lessons[index(lesson)].stepIDs.firstIndex(of: "exercise") else { return XCTFail(lesson) }
            for task in opening(lesson, step: step).tasks {
                XCTAssertLessThanOrEqual(DisplayWidth.of(task.hint), 73, "\(lesson): \(task.hint)")
            }
        }
    }
}
