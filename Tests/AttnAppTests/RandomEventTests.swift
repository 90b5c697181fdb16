// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Reports
import TUIKit
import XCTest

@testable import AttnApp

/// Issue 9.16: a seeded storm of events — keys, Unicode text, pastes, resizes from
/// 1×1 to 300×100, mouse clicks — through `update` and the view, with the
/// invariants checked after every one. A failure prints the seed and the event.
final class RandomEventTests: XCTestCase {
    static let eventCount = 10_000

    func testTenThousandRandomEventsKeepEveryInvariant() {
        for seed: UInt64 in [9] {
            run(seed: seed)
        }
    }

    private func run(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        var state = Self.freshState(&random)
        var restarts = 0
        var drawnSizes = Set<Size>()
        for number in 0..<Self.eventCount {
            let event = Self.randomEvent(&random, state: state)
            _ = state.update(event)
            let frame = AppView.render(state, size: state.size, colorMode: Bool.random(using: &random) ? .palette256 : .monochrome)
            drawnSizes.insert(state.size)
            if let problem = Self.problem(with: state, frame: frame) {
                XCTFail("seed \(seed), event \(number) \(event): \(problem)")
                return
            }
            if state.isFinished {
                // Quit is a valid outcome too: carry on with a new session.
                state = Self.freshState(&random)
                restarts += 1
            }
        }
        XCTAssertGreaterThan(drawnSizes.count, 100, "many sizes were drawn")
        XCTAssertLessThan(restarts, Self.eventCount / 20, "most events ran in a live session")
    }

    private static func freshState(_ random: inout SeededGenerator) -> AppState {
        var state = sandbox(lesson: course.ids.randomElement(using: &random))
        _ = state.update(.resize(Size(width: 120, height: 40)))
        return state
    }

    /// What is wrong with this state and its frame, or nil.
    private static func problem(with state: AppState, frame: Buffer) -> String? {
        if frame.size != state.size { return "frame \(frame.size) for a \(state.size) terminal" }
        if frame.cells.count != state.size.width * state.size.height { return "the buffer has \(frame.cells.count) cells" }
        let count = state.words.count
        for (name, index) in [("selected", state.selected), ("column", state.column), ("weight cursor", state.weightCursor)] {
            if count == 0 ? index != 0 : !(0..<count).contains(index) { return "\(name) \(index) with \(count) words" }
        }
        if !state.course.lessons.indices.contains(state.lessonIndex) { return "lesson \(state.lessonIndex)" }
        if !(0..<state.currentLesson.stepCount).contains(state.step) { return "step \(state.step) of \(state.lessonID)" }
        if !(state.temperature > 0 && state.temperature.isFinite) { return "temperature \(state.temperature)" }
        if let attention = state.analysis.attention {
            for (row, weights) in attention.weights.enumerated() {
                let sum = weights.reduce(0, +)
                if abs(sum - 1) > 1e-9 || weights.contains(where: { $0 < 0 || !$0.isFinite }) {
                    return "weights of row \(row) sum to \(sum): \(weights)"
                }
            }
        }
        for cell in frame.cells where cell.symbol.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "a control character drawn: \(cell.symbol.unicodeScalars.map { $0.value })"
        }
        if case .detail = state.mode, state.words.isEmpty { return "a computation open with no words" }
        return nil
    }

    // MARK: Events

    private static let namedKeys: [Key] = [
        .enter, .escape, .tab, .backTab, .backspace, .delete, .up, .down, .left, .right, .pageUp, .pageDown, .home, .end,
        .control("a"), .control("e"), .control("u"), .control("l"), .control("z"), .function(1), .function(12),
    ]
    /// Text a user might type or paste: letters, digits, the app's keys, and the hard cases.
    private static let texts: [String] = [
        "a", "d", "m", "r", "?", "+", "-", "=", "_", "h", "j", "k", "l", "0", "5", "9", "kiwi", "zorblax", "apple",
        "é", "e\u{301}", "日本語", "👨‍👩‍👧", "🇫🇷", "\u{200D}", "\u{202E}", "\u{1B}[31m", "\t", " ", "ß", "Ⅻ", "\u{0}",
    ]

    private static func randomEvent(_ random: inout SeededGenerator, state: AppState) -> InputEvent {
        switch Int.random(in: 0..<100, using: &random) {
        case 0..<45:
            // Keys of the app's own table, the way a user presses them most.
            let keys = AppKeys.bindings(for: state).flatMap(\.binding.keys).filter { $0 != .character("q") && $0 != .control("c") }
            return .key(keys.randomElement(using: &random)!)
        case 45..<60: return .key(namedKeys.randomElement(using: &random)!)
        case 60..<75:
            let text = texts.randomElement(using: &random)!
            let character = text.randomElement(using: &random) ?? "x"
            return .key(.character(character))
        case 75..<80:
            let length = Int.random(in: 0...12, using: &random)
            return .paste(String((0..<length).map { _ in texts.randomElement(using: &random)!.first ?? "x" }))
        case 80..<92:
            // Mostly usable sizes, sometimes tiny or huge.
            let width = Bool.random(using: &random) ? Int.random(in: 1...300, using: &random) : Int.random(in: 60...140, using: &random)
            let height = Bool.random(using: &random) ? Int.random(in: 1...100, using: &random) : Int.random(in: 18...45, using: &random)
            return .resize(Size(width: width, height: height))
        case 92..<99:
            let buttons: [MouseEvent.Button] = [.left, .left, .left, .middle, .right, .scrollUp, .scrollDown]
            return .mouse(
                MouseEvent(
                    x: Int.random(in: -2...state.size.width + 2, using: &random),
                    y: Int.random(in: -2...state.size.height + 2, using: &random),
                    button: buttons.randomElement(using: &random)!))
        default:
            // Quit, rarely: the storm starts again on a fresh session.
            return Bool.random(using: &random) ? .key(.character("q")) : .tick
        }
    }
}
