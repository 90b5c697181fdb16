// SPDX-License-Identifier: Apache-2.0

import AttnApp
import AttnMath
import TUIKit

/// The capstone: a word-level, causal, 2-layer, 2-head transformer trained in front of the
/// learner on the course's corpus (Space trains, `p` plays, training stops at the held-out
/// minimum), then opened up on the learner's own sentence: each head's weights labelled from
/// measurements, every cell's computation, the next words, a head switched off, the model
/// before and after training.
///
/// Training runs as jobs off the key path (`LessonJob`): a job trains a copy of the trainer
/// (a value: the lesson's copy is the snapshot) one measurement further and comes back through
/// `receive`. The steps that open the trained model read it compiled in
/// (`TinyTransformer.finished`, `Assets/tiny-transformer.txt`): the same run trained here
/// takes about 2 s in a release build and a minute in a debug one, too long for a step to
/// open or for every test and `render` that opens it.
struct TinyTransformerLesson: Lesson {
    static let id = "tiny-transformer"

    enum Step: String, LessonStep {
        case nextWord = "next-word"
        case train, minimum, sentence, heads, inside
        case switchOff = "switch-off"
        case beforeAfter = "before-after"
        case exercise

        var kind: StepKind { self == .exercise ? .exercise : .explore }

        /// The steps that train live, from a fresh model.
        var trainsLive: Bool { self == .nextWord || self == .train }
        /// The steps about training (the losses and the prompts' predictions); the others open the model on a sentence.
        var isAboutTraining: Bool { trainsLive || self == .minimum }
    }

    enum Action: Hashable, Sendable {
        case train, play, restart, earlier, later, type, head, up, down, left, right, switchOff, beforeAfter
    }

    enum Panel: String, LessonPanel {
        /// The training and held-out losses with the reference lines.
        case losses
        /// What the model predicts after a few fixed prompts.
        case prompts
        /// One head's weights on the sentence.
        case attention
        /// The likeliest next words after the sentence.
        case nextWords = "next-words"
        /// Every head with its measured label.
        case heads
        /// Not a panel of its own: the attention cell worked out under the heatmap, where the screen is tall.
        case working
    }

    // MARK: Fixed words

    static let corpus = TinyTransformer.corpus
    /// The prompts whose predictions the training steps follow: a fruit and a gadget four
    /// words before "is", a plug that wants its charger, a sweet that wants a fruit.
    static let prompts = ["the mango on the table is", "the laptop on the table is", "plug the old speaker into the", "i ate a sweet"]
    static let sentence = ["the", "mango", "on", "the", "table", "is"]
    /// A sentence may have this many words: the model reads 8 tokens, the first the sentence start.
    static var maxWords: Int { TinyTransformer.configuration.contextLength - 1 }
    static let heads: [AttentionHeadID] = (0..<TinyTransformer.configuration.layerCount).flatMap { layer in
        (0..<TinyTransformer.configuration.headCount).map { AttentionHeadID(layer: layer, head: $0) }
    }

    /// The tokens the model reads for a sentence: the sentence start, then its words.
    static func tokens(_ words: [String]) -> [Int] { [0] + words.compactMap { corpus.token(of: $0) } }

    // MARK: State

    /// The trainer of the live steps (nil on the others), its run so far and what its model predicts.
    var trainer: TrainerSnapshot?
    var training = TrainingView.empty
    /// Auto-play: each finished job asks for the next until the held-out minimum is behind.
    var isPlaying = false
    /// A job is training now (its result not back yet).
    var isWorking = false
    /// Counts entries and resets: a job's result from before one is dropped.
    var generation = 0
    /// The measurement the minimum step's cursor is on.
    var measurement = 0

    var words = Self.sentence
    /// The head whose weights the attention panel shows, by its place in `heads`.
    var headIndex = 0
    /// The attention panel's cell: a query word's row, a key word's column.
    var cell = Heatmap.Position(row: 6, column: 2)
    var switchedOff: Set<AttentionHeadID> = []
    /// Before training: the seed's random model instead of the trained one.
    var showsUntrained = false
    /// Every number of the shown model on the sentence (nil until a sentence step opens).
    var trace: TransformerTrace?

    init() {}

    var model: Transformer { showsUntrained ? TinyTransformer.untrained : TinyTransformer.finished.model }
    var roles: [HeadRole] { showsUntrained ? Self.untrainedRoles : Self.trainedRoles }
    var head: AttentionHeadID { Self.heads[headIndex] }

    /// The trained model's heads, measured on the held-out sentences once (a few ms in a release build).
    static let trainedRoles = HeadRole.measure(TinyTransformer.finished.model, stream: corpus.heldOutStream, corpus: corpus)
    static let untrainedRoles = HeadRole.measure(TinyTransformer.untrained, stream: corpus.heldOutStream, corpus: corpus)
    /// The trained head that sends "is" back to its noun most: the one the steps about the noun open on.
    static let nounHead = trainedRoles.indices.max { trainedRoles[$0].noun < trainedRoles[$1].noun } ?? 0

    /// A fresh trainer and the two runs the training steps show, made once: every test and
    /// `render` that opens these steps shares them.
    static let freshTrainer = TinyTransformer.freshTrainer()
    static let freshView = TrainingView(trainer: freshTrainer)
    static let finishedView = TrainingView(run: TinyTransformer.finished)
    /// The default sentence's traces, trained and not, every head on.
    static let defaultTraces = (
        trained: TinyTransformer.finished.model.trace(tokens(sentence)), untrained: TinyTransformer.untrained.trace(tokens(sentence))
    )

    // MARK: Keys

    func keys(at step: Step) -> [LessonKey<Action>] {
        if step.trainsLive {
            return [
                LessonKey(
                    [.character(" ")], .train, help: "train \(TinyTransformer.evaluationInterval) steps, then measure both losses",
                    label: "Space", short: "train"),
                LessonKey(
                    [.character("p")], .play, help: "play: train until the held-out minimum is behind (any key but q pauses it)",
                    short: "play"),
                LessonKey([.character("r")], .restart, help: "restart: a fresh model from the seed, step 0", short: "restart"),
            ]
        }
        if step == .minimum {
            return [
                LessonKey([.character("[")], .earlier, help: "the measurement before", label: "[/]", short: "step"),
                LessonKey([.character("]")], .later, help: "the measurement after", short: "step", showsInStatusBar: false),
            ]
        }
        // The step's own key first in the status bar; the cell keys where the step is about cells.
        let own: [Action] =
            switch step {
            case .sentence: [.type, .head]
            case .heads: [.head, .type]
            case .inside: [.up, .left, .head]
            case .switchOff: [.switchOff, .head]
            case .beforeAfter: [.beforeAfter, .head]
            default: [.head, .switchOff, .type]
            }
        let first = own.compactMap { action in Self.sentenceKeys.first { $0.action == action } }
        let rest = Self.sentenceKeys.filter { !own.contains($0.action) }
        return (first + rest).map { key in
            LessonKey(
                key.keys, key.action, help: key.help, label: key.label, short: key.short,
                showsInStatusBar: own.contains(key.action) && key.showsInStatusBar)
        }
    }

    static let sentenceKeys: [LessonKey<Action>] = [
        LessonKey([.character("t")], .type, help: "type a sentence of the corpus's words", short: "type"),
        LessonKey([.character("n")], .head, help: "show the next head's weights", short: "head"),
        LessonKey([.character("o")], .switchOff, help: "switch the shown head off (or on again)", short: "off/on"),
        LessonKey([.character("b")], .beforeAfter, help: "before training / after training", short: "before/after"),
        LessonKey([.up, .character("k")], .up, help: "move the cell up (the word that reads)", label: "↑/↓", short: "row"),
        LessonKey([.down, .character("j")], .down, help: "move the cell down", short: "row", showsInStatusBar: false),
        LessonKey([.character("[")], .left, help: "move the cell left (the word read)", label: "[/]", short: "col"),
        LessonKey([.character("]")], .right, help: "move the cell right", short: "col", showsInStatusBar: false),
    ]

    func sharedCommands(at step: Step) -> Set<AppCommand> {
        step.isAboutTraining ? [.open] : [.open, .warmer, .cooler]
    }

    // MARK: Steps

    mutating func enter(_ step: Step, workspace: inout Workspace) {
        generation += 1
        isPlaying = false
        isWorking = false
        // The shared word list is not drawn; it holds the sentence's nouns so nothing stale shows.
        workspace.show(["mango", "laptop", "speaker", "kiwi"], selecting: "mango")
        if step.trainsLive {
            trainer = TrainerSnapshot(Self.freshTrainer)
            training = Self.freshView
        } else {
            trainer = nil
            training = Self.finishedView
        }
        measurement = training.points.firstIndex(of: LossPoint.best(of: training.points)) ?? 0
        words = Self.sentence
        switchedOff = []
        showsUntrained = step == .beforeAfter
        // The head about the noun, its "is" row on the noun; the exercise leaves finding it to the learner.
        headIndex = step == .exercise ? Self.exerciseOpeningHead : Self.nounHead
        cell = Heatmap.Position(row: Self.sentence.count, column: 2)
        retrace()
    }

    /// `r`: the step as it first opened, its training from the seed again; a job still running is dropped.
    mutating func reset(_ step: Step, workspace: inout Workspace) {
        let generation = generation
        self = Self()
        self.generation = generation
        enter(step, workspace: &workspace)
    }

    mutating func perform(_ action: Action, at step: Step, context: LessonContext, workspace: inout Workspace) -> LessonResponse {
        switch action {
        case .train:
            guard !isWorking else { return "still training: one moment" }
            return startTraining()
        case .play:
            guard trainer != nil, !training.isFinished else {
                return "the held-out minimum is behind already: Space trains on, r starts again"
            }
            isPlaying = true
            // A Space press still training: its result carries the play on.
            return isWorking ? "playing: any key but q pauses it" : startTraining(message: "playing: any key but q pauses it")
        case .restart:
            reset(step, workspace: &workspace)
            return "restarted: a fresh model from the seed, step 0"
        case .earlier, .later:
            let last = training.points.count - 1
            measurement = min(max(0, measurement + (action == .later ? 1 : -1)), last)
            return nil
        case .type:
            return LessonResponse(
                prompt: LessonPrompt(
                    label: "sentence: ", placeholder: "up to \(Self.maxWords) words of the corpus, Enter (Esc cancels)", maxLength: 70))
        case .head:
            headIndex = (headIndex + 1) % Self.heads.count
            return "\(head): \(roles[headIndex].label)\(switchedOff.contains(head) ? " (switched off)" : "")"
        case .switchOff:
            let isOff = switchedOff.contains(head)
            if isOff { switchedOff.remove(head) } else { switchedOff.insert(head) }
            retrace()
            return "\(head) \(isOff ? "on again" : "switched off: it adds nothing to its block")"
        case .beforeAfter:
            showsUntrained.toggle()
            retrace()
            return showsUntrained
                ? "before training: the seed's random numbers" : "after training: the model of step \(TinyTransformer.finished.best.step)"
        case .up, .down, .left, .right:
            let n = Self.tokens(words).count
            switch action {
            case .up: cell.row = (cell.row + n - 1) % n
            case .down: cell.row = (cell.row + 1) % n
            case .left: cell.column = (cell.column + n - 1) % n
            default: cell.column = (cell.column + 1) % n
            }
            return nil
        }
    }

    mutating func submit(_ text: String, at step: Step, context: LessonContext, workspace: inout Workspace) -> LessonResponse {
        let typed = WordLookup.tokens([text])
        guard !typed.isEmpty else { return "no words: the sentence stays" }
        guard typed.count <= Self.maxWords else {
            return "\(typed.count) words: the model reads at most \(Self.maxWords) after the sentence start"
        }
        var found: [String] = []
        for word in typed {
            guard let token = Self.corpus.resolve(word) else {
                let suggestion = Self.corpus.nearestWord(to: word).map { " (did you mean '\($0)'?)" } ?? ""
                return "'\(word)' is not one of the \(Self.corpus.vocabulary.count - 1) words the model learnt\(suggestion)"
            }
            found.append(Self.corpus.vocabulary[token])
        }
        words = found
        let n = found.count + 1
        cell = Heatmap.Position(row: n - 1, column: min(cell.column, n - 1))
        retrace()
        let top = nextWords(count: 1).first.map {
            ": next, \(Self.corpus.vocabulary[$0.token]) (\(NumberFormat.fixed($0.probability, decimals: 2)))"
        }
        return "\"\(found.joined(separator: " "))\"\(top ?? "")"
    }

    /// Recomputes the trace of the shown model on the sentence (a fraction of a millisecond in a release build).
    mutating func retrace() {
        if words == Self.sentence && switchedOff.isEmpty {
            trace = showsUntrained ? Self.defaultTraces.untrained : Self.defaultTraces.trained
        } else {
            trace = model.trace(Self.tokens(words), switchedOff: switchedOff)
        }
    }

    /// The likeliest next words after the sentence, at the workspace's temperature when given.
    func nextWords(count: Int, temperature: Double = 1) -> [Prediction] {
        guard let trace, let probabilities = try? trace.nextTokenProbabilities(temperature: temperature) else { return [] }
        return Prediction.top(probabilities, count: count)
    }

    // MARK: Training jobs

    /// Trains a copy of the trainer one measurement further, off the key path.
    private mutating func startTraining(message: String? = nil) -> LessonResponse {
        guard let snapshot = trainer else { return "this step shows a finished run: ← goes back to train one" }
        isWorking = true
        let generation = generation
        let trainer = snapshot.trainer
        return LessonResponse(
            message: message,
            job: LessonJob {
                var copy = trainer
                copy.train(steps: TinyTransformer.evaluationInterval - copy.stepsTaken % TinyTransformer.evaluationInterval)
                return TrainingProgress(generation: generation, trainer: copy, view: TrainingView(trainer: copy))
            })
    }

    mutating func receive(_ result: any Sendable, at step: Step, workspace: inout Workspace) -> LessonResponse {
        guard let progress = result as? TrainingProgress, progress.generation == generation, step.trainsLive else { return nil }
        let wasFinished = training.isFinished
        isWorking = false
        trainer = TrainerSnapshot(progress.trainer)
        training = progress.view
        // The job decided whether the minimum is behind (`TrainingView.isFinished`), off the key path.
        guard progress.view.isFinished else { return isPlaying ? startTraining() : nil }
        isPlaying = false
        // Said once, when this measurement puts the minimum far enough behind (by play or by Space).
        guard !wasFinished else { return nil }
        return LessonResponse(message: Self.stopMessage(best: LossPoint.best(of: progress.view.points), steps: progress.view.stepsTaken))
    }

    /// Short enough for the message line at 80 columns; the next step's text says the rest.
    static func stopMessage(best: LossPoint, steps: Int) -> String {
        "stopped at step \(steps): held-out lowest at step \(best.step) (\(NumberFormat.fixed(best.heldOut, decimals: 2))); "
            + "after it, memorising"
    }

    func isAnimating(at step: Step) -> Bool { isPlaying }

    /// Any key pauses at once, where the screen is: the measurement under way is dropped (its
    /// result comes back to an older generation), so "paused" never jumps on a chunk later.
    mutating func stopAnimating() {
        isPlaying = false
        if isWorking {
            generation += 1
            isWorking = false
        }
    }

    // MARK: Panels

    func panels(at step: Step) -> [Focus] {
        step.isAboutTraining
            ? [.panel(Panel.losses), .panel(Panel.prompts)]
            : [.panel(Panel.attention), .panel(Panel.nextWords), .panel(Panel.heads)]
    }

    func layout(at step: Step, body: Rect, state: AppState) -> LessonLayout {
        if step.isAboutTraining {
            return LessonLayouts.textOnTop(state, body: body, panels: panels(at: step), weights: [11, 9])
        }
        let base = LessonLayouts.textOnTop(
            state, body: body, panels: [.panel(Panel.attention), .panel(Panel.nextWords)], weights: [11, 9])
        guard let left = base.rect(of: .panel(Panel.attention)), let right = base.rect(of: .panel(Panel.nextWords)) else { return base }
        // The heads under the next words: a line each, or where the screen is tall, the five
        // next words and under them each head with its measurements.
        let parts =
            right.height >= 20
            ? Layout.split(right, .vertical, [.length(7), .fill(1)])
            : Layout.split(right, .vertical, [.fill(1), .length(min(Self.heads.count + 2, right.height - 4))])
        var placements =
            base.placements.filter { $0.panel != .panel(Panel.nextWords) && $0.panel != .panel(Panel.attention) } + [
                PanelPlacement(.panel(Panel.nextWords), parts[0]), PanelPlacement(.panel(Panel.heads), parts[1]),
            ]
        // Tall screens: the heatmap takes the rows it needs (a row a word, the label's two lines,
        // the column labels, a note, the frame) and the focused cell's working-out the rest, live as the cursor moves.
        let labels = Self.tokens(words).map(Self.word)
        let needed = labels.count + Self.attentionShape(labels: labels, width: left.width - 2).headerRows + 5
        if left.height - needed >= 12 {
            let column = Layout.split(left, .vertical, [.length(needed), .fill(1)])
            placements += [PanelPlacement(.panel(Panel.attention), column[0]), PanelPlacement(.panel(Panel.working), column[1])]
        } else {
            placements.append(PanelPlacement(.panel(Panel.attention), left))
        }
        return LessonLayout(placements)
    }

    // MARK: Equatable

    static func == (a: TinyTransformerLesson, b: TinyTransformerLesson) -> Bool {
        a.trainer == b.trainer && a.training == b.training && a.isPlaying == b.isPlaying && a.isWorking == b.isWorking
            && a.generation == b.generation && a.measurement == b.measurement && a.words == b.words && a.headIndex == b.headIndex
            && a.cell == b.cell && a.switchedOff == b.switchedOff && a.showsUntrained == b.showsUntrained && a.trace == b.trace
    }
}

/// A trainer held by the lesson: equal when their runs are (a trainer itself is not `Equatable`).
struct TrainerSnapshot: Equatable, Sendable {
    let trainer: TransformerTrainer

    init(_ trainer: TransformerTrainer) { self.trainer = trainer }

    static func == (a: TrainerSnapshot, b: TrainerSnapshot) -> Bool {
        a.trainer.seed == b.trainer.seed && a.trainer.stepsTaken == b.trainer.stepsTaken && a.trainer.history == b.trainer.history
    }
}

/// What a training job brings back: the trainer one measurement on, and what to show of it.
struct TrainingProgress: Sendable {
    let generation: Int
    let trainer: TransformerTrainer
    let view: TrainingView
}

/// What the training steps show of a run: its measurements, and what its model predicts after
/// the lesson's prompts (computed where the run is, in the job, never while drawing).
struct TrainingView: Equatable, Sendable {
    var points: [LossPoint]
    var stepsTaken: Int
    /// The prompts' three likeliest next words, in `TinyTransformerLesson.prompts` order.
    var predictions: [[Prediction]]
    /// The step of the model that predicts: the latest while training, the best once the run has stopped.
    var modelStep: Int
    var isFinished: Bool

    static let empty = TrainingView(points: [], stepsTaken: 0, predictions: [], modelStep: 0, isFinished: false)

    init(points: [LossPoint], stepsTaken: Int, predictions: [[Prediction]], modelStep: Int, isFinished: Bool) {
        self.points = points
        self.stepsTaken = stepsTaken
        self.predictions = predictions
        self.modelStep = modelStep
        self.isFinished = isFinished
    }

    init(trainer: TransformerTrainer) {
        let finished = TinyTransformer.isFinished(trainer)
        let model = finished ? trainer.bestModel : trainer.model
        self.init(
            points: trainer.history.records.map(LossPoint.init), stepsTaken: trainer.stepsTaken, predictions: Self.predictions(of: model),
            modelStep: finished ? trainer.history.best?.step ?? trainer.stepsTaken : trainer.stepsTaken, isFinished: finished)
    }

    init(run: FinishedRun) {
        self.init(
            points: run.records, stepsTaken: run.stepsTaken, predictions: Self.predictions(of: run.model), modelStep: run.best.step,
            isFinished: true)
    }

    static func predictions(of model: Transformer) -> [[Prediction]] {
        TinyTransformerLesson.prompts.map { prompt in
            (try? model.topPredictions(after: TinyTransformerLesson.tokens(prompt.split(separator: " ").map(String.init)), count: 3)) ?? []
        }
    }
}
