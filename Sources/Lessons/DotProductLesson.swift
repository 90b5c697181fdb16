// SPDX-License-Identifier: Apache-2.0

import AttnApp
import AttnMath
import TUIKit

/// Lesson 3: the dot product, feature by feature. A pair's element-wise products as a
/// table that sums to the dot product, and the lesson's pairs ranked by it: large for two
/// fruits, near 0 for a fruit and a phone, negative for a phone and an elephant.
///
/// Every product and sum shows 4 decimals: the features have 2, so each product has at most
/// 4 and every number on screen is exact — the rows a learner adds up by hand give the sum
/// the title shows (to 3 decimals they need not: apple·phone's rows make 1.022, its sum 1.023).
struct DotProductLesson: Lesson, Equatable {
    static let id = "dot-product"

    /// Decimals of every product and sum: exact for features of 2 decimals.
    static let decimals = 4

    static func exact(_ value: Double) -> String { NumberFormat.fixed(value, decimals: decimals) }

    enum Step: String, LessonStep {
        case agree, unrelated, opposed, reading, exercise

        var kind: StepKind { self == .exercise ? .exercise : .explore }
    }

    enum Panel: String, LessonPanel {
        /// The pair's element-wise products, summed.
        case products
        /// The lesson's pairs ranked by their dot product.
        case pairs
    }

    static let pairs = [
        WordPair("banana", "cherry"), WordPair("cherry", "phone"), WordPair("phone", "elephant"), WordPair("apple", "phone"),
        WordPair("banana", "mango"), WordPair("lemon", "laptop"),
    ]
    /// The exercise's own pair, whose products and sum stay hidden until the learner has worked them out.
    static let exercisePair = WordPair("banana", "lemon")
    static let handWorkedTask = "banana-lemon"

    var pair = 0
    var feature = 0
    /// Whether `p` also visits the exercise's pair (in the exercise step).
    var visitsExercisePair = false

    var pairCount: Int { Self.pairs.count + (visitsExercisePair ? 1 : 0) }
    var shown: WordPair { Self.pairs.indices.contains(pair) ? Self.pairs[pair] : Self.exercisePair }
    var showsExercisePair: Bool { !Self.pairs.indices.contains(pair) }

    func keys(at step: Step) -> [LessonKey<PairAction>] { PairAction.keys }

    func sharedCommands(at step: Step) -> Set<AppCommand> { [.open] }

    mutating func enter(_ step: Step, workspace: inout Workspace) {
        // Steps 1–3 show a large, a small and a negative sum; the last, apple's tech sense
        // meeting phone; the exercise, a pair to work out by hand.
        let start: (pair: Int, feature: String) =
            switch step {
            case .agree: (0, "fruit")
            case .unrelated: (1, "nature")
            case .opposed: (2, "nature")
            case .reading: (3, "tech")
            case .exercise: (Self.pairs.count, "fruit")
            }
        visitsExercisePair = step == .exercise
        pair = start.pair
        feature = workspace.featureNames.firstIndex(of: start.feature) ?? 0
        showPair(&workspace)
    }

    /// The shared state names the same two words (the title bar counts them; Enter's detail reads them).
    private func showPair(_ workspace: inout Workspace) {
        workspace.show([shown.first, shown.second], selecting: shown.first, metric: .dot)
    }

    mutating func perform(_ action: PairAction, at step: Step, context: LessonContext, workspace: inout Workspace) -> LessonResponse {
        if action == .nextPair {
            pair = (pair + 1) % pairCount
            showPair(&workspace)
            return "pair: \(shown.label)"
        }
        guard listsNonZeroProductsOnly(step), let a = workspace.vector(of: shown.first), let b = workspace.vector(of: shown.second)
        else {
            feature = action.movedFeature(from: feature, count: workspace.featureNames.count) ?? feature
            return nil
        }
        // Only the rows the table lists: the next feature whose product is not 0.
        let products = elementwiseProducts(a, b)
        var next = feature
        for _ in products.indices {
            next = action.movedFeature(from: next, count: products.count) ?? next
            if products[next] != 0 { break }
        }
        feature = next
        return nil
    }

    /// The steps whose table lists only the products that are not 0 (and the highlighted row),
    /// at every size: the reading step's recap and the exercise's tasks leave no room for 13
    /// rows at 80×24. ↑/↓ walk those rows only, never one the table does not show.
    func listsNonZeroProductsOnly(_ step: Step) -> Bool { step == .reading || step == .exercise }

    func panels(at step: Step) -> [Focus] {
        step == .reading ? [.panel(Panel.pairs), .panel(Panel.products)] : [.panel(Panel.products), .panel(Panel.pairs)]
    }

    func layout(at step: Step, body: Rect, state: AppState) -> LessonLayout {
        LessonLayouts.textOnTop(state, body: body, panels: [.panel(Panel.products), .panel(Panel.pairs)], weights: [4, 3])
    }

    /// The dot product of a pair of lexicon words (nil when one is missing).
    static func dotProduct(_ pair: WordPair, in state: AppState) -> Double? {
        guard let a = state.vector(of: pair.first), let b = state.vector(of: pair.second) else { return nil }
        return dot(a, b)
    }

    /// Whether the exercise pair's numbers are the learner's to find still.
    func hidesSum(_ state: AppState) -> Bool {
        visitsExercisePair && !state.tasks.contains { $0.id == Self.handWorkedTask && state.isSolved(task: $0) }
    }

    func draw(_ panel: Panel, at step: Step, state: AppState, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        if panel == .pairs {
            drawPairs(state: state, into: &buffer, area: area)
        } else {
            drawProducts(step: step, state: state, colorMode: colorMode, into: &buffer, area: area)
        }
    }

    private func drawPairs(state: AppState, into buffer: inout Buffer, area: Rect) {
        let frame = Frame(title: "The pairs' dot products", isFocused: state.focus == .panel(Panel.pairs))
        let inner = frame.draw(into: &buffer, area: area)
        let rows = Self.pairs.map { SignedBars.Row(label: $0.label, value: Self.dotProduct($0, in: state) ?? 0) }
        let hidden = visitsExercisePair && hidesSum(state)
        if visitsExercisePair {
            let exercise = Self.dotProduct(Self.exercisePair, in: state) ?? 0
            let all = rows + [SignedBars.Row(label: Self.exercisePair.label, value: hidden ? 0 : exercise)]
            SignedBars(rows: all, highlighted: pair, decimals: Self.decimals).render(into: &buffer, area: inner)
            if hidden, inner.height > rows.count {
                // Its sum is the exercise's answer: a question mark until it is found.
                let label = NumberFormat.padRight(Self.exercisePair.label, Self.pairs.map { DisplayWidth.of($0.label) }.max() ?? 0)
                let style = showsExercisePair ? Style(modifiers: [.reverse, .bold]) : Style()
                buffer.fill(Rect(x: inner.x, y: inner.y + rows.count, width: inner.width, height: 1), style: Style())
                buffer.write(label + "       ?", x: inner.x, y: inner.y + rows.count, style: style, maxWidth: inner.width)
            }
        } else {
            SignedBars(rows: rows, highlighted: pair, decimals: Self.decimals).render(into: &buffer, area: inner)
        }
        let legend = ["> 0  the words agree", "≈ 0  unrelated", "< 0  opposed"]
        let used = pairCount
        guard inner.height >= used + 1 + legend.count else { return }
        for (line, text) in legend.enumerated() {
            buffer.write(text, x: inner.x, y: inner.y + used + 1 + line, style: Style(modifiers: [.dim]), maxWidth: inner.width)
        }
        // Rows to spare: the highlighted feature's product in every pair, what it adds to each sum.
        let top = inner.y + used + 2 + legend.count
        let names = state.featureNames
        guard inner.bottom - top >= Self.pairs.count + 1, names.indices.contains(feature) else { return }
        buffer.write("\(names[feature]) in each pair", x: inner.x, y: top, style: Style(modifiers: [.bold]), maxWidth: inner.width)
        let width = Self.pairs.map { DisplayWidth.of($0.label) }.max() ?? 0
        let products = Self.pairs.compactMap { other -> SignedBars.Row? in
            guard let a = state.vector(of: other.first), let b = state.vector(of: other.second) else { return nil }
            let factors = "\(NumberFormat.fixed(a[feature], decimals: 2)) × \(NumberFormat.fixed(b[feature], decimals: 2))"
            return SignedBars.Row(
                label: NumberFormat.padRight(other.label, width) + NumberFormat.pad(factors, 14), value: a[feature] * b[feature])
        }
        SignedBars(rows: products, decimals: Self.decimals, scale: 1, maxLabelWidth: width + 14)
            .render(into: &buffer, area: Rect(x: inner.x, y: top + 1, width: inner.width, height: inner.bottom - top - 1))
    }

    private func drawProducts(step: Step, state: AppState, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        guard let a = state.lookUp(shown.first), let b = state.lookUp(shown.second) else { return }
        let hidden = showsExercisePair && hidesSum(state)
        let total = dot(a.vector, b.vector)
        let sum = hidden ? "?" : Self.exact(total)
        let frame = Frame(title: "\(shown.label) = Σ products = \(sum)", isFocused: state.focus == .panel(Panel.products))
        let inner = frame.draw(into: &buffer, area: area)
        guard inner.height > 1 else { return }
        let names = state.featureNames
        let nameWidth = min(7, names.map { DisplayWidth.of($0) }.max() ?? 0)
        let valueWidth = max(6, DisplayWidth.of(a.word) + 1, DisplayWidth.of(b.word) + 1)
        var header = StyledText(NumberFormat.padRight("", nameWidth))
        header.append(NumberFormat.pad(a.word, valueWidth), style: CategoryStyle.style(a.category, mode: colorMode).adding(.bold))
        header.append(NumberFormat.pad(b.word, valueWidth), style: CategoryStyle.style(b.category, mode: colorMode).adding(.bold))
        header.append("  a·b")
        buffer.write(header, x: inner.x, y: inner.y, maxWidth: inner.width)
        let products = elementwiseProducts(a.vector, b.vector)
        // Short of rows, or where ↑/↓ skip them, the features whose product is 0 go (the
        // highlighted one stays), counted.
        var shownFeatures = Array(names.indices)
        if inner.height < names.count + 1 || listsNonZeroProductsOnly(step) {
            shownFeatures = names.indices.filter { products[$0] != 0 || $0 == feature }
        }
        let label = { (k: Int) in
            NumberFormat.padRight(DisplayWidth.truncate(names[k], to: nameWidth), nameWidth)
                + NumberFormat.pad(NumberFormat.fixed(a.vector[k], decimals: 2), valueWidth)
                + NumberFormat.pad(NumberFormat.fixed(b.vector[k], decimals: 2), valueWidth)
        }
        let table = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: min(shownFeatures.count, inner.height - 1))
        if hidden {
            // The values to multiply, and a question mark where each product's last digit goes.
            let width = shownFeatures.map { DisplayWidth.of(Self.exact(products[$0])) }.max() ?? 0
            for (line, k) in shownFeatures.enumerated() where line < table.height {
                let style = k == feature ? Style(modifiers: [.reverse, .bold]) : Style()
                buffer.write(
                    label(k) + " " + NumberFormat.pad("?", width), x: table.x, y: table.y + line, style: style, maxWidth: table.width)
            }
        } else {
            let rows = shownFeatures.map { SignedBars.Row(label: label($0), value: products[$0]) }
            SignedBars(
                rows: rows, highlighted: shownFeatures.firstIndex(of: feature), decimals: Self.decimals, scale: 1,
                maxLabelWidth: nameWidth + 2 * valueWidth
            )
            .render(into: &buffer, area: table)
        }
        var y = table.bottom
        let left = names.count - shownFeatures.count
        if left > 0, y < inner.bottom {
            buffer.write(
                "\(left) more features, each with a 0: product 0", x: inner.x, y: y, style: Style(modifiers: [.dim]),
                maxWidth: inner.width)
            y += 1
        }
        guard y < inner.bottom else { return }
        buffer.write("sum of the products: a·b = \(sum)", x: inner.x, y: y, style: Style(modifiers: [.bold]), maxWidth: inner.width)
        y += 1
        // Where there is a row to spare, the addition itself, the products that are not 0.
        let terms = products.filter { $0 != 0 }.map { Self.exact($0) }
        let written = "a·b = " + (terms.isEmpty ? "0" : terms.joined(separator: " + ")) + " = \(sum)"
        guard !hidden, y < inner.bottom, DisplayWidth.of(written) <= inner.width else { return }
        buffer.write(written.replacing("+ -", with: "− "), x: inner.x, y: y, style: Style(modifiers: [.dim]), maxWidth: inner.width)
    }

    func explain(_ panel: Panel, at step: Step, state: AppState) -> Explanation? {
        guard let a = state.lookUp(shown.first), let b = state.lookUp(shown.second) else { return nil }
        let detail = ComputationDetail.score(a, b, metric: .dot, featureNames: state.featureNames)
        return Explanation(title: detail.title, lines: detail.lines)
    }

    // MARK: The exercise

    func exercise(at step: Step) -> Exercise<DotProductLesson>? {
        guard step == .exercise else { return nil }
        let pair = Self.exercisePair
        return Exercise([
            ExerciseTask(
                id: Self.handWorkedTask, question: "Multiply and add: what is \(pair.label), to 2 decimals?",
                answer: .number(quantity: pair.label, decimals: 2) { _, workspace in Self.dotProduct(pair, workspace) },
                solution:
                    "<Enter>\(NumberFormat.fixed(dot(LexiconVectors.vector(pair.first), LexiconVectors.vector(pair.second)), decimals: 2))<Enter>",
                hint: "multiply the two values on each row, then add the 13 products; a row with a 0 adds nothing",
                explanation: { _, workspace in Self.workedSum(pair, workspace) }),
            ExerciseTask(
                id: "pulls-down", question: "Find a pair with a·b < 0; highlight its most negative product.",
                answer: .keys { lesson, workspace in lesson.pullsDown(workspace) },
                solution: "pp<Up>",
                hint: "p shows the next pair; ↑/↓ move to the most negative product",
                explanation: { _, workspace in Self.negativePairs(workspace) }),
        ])
    }

    static func dotProduct(_ pair: WordPair, _ workspace: Workspace) -> Double? {
        guard let a = workspace.vector(of: pair.first), let b = workspace.vector(of: pair.second) else { return nil }
        return dot(a, b)
    }

    /// The products that are not 0, added.
    static func workedSum(_ pair: WordPair, _ workspace: Workspace) -> [String] {
        guard let a = workspace.vector(of: pair.first), let b = workspace.vector(of: pair.second) else { return ["a word is missing"] }
        let names = workspace.featureNames
        let products = elementwiseProducts(a, b)
        var lines = names.indices.filter { products[$0] != 0 }.map { k in
            "\(NumberFormat.padRight(names[k], 7)) \(NumberFormat.fixed(a[k], decimals: 2)) × \(NumberFormat.fixed(b[k], decimals: 2)) = \(NumberFormat.fixed(products[k], decimals: 4))"
        }
        lines.append("the other products are 0; the sum: \(pair.label) = \(NumberFormat.fixed(dot(a, b), decimals: 4))")
        return lines
    }

    /// Whether the pair shown has a negative dot product and the highlighted feature is its lowest product.
    func pullsDown(_ workspace: Workspace) -> TaskCheck {
        let names = workspace.featureNames
        guard let a = workspace.vector(of: shown.first), let b = workspace.vector(of: shown.second), names.indices.contains(feature)
        else { return TaskCheck(false, "no pair shown") }
        if showsExercisePair { return TaskCheck(false, "\(shown.label) is task 1's pair") }
        let total = dot(a, b)
        let products = elementwiseProducts(a, b)
        let here = "\(shown.label) = \(Self.exact(total))"
        guard total < 0 else { return TaskCheck(false, "\(here), not below 0") }
        let lowest = products.indices.min { products[$0] < products[$1] } ?? 0
        let product = "\(names[feature]) \(Self.exact(products[feature]))"
        if products[feature] <= products[lowest] { return TaskCheck(true, "\(here); \(product) is its lowest product") }
        return TaskCheck(false, "\(here); \(product), not its lowest product")
    }

    /// For the worked answer: each negative pair and its lowest product.
    static func negativePairs(_ workspace: Workspace) -> [String] {
        let names = workspace.featureNames
        return pairs.enumerated().compactMap { index, pair -> String? in
            guard let a = workspace.vector(of: pair.first), let b = workspace.vector(of: pair.second), dot(a, b) < 0 else { return nil }
            let products = elementwiseProducts(a, b)
            let lowest = products.indices.min { products[$0] < products[$1] } ?? 0
            return "\(pair.label) = \(exact(dot(a, b))) (\(Presses.of("p", index + 1))): \(names[lowest]) gives \(exact(products[lowest]))"
        }
    }
}
