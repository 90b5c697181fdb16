// SPDX-License-Identifier: Apache-2.0

import AttnMath
import TUIKit
import XCTest

@testable import AttnApp
@testable import Lessons

/// Lesson 13: embeddings learnt from a corpus by skip-gram with negative sampling.
final class LearningEmbeddingsLessonTests: XCTestCase {
    func opened(step: Int) -> AppState {
        var state = opening("learning-embeddings", step: step)
        _ = state.update(.resize(Size(width: 100, height: 30)))
        return state
    }

    func lesson(_ state: AppState) throws -> LearningEmbeddingsLesson {
        try XCTUnwrap(state.currentLesson.base as? LearningEmbeddingsLesson)
    }

    /// Cosine written out here, not taken from the math core.
    func cosine(_ a: [Double], _ b: [Double]) -> Double {
        var ab = 0.0
        var aa = 0.0
        var bb = 0.0
        for k in a.indices {
            ab += a[k] * b[k]
            aa += a[k] * a[k]
            bb += b[k] * b[k]
        }
        return ab / (aa.squareRoot() * bb.squareRoot())
    }

    /// Whether every fruit is on average nearer (by cosine) the other fruits than the gadgets, and every gadget the other gadgets.
    func isSeparated(_ lesson: LearningEmbeddingsLesson) -> Bool {
        let groups = [LearningEmbeddingsLesson.fruits, LearningEmbeddingsLesson.gadgets]
        let mean = { (values: [Double]) in values.reduce(0, +) / Double(values.count) }
        return [(groups[0], groups[1]), (groups[1], groups[0])].allSatisfy { own, other in
            own.allSatisfy { word in
                let vector = lesson.vector(of: word)!
                let same = own.filter { $0 != word }.map { cosine(vector, lesson.vector(of: $0)!) }
                let across = other.map { cosine(vector, lesson.vector(of: $0)!) }
                return mean(same) > mean(across)
            }
        }
    }

    func testTheCorpusIsAFewHundredSentencesOfFruitAndGadgets() {
        let corpus = LearningEmbeddingsLesson.corpus
        XCTAssertEqual(corpus.sentences.count, 470)
        for word in LearningEmbeddingsLesson.fruits + LearningEmbeddingsLesson.gadgets {
            XCTAssertNotNil(corpus.index(of: word), word)
        }
        // Every sentence names a fruit or a gadget, so the pairs panel always has a word to show.
        for sentence in corpus.sentences {
            XCTAssertTrue(sentence.contains { LearningEmbeddingsLesson.kinds[corpus.words[$0]] != nil }, "\(sentence)")
        }
        XCTAssertEqual(TrainingCorpus(text: "# comment\nthe ripe pear\n\nthe phone\n").sentences, [[0, 1, 2], [0, 3]])
    }

    func testNumbersMatchANumpyReference() throws {
        // numpy: SplitMix64 (seed 13) and the word2vec update written out in Python, η = 0.2, d = 8,
        // 3 negatives, window 2, 8 sentences a step in corpus order.
        let state = opened(step: 3)
        let trained = try lesson(state)
        XCTAssertEqual(trained.stepsTrained, 40)
        XCTAssertEqual(trained.losses[0], 2.7724505048393757, accuracy: 1e-12)
        XCTAssertEqual(trained.losses[9], 2.382927703817219, accuracy: 1e-12)
        XCTAssertEqual(trained.losses[39], 1.665596256093376, accuracy: 1e-12)
        let banana = try XCTUnwrap(trained.vector(of: "banana"))
        XCTAssertEqual(banana[0], 0.3832515798435545, accuracy: 1e-12)
        XCTAssertEqual(banana[2], -0.6049641564115736, accuracy: 1e-12)
        XCTAssertEqual(cosine(banana, try XCTUnwrap(trained.vector(of: "cherry"))), 0.963719646548769, accuracy: 1e-12)
        XCTAssertEqual(cosine(banana, try XCTUnwrap(trained.vector(of: "phone"))), 0.6928764958532542, accuracy: 1e-12)
    }

    func testStep1SpaceMakesOneTrainingStep() throws {
        var state = opened(step: 0)
        XCTAssertEqual(try lesson(state).stepsTrained, 0)
        XCTAssertTrue(screen(state, 100, 30).text.contains("random start"))
        state.press("<Space>")
        let trained = try lesson(state)
        XCTAssertEqual(trained.stepsTrained, 1)
        XCTAssertEqual(trained.lastSentences, Array(0..<8))
        // From zero context vectors every σ is ½: the first pair's loss is (1 + 3 negatives)·ln 2, the mean a bit below.
        XCTAssertEqual(trained.losses.count, 1)
        XCTAssertLessThanOrEqual(trained.losses[0], 4 * log(2.0) + 1e-12)
        XCTAssertGreaterThan(trained.losses[0], 2.7)
        XCTAssertTrue(screen(state, 100, 30).text.contains("after 1 step"))
    }

    func testStep2SpaceNamesThePairsPulledAndPushed() throws {
        var state = opened(step: 1)
        state.press("<Space>")
        let trained = try lesson(state)
        XCTAssertEqual(trained.stepsTrained, 2)
        XCTAssertEqual(trained.lastSentences, Array(8..<16))
        let corpus = LearningEmbeddingsLesson.corpus
        // The last sentence of step 2 is the file's 16th, "plum juice is ripe": plum's pairs are named.
        let last = corpus.sentence(15)
        XCTAssertEqual(last, "plum juice is ripe")
        let text = screen(state, 100, 30).text
        XCTAssertTrue(text.contains("“\(last)”"), text)
        XCTAssertTrue(text.contains("plum pulled to juice, is;"), text)
        XCTAssertTrue(text.contains("pushed from"), text)
        for pair in trained.lastPairs {
            XCTAssertEqual(pair.negatives.count, 3)
            XCTAssertFalse(pair.negatives.contains(pair.center) || pair.negatives.contains(pair.context))
        }
    }

    func testStep3AutoPlayTicksTrainsAndAnyKeyStopsIt() throws {
        var state = opened(step: 2)
        XCTAssertNil(state.tickInterval, "no ticks while idle")
        state.press("p")
        XCTAssertTrue(try lesson(state).isPlaying)
        XCTAssertEqual(state.tickInterval, 100)
        for _ in 0..<30 { _ = state.update(.tick) }
        XCTAssertEqual(try lesson(state).stepsTrained, 40)
        XCTAssertTrue(screen(state, 100, 30).text.contains("playing"))
        // An unbound key stops it too, and the lesson's own keys only stop it (Space does not also train).
        state.press("<Space>")
        XCTAssertFalse(try lesson(state).isPlaying)
        XCTAssertNil(state.tickInterval)
        XCTAssertEqual(try lesson(state).stepsTrained, 40)
        _ = state.update(.tick)
        XCTAssertEqual(try lesson(state).stepsTrained, 40, "ticks do nothing once stopped")
        state.press("px")
        XCTAssertFalse(try lesson(state).isPlaying)
        let losses = try lesson(state).losses
        XCTAssertLessThan(losses.suffix(10).reduce(0, +) / 10, losses[0] - 0.5, "the loss fell")
    }

    func testStep4AfterAbout40StepsFruitsAndGadgetsAreApartAndStayApart() throws {
        var state = opened(step: 3)
        XCTAssertTrue(isSeparated(try lesson(state)))
        state.press("<Space><Space><Space>")
        XCTAssertEqual(try lesson(state).stepsTrained, 43)
        XCTAssertTrue(isSeparated(try lesson(state)))
        // The random start is mixed up, and a few steps are not enough.
        XCTAssertFalse(isSeparated(try lesson(opened(step: 0))))
        XCTAssertFalse(isSeparated(try lesson(opened(step: 2))))
    }

    func testManyStepsFromTheStartLowerTheLossAndSeparateTheWords() throws {
        // As `render --lesson learning-embeddings --keys '<Space>…'` replays them.
        var state = opened(step: 0)
        state.press(String(repeating: "<Space>", count: 60))
        let trained = try lesson(state)
        XCTAssertEqual(trained.stepsTrained, 60)
        XCTAssertLessThan(trained.losses.last!, trained.losses[0] - 0.5)
        XCTAssertTrue(isSeparated(trained))
    }

    func testResetStartsTheStepAgain() throws {
        var state = opened(step: 0)
        state.press("<Space><Space>r")
        XCTAssertEqual(try lesson(state).stepsTrained, 0)
        XCTAssertTrue(try lesson(state).losses.isEmpty)
        state.press("p")
        state.press("r")
        XCTAssertFalse(try lesson(state).isPlaying)
    }

    func testRenderWithAutoPlayEndsWithoutTicks() {
        let session = Session(
            course: course, vocabulary: lexicon, lesson: index("learning-embeddings"), stateDir: nil, persist: false, colorMode: .monochrome
        )
        let terminal = RecordingTerminal(size: Size(width: 100, height: 30), colorMode: .monochrome, keys: [.character("p")])
        session.run(on: terminal)
        XCTAssertTrue(terminal.lastFrame?.text.contains("playing") ?? false)
    }
}

extension LearningEmbeddingsLessonTests {
    func testEnterOnTheLossExplainsTheLastPair() throws {
        var state = opened(step: 1)
        state.press("<Tab><Tab>")
        XCTAssertEqual(state.focus, .panel(LearningEmbeddingsLesson.Panel.loss))
        state.press("<Enter>")
        guard case .lesson(let explanation) = try XCTUnwrap(state.detail) else { return XCTFail("no lesson detail") }
        XCTAssertEqual(explanation.title, "The loss of one pair")
        let loss = NumberFormat.fixed(try lesson(state).losses[0], decimals: 4)
        XCTAssertTrue(explanation.lines.contains("Step 1's loss, \(loss), is the mean of its 124 pairs' losses,"), "\(explanation.lines)")
    }

    /// Enter works out one pair's loss, as the loss step's text says: its σ(w·c), each σ(−w·n),
    /// their −ln and the sum, against numpy (Reference/learning_embeddings_reference.py).
    func testTheLossOfOnePairMatchesNumpy() throws {
        var state = opened(step: 2)
        let trained = try lesson(state)
        XCTAssertEqual(trained.stepsTrained, 10)
        let pair = try XCTUnwrap(trained.lastPairLoss)
        let words = LearningEmbeddingsLesson.corpus.words
        XCTAssertEqual(words[pair.center], "cable")
        XCTAssertEqual(words[pair.context], "a")
        XCTAssertEqual(pair.negatives.map { words[$0] }, ["peeled", "bowl", "phone"])
        // numpy, step 10's last pair before its update: w·c, then each w·n.
        let scores = [0.048673428183992326, -0.020028997941753984, -0.029247733526716346, -0.022906199691140244]
        for (score, expected) in zip(pair.scores, scores) { XCTAssertEqual(score, expected, accuracy: 1e-12) }
        XCTAssertEqual(pair.probabilities[0], 0.5121659552744632, accuracy: 1e-12)
        XCTAssertEqual(pair.probabilities[3], 0.5057262995453976, accuracy: 1e-12)
        XCTAssertEqual(pair.loss, 2.7126793056658554, accuracy: 1e-12)
        XCTAssertEqual(trained.losses[9], 2.382927703817219, accuracy: 1e-12)
        state.press("<Enter>")
        guard case .lesson(let explanation) = try XCTUnwrap(state.detail) else { return XCTFail("no lesson detail") }
        let lines = explanation.lines
        XCTAssertTrue(lines.contains("w = cable, c = a; pushed from peeled, bowl, phone"), "\(lines)")
        XCTAssertTrue(lines.contains("c = a:       w·c =  0.0487  σ(w·c)  = 0.5122  −ln = 0.6691"), "\(lines)")
        XCTAssertTrue(lines.contains("n = phone:   w·n = -0.0229  σ(−w·n) = 0.5057  −ln = 0.6818"), "\(lines)")
        XCTAssertTrue(lines.contains("loss = 0.6691 + 0.6832 + 0.6786 + 0.6818 = 2.7127"), "\(lines)")
        XCTAssertTrue(lines.contains("Step 10's loss, 2.3829, is the mean of its 144 pairs' losses,"), "\(lines)")
        XCTAssertTrue(lines.allSatisfy { DisplayWidth.of($0) <= 72 }, "\(lines)")
        // Every step's sum adds up as shown, or says "≈"; each line's σ is its score's, each −ln its σ's.
        var later = state
        later.press("<Esc>")
        for _ in 0..<12 {
            later.press("<Space>")
            let pair = try XCTUnwrap(try lesson(later).lastPairLoss)
            let shown = LearningEmbeddingsLesson.lossLines(pair, step: 0, stepLoss: 0, pairs: 0)
            let sum = try XCTUnwrap(shown.first { $0.hasPrefix("loss = 0") || $0.hasPrefix("loss = 1") })
            let terms = pair.terms.map { ($0 * 10_000).rounded() }.reduce(0, +) / 10_000
            let total = NumberFormat.fixed(pair.loss, decimals: 4)
            XCTAssertTrue(
                sum.hasSuffix(abs(terms - Double(total)!) < 1e-9 ? "= \(total)" : "≈ \(total) (terms rounded)"), sum)
            for (index, score) in pair.scores.enumerated() {
                let sigma = 1 / (1 + exp(index == 0 ? -score : score))
                XCTAssertEqual(pair.probabilities[index], sigma, accuracy: 1e-15)
                XCTAssertEqual(pair.terms[index], -log(sigma), accuracy: 1e-12)
            }
        }
        // The lesson's training is SkipGram.train's: the same losses, pair by pair.
        var model = LearningEmbeddingsLesson.freshModel()
        let corpus = LearningEmbeddingsLesson.corpus
        for (step, loss) in try lesson(later).losses.enumerated() {
            let sentences = (0..<8).map { corpus.sentences[(step * 8 + $0) % corpus.sentences.count] }
            XCTAssertEqual(model.train(sentences: sentences, window: 2).meanLoss, loss, accuracy: 1e-15, "step \(step + 1)")
        }
        XCTAssertEqual(model, try lesson(later).model)
    }

    /// Where "loss" is first on screen (the first step's panel), it says what it is.
    func testTheLossIsDefinedWhereItFirstShows() {
        let state = opened(step: 0)
        let panel = panelWords(state, .panel(LearningEmbeddingsLesson.Panel.loss))
        XCTAssertTrue(panel.contains("The loss: how badly the vectors predict each word's neighbours"), panel)
        XCTAssertTrue(screen(state, 80, 24).text.contains("Loss · lower is better"))
    }

    /// A word's pushed words are named while they fit, and the rest counted: never a list cut
    /// after a comma, at 80×24 or larger, whatever step the learner reaches.
    func testThePushedListsEndWithTheirCount() throws {
        for (step, presses) in [(1, 6), (2, 6), (3, 12)] {
            var state = opened(step: step)
            for _ in 0...presses {
                for size in [Size(width: 80, height: 24), Size(width: 100, height: 30)] {
                    let panel = panelWords(state, .panel(LearningEmbeddingsLesson.Panel.pairs), size.width, size.height)
                    let trained = try lesson(state)
                    let lines = trained.pairLines(pushedShown: 4, colorMode: .monochrome)
                    XCTAssertFalse(lines.isEmpty)
                    // Each word's whole line, in one of its forms: 4, 3, … names and the rest counted.
                    for index in lines.indices {
                        let forms = (0...4).map {
                            LessonScreenTests.words(trained.pairLines(pushedShown: $0, colorMode: .monochrome)[index].plain)
                        }
                        XCTAssertTrue(forms.contains { panel.contains($0) }, "\(forms[4]) at \(size.width)×\(size.height): \(panel)")
                    }
                    XCTAssertFalse(panel.hasSuffix(","), panel)
                }
                state.press("<Space>")
            }
        }
    }
}

extension LearningEmbeddingsLessonTests {
    /// Enter works wherever the focus is, as the loss step's text says; before any step it says to train one.
    func testEnterOnAnyPanelExplainsTheLoss() throws {
        var state = opened(step: 2)
        for _ in 0..<3 {
            state.press("<Enter>")
            guard case .lesson(let explanation) = try XCTUnwrap(state.detail) else { return XCTFail("no lesson detail") }
            XCTAssertEqual(explanation.title, "The loss of one pair")
            state.press("<Esc><Tab>")
        }
        var fresh = opened(step: 0)
        fresh.press("<Enter>")
        guard case .lesson(let none) = try XCTUnwrap(fresh.detail) else { return XCTFail("no lesson detail") }
        XCTAssertTrue(none.lines[0].contains("press Space"), "\(none.lines)")
        XCTAssertTrue(LessonScreenTests.words(course.text(lesson: index("learning-embeddings"), step: 2)).contains("Enter on any panel"))
    }

    /// The loss is drawn as bars, and the text says bars; mango pushed from ate has its reason.
    func testTheTextMatchesTheChartAndExplainsThePush() throws {
        let text = (0..<4).map { LessonScreenTests.words(course.text(lesson: index("learning-embeddings"), step: $0)) }
        XCTAssertFalse(text[2].contains("line"), text[2])
        XCTAssertTrue(text[2].contains("the bars fall"))
        XCTAssertTrue(text[3].contains("mango from ate, a fruit word"), text[3])
        // The screen shows that push, and ate keeps fruit company only: a good word for mango, pushed at random.
        let state = opened(step: 3)
        let pairs = panelWords(state, .panel(LearningEmbeddingsLesson.Panel.pairs))
        XCTAssertTrue(pairs.contains("mango pulled to juice, is; pushed from ate"), pairs)
        let corpus = LearningEmbeddingsLesson.corpus
        let last = try XCTUnwrap(try lesson(state).lastSentences.last)
        XCTAssertEqual(corpus.sentences[last].map { corpus.words[$0] }, ["mango", "juice", "is", "sour"])
        let ate = try XCTUnwrap(corpus.index(of: "ate"))
        let withAte = corpus.sentences.filter { $0.contains(ate) }
        XCTAssertGreaterThan(withAte.count, 10)
        XCTAssertTrue(withAte.allSatisfy { $0.contains { LearningEmbeddingsLesson.kinds[corpus.words[$0]] == "fruit" } })
    }

    func testTheExerciseIsSolvedByItsSolutionsAndStaysSeeded() throws {
        let fresh = try assertExerciseReplays("learning-embeddings")
        XCTAssertEqual(fresh.tasks.map(\.kind), [.keys, .number])
        // Two steps past the loss step's opening, so the pair asked for is not the one Enter worked out there.
        XCTAssertEqual(try lesson(fresh).stepsTrained, 12)
        // numpy: σ(w·c) after step 12 for its last pair, sweet and and; step 12's Enter showed 0.8510, before the update.
        XCTAssertEqual(try XCTUnwrap(try lesson(fresh).lastPairProbability), 0.8757559634049757, accuracy: 1e-12)
        // The keys task is the clusters' own test: every word nearer its own kind (mean cosine).
        var trained = fresh
        trained.press(fresh.tasks[0].solution)
        XCTAssertTrue(isSeparated(try lesson(trained)))
        XCTAssertFalse(isSeparated(try lesson(fresh)))
        let presses = LearningEmbeddingsLesson.clusterPresses
        XCTAssertGreaterThan(presses, 0)
        var short = fresh
        short.press(String(repeating: "<Space>", count: presses - 1))
        XCTAssertFalse(isSeparated(try lesson(short)), "one step fewer is not enough")
        XCTAssertFalse(short.isSolved(task: short.tasks[0]))
        // Auto-play solves it too, on the ticks.
        var played = fresh
        played.press("p")
        for _ in 0..<presses { _ = played.update(.tick) }
        XCTAssertTrue(played.isSolved(task: played.tasks[0]))
        // σ(w·c) for the pair on screen, by hand from the vectors.
        let current = try lesson(fresh)
        let pair = try XCTUnwrap(current.lastPairs.last)
        let score = dot(current.model.embeddings.row(pair.center), current.model.contexts.row(pair.context))
        let sigma = 1 / (1 + exp(-score))
        XCTAssertEqual(try XCTUnwrap(current.lastPairProbability), sigma, accuracy: 1e-15)
        XCTAssertEqual(fresh.tasks[1].solution, "<Enter>\(NumberFormat.fixed(sigma, decimals: 2))<Enter>")
        let shown = panelWords(fresh, .panel(LearningEmbeddingsLesson.Panel.pairs))
        XCTAssertTrue(shown.contains("w·c = \(NumberFormat.fixed(score, decimals: 2))"), shown)
        // From the rounded w·c on screen a learner lands within one unit.
        let rounded = (score * 100).rounded() / 100
        var typed = fresh
        typed.press("<Enter>\(NumberFormat.fixed(1 / (1 + exp(-rounded)), decimals: 2))<Enter>")
        XCTAssertTrue(typed.isSolved(task: typed.tasks[1]))
    }

    /// Every map word is labelled or counted: at 80×24 a label with no room is left out and the
    /// caption says how many, at every step and as training moves the words.
    func testTheMapLabelsEveryWordOrCountsTheHiddenOnes() {
        let words = LearningEmbeddingsLesson.mapWords.map(\.0)
        var hidden = 0
        for step in 0..<4 {
            var state = opened(step: step)
            for _ in 0..<6 {
                let map = panelWords(state, .panel(LearningEmbeddingsLesson.Panel.map), 80, 24)
                let missing = words.filter { !map.contains($0) }.count
                hidden += missing
                // "N labels hidden", or "N hidden" where the legend would otherwise be cut.
                let notes = ["\(missing) label\(missing == 1 ? "" : "s") hidden", "· \(missing) hidden"]
                XCTAssertEqual(map.contains("hidden"), missing > 0, "step \(step + 1): \(map)")
                if missing > 0 { XCTAssertTrue(notes.contains { map.contains($0) }, "step \(step + 1): \(missing) hidden in \(map)") }
                state.press("<Space>")
            }
        }
        XCTAssertGreaterThan(hidden, 0, "80×24 is crowded enough to hide a label somewhere, so the count is exercised")
    }

    /// The pairs panel names the pair Enter works out (the step's last pair), in every explore
    /// step, and step 2's text says so; the exercise's σ(w·c) asks about the same pair.
    func testThePairsPanelNamesThePairEnterWorksOut() throws {
        XCTAssertTrue(
            LessonScreenTests.words(course.text(lesson: index("learning-embeddings"), step: 1)).contains(
                "The panel names the step's last pair and the last sentence's fruit or gadget pairs."))
        let words = LearningEmbeddingsLesson.corpus.words
        for (step, presses) in [(1, 0), (1, 1), (2, 0), (2, 3), (3, 0)] {
            var state = opened(step: step)
            state.press(String(repeating: "<Space>", count: presses))
            for size in [Size(width: 80, height: 24), Size(width: 100, height: 30)] {
                let pair = try XCTUnwrap(try lesson(state).lastPairLoss)
                let (w, c) = (words[pair.center], words[pair.context])
                let panel = panelWords(state, .panel(LearningEmbeddingsLesson.Panel.pairs), size.width, size.height)
                XCTAssertTrue(
                    panel.hasPrefix("last pair w=\(w), c=\(c) (Enter)"), "step \(step + 1) at \(size.width)×\(size.height): \(panel)")
                var popup = state
                popup.press("<Enter>")
                guard case .lesson(let explanation) = try XCTUnwrap(popup.detail) else { return XCTFail("no lesson detail") }
                XCTAssertTrue(explanation.lines.contains { $0.hasPrefix("w = \(w), c = \(c); pushed from") }, "\(explanation.lines)")
            }
        }
        // The exercise's pair is the one the panel names, with its w·c now.
        let exercise = opened(step: 4)
        let pair = try XCTUnwrap(try lesson(exercise).lastPairScore)
        XCTAssertTrue(
            panelWords(exercise, .panel(LearningEmbeddingsLesson.Panel.pairs)).hasPrefix(
                "last pair w=\(pair.center), c=\(pair.context): w·c ="))
    }

    /// The loss is written with ln, the natural log, as the tiny transformer's −ln p: in the
    /// text and in the popup, never log.
    func testTheLossIsWrittenWithLn() throws {
        let text = (0..<5).map { course.text(lesson: index("learning-embeddings"), step: $0) }.joined(separator: " ")
        XCTAssertTrue(text.contains("−ln σ(w·c) − Σ ln σ(−w·n)"), text)
        XCTAssertFalse(text.contains("log"), text)
        var state = opened(step: 2)
        state.press("<Enter>")
        guard case .lesson(let explanation) = try XCTUnwrap(state.detail) else { return XCTFail("no lesson detail") }
        XCTAssertEqual(explanation.lines[0], "loss = −ln σ(w·c) − Σₙ ln σ(−w·n),  σ(x) = 1/(1+e⁻ˣ)")
        XCTAssertTrue(explanation.lines.contains { $0.contains("ln: log base e") }, "\(explanation.lines)")
        XCTAssertFalse(explanation.lines.contains { $0.contains("−log") || $0.contains("Σₙ log") }, "\(explanation.lines)")
    }
}
