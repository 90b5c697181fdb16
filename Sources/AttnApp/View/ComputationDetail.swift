// SPDX-License-Identifier: Apache-2.0

import AttnMath
import TUIKit

/// The computation behind one number on screen, with the actual values:
/// what Enter on a heatmap cell or a weight bar opens.
public struct ComputationDetail: Equatable, Sendable {
    public let title: String
    /// Table-like lines, already aligned.
    public let lines: [String]

    public init?(_ detail: Detail, state: AppState) {
        switch detail {
        case .score(let row, let column, let metric):
            guard state.words.indices.contains(row), state.words.indices.contains(column) else { return nil }
            self = Self.score(state.words[row], state.words[column], metric: metric, featureNames: state.featureNames)
        case .weight(let row, let column):
            guard let attention = state.analysis.attention, state.words.indices.contains(row),
                state.words.indices.contains(column)
            else { return nil }
            self = Self.weight(row: row, column: column, attention: attention, words: state.words)
        case .lesson(let explanation):
            self.init(title: explanation.title, lines: explanation.lines)
        }
    }

    public init(title: String, lines: [String]) {
        self.title = title
        self.lines = lines
    }

    /// Product rows listed for a score: every dimension up to this many; beyond it (a file's
    /// 30,000-d vectors) the largest products by size, so the table stays readable and its cost
    /// stays flat in the dimension.
    public static let productRowLimit = 300

    /// The table of a score: one row per feature with both values and their product (the largest
    /// `productRowLimit` products by size above that many dimensions, in dimension order, and a
    /// line saying what the others add up to), then the sum and the metric's last step.
    public static func score(_ a: WordInPlay, _ b: WordInPlay, metric: Metric, featureNames: [String]) -> ComputationDetail {
        let products = elementwiseProducts(a.vector, b.vector)
        let total = dot(a.vector, b.vector)
        let shown = productRows(products)
        let nameWidth = max(7, shown.map { DisplayWidth.of(featureNames[$0]) }.max() ?? 0)
        let columnWidth = max(8, DisplayWidth.of(a.word) + 1, DisplayWidth.of(b.word) + 1)
        var lines: [String] = []
        if shown.count < products.count {
            lines.append("the \(shown.count) largest of \(products.count) products (by size), in feature order")
            lines.append("")
        }
        lines.append(
            NumberFormat.padRight("feature", nameWidth) + NumberFormat.pad(a.word, columnWidth)
                + NumberFormat.pad(b.word, columnWidth) + NumberFormat.pad("product", 10))
        for k in shown {
            lines.append(
                NumberFormat.padRight(featureNames[k], nameWidth)
                    + NumberFormat.pad(NumberFormat.fixed(a.vector[k], decimals: 2), columnWidth)
                    + NumberFormat.pad(NumberFormat.fixed(b.vector[k], decimals: 2), columnWidth)
                    + NumberFormat.pad(NumberFormat.fixed(products[k], decimals: 4), 10))
        }
        lines.append("")
        if shown.count < products.count {
            let listed = shown.reduce(0.0) { $0 + products[$1] }
            lines.append("listed products add up to \(NumberFormat.fixed(listed, decimals: 4))")
            lines.append(
                "the other \(products.count - shown.count) products add up to \(NumberFormat.fixed(total - listed, decimals: 4))")
        }
        lines.append("dot = Σ products = \(NumberFormat.fixed(total, decimals: 4))")
        switch metric {
        case .dot: break
        case .scaledDot:
            let d = a.vector.count
            lines.append(
                "scaled dot = dot / √\(d) = \(NumberFormat.fixed(total, decimals: 4)) / \(NumberFormat.fixed(Double(d).squareRoot(), decimals: 4)) = \(NumberFormat.fixed(scaledDot(a.vector, b.vector), decimals: 4))"
            )
        case .cosine:
            let (na, nb) = (norm(a.vector), norm(b.vector))
            lines.append("|\(a.word)| = \(NumberFormat.fixed(na, decimals: 4))   |\(b.word)| = \(NumberFormat.fixed(nb, decimals: 4))")
            if let cosine = cosineSimilarity(a.vector, b.vector) {
                lines.append(
                    "cosine = dot / (|\(a.word)|·|\(b.word)|) = \(NumberFormat.fixed(total, decimals: 4)) / \(NumberFormat.fixed(na * nb, decimals: 4)) = \(NumberFormat.fixed(cosine, decimals: 4))"
                )
            } else {
                lines.append("cosine is undefined: a zero vector has no direction")
            }
        }
        return ComputationDetail(title: "\(metric.title)(\(a.word), \(b.word))", lines: lines)
    }

    /// The dimensions a score's table lists: all of them up to `productRowLimit`, else the
    /// `productRowLimit` largest products by size (ties to the lower dimension), in dimension order.
    static func productRows(_ products: [Double]) -> [Int] {
        guard products.count > productRowLimit else { return Array(products.indices) }
        let largest = products.indices.sorted { i, j in
            let (x, y) = (abs(products[i]), abs(products[j]))
            return x != y ? x > y : i < j
        }
        return largest.prefix(productRowLimit).sorted()
    }

    /// Four decimals, or Swift's exponent form when that would print a non-zero value as 0.0000.
    static func small(_ value: Double) -> String {
        value != 0 && abs(value) < 0.00005 ? "\(value)" : NumberFormat.fixed(value, decimals: 4)
    }

    static func weight(row: Int, column: Int, attention: ContextAttention, words: [WordInPlay]) -> ComputationDetail {
        let scores = attention.scores[row]
        let temperature = attention.temperature
        let top = scores.max() ?? 0
        let exponentials = softmaxExponentials(scores, temperature: temperature, max: top)
        let total = exponentials.reduce(0, +)
        let wordWidth = max(6, words.map { DisplayWidth.of($0.word) }.max() ?? 0)
        var lines = [
            NumberFormat.padRight("word", wordWidth) + NumberFormat.pad("score", 10) + NumberFormat.pad("exp((s−max)/T)", 16)
                + NumberFormat.pad("weight", 9)
        ]
        for j in scores.indices {
            let marker = j == column ? " ◀" : ""
            lines.append(
                NumberFormat.padRight(words[j].word, wordWidth) + NumberFormat.pad(NumberFormat.fixed(scores[j], decimals: 4), 10)
                    + NumberFormat.pad(Self.small(exponentials[j]), 16) + NumberFormat.pad(Self.small(attention.weights[row][j]), 9)
                    + marker)
        }
        lines.append("")
        lines.append("T = \(NumberFormat.fixed(temperature, decimals: 2)), max score = \(NumberFormat.fixed(top, decimals: 4))")
        lines.append("Σ exponentials = \(NumberFormat.fixed(total, decimals: 4))")
        lines.append(
            "weight(\(words[column].word)) = \(Self.small(exponentials[column])) / \(NumberFormat.fixed(total, decimals: 4)) = \(Self.small(attention.weights[row][column]))"
        )
        lines.append("(subtracting the max changes nothing: it cancels in the division)")
        return ComputationDetail(
            title: "softmax weight of \(words[column].word) for \(words[row].word) (\(attention.metric.title))", lines: lines)
    }
}
