// SPDX-License-Identifier: Apache-2.0

import AttnMath
import TUIKit
import Vocabularies
import XCTest

@testable import AttnApp

/// `update` driven by key sequences the way a person types them.
final class UpdateTests: XCTestCase {
    // MARK: Adding a known word

    func testAddingAKnownWordAppendsSelectsAndAnalysesIt() throws {
        var state = sandbox()
        let before = state.wordNames
        XCTAssertFalse(before.contains("kiwi"), "kiwi must not be a start word for this test")

        let effects = state.press("akiwi<Enter>")

        XCTAssertEqual(effects, [.save])
        XCTAssertEqual(state.wordNames, before + ["kiwi"])
        XCTAssertEqual(state.selected, before.count)
        XCTAssertEqual(state.selectedWord?.word, "kiwi")
        XCTAssertEqual(state.selectedWord?.category, "fruit")
        XCTAssertEqual(state.mode, .browsing)
        XCTAssertEqual(state.message, "added kiwi")

        let n = before.count + 1
        let analysis = state.analysis
        XCTAssertEqual(analysis.points.count, n)
        for metric in Metric.allCases {
            let matrix = analysis.matrix(for: metric)
            XCTAssertEqual(matrix.count, n, "\(metric) has a row for kiwi")
            XCTAssertEqual(matrix.scores[n - 1].count, n, "\(metric) kiwi row spans every word")
            XCTAssertTrue(matrix.scores.allSatisfy { $0.count == n }, "\(metric) has a column for kiwi")
        }
        let attention = try XCTUnwrap(analysis.attention)
        XCTAssertEqual(attention.weights.count, n)
        XCTAssertEqual(attention.weights[n - 1].count, n)
        XCTAssertEqual(attention.weights[n - 1].reduce(0, +), 1, accuracy: 1e-12)
        XCTAssertTrue(attention.weights[n - 1].allSatisfy { $0 > 0 })
        XCTAssertEqual(analysis.contextPoints.count, n)
        let kiwi = try XCTUnwrap(lexicon.table.index(of: "kiwi"))
        XCTAssertEqual(state.words[n - 1].vector, lexicon.table.vector(at: kiwi))
    }

    func testTypedWordIsLookedUpLikeTheCommandLine() {
        var state = sandbox()
        state.press("a  Kiwi, <Enter>")
        XCTAssertEqual(state.wordNames.last, "kiwi", "case and surrounding punctuation and spaces are forgiven")
    }

    func testAddingADuplicateSelectsTheExistingWord() {
        var state = sandbox()
        state.press("akiwi<Enter>")
        state.press("<Up><Up>")
        let count = state.words.count
        let orangeIndex = state.index(of: "orange")!

        let effects = state.press("aorange<Enter>")

        XCTAssertEqual(effects, [])
        XCTAssertEqual(state.words.count, count, "no duplicate")
        XCTAssertEqual(state.selected, orangeIndex)
        XCTAssertEqual(state.mode, .browsing)
        XCTAssertEqual(state.message, "orange is already in play")

        state.press("aKIWI<Enter>")
        XCTAssertEqual(state.words.count, count)
        XCTAssertEqual(state.selectedWord?.word, "kiwi")
    }

    func testEmptyAndMultiWordInputAddNothing() {
        var state = sandbox()
        let before = state.wordNames
        XCTAssertEqual(state.press("a   <Enter>"), [])
        XCTAssertEqual(state.message, "no word typed")
        XCTAssertEqual(state.press("akiwi pear<Enter>"), [])
        XCTAssertEqual(state.message, "one word at a time (no spaces)")
        XCTAssertEqual(state.wordNames, before)
        XCTAssertEqual(state.mode, .browsing)
    }

    // MARK: Placing an unknown word

    func testUnknownWordEntersPlacementWithAPreview() throws {
        var state = sandbox()
        let before = state.wordNames

        XCTAssertEqual(state.press("aZorblax<Enter>"), [])

        let placement = try XCTUnwrap(state.placement)
        XCTAssertEqual(placement.word, "zorblax", "placed words are kept lower-cased")
        XCTAssertEqual(placement.feature, 0)
        XCTAssertEqual(placement.vector.count, state.featureNames.count)
        XCTAssertTrue(placement.vector.contains { $0 != 0 }, "starts somewhere visible, not at the origin")
        XCTAssertEqual(state.wordNames, before, "not added until confirmed")
        XCTAssertNotNil(state.analysis.previewPoint, "a live preview on the map")
        XCTAssertEqual(state.analysis.previewPoint, state.analysis.pca.project(placement.vector))
        XCTAssertEqual(state.message?.lowercased().contains("zorblax"), true, "the message names the word")
    }

    func testArrowsNudgeTheCurrentFeatureByATenthClampedToPlusMinusOne() throws {
        var state = sandbox()
        state.press("azorblax<Enter>")
        let start = try XCTUnwrap(state.placement).vector

        let clamp = { (value: Double) in min(1, max(-1, value)) }
        state.press("<Right>")
        var placement = try XCTUnwrap(state.placement)
        let once = clamp(start[0] + 0.1)
        XCTAssertEqual(placement.vector[0], once, accuracy: 1e-12)
        XCTAssertEqual(Array(placement.vector.dropFirst()), Array(start.dropFirst()), "only the current feature moves")

        state.press("<Left><Left>")
        XCTAssertEqual(try XCTUnwrap(state.placement).vector[0], clamp(clamp(once - 0.1) - 0.1), accuracy: 1e-12)

        state.press(String(repeating: "<Right>", count: 30))
        XCTAssertEqual(try XCTUnwrap(state.placement).vector[0], 1, "clamped at +1, exactly")

        state.press(String(repeating: "<Left>", count: 40))
        XCTAssertEqual(try XCTUnwrap(state.placement).vector[0], -1, "clamped at -1, exactly")

        // Repeated steps stay on the grid of tenths (no 0.30000000000000004).
        state.press("0" + String(repeating: "<Right>", count: 3))
        XCTAssertEqual(try XCTUnwrap(state.placement).vector[0], 0.3)

        // ↓ moves to the next feature, which then takes the nudges; ↑ from the first wraps to the last.
        state.press("<Down><Right>")
        placement = try XCTUnwrap(state.placement)
        XCTAssertEqual(placement.feature, 1)
        XCTAssertEqual(placement.vector[1], clamp(start[1] + 0.1), accuracy: 1e-12)
        XCTAssertEqual(placement.vector[0], 0.3)
        state.press("<Up><Up>")
        XCTAssertEqual(try XCTUnwrap(state.placement).feature, state.featureNames.count - 1)
        XCTAssertEqual(state.words.count, 8, "nothing added while placing")
    }

    func testEnterAddsThePlacedWordAsACustomWord() throws {
        var state = sandbox()
        state.press("azorblax<Enter><Right><Right><Down><Left>")
        let vector = try XCTUnwrap(state.placement).vector
        let count = state.words.count

        let effects = state.press("<Enter>")

        XCTAssertEqual(effects, [.save])
        XCTAssertEqual(state.mode, .browsing)
        XCTAssertEqual(state.words.count, count + 1)
        let added = try XCTUnwrap(state.selectedWord)
        XCTAssertEqual(added.word, "zorblax")
        XCTAssertEqual(added.vector, vector)
        XCTAssertEqual(added.category, "custom")
        XCTAssertTrue(added.isCustom)
        XCTAssertEqual(state.customWords, [added])
        XCTAssertNil(state.analysis.previewPoint)
        XCTAssertEqual(state.analysis.attention?.weights.count, count + 1)

        // Removed and typed again, it comes back at once with its vector: no second placement.
        state.press("d")
        XCTAssertNil(state.index(of: "zorblax"))
        XCTAssertEqual(state.press("azorblax<Enter>"), [.save])
        XCTAssertNil(state.placement)
        XCTAssertEqual(state.selectedWord, added)
        XCTAssertEqual(state.customWords.count, 1)
    }

    func testEscCancelsPlacement() {
        var state = sandbox()
        let before = state.wordNames
        state.press("azorblax<Enter><Right><Right>")
        XCTAssertNotNil(state.placement)

        XCTAssertEqual(state.press("<Esc>"), [])

        XCTAssertEqual(state.mode, .browsing)
        XCTAssertEqual(state.wordNames, before)
        XCTAssertEqual(state.customWords, [])
        XCTAssertNil(state.analysis.previewPoint)
        XCTAssertEqual(state.message, "cancelled")
    }

    func testTheZeroVectorIsRefused() throws {
        var state = sandbox()
        state.press("azorblax<Enter>")
        let dimension = state.featureNames.count
        // "0" zeroes the current feature; ↓ goes on to the next.
        state.press(String(repeating: "0<Down>", count: dimension))
        XCTAssertEqual(try XCTUnwrap(state.placement).vector, [Double](repeating: 0, count: dimension))

        XCTAssertEqual(state.press("<Enter>"), [])

        XCTAssertNotNil(state.placement, "still placing: the user can fix it")
        XCTAssertEqual(state.words.count, 8)
        XCTAssertEqual(state.customWords, [])
        XCTAssertTrue(state.message?.contains("zero vector") ?? false, state.message ?? "no message")

        // One feature set makes it acceptable.
        state.press("<Right><Enter>")
        XCTAssertNil(state.placement)
        XCTAssertEqual(state.selectedWord?.word, "zorblax")
    }

    // MARK: Removing

    func testDRemovesTheSelectedWord() {
        var state = sandbox()
        state.press("<Down><Down>")
        let victim = state.selectedWord!.word
        let count = state.words.count

        XCTAssertEqual(state.press("d"), [.save])

        XCTAssertEqual(state.words.count, count - 1)
        XCTAssertNil(state.index(of: victim))
        XCTAssertEqual(state.message, "removed \(victim)")
        XCTAssertEqual(state.analysis.attention?.weights.count, count - 1)
        XCTAssertEqual(state.analysis.cosine.count, count - 1)

        // Delete does the same; the selection stays in range when the last word goes.
        state.press("<Up><Up><Up>")  // wraps to the last word
        XCTAssertEqual(state.selected, count - 2)
        state.press("<Del>")
        XCTAssertEqual(state.words.count, count - 2)
        XCTAssertEqual(state.selected, count - 3)
    }

    func testRemovingEveryWordLeavesAnEmptyButWorkingSandbox() {
        var state = sandbox()
        state.press(String(repeating: "d", count: state.words.count))
        XCTAssertEqual(state.words, [])
        XCTAssertNil(state.selectedWord)
        XCTAssertEqual(state.press("d"), [])
        XCTAssertEqual(state.message, "no word to remove")
        state.press("<Down><Up><Enter>m+-")
        XCTAssertEqual(state.mode, .browsing)
        state.press("akiwi<Enter>")
        XCTAssertEqual(state.wordNames, ["kiwi"])
        XCTAssertEqual(state.analysis.attention?.weights, [[1]])
    }

    // MARK: Metric and temperature

    func testMCyclesScaledDotCosineDot() {
        var state = sandbox()
        XCTAssertEqual(state.metric, .scaledDot)
        state.press("m")
        XCTAssertEqual(state.metric, .cosine)
        XCTAssertEqual(state.analysis.attention?.metric, .cosine)
        state.press("m")
        XCTAssertEqual(state.metric, .dot)
        XCTAssertEqual(state.analysis.attention?.metric, .dot)
        state.press("m")
        XCTAssertEqual(state.metric, .scaledDot)
        XCTAssertEqual(state.analysis.attention?.metric, .scaledDot)
    }

    func testTemperatureStepsAndSharpness() throws {
        var state = sandbox()
        XCTAssertEqual(state.temperature, 1)
        let steps = AppState.temperatures
        let row = state.selected
        let atOne = entropy(try XCTUnwrap(state.analysis.attention).weights[row])

        state.press("+")
        XCTAssertEqual(state.temperature, steps[steps.firstIndex(of: 1)! + 1])
        let warmer = entropy(try XCTUnwrap(state.analysis.attention).weights[row])
        XCTAssertGreaterThan(warmer, atOne, "a higher temperature flattens the weights")
        XCTAssertEqual(state.analysis.attention?.temperature, state.temperature)

        state.press(String(repeating: "+", count: steps.count + 2))
        XCTAssertEqual(state.temperature, steps.last, "stays within the steps")
        let hottest = entropy(try XCTUnwrap(state.analysis.attention).weights[row])
        XCTAssertGreaterThan(hottest, warmer)

        state.press(String(repeating: "-", count: steps.count + 2))
        XCTAssertEqual(state.temperature, steps.first)
        let coldest = entropy(try XCTUnwrap(state.analysis.attention).weights[row])
        XCTAssertLessThan(coldest, atOne, "a lower temperature sharpens the weights")

        // "=" and "_" are the unshifted spellings of the same keys.
        state.press("=")
        XCTAssertEqual(state.temperature, steps[1])
        state.press("_")
        XCTAssertEqual(state.temperature, steps[0])
        XCTAssertTrue(steps.allSatisfy { $0 > 0 })
        XCTAssertEqual(steps, steps.sorted())
    }

    func testEntropyFallsStepByStepAsTheTemperatureDrops() throws {
        var state = sandbox()
        state.press(String(repeating: "+", count: AppState.temperatures.count))
        var previous = Double.infinity
        for _ in AppState.temperatures {
            let weights = try XCTUnwrap(state.analysis.attention).weights[state.selected]
            let h = entropy(weights)
            XCTAssertLessThanOrEqual(h, previous + 1e-12, "T=\(state.temperature)")
            previous = h
            state.press("-")
        }
        XCTAssertLessThanOrEqual(previous, log(Double(state.words.count)))
    }

    // MARK: Lessons

    func testArrowsWalkTheStepsOnIntoTheNextLessonAndPageKeysJumpLessons() {
        let first = course.ids[0]
        let second = course.ids[1]
        let third = course.ids[2]
        let last = course.ids[course.count - 1]
        var state = sandbox(lesson: first)
        XCTAssertEqual(state.lessonID, first)
        XCTAssertEqual(state.step, 0)
        XCTAssertEqual(state.press("<Left>"), [], "already at the first step")
        let steps = state.lessons[0].stepCount
        for expected in 1..<steps {
            XCTAssertEqual(state.press("<Right>"), [.save])
            XCTAssertEqual(state.step, expected)
        }
        state.press("l")
        XCTAssertEqual(state.lessonID, second, "→ on the last step goes into the next lesson")
        XCTAssertEqual(state.step, 0)
        state.press("h")
        XCTAssertEqual(state.lessonID, first, "← on the first step goes back to the last step of the lesson before")
        XCTAssertEqual(state.step, steps - 1)

        state.press("<PageDown><PageDown>")
        XCTAssertEqual(state.lessonID, third)
        XCTAssertEqual(state.step, 0, "a lesson opens at its first step")
        state.press("<PageUp>")
        XCTAssertEqual(state.lessonID, second)
        state.press("<End>")
        XCTAssertEqual(state.lessonID, last)
        XCTAssertEqual(state.press("<PageDown>"), [], "already at the last lesson")
        let lastSteps = state.currentLesson.stepCount
        state.press(String(repeating: "l", count: lastSteps - 1))
        XCTAssertEqual(state.lessonID, last, "→ stops at the last lesson's last step")
        XCTAssertEqual(state.step, lastSteps - 1)
        XCTAssertEqual(state.press("<Right>"), [], "→ on the very last step opens the end of the course")
        XCTAssertEqual(state.mode, .end)
        XCTAssertEqual(state.step, lastSteps - 1)
        state.press("<Left><Home>")
        XCTAssertEqual(state.lessonID, first)
        XCTAssertEqual(state.step, 0)
    }

    func testWholeStatesCompareAsTheTestStoreDoes() {
        var a = sandbox(lesson: course.ids[0])
        var b = sandbox(lesson: course.ids[0])
        XCTAssertEqual(a, b, "the same start")
        a.press("<Right>amango<Enter>")
        XCTAssertNotEqual(a, b)
        b.press("<Right>amango<Enter>")
        XCTAssertEqual(a, b, "the same keys give the same state, every field")
        b.press("<Down>")
        XCTAssertNotEqual(a, b, "a different selection")
    }

    func testAnOverScrolledOverlayScrollsBackWithTheFirstKey() throws {
        var state = sandbox()
        _ = state.update(.resize(Size(width: 40, height: 12)))
        state.press("?")
        state.press(String(repeating: "j", count: 200))
        guard case .help(let bottom) = state.mode else { return XCTFail("help is open") }
        XCTAssertEqual(bottom, AppView.overlayMaxScroll(state, size: state.size), "scrolling stops at the end")
        XCTAssertGreaterThan(bottom, 0)
        state.press("k")
        guard case .help(let scroll) = state.mode else { return XCTFail("help is open") }
        XCTAssertEqual(scroll, bottom - 1, "↑ acts at once")
    }

    func testAFreshStartOpensLessonOneAndAUsersFileOpensTheSandbox() {
        let fresh = AppState(environment: environment(lexicon))
        XCTAssertEqual(fresh.lessonIndex, 0)
        XCTAssertEqual(fresh.step, 0)
        let saved = SavedState(lesson: "dot-product", step: "unrelated", customWords: [])
        let resumed = AppState(environment: environment(lexicon), saved: saved)
        XCTAssertEqual([resumed.lessonID, resumed.stepID], ["dot-product", "unrelated"], "later runs resume the lesson and step")
        let file = Vocabulary(table: EmbeddingTable(words: ["x", "y"], vectors: [[1, 0], [0, 1]]), source: "f.txt")
        let practitioner = AppState(environment: environment(file), saved: saved)
        XCTAssertEqual(practitioner.lessonID, sandboxID, "--embeddings opens the sandbox on the file's words")
        XCTAssertEqual(practitioner.wordNames, ["x", "y"])
        let jumped = AppState(environment: environment(file, lesson: "features"), saved: saved)
        XCTAssertEqual([jumped.lessonID, jumped.stepID], ["features", "named"], "--lesson still jumps, at the first step")
    }

    func testDigitsJumpToALesson() {
        var state = sandbox()
        for digit in 1...9 {
            XCTAssertEqual(state.press(String(digit)), [.save])
            XCTAssertEqual(state.lessonID, course.ids[digit - 1])
        }
        XCTAssertEqual(state.press("9"), [], "already there")
        state.press("0")
        XCTAssertEqual(state.lessonID, course.ids[8], "0 is not a lesson")
    }

    func testInitialLessonComesFromTheEnvironment() {
        XCTAssertEqual(sandbox(lesson: "cosine").lessonID, "cosine")
    }

    // MARK: Focus and selection

    func testTabCyclesFocusAndShiftTabGoesBack() {
        var state = sandbox()
        XCTAssertEqual(state.focus, .map)
        state.press("<Tab>")
        XCTAssertEqual(state.focus, .heatmap)
        state.press("<Tab>")
        XCTAssertEqual(state.focus, .weights)
        state.press("<Tab>")
        XCTAssertEqual(state.focus, .map)
        state.press("<S-Tab>")
        XCTAssertEqual(state.focus, .weights)
        state.press("<S-Tab><S-Tab>")
        XCTAssertEqual(state.focus, .map)
    }

    func testUpAndDownWrapInEveryPanel() {
        var state = sandbox()
        let last = state.words.count - 1
        state.press("<Up>")
        XCTAssertEqual(state.selected, last)
        state.press("<Down>")
        XCTAssertEqual(state.selected, 0)
        state.press("jj")
        XCTAssertEqual(state.selected, 2)
        state.press("k")
        XCTAssertEqual(state.selected, 1)

        // In the heatmap ↑/↓ move the column; the selected word (row) stays.
        state.press("<Tab><Up>")
        XCTAssertEqual(state.column, last)
        XCTAssertEqual(state.selected, 1)
        state.press("<Down>")
        XCTAssertEqual(state.column, 0)

        // In the weights panel they move the bar cursor.
        state.press("<Tab><Up>")
        XCTAssertEqual(state.weightCursor, last)
        state.press("<Down><Down>")
        XCTAssertEqual(state.weightCursor, 1)
        XCTAssertEqual(state.selected, 1)
        XCTAssertEqual(state.column, 0)
    }

    // MARK: Overlays

    func testEnterOpensTheComputationAndAnyKeyClosesIt() {
        var state = sandbox()
        _ = state.update(.resize(Size(width: 40, height: 12)))  // small enough for the popup to scroll
        state.press("j")
        XCTAssertEqual(state.press("<Enter>"), [])
        XCTAssertEqual(state.detail, .weight(row: 1, column: 1), "on the map: the selected word's own weight")

        // ↑/↓ scroll the popup; they do not move the selection underneath.
        state.press("<Down><Down><Up>")
        XCTAssertEqual(state.mode, .detail(.weight(row: 1, column: 1), scroll: 1))
        XCTAssertEqual(state.selected, 1)

        // Any other key closes it and does nothing else: "q" does not quit here, "d" does not remove.
        state.press("q")
        XCTAssertEqual(state.mode, .browsing)
        XCTAssertFalse(state.isFinished)
        state.press("<Enter>d")
        XCTAssertEqual(state.mode, .browsing)
        XCTAssertEqual(state.words.count, 8)

        state.press("<Tab><Down><Down><Enter>")
        XCTAssertEqual(state.detail, .score(row: 1, column: 2, metric: .scaledDot), "the heatmap cell under the cursor")
        state.press("<Esc>")
        XCTAssertEqual(state.mode, .browsing)

        state.press("m<Tab><Up><Enter>")
        XCTAssertEqual(state.detail, .weight(row: 1, column: 7), "the weight bar under the cursor")
        XCTAssertEqual(state.metric, .cosine)
        state.press("x")
        XCTAssertEqual(state.mode, .browsing)
    }

    func testQuestionMarkOpensHelpAndAnyKeyClosesIt() {
        var state = sandbox()
        _ = state.update(.resize(Size(width: 40, height: 12)))  // small enough for help to scroll
        XCTAssertEqual(state.press("?"), [])
        XCTAssertTrue(state.isShowingHelp)
        state.press("jj")
        XCTAssertEqual(state.mode, .help(scroll: 2))
        state.press("k<PageDown>")
        XCTAssertEqual(state.mode, .help(scroll: 11))
        state.press("<PageUp><PageUp>")
        XCTAssertEqual(state.mode, .help(scroll: 0))
        state.press("?")
        XCTAssertEqual(state.mode, .browsing, "? toggles")
        XCTAssertEqual(state.lessonID, sandboxID)
        state.press("?<Left>")
        XCTAssertEqual(state.mode, .browsing)
        XCTAssertEqual(state.lessonID, sandboxID, "the key that closes help does nothing else")
    }

    // MARK: Quitting

    func testQFinishesAndSaves() {
        var state = sandbox()
        XCTAssertFalse(state.isFinished)
        XCTAssertEqual(state.press("q"), [.save])
        XCTAssertTrue(state.isFinished)
    }

    func testCtrlCFinishesAndSaves() {
        var state = sandbox()
        XCTAssertEqual(state.press("<C-c>"), [.save])
        XCTAssertTrue(state.isFinished)
    }

    func testQInThePromptIsALetter() {
        var state = sandbox()
        state.press("aq")
        XCTAssertFalse(state.isFinished)
        XCTAssertEqual(state.promptField?.text, "q")
    }

    // MARK: The prompt

    func testPromptEditingWithBackspaceAndCursorKeys() throws {
        var state = sandbox()
        state.press("a")
        XCTAssertTrue(state.isPrompting)
        XCTAssertEqual(state.promptField?.text, "")

        state.press("kiwx<BS>i")
        XCTAssertEqual(state.promptField?.text, "kiwi")
        XCTAssertEqual(state.promptField?.cursor, 4)

        state.press("<Home><Del>k<End><BS><BS>wi")
        XCTAssertEqual(state.promptField?.text, "kiwi")

        state.press("<C-u>kwi<Left><Left>i")
        XCTAssertEqual(state.promptField?.text, "kiwi")
        XCTAssertEqual(state.promptField?.cursor, 2)
        state.press("<Right><Right><Right><Right>")
        XCTAssertEqual(state.promptField?.cursor, 4, "the cursor stops at the end")

        XCTAssertEqual(state.press("<Enter>"), [.save])
        XCTAssertEqual(state.selectedWord?.word, "kiwi")
    }

    func testPromptAcceptsUnicode() throws {
        var state = sandbox()
        state.press("acafé")
        XCTAssertEqual(state.promptField?.text, "café")
        XCTAssertEqual(state.promptField?.cursor, 4, "é is one character")
        state.press("<BS>e\u{301}")
        XCTAssertEqual(state.promptField?.text.unicodeScalars.count, 5, "a combining accent joins the e")
        XCTAssertEqual(state.promptField?.cursor, 4)
        // A terminal delivers a decomposed é as two keys: the mark joins the letter before it.
        state.press("<BS>")
        _ = state.update(.key(.character("e")))
        _ = state.update(.key(.character(Character("\u{301}"))))
        XCTAssertEqual(state.promptField?.text, "cafe\u{301}")
        XCTAssertEqual(state.promptField?.text.count, 4)
        XCTAssertEqual(state.promptField?.cursor, 4)
        state.press("<Esc>a日本")
        XCTAssertEqual(state.promptField?.text, "日本")
        XCTAssertEqual(state.promptField?.cursor, 2)
        state.press("<Left>語<Enter>")
        let placement = try XCTUnwrap(state.placement, "an unknown word is placed")
        XCTAssertEqual(placement.word, "日語本")
        state.press("<Enter>")
        XCTAssertEqual(state.selectedWord?.word, "日語本")
    }

    func testThePromptHoldsAtMostFortyCharacters() {
        var state = sandbox()
        state.press("a" + String(repeating: "x", count: 45))
        XCTAssertEqual(state.promptField?.text, String(repeating: "x", count: 40))
    }

    func testEscCancelsThePrompt() {
        var state = sandbox()
        let before = state.wordNames
        XCTAssertEqual(state.press("akiwi<Esc>"), [])
        XCTAssertEqual(state.mode, .browsing)
        XCTAssertEqual(state.wordNames, before)
        XCTAssertEqual(state.message, "cancelled")
        // The next key clears the message.
        state.press("j")
        XCTAssertNil(state.message)
    }

    func testKeysThatMeanCommandsAreTextInThePrompt() {
        var state = sandbox()
        state.press("admq?+-1<Tab>")
        XCTAssertEqual(state.promptField?.text, "dmq?+-1")
        XCTAssertEqual(state.words.count, 8)
        XCTAssertEqual(state.metric, .scaledDot)
        XCTAssertEqual(state.temperature, 1)
        XCTAssertEqual(state.lessonID, sandboxID)
        XCTAssertEqual(state.focus, .map)
    }

    // MARK: Reset, resize and mouse

    func testResetBringsBackTheStartWordsAndSettings() {
        var state = sandbox()
        let start = state.wordNames
        state.press("akiwi<Enter>dd m+++")
        XCTAssertNotEqual(state.wordNames, start)
        XCTAssertEqual(state.press("r"), [.save])
        XCTAssertEqual(state.wordNames, start)
        XCTAssertEqual(state.metric, .scaledDot)
        XCTAssertEqual(state.temperature, 1)
        XCTAssertEqual(state.selected, 0)
    }

    func testResizeAndTickChangeNothingButTheSize() {
        var state = sandbox()
        let words = state.wordNames
        XCTAssertEqual(state.update(.resize(Size(width: 33, height: 7))), [])
        XCTAssertEqual(state.size, Size(width: 33, height: 7))
        XCTAssertEqual(state.update(.tick), [])
        XCTAssertEqual(state.wordNames, words)
    }

    func testClickingAWordOnTheMapSelectsIt() throws {
        var state = sandbox()
        state.press("akiwi<Enter><Tab>")
        let size = Size(width: 120, height: 40)
        _ = state.update(.resize(size))
        // Find an unselected word's label on screen, as the user sees it (labels with no room are left out).
        let buffer = AppView.render(state, size: size, colorMode: .palette256)
        let mapArea = try XCTUnwrap(state.layout(for: size).map)
        var hit: (word: String, x: Int, y: Int)?
        for word in state.wordNames.reversed() where word != state.selectedWord?.word {
            for (row, line) in buffer.lines(in: mapArea).enumerated() {
                if let range = line.range(of: word) {
                    hit = (word, mapArea.x + line.distance(from: line.startIndex, to: range.lowerBound) + 1, mapArea.y + row)
                }
            }
        }
        let target = try XCTUnwrap(hit, "some word's label is on the map")

        XCTAssertEqual(state.update(.mouse(MouseEvent(x: target.x, y: target.y, button: .left))), [])

        XCTAssertEqual(state.selectedWord?.word, target.word)
        XCTAssertEqual(state.focus, .map)
        // Other buttons do nothing.
        _ = state.update(.mouse(MouseEvent(x: 0, y: 0, button: .right)))
        XCTAssertEqual(state.selectedWord?.word, target.word)
    }
}
