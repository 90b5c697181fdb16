// SPDX-License-Identifier: Apache-2.0

import AttnApp
import AttnMath
import TUIKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Embeddings are learnt. Vectors start random and skip-gram with negative
/// sampling, reading a small corpus a few sentences per step, pulls words that appear
/// together and pushes sampled others away, until fruits and gadgets form clusters.
struct LearningEmbeddingsLesson: Lesson, Equatable {
    static let id = "learning-embeddings"

    enum Step: String, LessonStep {
        case random, step, loss, clusters, exercise

        var kind: StepKind { self == .exercise ? .exercise : .explore }

        /// How many training steps the lesson step starts from: random vectors, one step, a few,
        /// 40 (320 sentences); the exercise a few, with a pair to work out and the clusters still to
        /// form — two more than the loss step, so its pair is not the one the loss step works out.
        var startingSteps: Int {
            switch self {
            case .random: 0
            case .step: 1
            case .loss: 10
            case .exercise: 12
            case .clusters: 40
            }
        }
    }

    enum Action: Hashable, Sendable {
        case step, play
    }

    enum Panel: String, LessonPanel {
        /// The words on the map as they learn.
        case map
        /// What the last step read, pulled and pushed.
        case pairs
        /// The loss of each step.
        case loss
    }

    static let corpus = TrainingCorpus.builtIn
    /// Every fruit and gadget of the corpus (each sentence has one); the map shows the first six of each.
    static let allFruits = ["banana", "cherry", "grape", "lemon", "mango", "peach", "pear", "plum", "kiwi", "strawberry"]
    static let allGadgets = [
        "phone", "laptop", "tablet", "camera", "printer", "television", "keyboard", "headphones", "computer", "speaker",
    ]
    static let fruits = Array(allFruits.prefix(6))
    static let gadgets = Array(allGadgets.prefix(6))
    /// The words on the map, with their kind.
    static let mapWords = fruits.map { ($0, "fruit") } + gadgets.map { ($0, "electronics") }
    /// Each fruit's and gadget's kind, for its colour where the pairs panel names it.
    static let kinds = Dictionary(uniqueKeysWithValues: allFruits.map { ($0, "fruit") } + allGadgets.map { ($0, "electronics") })
    static let dimension = 8
    static let sentencesPerStep = 8
    static let window = 2
    static let seed: UInt64 = 13

    private(set) var model = Self.freshModel()
    /// Steps made since the random start.
    private(set) var stepsTrained = 0
    /// The mean loss of each step so far, oldest first.
    private(set) var losses: [Double] = []
    /// What the last step read and trained.
    private(set) var lastSentences: [Int] = []
    private(set) var lastPairs: [TrainedPair] = []
    /// The last pair's loss, term by term, as its step met it (before the pair's own update).
    private(set) var lastPairLoss: PairLoss?
    /// The map's projection, kept from step to step so the map turns smoothly instead of flipping.
    private(set) var projection: PCA?
    private(set) var isPlaying = false

    static func freshModel() -> SkipGram {
        SkipGram(
            vocabularySize: corpus.words.count, dimension: dimension, learningRate: 0.2, negativeSamples: 3, seed: seed)
    }

    func keys(at step: Step) -> [LessonKey<Action>] {
        [
            LessonKey(
                [.character(" ")], .step, help: "one training step (reads the next \(Self.sentencesPerStep) sentences)", label: "Space",
                short: "train"),
            LessonKey([.character("p")], .play, help: "auto-play: a training step every 100 ms (any key stops it)", short: "play"),
        ]
    }

    func sharedCommands(at step: Step) -> Set<AppCommand> { [.open] }

    mutating func enter(_ step: Step, workspace: inout Workspace) {
        model = Self.freshModel()
        stepsTrained = 0
        losses = []
        lastSentences = []
        lastPairs = []
        lastPairLoss = nil
        isPlaying = false
        projection = nil
        project()
        for _ in 0..<step.startingSteps { train() }
        // The shared word list is not drawn here; it holds the map's words so nothing stale shows.
        workspace.show(Self.mapWords.map(\.0))
    }

    mutating func perform(_ action: Action, at step: Step, context: LessonContext, workspace: inout Workspace) -> LessonResponse {
        switch action {
        case .step:
            train()
            return nil
        case .play:
            isPlaying = true
            return "auto-play: any key stops it"
        }
    }

    func isAnimating(at step: Step) -> Bool { isPlaying }

    mutating func tick(at step: Step, workspace: inout Workspace) -> Bool {
        train()
        return true
    }

    mutating func stopAnimating() { isPlaying = false }

    /// One training step: the next sentences of the corpus, round and round. The pairs are
    /// trained one by one as `SkipGram.train(sentences:window:)` does (the same draws, the same
    /// updates), so the last pair's terms can be kept as the step met them.
    mutating func train() {
        let count = Self.corpus.sentences.count
        lastSentences = (0..<Self.sentencesPerStep).map { (stepsTrained * Self.sentencesPerStep + $0) % count }
        let pairs = SkipGram.pairs(sentences: lastSentences.map { Self.corpus.sentences[$0] }, window: Self.window)
        var trained: [TrainedPair] = []
        var total = 0.0
        for (index, pair) in pairs.enumerated() {
            let negatives = model.drawNegatives(center: pair.center, context: pair.context)
            if index == pairs.count - 1 {
                lastPairLoss = PairLoss(model: model, center: pair.center, context: pair.context, negatives: negatives)
            }
            total += model.step(center: pair.center, context: pair.context, negatives: negatives)
            trained.append(TrainedPair(center: pair.center, context: pair.context, negatives: negatives))
        }
        lastPairs = trained
        losses.append(trained.isEmpty ? 0 : total / Double(trained.count))
        stepsTrained += 1
        project()
    }

    private mutating func project() {
        projection = PCA(vectors: mapVectors, dimension: Self.dimension, orientedLike: projection?.axes)
    }

    /// The learnt vectors (embeddings) of the map's words.
    var mapVectors: [[Double]] {
        Self.mapWords.map { model.embeddings.row(Self.corpus.index(of: $0.0)!) }
    }

    func vector(of word: String) -> [Double]? { Self.corpus.index(of: word).map { model.embeddings.row($0) } }

    func panels(at step: Step) -> [Focus] { [.panel(Panel.map), .panel(Panel.pairs), .panel(Panel.loss)] }

    func layout(at step: Step, body: Rect, state: AppState) -> LessonLayout {
        let base = LessonLayouts.textOnTop(state, body: body, panels: [.panel(Panel.map), .panel(Panel.pairs)], weights: [1, 1])
        guard let right = base.rect(of: .panel(Panel.pairs)) else { return base }
        // The loss under what was read: a few rows are enough for it.
        let lossHeight = max(5, right.height * 2 / 5)
        let parts = Layout.split(right, .vertical, [.fill(1), .length(lossHeight)])
        return LessonLayout(
            base.placements.filter { $0.panel != .panel(Panel.pairs) } + [
                PanelPlacement(.panel(Panel.pairs), parts[0]), PanelPlacement(.panel(Panel.loss), parts[1]),
            ])
    }

    func draw(_ panel: Panel, at step: Step, state: AppState, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        let focused = state.focus == .panel(panel)
        switch panel {
        case .map: drawMap(focused: focused, colorMode: colorMode, into: &buffer, area: area)
        case .pairs: drawPairs(step: step, focused: focused, colorMode: colorMode, into: &buffer, area: area)
        case .loss: drawLoss(focused: focused, colorMode: colorMode, into: &buffer, area: area)
        }
    }

    private func drawMap(focused: Bool, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        var title = stepsTrained == 0 ? "Map · random start" : "Map · after \(stepsTrained) step\(stepsTrained == 1 ? "" : "s")"
        if isPlaying { title += " · ▶ playing" }
        let inner = Frame(title: title, isFocused: focused).draw(into: &buffer, area: area)
        guard let projection else { return }
        let points = zip(Self.mapWords, mapVectors).map { word, vector in
            let point = projection.project(vector)
            return ScatterMap.Point(
                word.0, x: point.x, y: point.y, style: CategoryStyle.style(word.1, mode: colorMode), marker: CategoryStyle.marker(word.1))
        }
        // A label with no room is left out and counted, so no word goes missing unsaid.
        ScatterMap(points: points, xCaption: "PC1 → ● fruit ■ gadget", yCaption: "↑ PC2", showsOmittedCount: true).render(
            into: &buffer, area: inner)
    }

    private func drawPairs(step: Step, focused: Bool, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        let title = stepsTrained == 0 ? "What a step reads" : "What step \(stepsTrained) read"
        let inner = Frame(title: title, isFocused: focused).draw(into: &buffer, area: area)
        guard let last = lastSentences.last else {
            Paragraph(
                "Nothing yet: Space reads the next \(Self.sentencesPerStep) of the text's \(Self.corpus.sentences.count) sentences."
            ).render(into: &buffer, area: inner)
            return
        }
        var top: [StyledText] = []
        if step == .exercise, let pair = lastPairScore {
            // The exercise's typed task works from this number.
            top.append(
                StyledText("last pair w=\(pair.center), c=\(pair.context): w·c = ")
                    + StyledText(NumberFormat.fixed(pair.score, decimals: 2), style: Style(modifiers: [.bold])))
        } else if let pair = lastPairScore {
            // The pair Enter works out, named where the learner reads the step: the popup and the
            // panel talk about the same pair (the last sentence's last word and the word before it).
            top.append(StyledText("last pair w=\(pair.center), c=\(pair.context) (Enter)"))
        }
        let header = StyledText("\(lastSentences.count) sentences; the last:", style: Style(modifiers: [.dim]))
        let sentence = StyledText("“\(Self.corpus.sentence(last))”", style: Style(modifiers: [.bold]))
        let rows = { (lines: [StyledText]) in lines.map { Paragraph($0).lineCount(width: inner.width) }.reduce(0, +) }
        // Each word's line names as many pushed words as fit whole, and counts the rest ("+3 more"):
        // a list is never cut in the middle. Short of rows, the header goes before the names; in
        // the clusters step, whose text quotes a push, the last pair's line goes before the last name.
        let named = stride(from: 4, through: 1, by: -1).map { pairLines(pushedShown: $0, colorMode: colorMode) }
        var candidates = named.flatMap { [top + [header, sentence] + $0, top + [sentence] + $0] }
        if step == .clusters { candidates += named.map { [sentence] + $0 } }
        let counted = pairLines(pushedShown: 0, colorMode: colorMode)
        // Only where even the counted lists would be cut (two words' lines in a short panel) does the last pair's line give way.
        candidates += [top + [sentence] + counted, [sentence] + counted]
        var lines = candidates.first { rows($0) <= inner.height } ?? candidates[candidates.count - 1]
        // Where there is room, the step's other sentences too, one line each, above the last.
        if rows(lines) + lastSentences.count - 1 <= inner.height, let at = lines.firstIndex(of: header) {
            let earlier = lastSentences.dropLast().map { number in
                StyledText(DisplayWidth.truncate("“\(Self.corpus.sentence(number))”", to: inner.width), style: Style(modifiers: [.dim]))
            }
            let read = StyledText("read \(lastSentences.count) sentences, the last in bold:", style: Style(modifiers: [.dim]))
            lines.replaceSubrange(at...at, with: [read] + earlier)
        }
        var y = inner.y
        for line in lines where y < inner.bottom {
            let paragraph = Paragraph(line)
            paragraph.render(into: &buffer, area: Rect(x: inner.x, y: y, width: inner.width, height: inner.bottom - y))
            y += paragraph.lineCount(width: inner.width)
        }
    }

    /// Each fruit or gadget of the last sentence: the words it was pulled to, and those it was
    /// pushed from, the first `pushedShown` by name and the rest counted.
    func pairLines(pushedShown: Int, colorMode: ColorMode) -> [StyledText] {
        guard let last = lastSentences.last else { return [] }
        let sentencePairs = lastPairs.suffix(SkipGram.pairs(sentences: [Self.corpus.sentences[last]], window: Self.window).count)
        let words = Self.corpus.words
        return Set(Self.corpus.sentences[last]).sorted().map { words[$0] }.compactMap { word in
            guard let kind = Self.kinds[word] else { return nil }
            let mine = sentencePairs.filter { words[$0.center] == word }
            var line = StyledText(word, style: CategoryStyle.style(kind, mode: colorMode).adding(.bold))
            line.append(" pulled to " + mine.map { words[$0.context] }.joined(separator: ", "))
            let pushed = Array(Set(mine.flatMap(\.negatives))).sorted().map { words[$0] }
            let named = pushed.prefix(pushedShown)
            let rest = pushed.count - named.count
            let counted = rest == 0 ? "" : (named.isEmpty ? "\(rest) words" : ", +\(rest) more")
            line.append("; pushed from " + named.joined(separator: ", ") + counted)
            return line
        }
    }

    private func drawLoss(focused: Bool, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        let inner = Frame(title: "Loss · lower is better", isFocused: focused).draw(into: &buffer, area: area)
        guard let latest = losses.last, let first = losses.first else {
            // The first place the word shows: it says what it means.
            Paragraph(
                StyledText(
                    "The loss: how badly the vectors predict each word's neighbours. No step yet.", style: Style(modifiers: [.dim]))
            ).render(into: &buffer, area: inner)
            return
        }
        var text = StyledText("step \(stepsTrained): loss ")
        text.append(NumberFormat.fixed(latest, decimals: 2), style: Style(modifiers: [.bold]))
        if stepsTrained > 1 { text.append("  (step 1: \(NumberFormat.fixed(first, decimals: 2)))") }
        buffer.write(text, x: inner.x, y: inner.y, maxWidth: inner.width)
        let chart = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: max(0, inner.height - 1))
        // Bars from 0, so a bar half as tall is half the loss and one step's wiggle stays small.
        Sparkline(losses, style: Style(foreground: colorMode.displayable(.cube(5, 3, 0))), lowerBound: 0).render(into: &buffer, area: chart)
    }

    /// Every panel explains the loss: Enter works wherever the focus is.
    func explain(_ panel: Panel, at step: Step, state: AppState) -> Explanation? {
        guard let pair = lastPairLoss, let stepLoss = losses.last else {
            return Explanation(
                title: "The loss of one pair", lines: ["No step yet: press Space to train one, then Enter shows its loss."])
        }
        return Explanation(
            title: "The loss of one pair", lines: Self.lossLines(pair, step: stepsTrained, stepLoss: stepLoss, pairs: lastPairs.count))
    }

    /// One pair's loss worked out: each σ and its −ln (natural log), then their sum (four decimals; "≈" where
    /// the rounded terms do not add up to the rounded sum), and how the step's loss comes from it.
    static func lossLines(_ pair: PairLoss, step: Int, stepLoss: Double, pairs: Int) -> [String] {
        let words = corpus.words
        let fixed = { (value: Double) in NumberFormat.fixed(value, decimals: 4) }
        let names = [words[pair.context]] + pair.negatives.map { words[$0] }
        let nameWidth = names.map { DisplayWidth.of($0) }.max() ?? 0
        let scoreWidth = pair.scores.map { DisplayWidth.of(fixed($0)) }.max() ?? 0
        var lines = [
            "loss = −ln σ(w·c) − Σₙ ln σ(−w·n),  σ(x) = 1/(1+e⁻ˣ)",
            "w: the centre word's vector, c: its neighbour's context vector,",
            "n: the context vectors of the words it is pushed from; ln: log base e.",
            "",
            "Step \(step)'s last pair, as the step met it (before its own update):",
            "w = \(words[pair.center]), c = \(words[pair.context]); pushed from "
                + pair.negatives.map { words[$0] }.joined(separator: ", "),
            "",
        ]
        let (probabilities, terms) = (pair.probabilities, pair.terms)
        for (index, name) in names.enumerated() {
            let (letter, score, sigma) = index == 0 ? ("c", "w·c", "σ(w·c) ") : ("n", "w·n", "σ(−w·n)")
            lines.append(
                "\(letter) = " + NumberFormat.padRight(name + ":", nameWidth + 1) + "  \(score) = "
                    + NumberFormat.pad(fixed(pair.scores[index]), scoreWidth) + "  \(sigma) = \(fixed(probabilities[index]))  −ln = "
                    + fixed(terms[index]))
        }
        // The sum of the terms as shown, in units of the fourth decimal, against the rounded sum.
        let shownSum = terms.map { (($0 * 10_000).rounded()) }.reduce(0, +)
        let adds = shownSum == (pair.loss * 10_000).rounded()
        lines += [
            "loss = " + terms.map(fixed).joined(separator: " + ") + (adds ? " = " : " ≈ ") + fixed(pair.loss)
                + (adds ? "" : " (terms rounded)"),
            "",
            "Step \(step)'s loss, \(fixed(stepLoss)), is the mean of its \(pairs) pairs' losses,",
            "each taken before that pair's own update.",
        ]
        return lines
    }

    // MARK: Exercise

    /// The last pair trained, and w·c with the vectors as they are now: what the typed task works from.
    var lastPairScore: (center: String, context: String, score: Double)? {
        guard let pair = lastPairs.last else { return nil }
        let words = Self.corpus.words
        return (words[pair.center], words[pair.context], dot(model.embeddings.row(pair.center), model.contexts.row(pair.context)))
    }

    /// σ(w·c) for the last pair: how sure the model is now that c appears near w.
    var lastPairProbability: Double? { lastPairScore.map { 1 / (1 + exp(-$0.score)) } }

    /// How many map words are nearer (mean cosine) the others of their own kind than the other kind's.
    func wordsNearTheirKind() -> Int {
        let groups = [Self.fruits, Self.gadgets]
        var count = 0
        for (own, other) in [(groups[0], groups[1]), (groups[1], groups[0])] {
            for word in own {
                guard let vector = vector(of: word) else { continue }
                let mean = { (names: [String]) in
                    names.compactMap { self.vector(of: $0).flatMap { cosineSimilarity(vector, $0) } }.reduce(0, +) / Double(names.count)
                }
                if mean(own.filter { $0 != word }) > mean(other) { count += 1 }
            }
        }
        return count
    }

    /// Space presses from the exercise's opening until every map word is nearer its own kind.
    static let clusterPresses: Int = {
        var lesson = LearningEmbeddingsLesson()
        for _ in 0..<Step.exercise.startingSteps { lesson.train() }
        for presses in 0...200 {
            if lesson.wordsNearTheirKind() == mapWords.count { return presses }
            lesson.train()
        }
        return 200
    }()

    static let openingProbability: Double? = {
        var lesson = LearningEmbeddingsLesson()
        for _ in 0..<Step.exercise.startingSteps { lesson.train() }
        return lesson.lastPairProbability
    }()

    func exercise(at step: Step) -> Exercise<LearningEmbeddingsLesson>? {
        let all = Self.mapWords.count
        return Exercise([
            ExerciseTask(
                id: "clusters", question: "Train until every word on the map is nearer its own kind (fruit or gadget) than the other.",
                answer: .keys { lesson, _ in
                    let near = lesson.wordsNearTheirKind()
                    return TaskCheck(near == all, "\(near) of \(all) words nearer their own kind, after \(lesson.stepsTrained) steps")
                },
                solution: String(repeating: "<Space>", count: Self.clusterPresses),
                hint: "steps pull neighbours together: Space trains one, p plays, any key stops",
                explanation: { lesson, _ in
                    [
                        "Nearer: the word's mean cosine with the rest of its kind beats",
                        "its mean with the other kind. From \(Step.exercise.startingSteps) steps it takes \(Self.clusterPresses)",
                        "more; now \(lesson.wordsNearTheirKind()) of \(all) are.",
                    ]
                }),
            ExerciseTask(
                id: "pair-probability", question: "How sure is the model that c appears near w in the last pair: σ(w·c)? (2 decimals)",
                answer: .number(quantity: "σ(w·c)", decimals: 2) { lesson, _ in lesson.lastPairProbability },
                solution: "<Enter>\(Self.openingProbability.map { NumberFormat.fixed($0, decimals: 2) } ?? "")<Enter>",
                hint: "σ(x) = 1/(1+e⁻ˣ), with x the w·c atop “What step N read”",
                explanation: { lesson, _ in
                    guard let pair = lesson.lastPairScore, let p = lesson.lastPairProbability else { return ["No pair yet."] }
                    return [
                        "w·c = \(pair.center)·\(pair.context) = \(NumberFormat.fixed(pair.score, decimals: 4))",
                        "σ(w·c) = 1/(1 + e^(−\(NumberFormat.fixed(pair.score, decimals: 4)))) = \(NumberFormat.fixed(p, decimals: 4))",
                    ]
                }),
        ])
    }
}

/// One pair's loss term by term, from the vectors as its step met them (before the pair's own
/// update): −ln σ(w·c) for its neighbour c, −ln σ(−w·n) for each pushed word n. As
/// `SkipGram.step` reads them: a word pushed twice is scored the second time with its context
/// vector as the first push left it.
struct PairLoss: Equatable, Sendable {
    let center: Int
    let context: Int
    let negatives: [Int]
    /// w·c, then w·n for each pushed word, in order.
    let scores: [Double]

    init(model: SkipGram, center: Int, context: Int, negatives: [Int]) {
        self.center = center
        self.context = context
        self.negatives = negatives
        let v = model.embeddings.row(center)
        var moved: [Int: [Double]] = [:]
        var scores: [Double] = []
        for (target, label) in [(context, 1.0)] + negatives.map({ ($0, 0.0) }) {
            let u = moved[target] ?? model.contexts.row(target)
            let score = dot(u, v)
            scores.append(score)
            let g = (PairLoss.sigmoid(score) - label) * model.learningRate
            moved[target] = zip(u, v).map { $0 - g * $1 }
        }
        self.scores = scores
    }

    /// σ(w·c), then σ(−w·n) for each pushed word: how sure the model is of each, right.
    var probabilities: [Double] { scores.enumerated().map { Self.sigmoid($0.offset == 0 ? $0.element : -$0.element) } }

    /// −ln of each probability: the pair's loss is their sum.
    var terms: [Double] { scores.enumerated().map { -Self.logSigmoid($0.offset == 0 ? $0.element : -$0.element) } }

    var loss: Double { terms.reduce(0, +) }

    static func sigmoid(_ x: Double) -> Double { x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x)) }

    /// log σ(x), never log(0).
    static func logSigmoid(_ x: Double) -> Double { x >= 0 ? -log1p(exp(-x)) : x - log1p(exp(x)) }
}
