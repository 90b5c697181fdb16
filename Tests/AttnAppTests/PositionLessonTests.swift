// SPDX-License-Identifier: Apache-2.0

import AttnMath
import TUIKit
import XCTest

@testable import AttnApp
@testable import Lessons

/// The position lesson: attention is order-blind until a position vector is added to each word.
final class PositionLessonTests: XCTestCase {
    // Printed by Tests/AttnAppTests/Reference/position_mask_block_reference.py (numpy, float64).
    static let positions: [[Double]] = [
        [0, 1], [0.479425538604, 0.87758256189], [0.841470984808, 0.540302305868], [0.997494986604, 0.070737201668],
        [0.909297426826, -0.416146836547],
    ]
    static let writtenOff: [[Double]] = [
        [0.114441988156, 0.341497810418], [0.256145928349, 0.550519656501], [0.105675357258, 0.323988128952],
        [0.117759916817, 0.33215913814], [0.165468341971, 0.588972749924],
    ]
    static let writtenOn: [[Double]] = [
        [0.18641498046, 0.26961271328], [0.388522133387, 0.498002965215], [0.121743519742, 0.266289157053],
        [0.077410723177, 0.322854742153], [0.045075809922, 0.716619888132],
    ]
    /// "phone an apple a and", the first shuffle, with positions.
    static let shuffledOn: [[Double]] = [
        [0.101793411024, 0.731948437335], [0.147833757029, 0.425576739393], [0.353480879053, 0.534048276174],
        [0.152788566705, 0.228700558963], [0.081186836108, 0.136843930638],
    ]
    /// "an phone and a apple" with positions.
    static let swappedOn: [[Double]] = [
        [-2.610786943265e-04, 3.567740793688e-01], [3.307278148385e-02, 6.472177609592e-01], [5.603502468933e-02, 2.986963166441e-01],
        [1.541001792813e-01, 2.938480942211e-01], [4.392122585204e-01, 5.456239384157e-01],
    ]

    func opened(_ step: PositionLesson.Step, size: Size = Size(width: 80, height: 24)) -> AppState {
        var state = opening("position", step: PositionLesson.Step.allCases.firstIndex(of: step)!)
        _ = state.update(.resize(size))
        return state
    }

    func lesson(_ state: AppState) throws -> PositionLesson { try XCTUnwrap(state.currentLesson.base as? PositionLesson) }

    func outputs(_ lesson: PositionLesson, _ order: [Int]) throws -> Matrix { try XCTUnwrap(lesson.result(order)).output }

    func assertClose(_ matrix: Matrix, _ expected: [[Double]], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(matrix.rows, expected.count, file: file, line: line)
        for (i, row) in expected.enumerated() {
            for (j, value) in row.enumerated() {
                XCTAssertEqual(matrix[i, j], value, accuracy: 1e-11, "[\(i), \(j)]", file: file, line: line)
            }
        }
    }

    func panelText(_ state: AppState, _ panel: PositionLesson.Panel) throws -> String {
        let rect = try XCTUnwrap(state.layout(for: state.size).rect(of: .panel(panel)))
        return screen(state, state.size.width, state.size.height).text(in: rect)
    }

    func explanation(_ state: AppState) -> Explanation? {
        if case .lesson(let explanation) = state.detail { return explanation }
        return nil
    }

    // MARK: The numbers, against numpy

    func testTheOutputsMatchNumpyWithAndWithoutPositions() throws {
        var lesson = try lesson(opened(.orderBlind))
        XCTAssertEqual(lesson.words.map { $0.count }, [2, 2, 2, 2, 2], "a word is its fruit and tech")
        lesson.positionsOn = false
        assertClose(try outputs(lesson, PositionLesson.written), Self.writtenOff)
        lesson.positionsOn = true
        assertClose(try outputs(lesson, PositionLesson.written), Self.writtenOn)
        assertClose(try outputs(lesson, PositionLesson.shuffles[0]), Self.shuffledOn)
        assertClose(try outputs(lesson, [0, 4, 2, 3, 1]), Self.swappedOn)
        for (i, expected) in Self.positions.enumerated() {
            XCTAssertEqual(PositionLesson.position(i)[0], expected[0], accuracy: 1e-12)
            XCTAssertEqual(PositionLesson.position(i)[1], expected[1], accuracy: 1e-12)
        }
    }

    /// p(i)·p(j) = cos((i − j)/2): the positions' part of a score depends only on the distance.
    func testThePositionsDotProductDependsOnlyOnTheDistance() {
        for i in 0..<8 {
            for j in 0..<8 {
                XCTAssertEqual(dot(PositionLesson.position(i), PositionLesson.position(j)), cos(Double(i - j) / 2), accuracy: 1e-15)
            }
            XCTAssertEqual(dot(PositionLesson.position(i), PositionLesson.position(i)), 1, accuracy: 1e-15, "every p(i) has length 1")
        }
    }

    // MARK: The invariants

    /// Without positions every reordering gives each word the output it had: the outputs are
    /// equal as sets, the rows only permuted.
    func testWithoutPositionsEveryOrderOnlyPermutesTheOutputs() throws {
        var lesson = try lesson(opened(.orderBlind))
        lesson.positionsOn = false
        let written = try outputs(lesson, PositionLesson.written)
        // Every order of the five words, not only the lesson's shuffles.
        for order in permutations(Array(PositionLesson.sentence.indices)) {
            let reordered = try outputs(lesson, order)
            for (row, word) in order.enumerated() {
                XCTAssertEqual(reordered.row(row)[0], written.row(word)[0], accuracy: 1e-12, "\(order)")
                XCTAssertEqual(reordered.row(row)[1], written.row(word)[1], accuracy: 1e-12, "\(order)")
            }
        }
    }

    /// With positions, every reordering of the five words changes some output, but one: the
    /// sentence read backwards keeps every distance, and with W_Q = W_K the positions' part
    /// 2·cos((i − j)/2) depends on the distance alone (the positions panel's Enter says so).
    func testWithPositionsEveryOtherOrderChangesSomeOutputButTheReverse() throws {
        var lesson = try lesson(opened(.orderBlind))
        lesson.positionsOn = true
        let written = try outputs(lesson, PositionLesson.written)
        let reverse = Array(PositionLesson.written.reversed())
        for order in permutations(Array(PositionLesson.sentence.indices)) where order != PositionLesson.written {
            let reordered = try outputs(lesson, order)
            let largest = order.enumerated().map { row, word in
                max(abs(reordered[row, 0] - written[word, 0]), abs(reordered[row, 1] - written[word, 1]))
            }.max()!
            if order == reverse {
                XCTAssertLessThan(largest, 1e-12, "backwards, every distance is kept")
            } else {
                XCTAssertGreaterThan(largest, 0.005, "\(order): some output changes where the screen shows it")
            }
        }
        // None of the orders the keys reach is the reverse.
        for shuffle in PositionLesson.shuffles { XCTAssertNotEqual(shuffle, reverse) }
    }

    func permutations(_ items: [Int]) -> [[Int]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { i in
            permutations(Array(items[..<i] + items[(i + 1)...])).map { [items[i]] + $0 }
        }
    }

    // MARK: Each step's Try, replayed

    /// Step 1: "press o to shuffle again, s to swap apple and phone: every = stays".
    func testStep1ShufflingAndSwappingKeepEveryOutput() throws {
        var state = opened(.orderBlind)
        XCTAssertEqual(try lesson(state).order, PositionLesson.shuffles[0])
        XCTAssertFalse(try lesson(state).positionsOn)
        for keys in ["o", "s"] {
            let before = try lesson(state).order
            state.press(keys)
            let lesson = try lesson(state)
            XCTAssertNotEqual(lesson.order, before, "\(keys) changes the order")
            XCTAssertEqual(Set(lesson.order), Set(PositionLesson.sentence.indices))
            XCTAssertTrue(PositionLesson.sentence.indices.allSatisfy(lesson.keepsItsOutput))
            let right = try panelText(state, .reordered)
            XCTAssertEqual(right.filter { $0 == "=" }.count, 6, "five rows and the summary\n\(right)")
            XCTAssertFalse(right.contains("≠"), right)
            XCTAssertTrue(right.contains("\"\(PositionLesson.sentenceText(lesson.order))\""), right)
        }
        // s swapped apple and phone in the second shuffle.
        XCTAssertEqual(PositionLesson.sentenceText(try lesson(state).order), "a apple and an phone")
    }

    /// Step 2: "press p to take the positions away and back: sin and cos drop to 0 and return".
    func testStep2PositionsAreAddedToTheWordsAndTakenAway() throws {
        var state = opened(.positionVectors)
        var text = try panelText(state, .positions)
        XCTAssertTrue(text.contains("x = word + p(i) · on"), text)
        // apple at place 1: (0.60, 0.65) + (0, 0, sin ½, cos ½).
        XCTAssertTrue(text.contains("1 apple   0.60  0.65  0.48  0.88"), text)
        XCTAssertEqual(try lesson(state).input(PositionLesson.written).row(1), [0.6, 0.65, sin(0.5), cos(0.5)])
        state.press("p")
        text = try panelText(state, .positions)
        XCTAssertTrue(text.contains("1 apple   0.60  0.65  0.00  0.00") && text.contains("· off"), text)
        XCTAssertEqual(try lesson(state).input(PositionLesson.written).row(1), [0.6, 0.65, 0, 0])
        state.press("p")
        XCTAssertTrue(try panelText(state, .positions).contains("1 apple   0.60  0.65  0.48  0.88"))
    }

    /// Step 3: "press s to swap apple and phone: an's fruit output falls from 0.19 to 0.00 (≠).
    /// Press p: no positions, every = returns."
    func testStep3SwappingMovesAnsOutputAndPositionsOffBringTheMarksBack() throws {
        var state = opened(.orderMatters)
        let an = PositionLesson.an
        XCTAssertEqual(PositionLesson.number(try XCTUnwrap(try lesson(state).output(of: an, in: try lesson(state).order))[0]), "0.19")
        state.press("s")
        let lesson = try lesson(state)
        XCTAssertEqual(PositionLesson.sentenceText(lesson.order), "an phone and a apple")
        XCTAssertEqual(PositionLesson.number(try XCTUnwrap(lesson.output(of: an, in: lesson.order))[0]), "0.00")
        XCTAssertFalse(lesson.keepsItsOutput(an))
        var right = try panelText(state, .reordered)
        XCTAssertTrue(right.contains("0 an      0.00  0.36  ≠"), right)
        XCTAssertTrue(right.contains("≠ 5 of 5 outputs changed"), right)
        state.press("p")
        right = try panelText(state, .reordered)
        XCTAssertFalse(right.contains("≠"), right)
        XCTAssertTrue(right.contains("= same outputs, reordered"), right)
    }

    /// Enter on a sentence splits each of the selected word's scores into the words' part and the
    /// positions' part; they add up to the score, and the weights to the output.
    func testEnterSplitsEachScoreIntoTheWordsAndThePositionsParts() throws {
        var state = opened(.orderMatters)
        XCTAssertEqual(state.focus, .panel(PositionLesson.Panel.written))
        state.press("<Enter>")
        let working = try XCTUnwrap(explanation(state))
        XCTAssertEqual(working.title, "an's output")
        // an with apple: words' part 2·(−0.02·0.60 + 0.06·0.65) = 0.05, positions' part 2·cos(½) = 1.76.
        let line = try XCTUnwrap(working.lines.first { $0.hasPrefix("  apple") })
        XCTAssertTrue(line.contains("0.05 +    1.76 =  1.81") && line.hasSuffix("weight 0.34"), line)
        XCTAssertTrue(working.lines.contains("output = Σ weight × (fruit, tech) of each word = (0.19, 0.27)"), "\(working.lines)")
        // Enter on the positions: p(0)·p(j) = cos(j/2).
        state.press("<Esc><Tab><Tab><Enter>")
        let positions = try XCTUnwrap(explanation(state))
        XCTAssertEqual(positions.title, "an at place 0")
        XCTAssertTrue(positions.lines.contains("  j = 2: 0.00×0.84 + 1.00×0.54 = 0.54"), "\(positions.lines)")
    }

    // MARK: Exercise

    func testTheExerciseIsSolvedByItsSolutionsAndChecksTheLiveSentence() throws {
        let fresh = try assertExerciseReplays("position")
        ExerciseReplay.assertSolutionsSolve("position")
        XCTAssertEqual(fresh.tasks.map(\.kind), [.number, .keys])
        XCTAssertEqual(fresh.tasks[0].solution, "<Enter>0.54<Enter>")
        // By hand from the panel's rounded numbers: 0.48×1.00 + 0.88×0.07.
        var byHand = fresh
        byHand.press("<Enter>\(NumberFormat.fixed(0.48 * 1.00 + 0.88 * 0.07, decimals: 2))<Enter>")
        XCTAssertTrue(byHand.isSolved(task: byHand.tasks[0]))
        // The keys task needs both ideas: positions on, then an order that moves apple away from an.
        XCTAssertEqual(fresh.tasks[1].solution, "ps")
        for keys in ["s", "o", "oo", "p"] {
            var state = fresh
            state.press(keys)
            XCTAssertFalse(state.isSolved(task: state.tasks[1]), "\(keys) alone does not")
        }
    }

    func testTheLastExploreStepEndsWithItsRecap() {
        ExerciseReplay.assertRecap("position")
    }

    // MARK: Screens

    func testEveryStepMatchesItsExpectedScreenAt120x40() {
        for step in PositionLesson.Step.allCases {
            let state = opened(step, size: Size(width: 120, height: 40))
            ScreenFile.assertMatches(screen(state, 120, 40), named: "position-\(step.rawValue)-120x40")
        }
    }

    /// At 120×40 the positions panel is wide enough for x = word + p(i); at 80×24 it shows p(i) alone.
    func testThePositionsPanelShowsXWhereItHasRoom() throws {
        XCTAssertTrue(try panelText(opened(.orderMatters, size: Size(width: 120, height: 40)), .positions).contains("x = word + p(i)"))
        let narrow = try panelText(opened(.orderMatters), .positions)
        XCTAssertTrue(narrow.contains("position vectors") && narrow.contains("p(i) = (sin i/2, cos i/2)"), narrow)
    }

    /// Step 1 says a word is its fruit and tech then two 0s (where step 2's positions go), and
    /// Enter shows those four numbers and why the score divides by √4.
    func testStep1SaysWhereTheTwoOtherCoordinatesComeFrom() throws {
        let text = LessonScreenTests.words(course.text(lesson: index("position"), step: 0))
        XCTAssertTrue(text.contains("a word is its fruit and tech, then two 0s that step 2 fills with its place"), text)
        var state = opened(.orderBlind)
        state.press("<Enter>")
        let working = try XCTUnwrap(explanation(state))
        XCTAssertTrue(working.lines.contains("x(apple) = (fruit, tech, 0, 0) = (0.60, 0.65, 0.00, 0.00)"), "\(working.lines)")
        XCTAssertTrue(working.lines.contains("  the two 0s: room for the position vector p(i), off now"), "\(working.lines)")
        XCTAssertTrue(working.lines.contains { $0.contains("q·k/√4 (x has 4 numbers)") }, "\(working.lines)")
        // With positions: the 0s hold sin and cos.
        state.press("<Esc>p<Enter>")
        let on = try XCTUnwrap(explanation(state))
        XCTAssertTrue(on.lines.contains("  (fruit, tech, 0, 0) + (0, 0, sin, cos)"), "\(on.lines)")
    }

    /// The keys task quotes the word "an", and its hints each fit one line of the popup at 80×24.
    func testTheExerciseQuotesAnAndItsHintsFitALine() throws {
        let state = opened(.exercise)
        XCTAssertTrue(state.tasks[1].question.hasPrefix("Make “an” take in almost no fruit"), state.tasks[1].question)
        var hinted = state
        hinted.press("i")
        let lines = screen(hinted, 80, 24).lines
        let hint = state.tasks[1].hint
        XCTAssertTrue(lines.contains { $0.contains("   \(hint) ") }, "\(lines)")
    }
}
