// SPDX-License-Identifier: Apache-2.0

import AttnMath
import TUIKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How one attention weight of the tiny transformer was computed, from the word and its
/// position to the head's share of W_O: every number is the trace's (the model's own forward
/// pass), and the few sums in between (q·k, the exponentials) are worked out here from them.
struct AttentionCellWork: Equatable {
    let head: AttentionHeadID
    /// The word that reads (the row) and the word read (the column), by position.
    let query: Int
    let key: Int
    let words: [String]
    /// The block's input at both positions; in the first block, word vector + position vector.
    let queryInput: [Double]
    let keyInput: [Double]
    /// E[word] and P[position] of both (first block only).
    let embeddings: (query: [Double], key: [Double])?
    let positions: (query: [Double], key: [Double])?
    /// LayerNorm: each position's mean, √(variance + ε), x̂ = (x − μ)/σ, and output γ·x̂ + β.
    let queryNorm: (mean: Double, deviation: Double, normalized: [Double], output: [Double])
    let keyNorm: (mean: Double, deviation: Double, normalized: [Double], output: [Double])
    /// The block's learnt LayerNorm gain γ and bias β (one number a dimension, shared by every position).
    let gain: [Double]
    let bias: [Double]
    let q: [Double]
    let k: [Double]
    let v: [Double]
    /// Σ qᵢkᵢ, and the trace's score q·k/√d_k (−∞ above the diagonal).
    let dot: Double
    let score: Double
    /// The query's row: the scores of the words up to it, exp(s − max), their sum, the weight.
    let rowScores: [Double]
    let exponentials: [Double]
    let weight: Double
    /// Σⱼ wⱼ vⱼ over the row, this head's output at the query.
    let headOutput: [Double]
    /// Every head's output side by side, times W_O, and the residual stream after attention.
    let concatenated: [Double]
    let attentionOutput: [Double]
    let afterAttention: [Double]
    let isSwitchedOff: Bool

    var isMasked: Bool { key > query }
    var headWidth: Int { q.count }

    init(trace: TransformerTrace, parameters: TransformerParameters, head: AttentionHeadID, query: Int, key: Int, words: [String]) {
        let block = trace.blocks[head.layer]
        let attention = block.heads[head.head]
        self.head = head
        self.query = query
        self.key = key
        self.words = words
        queryInput = block.input.row(query)
        keyInput = block.input.row(key)
        if head.layer == 0 {
            embeddings = (trace.wordEmbeddings.row(query), trace.wordEmbeddings.row(key))
            positions = (trace.positionEmbeddings.row(query), trace.positionEmbeddings.row(key))
        } else {
            embeddings = nil
            positions = nil
        }
        let norm = block.attentionNorm
        queryNorm = (norm.means[query], norm.deviations[query], norm.normalized.row(query), norm.output.row(query))
        keyNorm = (norm.means[key], norm.deviations[key], norm.normalized.row(key), norm.output.row(key))
        gain = parameters[.attentionNormGain(layer: head.layer)].values
        bias = parameters[.attentionNormBias(layer: head.layer)].values
        q = attention.queries.row(query)
        k = attention.keys.row(key)
        v = attention.values.row(key)
        dot = zip(q, k).reduce(0) { $0 + $1.0 * $1.1 }
        score = attention.scores[query, key]
        rowScores = (0...query).map { attention.scores[query, $0] }
        let largest = rowScores.max() ?? 0
        exponentials = rowScores.map { exp($0 - largest) }
        weight = attention.weights[query, key]
        headOutput = attention.output.row(query)
        concatenated = block.concatenated.row(query)
        attentionOutput = block.attentionOutput.row(query)
        afterAttention = block.afterAttention.row(query)
        isSwitchedOff = attention.isSwitchedOff
    }

    static func == (a: AttentionCellWork, b: AttentionCellWork) -> Bool {
        a.head == b.head && a.query == b.query && a.key == b.key && a.words == b.words && a.score == b.score && a.weight == b.weight
    }

    static func number(_ value: Double) -> String { NumberFormat.fixed(value, decimals: 2) }

    /// The widest line `vector` writes: the popup at 80 columns holds it without wrapping.
    static let lineWidth = 72

    /// A vector as "(0.12 -0.40 …)", `perLine` numbers a line in aligned columns: after `lead`
    /// where the line holds it, else on the lines under it, indented.
    static func vector(_ values: [Double], lead: String, perLine: Int = 8) -> [String] {
        let numbers = values.map(number)
        let width = numbers.map { DisplayWidth.of($0) }.max() ?? 0
        let padded = numbers.map { NumberFormat.pad($0, width) }
        let rows = stride(from: 0, to: padded.count, by: perLine).map { start in
            padded[start..<min(start + perLine, padded.count)].joined(separator: " ")
        }
        let rowWidth = rows.map { DisplayWidth.of($0) }.max() ?? 0
        let inline = DisplayWidth.of(lead) + rowWidth + 2 <= lineWidth
        let first = inline ? lead : "  "
        let indent = String(repeating: " ", count: DisplayWidth.of(first) + 1)
        let lines = rows.enumerated().map { index, row in
            (index == 0 ? first + "(" : indent) + row + (index == rows.count - 1 ? ")" : "")
        }
        return inline ? lines : [String(lead.reversed().drop { $0 == " " }.reversed())] + lines
    }

    var queryWord: String { words[query] }
    var keyWord: String { words[key] }

    var title: String {
        "\(head): \(queryWord) → \(keyWord) = \(Self.number(weight))"
    }

    var lines: [String] {
        let d = queryInput.count
        let from = "\(queryWord) (\(query))"
        let to = "\(keyWord) (\(key))"
        var lines = ["\(from) reading \(to): positions count from 0, <s> being 0", ""]
        if head.layer == 0 {
            lines.append("1. The block's input: word vector + position vector (\(d) numbers)")
            lines += Self.vector(queryInput, lead: "x(\(queryWord)) = E[\(queryWord)] + P[\(query)] = ")
            if !isMasked { lines += Self.vector(keyInput, lead: "x(\(keyWord)) = E[\(keyWord)] + P[\(key)] = ") }
        } else {
            lines.append("1. The block's input: block \(head.layer)'s output (the residual stream)")
            lines += Self.vector(queryInput, lead: "x(\(queryWord)) = ")
            if !isMasked { lines += Self.vector(keyInput, lead: "x(\(keyWord)) = ") }
        }
        lines += [
            "", "2. LayerNorm, each word alone: x̂ = (x − μ)/σ (mean 0, variance 1),",
            "then h = γ·x̂ + β number by number, γ and β learnt (shared by all words)",
        ]
        lines += Self.vector(gain, lead: "γ = ")
        lines += Self.vector(bias, lead: "β = ")
        for (word, norm) in [(queryWord, queryNorm)] + (isMasked ? [] : [(keyWord, keyNorm)]) {
            lines.append("\(word): μ = \(Self.number(norm.mean)), σ = \(Self.number(norm.deviation))")
            lines += Self.vector(norm.normalized, lead: "x̂(\(word)) = (x − μ)/σ = ")
            lines += Self.vector(norm.output, lead: "h(\(word)) = γ·x̂ + β = ")
        }
        lines += ["", "3. This head's \(headWidth) columns of W_Q, W_K, W_V (\(d)×\(headWidth) each)"]
        lines += Self.vector(q, lead: "q = h(\(queryWord))·W_Q = ")
        guard !isMasked else {
            lines += [
                "", "4. The mask: \(keyWord) (\(key)) comes after \(queryWord) (\(query)).",
                "Its score is set to −∞ before softmax, and e^−∞ = 0: weight 0.",
                "A word never reads the words after it: they are what it must predict.",
            ]
            return lines
        }
        lines += Self.vector(k, lead: "k = h(\(keyWord))·W_K = ")
        lines += Self.vector(v, lead: "v = h(\(keyWord))·W_V = ")
        let root = Double(headWidth).squareRoot()
        lines += [
            "", "4. q·k = Σ of \(headWidth) products = \(Self.number(dot))",
            "÷ √d_k = √\(headWidth) = \(Self.number(root)):  score = \(Self.number(score))",
            "", "5. The mask: \(keyWord) is not after \(queryWord), the score stays (after it: −∞).",
            "", "6. Softmax along \(queryWord)'s row: e^(s − max), divided by their sum",
        ]
        lines += softmaxLines
        lines += ["", "7. The weighted sum of v along the row (this head's output)"]
        lines += Self.vector(headOutput, lead: "Σ w·v = ")
        lines.append("of which \(Self.number(weight)) × v(\(keyWord)) from this cell\(isSwitchedOff ? "; switched off: 0" : "")")
        lines += ["", "8. W_O: every head's output side by side (\(d)), times W_O (\(d)×\(d))"]
        lines += Self.vector(attentionOutput, lead: "out = ")
        lines += Self.vector(afterAttention, lead: "x + out = ")
        lines.append("(the residual stream goes on to the block's MLP)")
        return lines
    }

    /// The row's scores, their exponentials and the cell's share: softmax worked out.
    private var softmaxLines: [String] {
        let total = exponentials.reduce(0, +)
        let width = words[0...query].map { DisplayWidth.of($0) }.max() ?? 0
        var lines = (0...query).map { j in
            NumberFormat.padRight(words[j], width + 1) + NumberFormat.pad(Self.number(rowScores[j]), 6) + "  e^ "
                + NumberFormat.pad(NumberFormat.fixed(exponentials[j], decimals: 3), 6) + (j == key ? "  ◀" : "")
        }
        lines.append(
            "weight = \(NumberFormat.fixed(exponentials[key], decimals: 3)) / \(NumberFormat.fixed(total, decimals: 3)) = "
                + Self.number(weight))
        return lines
    }

    /// The heart of `lines` for a panel beside the heatmap: the score, softmax, and what follows.
    var summaryLines: [String] {
        guard !isMasked else {
            return [
                "\(keyWord) (\(key)) comes after \(queryWord) (\(query)): the mask sets",
                "the score to −∞ before softmax; e^−∞ = 0: weight 0.",
                "A word never reads the words after it:",
                "they are what it must predict.",
            ]
        }
        return [
            "q = h(\(queryWord))·W_Q, k = h(\(keyWord))·W_K: \(headWidth) numbers each",
            "q·k = \(Self.number(dot));  ÷ √\(headWidth) = \(Self.number(Double(headWidth).squareRoot()))  →  score \(Self.number(score))",
            "softmax along \(queryWord)'s row, score and e^(s − max):",
        ] + softmaxLines.map { "  " + $0 } + [
            "then \(queryWord)'s output: Σ w·v along the row, · W_O"
        ]
    }
}
