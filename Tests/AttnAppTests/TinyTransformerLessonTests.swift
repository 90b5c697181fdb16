// SPDX-License-Identifier: Apache-2.0

import AttnAssets
import AttnMath
import Foundation
import Reports
import TUIKit
import XCTest

@testable import AttnApp
@testable import Lessons

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The capstone: a tiny transformer trained in front of the learner, then opened up on a sentence.
/// Training goes through the job path, run at once here (as `render` runs it); a debug build
/// trains about 20 steps a second, so these tests train at most 40 steps and take the finished
/// run from the weights compiled in, which the first tests check against the code.
final class TinyTransformerLessonTests: XCTestCase {
    typealias Step = TinyTransformerLesson.Step

    func opened(_ step: Step, size: Size = Size(width: 100, height: 30)) -> AppState {
        var state = opening(TinyTransformerLesson.id, step: Step.allCases.firstIndex(of: step)!)
        _ = state.update(.resize(size))
        return state
    }

    func lesson(_ state: AppState) -> TinyTransformerLesson { state.lesson(as: TinyTransformerLesson.self) }

    var finished: FinishedRun { TinyTransformer.finished }
    var corpus: NextWordCorpus { TinyTransformer.corpus }

    // MARK: The weights compiled in

    func testTheCompiledInWeightsAreThisCodesRunAndTheLessonUsesThem() throws {
        let text = try XCTUnwrap(Assets.text(TinyTransformerAsset.path), "Assets/tiny-transformer.txt is compiled in")
        let lines = text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
        // Each header line names what the weights came from; a corpus, model or recipe edited
        // since fails here: regenerate them with Tools/TinyTransformer/generate.sh.
        XCTAssertEqual(Array(lines.prefix(4)), TinyTransformerAsset.expectedHeader)
        XCTAssertTrue(lines[0].contains("fnv1a64=\(TinyTransformerAsset.fnv1a64Hex(Assets.text("corpus.txt") ?? ""))"), lines[0])
        XCTAssertTrue(lines[3].contains("seed=3"), lines[3])
        let run = try TinyTransformerAsset.decode(text)
        XCTAssertEqual(run, finished, "the lesson's finished run is the file's, not one trained in its place")
        // 132 KB of weights: the static binary has about 850 KB to spare.
        XCTAssertLessThan(text.utf8.count, 200_000)
        // The weights are the best model's: their losses on both sets are the best measurement's (float32 rounding aside).
        let best = finished.best
        XCTAssertEqual(best.step, 600)
        XCTAssertEqual(finished.model.loss(stream: corpus.heldOutStream), best.heldOut, accuracy: 2e-5)
        XCTAssertEqual(finished.model.loss(stream: corpus.trainingStream), best.training, accuracy: 2e-5)
        // The run stopped by the lesson's rule: at the first measurement with the minimum 9 behind.
        XCTAssertEqual(finished.stepsTaken, best.step + TinyTransformer.stepsPastMinimum)
        for end in 1..<finished.records.count {
            let prefix = Array(finished.records.prefix(end))
            let lowest = prefix.firstIndex(of: LossPoint.best(of: prefix))!
            XCTAssertLessThanOrEqual(end - 1 - lowest, TinyTransformer.patience, "not stopped before step \(prefix.last!.step)")
        }
        XCTAssertEqual(finished.records.map(\.step), Array(stride(from: 0, through: 780, by: 20)))
    }

    func testTheWeightsFileRoundTripsAndRefusesAnotherHeader() throws {
        let text = TinyTransformerAsset.encode(finished)
        XCTAssertEqual(try TinyTransformerAsset.decode(text), finished)
        XCTAssertEqual(text, Assets.text(TinyTransformerAsset.path), "the file is exactly what the encoder writes for this run")
        let otherSeed = text.replacingOccurrences(of: "run seed=3 ", with: "run seed=4 ")
        XCTAssertThrowsError(try TinyTransformerAsset.decode(otherSeed)) { error in
            XCTAssertTrue("\(error)".contains("regenerate"), "\(error)")
        }
        let cut = String(text.dropLast(200))
        XCTAssertThrowsError(try TinyTransformerAsset.decode(cut))
        XCTAssertEqual(Base64.decode(Base64.encode([1, 2, 3, 250, 251])), [1, 2, 3, 250, 251])
        XCTAssertEqual(Base64.encode(Array("Ma".utf8)), "TWE=")
        XCTAssertNil(Base64.decode("TW=E"))
    }

    // MARK: Training

    /// Presses keys as the screen would, and runs each job the keys ask for at once, its result
    /// back through `update` (what `render` does); a job's answer may ask for the next.
    @discardableResult
    func pressRunningJobs(_ notation: String, _ state: inout AppState) -> [Effect] {
        var all: [Effect] = []
        for key in (try? KeyNotation.parse(notation)) ?? [] {
            var queue = state.update(.key(key))
            while let effect = queue.first {
                queue.removeFirst()
                all.append(effect)
                if case .run(let job) = effect {
                    queue += state.update(.jobFinished(JobResult(job: job.id, lesson: job.lesson, value: job.work.work())))
                }
            }
        }
        return all
    }

    func testStep1SpaceTrainsTwentyStepsOffTheKeyPathAsTheRecordedRunDid() throws {
        var state = opened(.nextWord)
        let before = lesson(state)
        XCTAssertEqual(before.training.stepsTaken, 0)
        // Untrained, every word gets about 1/117 and the loss is about ln 117.
        XCTAssertEqual(before.training.points[0].heldOut, log(117), accuracy: 0.05)
        for predictions in before.training.predictions {
            for prediction in predictions { XCTAssertEqual(prediction.probability, 1.0 / 117, accuracy: 0.004) }
        }
        // The key returns a job and answers at once; the job's result comes back later.
        let effects = state.press("<Space>")
        guard case .run(let job)? = effects.first else { return XCTFail("Space asks for a job: \(effects)") }
        XCTAssertTrue(lesson(state).isWorking)
        XCTAssertEqual(lesson(state).training.stepsTaken, 0, "nothing trained on the key path")
        XCTAssertTrue(screen(state, 100, 30).text.contains("Loss · step 0 · training…"))
        _ = state.update(.jobFinished(JobResult(job: job.id, lesson: job.lesson, value: job.work.work())))
        let trained = lesson(state)
        XCTAssertFalse(trained.isWorking)
        XCTAssertEqual(trained.training.stepsTaken, 20)
        // The same numbers as the run the weights file recorded: training here has not drifted from it.
        XCTAssertEqual(trained.training.points.count, 2)
        for (live, recorded) in zip(trained.training.points, finished.records) {
            XCTAssertEqual(live.step, recorded.step)
            XCTAssertEqual(live.training, recorded.training, accuracy: 1e-9)
            XCTAssertEqual(live.heldOut, recorded.heldOut, accuracy: 1e-9)
        }
        XCTAssertNotEqual(trained.training.predictions, before.training.predictions, "the probabilities moved")
        XCTAssertTrue(screen(state, 100, 30).text.contains("Loss · step 20"), screen(state, 100, 30).text)
    }

    func testStep2TheLossesFallBelowTheWordFrequencyLine() throws {
        var state = opened(.train)
        pressRunningJobs("<Space><Space>", &state)
        let trained = lesson(state)
        XCTAssertEqual(trained.training.stepsTaken, 40)
        let baselines = TinyTransformerLesson.freshTrainer.baselines
        let last = try XCTUnwrap(trained.training.points.last)
        XCTAssertLessThan(last.heldOut, baselines.unigram, "after 40 steps the held-out loss is below word frequencies")
        XCTAssertLessThan(last.training, baselines.unigram)
        XCTAssertGreaterThan(last.heldOut, baselines.bigram, "but not yet below the word pairs")
        // The whole run goes far below the word-pair table.
        XCTAssertLessThan(finished.best.heldOut, baselines.bigram - 0.8)
        XCTAssertEqual(baselines.uniform, log(Double(corpus.vocabulary.count)), accuracy: 1e-12)
        let text = screen(state, 100, 30).text
        for line in ["uniform 4.76", "word frequencies 4.02", "word pairs 2.35"] { XCTAssertTrue(text.contains(line), text) }
    }

    func testStep2PlayAsksForTheNextJobUntilAKeyStopsIt() throws {
        var state = opened(.train)
        XCTAssertNil(state.tickInterval)
        guard case .run(let first)? = state.press("p").first else { return XCTFail("p asks for a job") }
        XCTAssertTrue(lesson(state).isPlaying)
        XCTAssertNotNil(state.tickInterval, "the screen polls for the result")
        // Its result asks for the next measurement's job at once.
        let next = state.update(.jobFinished(JobResult(job: first.id, lesson: first.lesson, value: first.work.work())))
        guard case .run(let second)? = next.first else { return XCTFail("playing goes on: \(next)") }
        XCTAssertEqual(lesson(state).training.stepsTaken, 20)
        XCTAssertTrue(screen(state, 100, 30).text.contains("▶ playing"))
        // Any key pauses it at once, where the screen is: the measurement under way is dropped, so
        // the counter the learner saw when pausing never jumps on later, and no other job follows.
        state.press("x")
        XCTAssertFalse(lesson(state).isPlaying)
        XCTAssertFalse(lesson(state).isWorking)
        XCTAssertEqual(state.message, "paused")
        let after = state.update(.jobFinished(JobResult(job: second.id, lesson: second.lesson, value: second.work.work())))
        XCTAssertEqual(after, [])
        XCTAssertEqual(lesson(state).training.stepsTaken, 20, "paused at step 20 stays at step 20")
        XCTAssertNil(state.tickInterval)
        // Space trains on from there.
        pressRunningJobs("<Space>", &state)
        XCTAssertEqual(lesson(state).training.stepsTaken, 40)
        // The help line and the step's Try say what a key does during play: q still quits.
        let help = lesson(state).keys(at: .train).first { $0.action == .play }?.help ?? ""
        XCTAssertTrue(help.contains("any key but q pauses it"), help)
        XCTAssertTrue(
            LessonScreenTests.words(course.text(lesson: index(TinyTransformerLesson.id), step: 1)).contains("any key but q pauses it"))
    }

    func testTrainingStopsAtTheHeldOutMinimumAndSaysWhy() throws {
        // A finished run as a job would bring it back (the job decides it is finished).
        var state = opened(.train)
        guard case .run(let job)? = state.press("p").first else { return XCTFail("p asks for a job") }
        var view = TrainingView(run: finished)
        view.stepsTaken = finished.stepsTaken
        let progress = TrainingProgress(generation: lesson(state).generation, trainer: TinyTransformerLesson.freshTrainer, view: view)
        let effects = state.update(.jobFinished(JobResult(job: job.id, lesson: job.lesson, value: progress)))
        XCTAssertEqual(effects, [], "no next job")
        XCTAssertFalse(lesson(state).isPlaying)
        XCTAssertEqual(
            state.message,
            "stopped at step 780: held-out lowest at step 600 (1.52); after it, memorising")
        let text = screen(state, 100, 30).text
        XCTAssertTrue(text.contains("Next word · step 600, the best") && text.contains("fresh 0.31"), text)
        // p now says the minimum is behind; Space may still train on.
        state.press("p")
        XCTAssertFalse(lesson(state).isPlaying)
        XCTAssertTrue(state.message?.contains("minimum is behind") ?? false, state.message ?? "")
    }

    func testTheTrainingStepsShowRestartInTheStatusBarAt80x24() throws {
        for step in [Step.nextWord, .train] {
            var state = opened(step, size: Size(width: 80, height: 24))
            let bar = screen(state, 80, 24).text.split(separator: "\n").last.map(String.init) ?? ""
            XCTAssertTrue(bar.contains("r restart") && bar.contains("p play") && bar.contains("q quit"), bar)
            pressRunningJobs("<Space>", &state)
            XCTAssertEqual(lesson(state).training.stepsTaken, 20)
            state.press("r")
            XCTAssertEqual(lesson(state).training.stepsTaken, 0)
            XCTAssertEqual(state.message, "restarted: a fresh model from the seed, step 0")
        }
    }

    func testResetStartsAgainAndALateResultIsDropped() throws {
        var state = opened(.nextWord)
        pressRunningJobs("<Space>", &state)
        XCTAssertEqual(lesson(state).training.stepsTaken, 20)
        guard case .run(let job)? = state.press("<Space>").first else { return XCTFail("Space asks for a job") }
        state.press("r")
        XCTAssertEqual(lesson(state).training.stepsTaken, 0)
        XCTAssertFalse(lesson(state).isWorking)
        _ = state.update(.jobFinished(JobResult(job: job.id, lesson: job.lesson, value: job.work.work())))
        XCTAssertEqual(lesson(state).training.stepsTaken, 0, "a job from before r is dropped")
    }

    func testStep3WalksTheRecordedRunFromItsMinimum() throws {
        var state = opened(.minimum)
        XCTAssertEqual(lesson(state).training.points[lesson(state).measurement].step, 600)
        XCTAssertTrue(screen(state, 100, 30).text.contains("Loss · at △600 · best ▲600"))
        state.press("]")
        XCTAssertEqual(lesson(state).training.points[lesson(state).measurement].step, 620)
        let text = screen(state, 100, 30).text
        XCTAssertTrue(text.contains("Loss · at △620 · best ▲600") && text.contains("training 1.31") && text.contains("held-out 1.60"), text)
        // The best stays marked on the axis (▲600) while the walked measurement is another mark (△620).
        for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
            var walked = opened(.minimum, size: size)
            walked.press("]]]]]]]]]")
            let shown = screen(walked, size.width, size.height).text
            XCTAssertTrue(shown.contains("▲600") && shown.contains("△780 ━ training") && !shown.contains("▲780"), shown)
        }
        // The gap grows past the minimum.
        let points = finished.records
        let gap = { (p: LossPoint) in p.heldOut - p.training }
        XCTAssertGreaterThan(gap(points.last!), gap(finished.best) + 0.1)
        // The numbers the step's text gives.
        let words = LessonScreenTests.words(course.text(lesson: index(TinyTransformerLesson.id), step: 2))
        let figures = [
            "\(finished.best.step) (\(NumberFormat.fixed(finished.best.heldOut, decimals: 2)))",
            "to \(NumberFormat.fixed(points.last!.training, decimals: 2))", "stopped \(TinyTransformer.stepsPastMinimum) steps later",
        ]
        for figure in figures { XCTAssertTrue(words.contains(figure), "\(figure) in: \(words)") }
        XCTAssertTrue(points.last!.heldOut > finished.best.heldOut)
        state.press("<Enter>")
        guard case .lesson(let explanation) = try XCTUnwrap(state.detail) else { return XCTFail("Enter explains the losses") }
        XCTAssertTrue(explanation.lines.contains { $0.contains("Lowest held-out loss at step 600") }, "\(explanation.lines)")
    }

    func testTheFirstStepsNumbersAreTheModels() throws {
        let words = LessonScreenTests.words(course.text(lesson: index(TinyTransformerLesson.id), step: 0))
        let c = TinyTransformer.configuration
        XCTAssertTrue(words.contains("2 blocks of 2 heads") && c.layerCount == 2 && c.headCount == 2)
        XCTAssertEqual(c.parameterCount, 33_077)
        XCTAssertTrue(words.contains("33,077 numbers, on the \(corpus.sentences.count) sentences"), words)
        // The 117 are the words and (end), said where (end) is first shown; a refused word names the 116.
        XCTAssertTrue(
            words.contains("each of its \(c.vocabularySize) tokens (\(c.vocabularySize - 1) words and (end), the end of a sentence)")
                && words.contains("ln 117 = 4.76"), words)
        XCTAssertEqual(TinyTransformerLesson.next(0), "(end)")
        let end = try XCTUnwrap(Glossary.builtIn.terms.first { $0.term == "(end)" })
        XCTAssertEqual(end.lesson, TinyTransformerLesson.id)
        XCTAssertTrue(end.definition.contains("116 words and (end)"), end.definition)
        XCTAssertTrue(words.contains("Space: \(TinyTransformer.evaluationInterval) training steps"), words)
        let train = LessonScreenTests.words(course.text(lesson: index(TinyTransformerLesson.id), step: 1))
        XCTAssertTrue(train.contains("\(TinyTransformer.settings.batchSize) windows of \(c.contextLength) words"), train)
        XCTAssertEqual(corpus.isHeldOut.filter { $0 }.count, 47)
    }

    // MARK: The sentence

    func testStep4TypingASentenceChangesTheNextWordsAndUnknownWordsAreRefused() throws {
        var state = opened(.sentence)
        XCTAssertEqual(lesson(state).words, ["the", "mango", "on", "the", "table", "is"])
        XCTAssertEqual(lesson(state).nextWords(count: 2).map { TinyTransformerLesson.word($0.token) }, ["fresh", "sweet"])
        state.press("t")
        guard case .prompt(let prompt) = state.mode else { return XCTFail("t opens the lesson's prompt") }
        XCTAssertEqual(prompt.purpose, .lesson)
        state.press("the laptop on the table is<Enter>")
        XCTAssertEqual(lesson(state).words, ["the", "laptop", "on", "the", "table", "is"])
        let gadget = lesson(state).nextWords(count: 3).map { TinyTransformerLesson.word($0.token) }
        XCTAssertEqual(gadget, ["broken", "new", "charged"])
        XCTAssertTrue(state.message?.contains("next, broken") ?? false, state.message ?? "")
        XCTAssertTrue(panelWords(state, .panel(TinyTransformerLesson.Panel.nextWords), 100, 30).contains("broken"))
        // An unknown word is refused with the vocabulary's nearest; the sentence stays.
        state.press("tthe mangoe is<Enter>")
        XCTAssertEqual(state.message, "'mangoe' is not one of the 116 words the model learnt (did you mean 'mango'?)")
        XCTAssertEqual(lesson(state).words.count, 6)
        state.press("ta b c d e f g h<Enter>")
        XCTAssertTrue(state.message?.hasPrefix("8 words") ?? false, state.message ?? "")
        // Typed as a learner might: capitals and punctuation are looked up as the command line does.
        state.press("tThe kiwi, is<Enter>")
        XCTAssertEqual(lesson(state).words, ["the", "kiwi", "is"])
        XCTAssertEqual(lesson(state).cell, Heatmap.Position(row: 3, column: 2))
        XCTAssertEqual(lesson(state).trace?.tokens.count, 4)
    }

    func testStep5HeadsAreLabelledFromTheirMeasurements() throws {
        let roles = TinyTransformerLesson.trainedRoles
        XCTAssertEqual(roles.map(\.head), TinyTransformerLesson.heads)
        // The measurements are the math core's, on the held-out sentences.
        let statistics = finished.model.headStatistics(stream: corpus.heldOutStream)
        for (role, measured) in zip(roles, statistics) {
            XCTAssertEqual(role.previousWord, measured.previousWord)
            XCTAssertEqual(role.itself, measured.itself)
            XCTAssertEqual(role.sentenceStart, measured.sentenceStart)
        }
        // A label follows the numbers, each behaviour above its threshold: seed 3 has one head on
        // the previous word, two that look back from is to the noun, and two that spread out.
        for role in roles {
            for behaviour in HeadRole.Behaviour.allCases {
                XCTAssertEqual(
                    role.label.contains(behaviour.phrase.replacing("looks ", with: "")), role.share(behaviour) >= behaviour.threshold)
            }
        }
        // A head no share stands out for is "no single role", never "spreads its attention": on one
        // sentence such a head may be sharp (L1 H2 gives the 0.86 to the previous word after "the").
        XCTAssertEqual(
            roles.map(\.label),
            [
                "looks at the previous word and back from is to its noun", "no single role", "looks back from is to its noun",
                "no single role",
            ])
        XCTAssertEqual(TinyTransformerLesson.nounHead, 0, "the steps about the noun open on the head with the most")
        // Untrained, every head spreads out about as uniformly as the thresholds assume.
        for role in TinyTransformerLesson.untrainedRoles {
            XCTAssertEqual(role.previousWord, 0.25, accuracy: 0.02)
            XCTAssertLessThan(role.noun, 0.25)
        }
        XCTAssertTrue(TinyTransformerLesson.untrainedRoles.allSatisfy { $0.label == "no single role" })
        // n goes through the four heads, each titled by its place and labelled by its numbers.
        var state = opened(.heads)
        var seen: [AttentionHeadID] = []
        for _ in 0..<4 {
            seen.append(lesson(state).head)
            state.press("n")
            XCTAssertTrue(state.message?.contains(roles[lesson(state).headIndex].label) ?? false, state.message ?? "")
        }
        XCTAssertEqual(Set(seen), Set(TinyTransformerLesson.heads))
        // Over the heatmap of one sentence, the label says it is a held-out average; so does the heads panel.
        for size in [Size(width: 80, height: 24), Size(width: 100, height: 30), Size(width: 120, height: 40)] {
            var sized = opened(.heads, size: size)
            for _ in 0..<4 {
                let attention = panelWords(sized, .panel(TinyTransformerLesson.Panel.attention), size.width, size.height)
                XCTAssertTrue(attention.contains("held-out average:") || attention.contains("held-out avg:"), attention)
                sized.press("n")
            }
            XCTAssertTrue(screen(sized, size.width, size.height).text.contains("Heads · held-out average"))
        }
        // The step's Try: Tab twice reaches the heads panel (the next words come first).
        XCTAssertTrue(
            LessonScreenTests.words(course.text(lesson: index(TinyTransformerLesson.id), step: 4)).contains(
                "then Tab twice to the heads panel"))
        XCTAssertEqual(state.focusOrder(compact: false).firstIndex(of: .panel(TinyTransformerLesson.Panel.heads)), 2)
        state.press("<Tab><Tab><Enter>")
        guard case .lesson(let explanation) = try XCTUnwrap(state.detail) else { return XCTFail("Enter explains the labels") }
        XCTAssertTrue(
            explanation.lines.contains { $0.hasPrefix("L1 H1") && $0.contains(NumberFormat.fixed(roles[0].previousWord, decimals: 2)) })
        XCTAssertEqual(corpus.isHeldOut.filter { $0 }.count, 47, "the step's text says 47")
    }

    func testStep6EnterOnACellShowsTheTracesNumbers() throws {
        var state = opened(.inside)
        let shown = lesson(state)
        XCTAssertEqual(shown.cell, Heatmap.Position(row: 6, column: 2), "is → mango")
        let trace = try XCTUnwrap(shown.trace)
        let head = shown.head
        let block = trace.blocks[head.layer]
        let attention = block.heads[head.head]
        XCTAssertEqual(NumberFormat.fixed(attention.weights[6, 2], decimals: 2), "0.65", "the step's text says 0.65")
        let work = try XCTUnwrap(shown.cellWork)
        // Every number is the trace's, and the sums in between add up to them.
        XCTAssertEqual(work.queryInput, block.input.row(6))
        XCTAssertEqual(work.keyInput, block.input.row(2))
        for i in 0..<32 {
            XCTAssertEqual(work.queryInput[i], trace.wordEmbeddings[6, i] + trace.positionEmbeddings[6, i], accuracy: 1e-12)
        }
        XCTAssertEqual(work.queryNorm.output, block.attentionNorm.output.row(6))
        XCTAssertEqual(work.q, attention.queries.row(6))
        XCTAssertEqual(work.k, attention.keys.row(2))
        XCTAssertEqual(work.v, attention.values.row(2))
        // q = h·W_Q with this head's 16 columns of W_Q.
        let wq = finished.model.parameters.headSlice(.query(layer: head.layer), head: head.head)
        for c in 0..<16 {
            let byHand = (0..<32).reduce(0.0) { $0 + work.queryNorm.output[$1] * wq[$1, c] }
            XCTAssertEqual(work.q[c], byHand, accuracy: 1e-12)
        }
        XCTAssertEqual(work.score, attention.scores[6, 2])
        XCTAssertEqual(work.dot / 4, work.score, accuracy: 1e-12)
        XCTAssertEqual(work.exponentials[2] / work.exponentials.reduce(0, +), attention.weights[6, 2], accuracy: 1e-12)
        XCTAssertEqual(work.weight, attention.weights[6, 2])
        XCTAssertEqual(work.headOutput, attention.output.row(6))
        XCTAssertEqual(work.attentionOutput, block.attentionOutput.row(6))
        XCTAssertEqual(work.afterAttention, block.afterAttention.row(6))
        state.press("<Enter>")
        guard case .lesson(let explanation) = try XCTUnwrap(state.detail) else { return XCTFail("Enter opens the cell") }
        XCTAssertEqual(explanation.title, "\(head): is → mango = 0.65")
        let lines = explanation.lines.joined(separator: "\n")
        for part in [
            "x(is) = E[is] + P[6]", "LayerNorm", "q = h(is)·W_Q", "k = h(mango)·W_K", "v = h(mango)·W_V",
            "q·k = Σ of 16 products = \(NumberFormat.fixed(work.dot, decimals: 2))",
            "score = \(NumberFormat.fixed(work.score, decimals: 2))",
            "The mask", "weight = ", "= 0.65", "W_O",
        ] {
            XCTAssertTrue(lines.contains(part), "\(part) in\n\(lines)")
        }
        // As the Try goes on: Esc, up four rows and one right, mango → on: the mask.
        state.press("<Esc>kkkk]")
        XCTAssertEqual(lesson(state).cell, Heatmap.Position(row: 2, column: 3))
        state.press("<Enter>")
        guard case .lesson(let masked) = try XCTUnwrap(state.detail) else { return XCTFail("Enter opens the masked cell") }
        XCTAssertEqual(masked.title, "\(head): mango → on = 0.00")
        XCTAssertTrue(masked.lines.contains { $0.contains("−∞") }, "\(masked.lines)")
        XCTAssertEqual(trace.blocks[head.layer].heads[head.head].scores[2, 3], -.infinity)
        // At 120×40 the cell is worked out beside the heatmap, live.
        var tall = opened(.inside, size: Size(width: 120, height: 40))
        XCTAssertTrue(screen(tall, 120, 40).text.contains("How is → mango = 0.65 is computed"))
        tall.press("k")
        XCTAssertTrue(screen(tall, 120, 40).text.contains("How table → mango = "), screen(tall, 120, 40).text)
    }

    func testStep7SwitchingTheNounHeadOffTurnsTheFruitIntoAGadget() throws {
        var state = opened(.switchOff)
        let on = try XCTUnwrap(lesson(state).nextWords(count: 1).first)
        XCTAssertEqual(TinyTransformerLesson.word(on.token), "fresh")
        XCTAssertEqual(NumberFormat.fixed(on.probability, decimals: 2), "0.31")
        XCTAssertEqual(lesson(state).headIndex, TinyTransformerLesson.nounHead)
        state.press("o")
        XCTAssertEqual(lesson(state).switchedOff, [TinyTransformerLesson.heads[TinyTransformerLesson.nounHead]])
        let off = try XCTUnwrap(lesson(state).nextWords(count: 1).first)
        XCTAssertEqual(TinyTransformerLesson.word(off.token), "broken")
        XCTAssertEqual(NumberFormat.fixed(off.probability, decimals: 2), "0.17")
        // The head's output is 0 in its block; its weights are still shown.
        let trace = try XCTUnwrap(lesson(state).trace)
        let head = lesson(state).head
        XCTAssertTrue(trace.blocks[head.layer].heads[head.head].isSwitchedOff)
        XCTAssertTrue(trace.blocks[head.layer].concatenated.row(6)[0..<16].allSatisfy { $0 == 0 })
        XCTAssertTrue(screen(state, 100, 30).text.contains("1 off"))
        // Any other single head leaves fresh on top.
        for other in TinyTransformerLesson.heads where other != head {
            XCTAssertEqual(TinyTransformerLesson.topAfterSentence(switchedOff: [other])?.token, on.token, "\(other)")
        }
        state.press("o")
        XCTAssertEqual(lesson(state).nextWords(count: 1).first, on)
    }

    func testStep8TheSameSentenceBeforeAndAfterTraining() throws {
        var state = opened(.beforeAfter)
        XCTAssertTrue(lesson(state).showsUntrained)
        let before = lesson(state).nextWords(count: 117)
        XCTAssertTrue(before.allSatisfy { abs($0.probability - 1.0 / 117) < 0.004 }, "every word about 0.01")
        XCTAssertTrue(screen(state, 100, 30).text.contains("untrained"))
        state.press("b")
        XCTAssertFalse(lesson(state).showsUntrained)
        XCTAssertEqual(lesson(state).nextWords(count: 1).first.map { TinyTransformerLesson.word($0.token) }, "fresh")
        state.press("b")
        XCTAssertEqual(lesson(state).nextWords(count: 117), before)
    }

    func testTheNextWordsFollowTheTemperatureAndEnterShowsTheLogits() throws {
        var state = opened(.sentence)
        state.press("<Tab>")
        XCTAssertEqual(state.focus, .panel(TinyTransformerLesson.Panel.nextWords))
        state.press("<Enter>")
        guard case .lesson(let explanation) = try XCTUnwrap(state.detail) else { return XCTFail("Enter explains the next word") }
        XCTAssertTrue(explanation.lines.contains { $0.hasPrefix("fresh") }, "\(explanation.lines)")
        XCTAssertTrue(explanation.lines.contains("If the next word is fresh, the loss is −ln 0.314 = 1.16"), "\(explanation.lines)")
        state.press("<Esc>+")
        XCTAssertEqual(state.temperature, 1.5)
        let warmer = try XCTUnwrap(lesson(state).nextWords(count: 1, temperature: state.temperature).first)
        XCTAssertLessThan(warmer.probability, 0.31)
        XCTAssertTrue(
            panelWords(state, .panel(TinyTransformerLesson.Panel.nextWords), 100, 30).contains(
                NumberFormat.fixed(warmer.probability, decimals: 3)))
    }

    func testTheCellPopupLaysVectorsOutInAlignedRowsThatFitAt80Columns() throws {
        var state = opened(.inside, size: Size(width: 80, height: 24))
        let work = try XCTUnwrap(lesson(state).cellWork)
        for line in work.lines { XCTAssertLessThanOrEqual(DisplayWidth.of(line), AttentionCellWork.lineWidth, line) }
        // x(mango)'s lead is too long to share a line with 8 numbers: the numbers go under it, 4 rows of 8, aligned.
        let lead = try XCTUnwrap(work.lines.firstIndex { $0.hasPrefix("x(mango) = E[mango] + P[2] =") })
        XCTAssertEqual(work.lines[lead], "x(mango) = E[mango] + P[2] =")
        let rows = Array(work.lines[(lead + 1)...(lead + 4)])
        XCTAssertEqual(rows.map { $0.split(separator: " ").filter { $0 != "(" }.count }, [8, 8, 8, 8], "\(rows)")
        XCTAssertEqual(Set(rows.map { DisplayWidth.of($0.replacing(")", with: "")) }).count, 1, "every row as wide: \(rows)")
        XCTAssertTrue(rows[0].hasPrefix("  (") && rows.dropFirst().allSatisfy { $0.hasPrefix("   ") } && rows[3].hasSuffix(")"), "\(rows)")
        // On screen at 80×24: the lead, then its first row with all 8 numbers; no number wraps to column 0.
        state.press("<Enter>")
        let lines = screen(state, 80, 24).text.split(separator: "\n").map(String.init)
        let row = try XCTUnwrap(lines.firstIndex { $0.contains("x(mango) = E[mango] + P[2] =") })
        let numbers = lines[row + 1].split(separator: " ").filter {
            Double($0.trimmingCharacters(in: CharacterSet(charactersIn: "(┃│)"))) != nil
        }
        XCTAssertEqual(numbers.count, 8, lines[row + 1])
        for line in lines {
            XCTAssertFalse(line.hasPrefix("┃ -0.") || line.hasPrefix("┃ 0.") || line.hasPrefix("\"┃ -0.") || line.hasPrefix("\"┃ 0."), line)
        }
    }

    func testTheCellPopupShowsLayerNormStepByStepSoItAddsUpByHand() throws {
        let state = opened(.inside)
        let work = try XCTUnwrap(lesson(state).cellWork)
        let parameters = finished.model.parameters
        let head = lesson(state).head
        XCTAssertEqual(work.gain, parameters[.attentionNormGain(layer: head.layer)].values)
        XCTAssertEqual(work.bias, parameters[.attentionNormBias(layer: head.layer)].values)
        // x̂ = (x − μ)/σ has mean 0 and variance 1; h = γ·x̂ + β, number by number, is the trace's.
        let x̂ = work.queryNorm.normalized
        let mean = x̂.reduce(0, +) / Double(x̂.count)
        XCTAssertEqual(mean, 0, accuracy: 1e-9)
        XCTAssertEqual(x̂.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(x̂.count), 1, accuracy: 1e-3)
        for i in 0..<x̂.count {
            XCTAssertEqual(x̂[i], (work.queryInput[i] - work.queryNorm.mean) / work.queryNorm.deviation, accuracy: 1e-9)
            XCTAssertEqual(work.queryNorm.output[i], work.gain[i] * x̂[i] + work.bias[i], accuracy: 1e-9)
            XCTAssertEqual(work.keyNorm.output[i], work.gain[i] * work.keyNorm.normalized[i] + work.bias[i], accuracy: 1e-9)
        }
        let lines = work.lines
        for part in ["x̂ = (x − μ)/σ (mean 0, variance 1)", "h = γ·x̂ + β", "γ = (", "β = (", "x̂(is) = (x − μ)/σ = (", "h(is) = γ·x̂ + β = ("]
        {
            XCTAssertTrue(lines.contains { $0.contains(part) }, "\(part) in \(lines)")
        }
        // The numbers shown add up by hand: γ₁·x̂₁ + β₁ against h₁, each to 2 decimals.
        let first = { (prefix: String) -> Double? in
            lines.first { $0.hasPrefix(prefix) }.flatMap { $0.split(separator: "(").last?.split(separator: " ").first }.flatMap {
                Double($0)
            }
        }
        let γ = try XCTUnwrap(first("γ = ")), β = try XCTUnwrap(first("β = ")), x = try XCTUnwrap(first("x̂(is) = "))
        let h = try XCTUnwrap(first("h(is) = "))
        XCTAssertEqual(γ * x + β, h, accuracy: 0.02)
    }

    func testTheHeatmapKeepsEveryWordAndRowWhereThereIsRoom() throws {
        // At 120×40 a 7-word sentence's headers are whole (two staggered rows) and the weights keep 2 decimals.
        var wide = opened(.sentence, size: Size(width: 120, height: 40))
        wide.press("tplug the old speaker into the<Enter>")
        let attention = panelWords(wide, .panel(TinyTransformerLesson.Panel.attention), 120, 40)
        for word in ["plug", "speaker", "into"] { XCTAssertTrue(attention.contains(word), attention) }
        XCTAssertFalse(attention.contains("…"), attention)
        XCTAssertTrue(attention.range(of: #"0\.\d\d"#, options: .regularExpression) != nil, attention)
        // At 80×24 the default sentence's headers are whole too (mango, table).
        let small = opened(.sentence, size: Size(width: 80, height: 24))
        let words = panelWords(small, .panel(TinyTransformerLesson.Panel.attention), 80, 24)
        XCTAssertTrue(words.contains("mango") && words.contains("table") && !words.contains("man…"), words)
        // Step 8 after b (the trained labels are longer, the recap takes rows) at 80×24: every row is
        // still shown, <s> first, under the label; the staggered headers and the note give way first.
        var after = opened(.beforeAfter, size: Size(width: 80, height: 24))
        after.press("b")
        let text = screen(after, 80, 24).text
        XCTAssertTrue(text.contains("┃<s>  ") && text.contains("┃is  ") && text.contains("held-out avg"), text)
        XCTAssertFalse(text.contains("↑more"), text)
        // A 7-word sentence there: the rows still come first (the label gives way).
        after.press("tplug the old speaker into the<Enter>")
        let seven = screen(after, 80, 24).text
        XCTAssertTrue(seven.contains("┃<s>  ") && seven.contains("┃the  ") && !seven.contains("↑more"), seven)
        // A panel too short for the sentence's rows says that rows are out of view.
        var buffer = Buffer(size: Size(width: 45, height: 8))
        lesson(after).draw(
            .attention, at: .beforeAfter, state: after, colorMode: .palette256, into: &buffer, area: Rect(x: 0, y: 0, width: 45, height: 8))
        XCTAssertTrue(buffer.text.contains("↑more"), buffer.text)
    }

    func testWithoutColourTheTwoLossCurvesLookDifferent() throws {
        let state = opened(.minimum)
        let mono = screen(state, 100, 30, colorMode: .monochrome).text
        XCTAssertTrue(mono.contains("━ training") && mono.contains("╍ held-out"), mono)
        let colour = screen(state, 100, 30).text
        XCTAssertTrue(colour.contains("━ training") && colour.contains("━ held-out"), colour)
        // The held-out curve is dashed: the plot has gaps the coloured one has not.
        XCTAssertNotEqual(mono, colour)
    }

    func testTheCommandLineNamesTheCoursesRun() {
        XCTAssertEqual(BuiltInTransformer.courseSeed, Int(TinyTransformer.seed))
        XCTAssertEqual(BuiltInTransformer.courseSteps, finished.stepsTaken)
        XCTAssertTrue(BuiltInTransformer.courseHelp.contains("--seed 3 --steps 780"))
        XCTAssertTrue(BuiltInTransformer.courseHelp.contains("at step \(finished.best.step)"))
    }

    // MARK: Exercise, recap, screens

    func testTheExerciseIsSolvedByItsSolutionsAndChecksTheLiveModel() throws {
        let fresh = try assertExerciseReplays(TinyTransformerLesson.id)
        ExerciseReplay.assertSolutionsSolve(TinyTransformerLesson.id)
        XCTAssertEqual(fresh.tasks.map(\.kind), [.keys, .number, .keys])
        XCTAssertEqual(fresh.tasks[0].solution, "nnno")
        XCTAssertEqual(fresh.tasks[1].solution, "<Enter>1.16<Enter>")
        XCTAssertEqual(fresh.tasks[2].solution, "tplug the old speaker into the<Enter>")
        // It opens on the head after the one that matters; switching off any other solves nothing.
        XCTAssertEqual(lesson(fresh).headIndex, (TinyTransformerLesson.neededHead + 1) % 4)
        XCTAssertEqual(TinyTransformerLesson.neededHead, TinyTransformerLesson.nounHead)
        for presses in 0..<3 {
            var other = fresh
            other.press(String(repeating: "n", count: presses) + "o")
            XCTAssertFalse(other.isSolved(task: other.tasks[0]), "\(presses) presses of n")
        }
        // The typed loss follows what is shown: with the noun head off the top word is broken, 0.17.
        var off = fresh
        off.press(fresh.tasks[0].solution + "<Enter>1.16<Enter>")
        XCTAssertTrue(off.isSolved(task: off.tasks[0]))
        XCTAssertFalse(off.isSolved(task: off.tasks[1]))
        off.press("<Enter>\(NumberFormat.fixed(-log(0.166), decimals: 2))<Enter>")
        XCTAssertTrue(off.isSolved(task: off.tasks[1]))
        // A sentence the model is less sure after does not solve the third.
        var unsure = fresh
        unsure.press("tthe laptop on the table is<Enter>")
        XCTAssertFalse(unsure.isSolved(task: unsure.tasks[2]))
        // The third is never solved while the panel shows otherwise: a head off, or T not 1.
        var headOff = fresh
        headOff.press("nnno" + fresh.tasks[2].solution)
        XCTAssertFalse(headOff.isSolved(task: headOff.tasks[2]), "a head off: the panel shows no word above 0.9")
        XCTAssertTrue(screen(headOff, 80, 24).text.contains("switch every head on"), screen(headOff, 80, 24).text)
        headOff.press("o")
        XCTAssertTrue(headOff.isSolved(task: headOff.tasks[2]), "every head on again: charger 0.96")
        var warm = fresh
        warm.press("+" + fresh.tasks[2].solution)
        XCTAssertFalse(warm.isSolved(task: warm.tasks[2]))
        warm.press("-")
        XCTAssertTrue(warm.isSolved(task: warm.tasks[2]))
        // The second asks at T = 1, and its "Not yet" says so: at T 0.05 the panel's 0.997 is not the answer.
        XCTAssertTrue(fresh.tasks[1].question.hasPrefix("At T = 1,"), fresh.tasks[1].question)
        var cold = fresh
        cold.press("----------<Enter>0.00<Enter>")
        XCTAssertFalse(cold.isSolved(task: cold.tasks[1]))
        XCTAssertTrue(cold.message?.contains("at T = 1") ?? false, cold.message ?? "")
        cold.press("<Enter>1.16<Enter>")
        XCTAssertTrue(cold.isSolved(task: cold.tasks[1]))
    }

    func testTheLastExploreStepEndsWithARecap() {
        ExerciseReplay.assertRecap(TinyTransformerLesson.id)
    }

    /// Every step at 120×40, compared whole (`ATTN_UPDATE_SCREENS=1` rewrites them).
    func testEveryStepAt120x40MatchesItsExpectedScreen() {
        for step in Step.allCases {
            let state = opened(step, size: Size(width: 120, height: 40))
            ScreenFile.assertMatches(screen(state, 120, 40), named: "tiny-transformer-\(step.rawValue)-120x40")
        }
    }

    func testTheLessonComesRightAfterHowEmbeddingsAreLearntAndItsTextSaysWhatComes() {
        XCTAssertEqual(index(TinyTransformerLesson.id), index("learning-embeddings") + 1)
        let loss = course.text(lesson: index("learning-embeddings"), step: 2)
        XCTAssertTrue(
            LessonScreenTests.words(loss).contains(
                "embeddings and W_Q, W_K, W_V learn together the same way, by backpropagation of its next-word loss (lesson \(lessonNumber(TinyTransformerLesson.id)))"
            ), loss)
    }
}
