// SPDX-License-Identifier: Apache-2.0

/// What one head does on average over a text, the numbers behind a label such
/// as "looks at the previous word": the mean share of a word's attention that
/// goes to the word just before it, to itself, and to the sentence boundary.
///
/// Means over every query position of consecutive windows of the stream (as
/// `Transformer.loss(stream:)` reads it), except position 0, which can only
/// attend to itself; a window's first position is excluded, and so is a query
/// with no boundary before it from the boundary's mean (0 when none qualifies).
public struct HeadStatistics: Equatable, Sendable {
    public let head: AttentionHeadID
    public let previousWord: Double
    public let itself: Double
    /// The weight on `<s>` tokens before the query, when one is in view.
    public let sentenceStart: Double
}

extension Transformer {
    /// Each head's `HeadStatistics` over `stream`, layer by layer, head by head.
    public func headStatistics(stream: [Int]) -> [HeadStatistics] {
        var previous = [Double](repeating: 0, count: configuration.layerCount * configuration.headCount)
        var itself = previous
        var boundary = previous
        var queries = 0
        var boundaryQueries = 0
        for window in windows(of: stream) {
            let trace = trace(window)
            for i in 1..<window.count {
                queries += 1
                let seesBoundary = window[..<i].contains(0)
                if seesBoundary { boundaryQueries += 1 }
                for (l, block) in trace.blocks.enumerated() {
                    for (h, head) in block.heads.enumerated() {
                        let n = l * configuration.headCount + h
                        previous[n] += head.weights[i, i - 1]
                        itself[n] += head.weights[i, i]
                        if seesBoundary { boundary[n] += (0..<i).filter { window[$0] == 0 }.reduce(0) { $0 + head.weights[i, $1] } }
                    }
                }
            }
        }
        return previous.indices.map { n in
            HeadStatistics(
                head: AttentionHeadID(layer: n / configuration.headCount, head: n % configuration.headCount),
                previousWord: queries == 0 ? 0 : previous[n] / Double(queries), itself: queries == 0 ? 0 : itself[n] / Double(queries),
                sentenceStart: boundaryQueries == 0 ? 0 : boundary[n] / Double(boundaryQueries))
        }
    }

    /// For each head, the mean share of attention that a query whose token is
    /// in `from` gives to earlier tokens in `to` ("is" to the nouns before it),
    /// over the queries that have at least one such token before them in their
    /// window; nil when no query qualifies.
    public func meanAttention(stream: [Int], from: Set<Int>, to: Set<Int>) -> [AttentionHeadID: Double]? {
        var sums: [AttentionHeadID: Double] = [:]
        var count = 0
        for window in windows(of: stream) {
            let queries = window.indices.filter { i in from.contains(window[i]) && window[..<i].contains { to.contains($0) } }
            guard !queries.isEmpty else { continue }
            let trace = trace(window)
            for i in queries {
                count += 1
                for (l, block) in trace.blocks.enumerated() {
                    for (h, head) in block.heads.enumerated() {
                        let share = (0..<i).filter { to.contains(window[$0]) }.reduce(0) { $0 + head.weights[i, $1] }
                        sums[AttentionHeadID(layer: l, head: h), default: 0] += share
                    }
                }
            }
        }
        return count == 0 ? nil : sums.mapValues { $0 / Double(count) }
    }

    /// Consecutive windows of contextLength tokens (the last may be shorter).
    private func windows(of stream: [Int]) -> [[Int]] {
        stride(from: 0, to: stream.count, by: configuration.contextLength).map {
            Array(stream[$0..<min(stream.count, $0 + configuration.contextLength)])
        }
    }
}
