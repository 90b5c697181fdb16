/// One neighbour found by `NeighborIndex`.
public struct Neighbor: Equatable, Sendable {
    public let index: Int
    public let cosine: Double
}

/// Top-k cosine neighbours over every row of an `EmbeddingTable`.
///
/// Rows are normalised once (float32, like numpy's float32 reference); a
/// query costs one pass over the matrix. Zero rows never match (their cosine
/// is undefined). Ties are broken by row order, so results are deterministic.
public struct NeighborIndex: Sendable {
    public let table: EmbeddingTable
    private let unitRows: [Float]

    public init(table: EmbeddingTable) {
        self.table = table
        let d = table.dimension
        var unit = [Float](repeating: 0, count: table.count * d)
        for i in 0..<table.count {
            let row = table.vector(at: i)
            let length = norm(row)
            guard length > 0 else { continue }
            for k in 0..<d { unit[i * d + k] = Float(row[k] / length) }
        }
        unitRows = unit
    }

    /// The `k` rows most cosine-similar to `query`, best first, leaving out `excluding`.
    /// The cosines are recomputed in float64 from the table for the winners.
    public func nearest(to query: [Double], k: Int, excluding: Set<Int> = []) -> [Neighbor] {
        let d = table.dimension
        let queryLength = norm(query)
        guard k > 0, queryLength > 0 else { return [] }
        let unitQuery = query.map { Float($0 / queryLength) }
        var best: [(index: Int, score: Float)] = []
        best.reserveCapacity(k + 1)
        unitRows.withUnsafeBufferPointer { rows in
            for i in 0..<table.count where !excluding.contains(i) {
                var score: Float = 0
                let base = i * d
                for j in 0..<d { score += rows[base + j] * unitQuery[j] }
                if best.count == k, let last = best.last, score <= last.score { continue }
                let position = best.firstIndex { score > $0.score } ?? best.count
                best.insert((i, score), at: position)
                if best.count > k { best.removeLast() }
            }
        }
        return best.compactMap { candidate in
            cosineSimilarity(table.vector(at: candidate.index), query).map { Neighbor(index: candidate.index, cosine: $0) }
        }
        .sorted { $0.cosine != $1.cosine ? $0.cosine > $1.cosine : $0.index < $1.index }
    }
}
