import AttnApp
import AttnMath
import TUIKit

/// Lesson 3: the dot product, feature by feature. A pair's element-wise products as a
/// table that sums to the dot product, and the lesson's pairs ranked by it: large for two
/// fruits, near 0 for a fruit and a phone, negative for a phone and an elephant.
struct DotProductLesson: Lesson, Equatable {
    static let id = "dot-product"

    enum Step: String, LessonStep {
        case agree, unrelated, opposed, reading
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

    var pair = 0
    var feature = 0

    var shown: WordPair { Self.pairs[pair] }

    func keys(at step: Step) -> [LessonKey<PairAction>] { PairAction.keys }

    func sharedCommands(at step: Step) -> Set<AppCommand> { [.open] }

    mutating func enter(_ step: Step, workspace: inout Workspace) {
        // Steps 1–3 show a large, a small and a negative sum; the last, apple's tech sense meeting phone.
        let start: (pair: Int, feature: String) =
            switch step {
            case .agree: (0, "fruit")
            case .unrelated: (1, "nature")
            case .opposed: (2, "nature")
            case .reading: (3, "tech")
            }
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
            pair = (pair + 1) % Self.pairs.count
            showPair(&workspace)
            return "pair: \(shown.label)"
        }
        feature = action.movedFeature(from: feature, count: workspace.featureNames.count) ?? feature
        return nil
    }

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

    func draw(_ panel: Panel, at step: Step, state: AppState, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        let focused = state.focus == .panel(panel)
        if panel == .pairs {
            let frame = Frame(title: "The pairs' dot products", isFocused: focused)
            let inner = frame.draw(into: &buffer, area: area)
            let rows = Self.pairs.map { SignedBars.Row(label: $0.label, value: Self.dotProduct($0, in: state) ?? 0) }
            SignedBars(rows: rows, highlighted: pair, decimals: 3).render(into: &buffer, area: inner)
            let legend = ["> 0  the words agree", "≈ 0  unrelated", "< 0  opposed"]
            if inner.height >= rows.count + 1 + legend.count {
                for (line, text) in legend.enumerated() {
                    buffer.write(
                        text, x: inner.x, y: inner.y + rows.count + 1 + line, style: Style(modifiers: [.dim]), maxWidth: inner.width)
                }
            }
            return
        }
        guard let a = state.lookUp(shown.first), let b = state.lookUp(shown.second) else { return }
        let total = dot(a.vector, b.vector)
        let frame = Frame(title: "\(shown.label) = Σ products = \(NumberFormat.fixed(total, decimals: 3))", isFocused: focused)
        let inner = frame.draw(into: &buffer, area: area)
        guard inner.height > 1 else { return }
        let names = state.featureNames
        let nameWidth = min(7, names.map { DisplayWidth.of($0) }.max() ?? 0)
        let valueWidth = max(6, DisplayWidth.of(a.word) + 1, DisplayWidth.of(b.word) + 1)
        let styleA = CategoryStyle.style(a.category, mode: colorMode)
        let styleB = CategoryStyle.style(b.category, mode: colorMode)
        var header = StyledText(NumberFormat.padRight("", nameWidth))
        header.append(NumberFormat.pad(a.word, valueWidth), style: styleA.adding(.bold))
        header.append(NumberFormat.pad(b.word, valueWidth), style: styleB.adding(.bold))
        header.append("  a·b")
        buffer.write(header, x: inner.x, y: inner.y, maxWidth: inner.width)
        let products = elementwiseProducts(a.vector, b.vector)
        let rows = names.indices.map { k in
            SignedBars.Row(
                label: NumberFormat.padRight(DisplayWidth.truncate(names[k], to: nameWidth), nameWidth)
                    + NumberFormat.pad(NumberFormat.fixed(a.vector[k], decimals: 2), valueWidth)
                    + NumberFormat.pad(NumberFormat.fixed(b.vector[k], decimals: 2), valueWidth),
                value: products[k])
        }
        // The sum goes under the last product when every product fits above it.
        let showsSum = inner.height >= names.count + 2
        let table = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: min(names.count, inner.height - 1))
        SignedBars(rows: rows, highlighted: feature, decimals: 3, scale: 1, maxLabelWidth: nameWidth + 2 * valueWidth)
            .render(into: &buffer, area: table)
        if showsSum {
            buffer.write(
                "sum of the products: a·b = \(NumberFormat.fixed(total, decimals: 3))", x: inner.x, y: table.bottom,
                style: Style(modifiers: [.bold]), maxWidth: inner.width)
        }
    }

    func explain(_ panel: Panel, at step: Step, state: AppState) -> Explanation? {
        guard let a = state.lookUp(shown.first), let b = state.lookUp(shown.second) else { return nil }
        let detail = ComputationDetail.score(a, b, metric: .dot, featureNames: state.featureNames)
        return Explanation(title: detail.title, lines: detail.lines)
    }
}
