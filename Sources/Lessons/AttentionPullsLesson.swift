// SPDX-License-Identifier: Apache-2.0

import AttnApp
import AttnMath
import TUIKit

/// Attention replaces a word by the softmax-weighted sum of the words with it. First by hand
/// in a plane of two features (Serrano's example, with softmax of the cosines; the next
/// lessons bring the transformer's QKᵀ/√d_k), then in the lexicon: the company decides the
/// direction, stacked layers repeat the pull, and small words dilute it.
struct AttentionPullsLesson: Lesson, Equatable {
    static let id = "attention"

    enum Step: String, LessonStep {
        case byHand = "by-hand"
        case company, layers
        case smallWords = "small-words"
        case exercise

        var kind: StepKind { self == .exercise ? .exercise : .explore }

        /// The hand-sized steps: the plane of two features, not the lexicon.
        var isByHand: Bool { self == .byHand || self == .exercise }
    }

    enum Action: Hashable, Sendable {
        case partner, company, layer, smallWords, previousWeight, nextWeight
    }

    enum Panel: String, LessonPanel {
        /// The hand example's plane.
        case handPlane = "hand-plane"
        /// The hand example worked out.
        case handNumbers = "hand-numbers"
        /// apple's pull on the lexicon's map.
        case map
        /// The selected word's softmax weights over the words in play.
        case weights = "context-weights"
    }

    /// The hand-sized example: apple between a fruit and a phone, in two features.
    static let handWords: [(name: String, vector: [Double], category: String)] = [
        ("apple", [2, 2], "ambiguous"), ("orange", [0, 3], "ambiguous"), ("phone", [4, 0], "electronics"),
    ]
    /// The exercise's word: not one of the partners `p` shows, so its numbers are the learner's to work out.
    static let exerciseWord = (name: "banana", vector: [-1.0, 3.0], category: "fruit")
    static let fruits = ["orange", "banana"]
    static let electronics = ["phone", "laptop"]
    static let smallWords = ["an", "and", "the"]
    /// Every word the lexicon steps may show: the map's projection is fitted to all of them
    /// once, so it never moves when the company changes or the small words come and go.
    static let mapWords = ["apple"] + fruits + electronics + smallWords
    static let maxLayers = 6

    var partnerIsPhone = false
    var amongElectronics = false
    var layers = 1
    var withSmallWords = false
    /// The weights panel's highlighted bar (Enter works that weight out).
    var weightCursor = 0

    func keys(at step: Step) -> [LessonKey<Action>] {
        let company = LessonKey([.character("s")], Action.company, help: "switch apple's company: fruits or electronics", short: "switch")
        let weights = [
            LessonKey([.up, .character("k")], Action.previousWeight, help: "highlight the previous weight", label: "↑/↓", short: "weight"),
            LessonKey(
                [.down, .character("j")], .nextWeight, help: "highlight the next weight", label: "↓/j", short: "", showsInStatusBar: false),
        ]
        switch step {
        case .byHand, .exercise: return [LessonKey([.character("p")], .partner, help: "put phone or orange beside apple", short: "partner")]
        case .company: return [company] + weights
        case .layers:
            return [LessonKey([.character("n")], .layer, help: "add a layer (up to 6, then back to 1)", short: "layer"), company] + weights
        case .smallWords:
            return [LessonKey([.character("w")], .smallWords, help: "bring an, and, the in or out", short: "small words"), company]
                + weights
        }
    }

    func sharedCommands(at step: Step) -> Set<AppCommand> { step.isByHand ? [] : [.open] }

    mutating func enter(_ step: Step, workspace: inout Workspace) {
        partnerIsPhone = false
        amongElectronics = false
        // Two layers to start, so the first n shows a third step, already about 0.
        layers = step == .layers ? 2 : 1
        withSmallWords = step == .smallWords
        weightCursor = 0
        if !step.isByHand { showCompany(&workspace) }
    }

    mutating func perform(_ action: Action, at step: Step, context: LessonContext, workspace: inout Workspace) -> LessonResponse {
        switch action {
        case .partner:
            partnerIsPhone.toggle()
            return "apple beside \(partnerIsPhone ? "phone" : "orange")"
        case .company:
            amongElectronics.toggle()
            showCompany(&workspace)
            return "apple among \(company.joined(separator: " and "))"
        case .layer:
            layers = layers == Self.maxLayers ? 1 : layers + 1
            return "\(layers) layer\(layers == 1 ? "" : "s")"
        case .smallWords:
            withSmallWords.toggle()
            showCompany(&workspace)
            return withSmallWords ? "an, and, the join the softmax" : "an, and, the left the softmax"
        case .previousWeight, .nextWeight:
            let count = max(1, workspace.words.count)
            weightCursor = (weightCursor + (action == .nextWeight ? 1 : count - 1)) % count
            return LessonResponse(focus: .panel(Panel.weights))
        }
    }

    var company: [String] { amongElectronics ? Self.electronics : Self.fruits }

    private mutating func showCompany(_ workspace: inout Workspace) {
        weightCursor = 0
        workspace.show(["apple"] + company + (withSmallWords ? Self.smallWords : []), selecting: "apple", metric: .cosine)
    }

    // MARK: The numbers

    /// The hand example's attention: apple and its partner, softmax of the cosines.
    var handAttention: ContextAttention? {
        let partner = Self.handWords[partnerIsPhone ? 2 : 1]
        return try? ContextAttention(vectors: [Self.handWords[0].vector, partner.vector], metric: .cosine)
    }

    /// apple's position after each layer (index 0: apple itself); every word moves in each layer.
    static func path(of vectors: [[Double]], layers: Int) -> [[Double]] {
        var current = vectors
        var path = [vectors[0]]
        for _ in 0..<layers {
            guard let attention = try? ContextAttention(vectors: current, metric: .cosine) else { break }
            current = attention.context
            path.append(current[0])
        }
        return path
    }

    // MARK: Panels

    func panels(at step: Step) -> [Focus] {
        step.isByHand ? [.panel(Panel.handPlane), .panel(Panel.handNumbers)] : [.panel(Panel.map), .panel(Panel.weights)]
    }

    func layout(at step: Step, body: Rect, state: AppState) -> LessonLayout {
        LessonLayouts.textOnTop(state, body: body, panels: panels(at: step), weights: step.isByHand ? [1, 1] : [3, 2])
    }

    func draw(_ panel: Panel, at step: Step, state: AppState, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        let focused = state.focus == .panel(panel)
        switch panel {
        case .handPlane:
            drawHandPlane(withExerciseWord: step == .exercise, focused: focused, colorMode: colorMode, into: &buffer, area: area)
        case .handNumbers:
            let frame = Frame(title: "How apple moves", isFocused: focused)
            let inner = frame.draw(into: &buffer, area: area)
            Paragraph(StyledText(handLines().joined(separator: "\n"))).render(into: &buffer, area: inner)
        case .map: drawLexiconMap(step: step, state: state, focused: focused, colorMode: colorMode, into: &buffer, area: area)
        case .weights: drawWeights(state: state, focused: focused, colorMode: colorMode, into: &buffer, area: area)
        }
    }

    /// The selected word's weights: softmax of its cosines (T = 1 throughout this lesson), a title that fits whole.
    private func drawWeights(state: AppState, focused: Bool, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        let word = state.selectedWord?.word ?? "—"
        let long = "Weights of \(word) · softmax(cos)"
        // The long title where it fits whole beside "Enter why" (when focused), else the short one.
        let trailing = focused ? DisplayWidth.of(" Enter why ") + 1 : 0
        let title = DisplayWidth.of(long) + trailing <= area.width - 4 ? long : "\(word) · softmax(cos)"
        let inner = Frame(title: title, trailingTitle: focused ? "Enter why" : nil, isFocused: focused).draw(into: &buffer, area: area)
        guard let attention = state.analysis.attention, attention.weights.indices.contains(state.selected) else { return }
        let weights = attention.weights[state.selected]
        let bars = zip(state.words, weights).map { entry, weight in
            BarChart.Bar(entry.label, value: weight, style: CategoryStyle.style(entry.category, mode: colorMode))
        }
        BarChart(
            bars: bars, maxValue: weights.max(), selectedIndex: focused ? weightCursor : nil,
            labelWidth: bars.map { DisplayWidth.of($0.label) }.max() ?? 0
        ).render(into: &buffer, area: inner)
    }

    static func pullStyle(_ mode: ColorMode) -> Style { Style(foreground: mode.displayable(.cube(5, 5, 1)), modifiers: [.bold]) }

    private func drawHandPlane(withExerciseWord: Bool, focused: Bool, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        let frame = Frame(title: "apple beside \(partnerIsPhone ? "phone" : "orange") · 2 features", isFocused: focused)
        let inner = frame.draw(into: &buffer, area: area)
        let partner = partnerIsPhone ? 2 : 1
        // The exercise's word is drawn (dim: not in this softmax) so its coordinates are on screen.
        let words = Self.handWords + (withExerciseWord ? [Self.exerciseWord] : [])
        var points = words.enumerated().map { index, word in
            let inPlay = index == 0 || index == partner
            return ScatterMap.Point(
                "\(word.name) \(QueryPlane.vectorText(word.vector))", x: word.vector[0], y: word.vector[1],
                style: inPlay ? CategoryStyle.style(word.category, mode: colorMode) : Style(modifiers: [.dim]),
                marker: CategoryStyle.marker(word.category))
        }
        var arrows: [ScatterMap.Arrow] = []
        if let moved = handAttention?.context[0] {
            let apple = Self.handWords[0].vector
            arrows.append(
                ScatterMap.Arrow(
                    from: WorldPoint(x: apple[0], y: apple[1]), to: WorldPoint(x: moved[0], y: moved[1]), style: Self.pullStyle(colorMode)))
            points.append(
                ScatterMap.Point(
                    "apple′ \(QueryPlane.vectorText(moved, decimals: 2))", x: moved[0], y: moved[1], style: Self.pullStyle(colorMode),
                    isSelected: true, marker: "✚"))
        }
        let map = { (points: [ScatterMap.Point]) in
            ScatterMap(
                points: points, arrows: arrows, xCaption: "tech →", yCaption: "↑ fruit",
                bounds: WorldBounds(minX: withExerciseWord ? -4 : -0.5, maxX: 5.5, minY: -0.5, maxY: 3.5), equalScale: true,
                showsOrigin: true, showsOmittedCount: true)
        }
        // A word whose label with its coordinates finds no room is named alone (the exercise's
        // word has its coordinates in the question).
        let placed = map(points).layout(in: inner).labels
        for index in words.indices where placed[index] == nil { points[index].label = words[index].name }
        map(points).render(into: &buffer, area: inner)
    }

    /// The hand computation with the core's numbers: cosines, softmax, the weighted sum. Each
    /// line's arithmetic holds for the numbers it shows: cosines to 3 decimals (e^0.71 would
    /// give 0.572, not 0.573), weights to 4, so 0.5727·2 + … rounds to apple′'s 2 decimals
    /// (0.57·2 = 1.14 would not give its 1.15).
    func handLines() -> [String] {
        guard let attention = handAttention else { return ["no attention"] }
        let partner = Self.handWords[partnerIsPhone ? 2 : 1]
        return Self.working(of: attention, partner: partner)
    }

    /// apple and `partner` worked out, on lines of at most 38 columns (the hand panel at 80×24).
    static func working(of attention: ContextAttention, partner: (name: String, vector: [Double], category: String)) -> [String] {
        let apple = handWords[0].vector
        let fixed = { (value: Double, decimals: Int) in NumberFormat.fixed(value, decimals: decimals) }
        let cosine = fixed(attention.scores[0][1], 3)
        let (wSelf, wPartner) = (fixed(attention.weights[0][0], 4), fixed(attention.weights[0][1], 4))
        return [
            "cos(apple, apple) = 1",
            // On two lines, so a narrow panel never breaks the formula.
            "cos(apple, \(partner.name))",
            "  = \(fixed(dot(apple, partner.vector), 2)) / (\(fixed(norm(apple), 2))·\(fixed(norm(partner.vector), 2))) = \(cosine)",
            "softmax(1, \(cosine)):",
            "  e^1 / (e^1 + e^\(cosine)) = \(wSelf)",
            "  the rest goes to \(partner.name): \(wPartner)",
            "",
            "apple′ = \(wSelf)·\(QueryPlane.vectorText(apple))",
            "       + \(wPartner)·\(QueryPlane.vectorText(partner.vector))",
            "       = \(QueryPlane.vectorText(attention.context[0], decimals: 2))",
        ]
    }

    private func drawLexiconMap(
        step: Step, state: AppState, focused: Bool, colorMode: ColorMode, into buffer: inout Buffer, area: Rect
    ) {
        let frame = Frame(
            title: step == .layers ? "apple through \(layers) layer\(layers == 1 ? "" : "s")" : "apple → its context", isFocused: focused)
        let inner = frame.draw(into: &buffer, area: area)
        let vectors = Self.mapWords.compactMap { state.vector(of: $0) }
        guard vectors.count == Self.mapWords.count, state.words.first?.word == "apple" else { return }
        // Fitted to every word the steps may show, so nothing moves when words come and go.
        let pca = PCA(vectors: vectors, dimension: vectors[0].count)
        let inPlay = Set(state.words.map(\.word))
        var points = zip(Self.mapWords, vectors).map { name, vector in
            let category = state.words.first { $0.word == name }?.category ?? ""
            let point = pca.project(vector)
            return ScatterMap.Point(
                name, x: point.x, y: point.y,
                style: inPlay.contains(name) ? CategoryStyle.style(category, mode: colorMode) : Style(modifiers: [.dim]),
                isSelected: name == "apple", marker: inPlay.contains(name) ? CategoryStyle.marker(category) : "∘")
        }
        let path = Self.path(of: state.words.map(\.vector), layers: step == .layers ? layers : 1).map(pca.project)
        let style = Self.pullStyle(colorMode)
        let arrows = zip(path, path.dropFirst()).map { from, to in
            ScatterMap.Arrow(from: WorldPoint(x: from.x, y: from.y), to: WorldPoint(x: to.x, y: to.y), style: style)
        }
        for (index, point) in path.enumerated().dropFirst() {
            points.append(
                ScatterMap.Point(index == path.count - 1 ? "apple′" : "", x: point.x, y: point.y, style: style, marker: "✚"))
        }
        let rows = Layout.split(inner, .vertical, [.fill(1), .length(2)])
        ScatterMap(points: points, arrows: arrows, xCaption: "PC1 →", yCaption: "↑ PC2", padding: 0.1, showsOmittedCount: true).render(
            into: &buffer, area: rows[0])
        Paragraph(mapNote(step: step, state: state)).render(into: &buffer, area: rows[1])
    }

    func explain(_ panel: Panel, at step: Step, state: AppState) -> Explanation? {
        switch panel {
        case .handPlane, .handNumbers: return Explanation(title: "How apple moves", lines: handLines())
        case .weights: return explainWeight(state)
        case .map: break
        }
        guard let attention = state.analysis.attention, state.words.first?.word == "apple" else { return nil }
        let fixed = { (value: Double) in NumberFormat.fixed(value, decimals: 3) }
        var lines = ["apple′ = Σ wⱼ·vⱼ, wⱼ = softmax(cos(apple, wordⱼ))", ""]
        for (index, word) in state.words.enumerated() {
            lines.append(
                NumberFormat.padRight(word.word, 8) + "cos " + NumberFormat.pad(fixed(attention.scores[0][index]), 6) + "   w "
                    + fixed(attention.weights[0][index]))
        }
        lines += ["", "|apple| = \(fixed(norm(state.words[0].vector)))   |apple′| = \(fixed(norm(attention.context[0])))"]
        return Explanation(title: "apple's context", lines: lines)
    }

    /// The highlighted weight: e^cos over the sum of every word's e^cos.
    private func explainWeight(_ state: AppState) -> Explanation? {
        let row = state.selected
        guard let attention = state.analysis.attention, attention.scores.indices.contains(row),
            state.words.indices.contains(weightCursor)
        else { return nil }
        let scores = attention.scores[row]
        // e^cos itself, not shifted by the largest: the numbers a learner works out by hand.
        let exponentials = softmaxExponentials(scores, temperature: 1, max: 0)
        let total = exponentials.reduce(0, +)
        let (name, other) = (state.words[row].word, state.words[weightCursor].word)
        let fixed = { (value: Double) in NumberFormat.fixed(value, decimals: 3) }
        var lines = ["w = e^cos(\(name), word) / Σ e^cos over the words in play", ""]
        let width = state.words.map { DisplayWidth.of($0.word) }.max() ?? 0
        for (index, word) in state.words.enumerated() {
            lines.append(
                NumberFormat.padRight(word.word, width + 1) + "cos " + NumberFormat.pad(fixed(scores[index]), 6) + "   e^cos "
                    + fixed(exponentials[index]) + (index == weightCursor ? "  ◀" : ""))
        }
        lines += [
            "", "Σ e^cos = \(fixed(total))",
            "w(\(other)) = \(fixed(exponentials[weightCursor])) / \(fixed(total)) = \(fixed(attention.weights[row][weightCursor]))",
        ]
        return Explanation(title: "\(name)'s weight on \(other)", lines: lines)
    }

    /// The number under the map: how far each layer moved apple, or how long its context is.
    func mapNote(step: Step, state: AppState) -> String {
        let vectors = state.words.map(\.vector)
        let fixed = { (value: Double) in NumberFormat.fixed(value, decimals: 2) }
        switch step {
        case .layers:
            let path = Self.path(of: vectors, layers: layers)
            let moves = zip(path, path.dropFirst()).map { fixed(euclideanDistance($0, $1)) }
            return "each layer moved apple by " + moves.joined(separator: ", ")
        case .smallWords:
            let context = Self.path(of: vectors, layers: 1).last ?? []
            let without = Self.path(of: vectors.prefix(1 + company.count).map { $0 }, layers: 1).last ?? []
            return withSmallWords
                ? "|context| = \(fixed(norm(context))) with an, and, the; \(fixed(norm(without))) without"
                : "|context| = \(fixed(norm(context))) without the small words"
        case .byHand, .company, .exercise:
            let context = Self.path(of: vectors, layers: 1).last ?? []
            return "apple moved \(fixed(euclideanDistance(vectors[0], context))) towards \(company.joined(separator: " and "))"
        }
    }

    // MARK: Exercise

    /// Apple and the exercise's word, softmax of the cosines: the hand example with a new partner.
    static let exerciseAttention: ContextAttention? = try? ContextAttention(
        vectors: [handWords[0].vector, exerciseWord.vector], metric: .cosine)

    func exercise(at step: Step) -> Exercise<AttentionPullsLesson>? {
        let word = Self.exerciseWord
        let at = "\(word.name) \(QueryPlane.vectorText(word.vector))"
        let fixed: @Sendable (Double) -> String = { NumberFormat.fixed($0, decimals: 2) }
        let weight = Self.exerciseAttention?.weights[0][1]
        let moved = Self.exerciseAttention?.context[0][1]
        return Exercise([
            ExerciseTask(
                id: "partner-weight", question: "Put \(at) beside apple: what weight does softmax give \(word.name)? (2 decimals)",
                answer: .number(quantity: "\(word.name)'s weight", decimals: 2) { _, _ in Self.exerciseAttention?.weights[0][1] },
                solution: "<Enter>\(weight.map(fixed) ?? "")<Enter>",
                hint: "as on the right: cos(apple, \(word.name)) first, then softmax of it and apple's own 1",
                // The working up to the weight: apple′ is the next task's.
                explanation: { _, _ in Array(Self.exerciseWorking().prefix(6)) }),
            ExerciseTask(
                id: "moved-fruit", question: "Where does apple move then? Its ↑ fruit coordinate. (2 decimals)",
                answer: .number(quantity: "apple′'s fruit coordinate", decimals: 2) { _, _ in Self.exerciseAttention?.context[0][1] },
                solution: "<Enter><Down>\(moved.map(fixed) ?? "")<Enter>",
                hint: "apple′ = w(apple)·apple + w(\(word.name))·\(word.name), each coordinate alike",
                explanation: { _, _ in
                    let weights = Self.exerciseAttention.map { ($0.weights[0][0], $0.weights[0][1]) } ?? (0, 0)
                    return [
                        "apple keeps \(NumberFormat.fixed(weights.0, decimals: 4)), \(word.name) gets \(NumberFormat.fixed(weights.1, decimals: 4)) (task 1), so"
                    ] + Self.exerciseWorking().suffix(3)
                }),
        ])
    }

    /// The exercise worked out, as the hand panel works out orange and phone.
    static func exerciseWorking() -> [String] {
        guard let attention = exerciseAttention else { return [] }
        return working(of: attention, partner: exerciseWord)
    }
}
