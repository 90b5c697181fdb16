// SPDX-License-Identifier: Apache-2.0

import AttnMath
import TUIKit
import XCTest

@testable import AttnApp
@testable import Lessons

/// Lesson 1, Words as vectors: every "Try" replayed through `update`.
final class WordsAsVectorsLessonTests: XCTestCase {
    private func opened(step: Int) -> AppState { opening("vectors", step: step) }

    /// The own panel's text at 100×30.
    private func panel(_ state: AppState, _ focus: Focus) throws -> String {
        let layout = state.layout(for: Size(width: 100, height: 30))
        return AppView.render(state, size: Size(width: 100, height: 30), colorMode: .palette256).text(
            in: try XCTUnwrap(layout.rect(of: focus)))
    }

    func testStep1ShowsBananasThirteenNumbersAndDownShowsAnothersNumbers() throws {
        var state = opened(step: 0)
        XCTAssertEqual(state.selectedWord?.word, "banana")
        let before = try panel(state, .panel(WordsAsVectorsLesson.Panel.numbers))
        XCTAssertTrue(before.contains("banana as 13 numbers"), before)
        // banana's fruit feature as the lexicon has it, to two decimals.
        let fruit = try XCTUnwrap(state.vector(of: "banana")?.first)
        XCTAssertTrue(before.contains(NumberFormat.fixed(fruit, decimals: 2)))

        state.press("<Down>")  // Try: press ↓ to pick another word
        XCTAssertEqual(state.selectedWord?.word, "cherry")
        let after = try panel(state, .panel(WordsAsVectorsLesson.Panel.numbers))
        XCTAssertTrue(after.contains("cherry as 13 numbers"), after)
        XCTAssertNotEqual(before, after)
    }

    func testStep1ShowsAllThirteenNumbersAt80x24() throws {
        var state = opened(step: 0)
        _ = state.update(.resize(Size(width: 80, height: 24)))
        let rect = try XCTUnwrap(state.layout(for: state.size).rect(of: .panel(WordsAsVectorsLesson.Panel.numbers)))
        let text = screen(state, 80, 24).text(in: rect)
        for name in state.featureNames {
            XCTAssertTrue(text.contains(name + " "), "\(name) is cut off:\n\(text)")
        }
    }

    func testTheNearestWordsSpeakTheLegendsWordsAndSayWhatTheNumberIs() throws {
        let state = opened(step: 1)
        let text = try panel(state, .panel(WordsAsVectorsLesson.Panel.nearest))
        XCTAssertTrue(text.contains("nearest words · closeness"), text)
        XCTAssertTrue(text.contains("two senses"), text)
        XCTAssertFalse(text.contains("ambiguous"), "the map's legend says \"two senses\"")
        var phone = opened(step: 1)
        phone.select("phone")
        let gadget = try panel(phone, .panel(WordsAsVectorsLesson.Panel.nearest))
        XCTAssertTrue(gadget.contains("→ tech (5 of 5 nearest)"), "and \"tech\" for electronics: \(gadget)")
    }

    func testStep2TheMapSeparatesFruitsFromElectronicsWithAppleBetween() throws {
        let state = opened(step: 1)
        let points = Dictionary(uniqueKeysWithValues: zip(state.wordNames, state.analysis.points))
        let fruits = ["orange", "banana", "cherry", "grape", "lemon"].compactMap { points[$0]?.x }
        let tech = ["phone", "laptop", "keyboard", "television", "camera"].compactMap { points[$0]?.x }
        // On the first principal axis every fruit lies on one side of every gadget …
        XCTAssertTrue(fruits.min()! > tech.max()! || fruits.max()! < tech.min()!, "fruits \(fruits) vs tech \(tech)")
        // … and apple, with two senses, between the two groups' means.
        let apple = try XCTUnwrap(points["apple"]?.x)
        let (f, t) = (fruits.reduce(0, +) / 5, tech.reduce(0, +) / 5)
        XCTAssertTrue((min(f, t)...max(f, t)).contains(apple))
        XCTAssertTrue(try panel(state, .panel(WordsAsVectorsLesson.Panel.nearest)).contains("What is apple?"))
    }

    func testStep3AddingMangoNamesItAFruit() throws {
        var state = opened(step: 2)
        state.press("amango<Enter>")  // Try: press a, type mango and Enter
        XCTAssertEqual(state.selectedWord?.word, "mango")
        let nearest = state.neighbors(count: 5)
        XCTAssertEqual(nearest.count, 5)
        XCTAssertEqual(nearest.map(\.category), Array(repeating: "fruit", count: 5), "its nearest words are fruits")
        let text = try panel(state, .panel(WordsAsVectorsLesson.Panel.nearest))
        XCTAssertTrue(text.contains("→ fruit (5 of 5 nearest)"), text)
    }

    func testStep4AMadeUpWordStartsAtTheMapsAverageAndTheTryLandsItAmongTheFruits() throws {
        var state = opened(step: 3)
        state.press("azorb<Enter>")  // Try: press a, type zorb and Enter
        let start = try XCTUnwrap(state.placement)
        XCTAssertEqual(start.feature, 0, "fruit is the first feature")
        // "It starts at the map's average": the mean of the words in play, to one decimal.
        let mean = scale(state.words.dropFirst().reduce(state.words[0].vector) { add($0, $1.vector) }, by: 1 / Double(state.words.count))
        XCTAssertEqual(start.vector, mean.map { ($0 * 10).rounded() / 10 })
        XCTAssertTrue(
            try panel(state, .panel(WordsAsVectorsLesson.Panel.nearest)).contains("What is zorb?"),
            "the panel follows the word being placed")
        // → five times to raise fruit, ↓ to tech and press 0, ↓ to screen and 0, then Enter.
        state.press(String(repeating: "<Right>", count: 5) + String(repeating: "<Down>", count: 4) + "0<Down>0")
        let placed = try XCTUnwrap(state.placement)
        let names = state.featureNames
        XCTAssertEqual(placed.vector[0], min(1, start.vector[0] + 0.5), accuracy: 1e-9)
        XCTAssertEqual(placed.vector[try XCTUnwrap(names.firstIndex(of: "tech"))], 0)
        XCTAssertEqual(placed.vector[try XCTUnwrap(names.firstIndex(of: "screen"))], 0)
        state.press("<Enter>")
        XCTAssertEqual(state.selectedWord?.word, "zorb")
        XCTAssertEqual(state.customWords.map(\.word), ["zorb"], "kept as the learner's own word")
        // Among the fruits: its nearest words are fruits, and on the map it sits nearer them than apple does.
        XCTAssertEqual(state.neighbors(count: 5).map(\.category), Array(repeating: "fruit", count: 5))
        XCTAssertTrue(try panel(state, .panel(WordsAsVectorsLesson.Panel.nearest)).contains("→ fruit (5 of 5 nearest)"))
        let points = Dictionary(uniqueKeysWithValues: zip(state.wordNames, state.analysis.points))
        let fruits = ["orange", "banana", "cherry", "grape", "lemon"].compactMap { points[$0] }
        let centre = (x: fruits.map(\.x).reduce(0, +) / 5, y: fruits.map(\.y).reduce(0, +) / 5)
        let away = { (name: String) -> Double in
            let (dx, dy) = (points[name]!.x - centre.x, points[name]!.y - centre.y)
            return (dx * dx + dy * dy).squareRoot()
        }
        XCTAssertLessThan(away("zorb"), away("apple"))
        for gadget in ["phone", "laptop", "keyboard", "television", "camera"] { XCTAssertLessThan(away("zorb"), away(gadget)) }
    }

    func testTheMapsLegendIsWholeAt80x24() {
        for step in 0..<2 {
            let text = screen(opened(step: step), 80, 24).text
            XCTAssertTrue(text.contains("PC1 →  ◆ two senses ● fruit ■ tech · 1 label hidden"), text)
        }
    }

    func testStep2SaysWhatTheMapIsAndWhatItsAxesMean() {
        let text = course.text(lesson: index("vectors"), step: 1)
        for term in ["PCA", "PC1 across", "PC2 up", "two directions in which the words differ most"] {
            XCTAssertTrue(text.contains(term), term)
        }
    }

    // MARK: The exercise

    func testTheExerciseIsSolvedByReplayingItsSolutions() {
        ExerciseReplay.assertSolutionsSolve("vectors")
    }

    func testTheLastExploreStepEndsWithARecap() {
        ExerciseReplay.assertRecap("vectors")
    }

    func testTheExerciseChecksTheNearestWordsOfTheWordsAdded() {
        var state = opened(step: 4)
        let tasks = state.tasks
        // A fruit is not a gadget; a made-up word is not one of the lexicon's gadgets.
        state.press("akiwi<Enter>")
        XCTAssertFalse(state.isSolved(task: tasks[0]))
        let check = state.currentLesson.check(task: 0, step: state.step, workspace: state.workspace)
        XCTAssertEqual(check?.compared, "kiwi: 0 of 5 nearest are tech")
        state.press("awug<Enter><Enter>")
        XCTAssertFalse(state.isSolved(task: tasks[0]), "made up, not found among the lexicon's gadgets")
        XCTAssertFalse(state.isSolved(task: tasks[1]), "wug left at the map's average is two-sensed")
        state.press("atelephone<Enter>")
        XCTAssertTrue(state.isSolved(task: tasks[0]))
    }

    func testTheVerdictIsTheMostCommonCategoryOfTheNearest() {
        XCTAssertEqual(WordsAsVectorsLesson.verdict(["fruit", "ambiguous", "fruit"]).category, "fruit")
        XCTAssertEqual(WordsAsVectorsLesson.verdict(["fruit", "ambiguous", "fruit"]).votes, 2)
        XCTAssertEqual(WordsAsVectorsLesson.verdict(["electronics", "fruit"]).category, "electronics", "a tie: the nearest wins")
    }

    /// Step 4 at 80×24: while zorb is placed (the editor covers the step's text), the Try being
    /// followed keeps a line of its own, whole, above the map; the script says the same words.
    func testStep4TheTryStaysOnScreenWhileTheWordIsPlaced() throws {
        let size = Size(width: 80, height: 24)
        var state = opened(step: 3)
        _ = state.update(.resize(size))
        XCTAssertTrue(course.text(lesson: index("vectors"), step: 3).contains(WordsAsVectorsLesson.placingTry))
        state.press("azorb<Enter>")
        XCTAssertNotNil(state.placement)
        let instruction = "Try: " + WordsAsVectorsLesson.placingTry
        var lines = screen(state, 80, 24).lines
        XCTAssertTrue(lines.contains { $0.hasPrefix(instruction) }, lines.joined(separator: "\n"))
        // It stays while the learner follows it, with the map and the nearest words.
        state.press(String(repeating: "<Right>", count: 5) + String(repeating: "<Down>", count: 4) + "0<Down>0")
        lines = screen(state, 80, 24).lines
        XCTAssertTrue(lines.contains { $0.hasPrefix(instruction) }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.contains("Place 'zorb' by its features") })
        XCTAssertTrue(lines.contains { $0.contains("Map · PCA") } && lines.contains { $0.contains("What is zorb?") })
        XCTAssertTrue(lines.contains { $0.contains("→ fruit (5 of 5 nearest)") }, lines.joined(separator: "\n"))
        state.press("<Enter>")
        XCTAssertFalse(screen(state, 80, 24).lines.contains { $0.hasPrefix(instruction) }, "the step's text is back")
        // Placing a word in the exercise keeps its placing task in view the same way.
        var exercise = opened(step: 4)
        exercise.press("awug<Enter>")
        XCTAssertTrue(
            screen(exercise, 80, 24).lines.contains { $0.hasPrefix("2. Make up a word and place it so 4 of its 5") },
            screen(exercise, 80, 24).text)
    }

    /// Step 3 says why the words move on the map when mango comes in (lemon jumps): the projection is refitted.
    func testStep3SaysWhyTheMapMovesWhenAWordIsAdded() throws {
        XCTAssertTrue(course.text(lesson: index("vectors"), step: 2).contains("a projection fitted to the words on it"))
        var state = opened(step: 2)
        let before = try XCTUnwrap(state.analysis.points[try XCTUnwrap(state.index(of: "lemon"))])
        state.press("amango<Enter>")
        let after = try XCTUnwrap(state.analysis.points[try XCTUnwrap(state.index(of: "lemon"))])
        XCTAssertGreaterThan(abs(after.y - before.y) + abs(after.x - before.x), 0.1, "lemon moves, as the text says")
    }

    func testTheAnswerBoxStaysWithin76Columns() {
        AnswerBox.assertFits("vectors")
    }
}
