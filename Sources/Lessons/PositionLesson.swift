// SPDX-License-Identifier: Apache-2.0

import AttnApp
import AttnMath
import TUIKit
import Vocabularies

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Attention is order-blind until each word carries its place. One head reads "an apple and a
/// phone" on the left and the same words in another order on the right: without position
/// vectors every word keeps its output (the rows are only permuted); with p(i) added to the
/// i-th word the outputs follow the order.
///
/// The vectors are hand-sized so every number can be read: a word is (fruit, tech) from the
/// lexicon, followed by two coordinates the words leave at 0, where p(i) = (sin(i/2), cos(i/2))
/// goes. A formula rather than a learnt table, because nothing here is trained yet; and
/// p(i)·p(j) = cos((i − j)/2), so the position part of a score depends only on how far apart
/// two words are.
struct PositionLesson: Lesson, Equatable {
    static let id = "position"

    enum Step: String, LessonStep {
        case orderBlind = "order-blind"
        case positionVectors = "position-vectors"
        case orderMatters = "order-matters"
        case exercise

        var kind: StepKind { self == .exercise ? .exercise : .explore }

        /// Positions are switched on where the step is about what they do.
        var startsWithPositions: Bool { self == .positionVectors || self == .orderMatters }
    }

    enum Action: Hashable, Sendable {
        case previous, next, shuffle, swap, positions
    }

    enum Panel: String, LessonPanel {
        /// The sentence as written and its outputs.
        case written
        /// The same words in another order and their outputs, each marked against the written one.
        case reordered
        /// p(i), and where there is room x = word + p(i) for the written sentence.
        case positions
        /// Not a table: what Enter opens on the focused one, worked out live where the screen is tall.
        case working
    }

    static let sentence = ["an", "apple", "and", "a", "phone"]
    static let features = ["fruit", "tech"]
    static let apple = sentence.firstIndex(of: "apple")!
    static let phone = sentence.firstIndex(of: "phone")!
    static let an = sentence.firstIndex(of: "an")!
    /// W_Q = W_K = 2·I (lesson 11 doubled its features too, so the weights differ enough to
    /// see); W_V keeps fruit and tech, so an output says how fruity and how techy a word's context is.
    static let head: AttentionHead = {
        var value = Matrix(rows: 4, columns: 2)
        value[0, 0] = 1
        value[1, 1] = 1
        let double = Matrix(rows: 4, columns: 4, values: Matrix.identity(4).values.map { 2 * $0 })
        return AttentionHead(query: double, key: double, value: value)
    }()
    /// The orders `o` steps through, fixed so that the screen (and a test) can be replayed;
    /// none leaves every word in its place.
    static let shuffles: [[Int]] = [[4, 0, 1, 3, 2], [3, 4, 2, 0, 1], [1, 3, 4, 2, 0], [2, 0, 4, 1, 3]]
    /// Two outputs closer than this are the same (a permutation only changes the order of a sum).
    static let tolerance = 1e-12

    /// The sentence's words as (fruit, tech), from the lexicon.
    var words = PositionLesson.lexiconWords
    /// The right-hand sentence: indices into `sentence`.
    var order = Array(sentence.indices)
    var positionsOn = false
    /// The word whose rows are marked and whose numbers Enter works out (an index into `sentence`).
    var selected = PositionLesson.apple
    /// Which of `shuffles` the right-hand sentence came from last (nil: none yet).
    var shuffle: Int?

    // MARK: Numbers

    /// The position vector of place i (from 0): (sin(i/2), cos(i/2)).
    static func position(_ i: Int) -> [Double] {
        let angle = Double(i) / 2
        return [sin(angle), cos(angle)]
    }

    /// x = word + p(i) for each word of `order`: (fruit, tech, 0, 0) + (0, 0, sin, cos).
    func input(_ order: [Int]) -> Matrix {
        Matrix(
            order.enumerated().map { place, word in words[word] + (positionsOn ? Self.position(place) : [0, 0]) }, columns: 4)
    }

    /// The head on a sentence in `order` (the scores are small: it never fails).
    func result(_ order: [Int]) -> AttentionResult? { try? Self.head.attend(input(order)) }

    static let written = Array(sentence.indices)

    /// A word's output (fruit, tech) in the sentence in `order`.
    func output(of word: Int, in order: [Int]) -> [Double]? {
        guard let row = order.firstIndex(of: word) else { return nil }
        return result(order)?.output.row(row)
    }

    /// Whether `word` comes out of the reordered sentence as it does of the written one.
    func keepsItsOutput(_ word: Int) -> Bool {
        guard let written = output(of: word, in: Self.written), let reordered = output(of: word, in: order) else { return false }
        return zip(written, reordered).allSatisfy { abs($0 - $1) <= Self.tolerance }
    }

    static func sentenceText(_ order: [Int]) -> String { order.map { sentence[$0] }.joined(separator: " ") }

    // MARK: Keys

    func keys(at step: Step) -> [LessonKey<Action>] {
        [
            LessonKey(
                [.up, .character("k")], Action.previous, help: "select the previous word (its row in both sentences)", label: "↑/↓",
                short: "word", showsInStatusBar: step != .exercise),
            LessonKey(
                [.down, .character("j")], .next, help: "select the next word", label: "↓/j", short: "word", showsInStatusBar: false),
            // In the exercise the key bar keeps its room for the exercise's keys (its text names p and s only; ? lists o).
            LessonKey(
                [.character("o")], .shuffle, help: "put the right-hand sentence in another order", short: "shuffle",
                showsInStatusBar: step != .exercise),
            LessonKey([.character("s")], .swap, help: "swap apple and phone in the right-hand sentence", short: "swap"),
            LessonKey([.character("p")], .positions, help: "add the position vectors to the words, or take them away", short: "positions"),
        ].filter { key in
            // The position vectors' step shows no right-hand sentence to reorder.
            step != .positionVectors || (key.action != .shuffle && key.action != .swap)
        }
    }

    func sharedCommands(at step: Step) -> Set<AppCommand> { [.open] }

    mutating func enter(_ step: Step, workspace: inout Workspace) {
        workspace.show(Self.sentence, selecting: "apple")
        let columns = Self.features.compactMap { workspace.featureNames.firstIndex(of: $0) }
        words = Self.sentence.map { word in columns.map { workspace.vector(of: word)?[$0] ?? 0 } }
        positionsOn = step.startsWithPositions
        selected = step == .orderMatters ? Self.an : Self.apple
        shuffle = step == .orderBlind ? 0 : nil
        order = step == .orderBlind ? Self.shuffles[0] : Self.written
    }

    mutating func perform(_ action: Action, at step: Step, context: LessonContext, workspace: inout Workspace) -> LessonResponse {
        act(action)
    }

    /// What a key does: the sentence and the positions are the lesson's own, the workspace is not touched.
    mutating func act(_ action: Action) -> LessonResponse {
        switch action {
        case .previous, .next:
            let count = Self.sentence.count
            selected = (selected + (action == .next ? 1 : count - 1)) % count
            return nil
        case .shuffle:
            let next = ((shuffle ?? -1) + 1) % Self.shuffles.count
            shuffle = next
            order = Self.shuffles[next]
            return LessonResponse(message: "right: \(Self.sentenceText(order))", focus: .panel(Panel.reordered))
        case .swap:
            guard let apple = order.firstIndex(of: Self.apple), let phone = order.firstIndex(of: Self.phone) else { return nil }
            order.swapAt(apple, phone)
            return LessonResponse(message: "right: \(Self.sentenceText(order))", focus: .panel(Panel.reordered))
        case .positions:
            positionsOn.toggle()
            return positionsOn
                ? "positions on: x = word + p(i)" : "positions off: x = the word alone, wherever it stands"
        }
    }

    // MARK: Panels

    func panels(at step: Step) -> [Focus] {
        step == .positionVectors
            ? [.panel(Panel.positions), .panel(Panel.written)]
            : [.panel(Panel.written), .panel(Panel.reordered), .panel(Panel.positions)]
    }

    /// The tables' rows: frame, sentence, header, five words and the summary.
    static let tablesHeight = 10

    func layout(at step: Step, body: Rect, state: AppState) -> LessonLayout {
        // The two sentences as wide as their rows; the positions take the rest (x = word + p where it can).
        let weights = step == .positionVectors ? [36, 24] : [24, 27, 26]
        return WorkingPanel.layout(
            state, body: body, panels: panels(at: step), weights: weights, tablesHeight: Self.tablesHeight,
            working: step == .exercise ? nil : .panel(Panel.working))
    }

    /// The table the working panel works out: the focused one, else the step's first.
    func workedPanel(at step: Step, focus: Focus) -> Panel {
        if case .own(let name) = focus, let panel = Panel(rawValue: name.rawValue), panel != .working { return panel }
        return step == .positionVectors ? .positions : .written
    }

    func draw(_ panel: Panel, at step: Step, state: AppState, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        let focused = state.focus == .panel(panel)
        switch panel {
        case .written:
            drawOutputs(Self.written, title: "as written", marked: false, focused: focused, into: &buffer, area: area)
        case .reordered:
            drawOutputs(order, title: "reordered", marked: true, focused: focused, into: &buffer, area: area)
        case .positions:
            drawPositions(focused: focused, into: &buffer, area: area)
        case .working:
            WorkingPanel.draw(explain(workedPanel(at: step, focus: state.focus), at: step, state: state), into: &buffer, area: area)
        }
    }

    static func number(_ value: Double) -> String { NumberFormat.fixed(value, decimals: 2) }

    /// A sentence, then each word's place, name and output; the reordered one marks each output
    /// = (as in the written sentence) or ≠, and counts them.
    private func drawOutputs(_ order: [Int], title: String, marked: Bool, focused: Bool, into buffer: inout Buffer, area: Rect) {
        let frame = Frame(
            title: "\(title) · outputs", trailingTitle: focused ? "Enter why" : nil, isFocused: focused)
        let inner = frame.draw(into: &buffer, area: area)
        guard !inner.isEmpty, let result = result(order) else { return }
        var lines: [(String, Style)] = [
            ("\"\(Self.sentenceText(order))\"", Style(modifiers: [.italic])),
            (
                "i " + NumberFormat.padRight("word", 6) + NumberFormat.pad("fruit", 6) + NumberFormat.pad("tech", 6),
                Style(modifiers: [.dim])
            ),
        ]
        for (place, word) in order.enumerated() {
            let output = result.output.row(place)
            var line =
                "\(place) " + NumberFormat.padRight(Self.sentence[word], 6) + NumberFormat.pad(Self.number(output[0]), 6)
                + NumberFormat.pad(Self.number(output[1]), 6)
            if marked { line += keepsItsOutput(word) ? "  =" : "  ≠" }
            lines.append((line, word == selected ? Style(modifiers: [.bold, .reverse]) : .plain))
        }
        if marked {
            let changed = Self.sentence.indices.filter { !keepsItsOutput($0) }.count
            lines.append(
                changed == 0
                    ? ("= same outputs, reordered", Style(modifiers: [.bold]))
                    : ("≠ \(changed) of \(order.count) outputs changed", Style(modifiers: [.bold])))
        }
        for (row, (line, style)) in lines.enumerated() where inner.y + row < inner.bottom {
            buffer.write(line, x: inner.x, y: inner.y + row, style: style, maxWidth: inner.width)
        }
    }

    /// The columns x = word + p(i) takes: place, word, fruit, tech, sin, cos.
    static let wideWidth = 32

    /// p(i) for each place; where the panel is wide enough, the written sentence's x = word + p(i).
    private func drawPositions(focused: Bool, into buffer: inout Buffer, area: Rect) {
        let wide = area.width - 2 >= Self.wideWidth
        let title = wide ? "x = word + p(i)" : "position vectors"
        let frame = Frame(
            title: "\(title) · \(positionsOn ? "on" : "off")", trailingTitle: focused ? "Enter why" : nil, isFocused: focused)
        let inner = frame.draw(into: &buffer, area: area)
        guard !inner.isEmpty else { return }
        let off = Style(modifiers: [.dim])
        var lines: [(String, Style)] = [
            (wide ? "p(i) = (sin(i/2), cos(i/2))" : "p(i) = (sin i/2, cos i/2)", Style(modifiers: [.italic])),
            (
                "i " + (wide ? NumberFormat.padRight("word", 6) + NumberFormat.pad("fruit", 6) + NumberFormat.pad("tech", 6) : "")
                    + NumberFormat.pad("sin", 6) + NumberFormat.pad("cos", 6), off
            ),
        ]
        let x = input(Self.written)
        for place in Self.sentence.indices {
            let p = Self.position(place)
            var line = "\(place) "
            if wide {
                line +=
                    NumberFormat.padRight(Self.sentence[place], 6) + NumberFormat.pad(Self.number(x[place, 0]), 6)
                    + NumberFormat.pad(Self.number(x[place, 1]), 6)
            }
            // Off, x has zeros there; the narrow table shows p itself, dimmed.
            let shown = wide ? [x[place, 2], x[place, 3]] : p
            line += NumberFormat.pad(Self.number(shown[0]), 6) + NumberFormat.pad(Self.number(shown[1]), 6)
            let style = place == selected && wide ? Style(modifiers: [.bold, .reverse]) : positionsOn ? .plain : off
            lines.append((line, style))
        }
        lines.append(positionsOn ? ("added to each word", Style(modifiers: [.bold])) : ("off: p to add them", Style(modifiers: [.bold])))
        for (row, (line, style)) in lines.enumerated() where inner.y + row < inner.bottom {
            buffer.write(line, x: inner.x, y: inner.y + row, style: style, maxWidth: inner.width)
        }
    }

    // MARK: Enter

    func explain(_ panel: Panel, at step: Step, state: AppState) -> Explanation? {
        switch panel {
        case .written: outputWorking(in: Self.written)
        case .reordered: outputWorking(in: order)
        case .positions: positionWorking()
        case .working: explain(workedPanel(at: step, focus: state.focus), at: step, state: state)
        }
    }

    /// The selected word's scores in a sentence, each split into the words' part and the
    /// positions' part, its weights, and its output.
    func outputWorking(in order: [Int]) -> Explanation? {
        guard let place = order.firstIndex(of: selected), let result = result(order) else { return nil }
        let word = Self.sentence[selected]
        let x = input(order)
        let own = words[selected]
        let p = positionsOn ? Self.position(place) : [0, 0]
        let vector = { (values: [Double]) in "(" + values.map(Self.number).joined(separator: ", ") + ")" }
        var lines = [
            "\"\(Self.sentenceText(order))\", positions \(positionsOn ? "on" : "off")",
            positionsOn
                ? "x(\(word)) = word + p(\(place)) = \(vector(own + p))"
                : "x(\(word)) = (fruit, tech, 0, 0) = \(vector(own + p))",
            positionsOn ? "  (fruit, tech, 0, 0) + (0, 0, sin, cos)" : "  the two 0s: room for the position vector p(i), off now", "",
            "score with word j = q·k/√4 (x has 4 numbers) = 2·x(\(word))·x(j):",
            "  words' part + positions' part = score",
        ]
        for (j, other) in order.enumerated() {
            let wordPart = 2 * dot(own, words[other])
            let positionPart = 2 * dot(Array(x.row(place).suffix(2)), Array(x.row(j).suffix(2)))
            lines.append(
                "  " + NumberFormat.padRight(Self.sentence[other], 6) + NumberFormat.pad(Self.number(wordPart), 6) + " +"
                    + NumberFormat.pad(ValuesLesson.factor(positionPart), 8) + " ="
                    + NumberFormat.pad(Self.number(result.scores[place, j]), 6)
                    + "   weight " + Self.number(result.weights[place, j]))
        }
        lines += [
            "", "output = Σ weight × (fruit, tech) of each word = \(vector(result.output.row(place)))",
        ]
        if !positionsOn { lines.append("(no positions: the same scores wherever the words stand)") }
        return Explanation(title: "\(word)'s output", lines: lines)
    }

    /// The selected word's place in the written sentence: p(i), x, and p(i)·p(j) = cos((i − j)/2).
    func positionWorking() -> Explanation {
        let place = selected
        let p = Self.position(place)
        let word = Self.sentence[place]
        let vector = { (values: [Double]) in "(" + values.map(Self.number).joined(separator: ", ") + ")" }
        var lines = [
            "p(\(place)) = (sin(\(place)/2), cos(\(place)/2)) = \(vector(p))",
            "x(\(word)) = \(vector(words[place] + [0, 0])) + \(vector([0, 0] + p))", "       = \(vector(words[place] + p))", "",
            "p(\(place))·p(j) = sin·sin + cos·cos = cos((\(place) − j)/2):",
        ]
        for j in Self.sentence.indices {
            let q = Self.position(j)
            lines.append(
                "  j = \(j): \(Self.number(p[0]))×\(ValuesLesson.factor(q[0])) + \(Self.number(p[1]))×\(ValuesLesson.factor(q[1])) = \(Self.number(dot(p, q)))"
            )
        }
        lines += [
            "", "The nearer two places, the larger: a word's score leans towards its neighbours.",
            "Distance only, not direction: with W_Q = W_K this head gives a sentence read",
            "backwards the same outputs. A trained head's W_Q and W_K differ, and can tell.",
        ]
        if !positionsOn { lines.append("(positions are off now: p to add them)") }
        return Explanation(title: "\(word) at place \(place)", lines: lines)
    }

    // MARK: Exercise

    /// The sentence's (fruit, tech) from the built-in lexicon, as `enter` reads them from the workspace.
    static let lexiconWords: [[Double]] = {
        let lexicon = Vocabulary.builtIn()
        let names = lexicon.lexicon?.featureNames ?? []
        let columns = features.compactMap { names.firstIndex(of: $0) }
        return sentence.map { word in
            columns.map { column in lexicon.table.index(of: word).map { lexicon.table.vector(at: $0)[column] } ?? 0 }
        }
    }()

    /// The places of the typed task: two apart.
    static let dotPlaces = (1, 3)
    /// an's fruit output the keys task asks to bring below.
    static let fruitLimit = 0.05

    /// an's fruit output in the right-hand sentence, with the live positions and order.
    var anFruit: Double { output(of: Self.an, in: order)?[0] ?? 0 }

    /// The fewest keys (p, s, o) that bring an's fruit output below the limit from the exercise's
    /// opening, found by trying every sequence in order of length.
    static let lowFruitKeys: String = {
        var start = PositionLesson()
        start.words = lexiconWords
        var frontier = [(lesson: start, keys: "")]
        var seen: Set<String> = []
        for _ in 0..<6 {
            var next: [(lesson: PositionLesson, keys: String)] = []
            for (lesson, keys) in frontier {
                if lesson.anFruit < fruitLimit { return keys }
                for (key, action) in [("p", Action.positions), ("s", .swap), ("o", .shuffle)] {
                    var moved = lesson
                    _ = moved.act(action)
                    let id = "\(moved.order)\(moved.positionsOn)\(String(describing: moved.shuffle))"
                    if seen.insert(id).inserted { next.append((moved, keys + key)) }
                }
            }
            frontier = next
        }
        return ""
    }()

    func exercise(at step: Step) -> Exercise<PositionLesson>? {
        let (i, j) = Self.dotPlaces
        return Exercise([
            ExerciseTask(
                id: "position-dot",
                question: "What is p(\(i))·p(\(j)), the positions' part of a score between places \(i) and \(j)? (2 decimals)",
                answer: .number(quantity: "p(\(i))·p(\(j))", decimals: 2) { _, _ in dot(Self.position(i), Self.position(j)) },
                solution: "<Enter>\(Self.number(dot(Self.position(i), Self.position(j))))<Enter>",
                hint: "multiply the two vectors' sin values and their cos values, then add",
                explanation: { _, _ in
                    let (p, q) = (Self.position(i), Self.position(j))
                    return [
                        "p(\(i))·p(\(j)) = \(Self.number(p[0]))×\(Self.number(q[0])) + \(Self.number(p[1]))×\(Self.number(q[1])) = \(Self.number(dot(p, q)))",
                        "= cos((\(j) − \(i))/2) = cos(\(Self.number(Double(j - i) / 2))): only the distance counts.",
                    ]
                }),
            ExerciseTask(
                id: "an-without-fruit",
                question:
                    "Make “an” take in almost no fruit on the right: its fruit output below \(Self.number(Self.fruitLimit)).",
                answer: .keys { lesson, _ in
                    TaskCheck(
                        lesson.anFruit < Self.fruitLimit,
                        "an's fruit \(Self.number(lesson.anFruit)), positions \(lesson.positionsOn ? "on" : "off")")
                },
                solution: Self.lowFruitKeys,
                hint: "positions off, no order changes “an”; on, “an” reads its neighbours",
                explanation: { lesson, _ in
                    var unplaced = lesson
                    unplaced.positionsOn = false
                    return [
                        "Without positions an's fruit is \(Self.number(unplaced.anFruit)) whatever the order.",
                        "With them (p) an looks most at itself and its neighbours:",
                        "move apple away from it (s swaps apple and phone). Keys: \(Self.lowFruitKeys).",
                    ]
                }),
        ])
    }
}
