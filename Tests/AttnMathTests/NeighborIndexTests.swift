// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Foundation
import Testing

/// The fast float32 search gives exactly the float64 brute force's answer: same rows, same order, same cosines.
@Suite("Nearest neighbours: fast search equals the float64 brute force")
struct NeighborIndexTests {
    /// Every row's `cosineSimilarity` with `query`, best first, ties by row, zero rows and `excluding` left out.
    private func bruteForce(_ table: EmbeddingTable, _ query: [Double], k: Int, excluding: Set<Int> = []) -> [Neighbor] {
        var ranked: [Neighbor] = []
        for i in 0..<table.count where !excluding.contains(i) {
            if let cosine = cosineSimilarity(table.vector(at: i), query) { ranked.append(Neighbor(index: i, cosine: cosine)) }
        }
        ranked.sort { $0.cosine != $1.cosine ? $0.cosine > $1.cosine : $0.index < $1.index }
        return Array(ranked.prefix(max(k, 0)))
    }

    /// A float32 table with random rows, some repeated exactly, some scaled copies (equal cosines), some zero.
    private func table(rows: Int, dimension: Int, seed: UInt64) -> EmbeddingTable {
        var generator = SeededGenerator(seed: seed)
        var values: [Float] = []
        for i in 0..<rows {
            let row: [Float]
            if i % 17 == 5 {
                row = [Float](repeating: 0, count: dimension)
            } else if i % 11 == 3, i >= 11 {
                // A copy of an earlier row, scaled by a power of two: the same cosine exactly.
                row = values[((i - 11) * dimension)..<((i - 10) * dimension)].map { $0 * 4 }
            } else if i % 13 == 7, i >= 13 {
                row = Array(values[((i - 13) * dimension)..<((i - 12) * dimension)])
            } else {
                row = (0..<dimension).map { _ in Float(Double.random(in: -1...1, using: &generator)) }
            }
            values += row
        }
        return EmbeddingTable(words: (0..<rows).map { "w\($0)" }, dimension: dimension, storage: .float32(Float32Values(values)))
    }

    @Test func smallTablesMatchTheBruteForce() {
        for seed: UInt64 in 1...6 {
            let table = table(rows: 300, dimension: 8, seed: seed)
            let index = NeighborIndex(table: table)
            for q in stride(from: 0, to: table.count, by: 7) {
                let query = table.vector(at: q)
                for k in [1, 5, 10, 40] {
                    #expect(
                        index.nearest(to: query, k: k, excluding: [q]) == bruteForce(table, query, k: k, excluding: [q]), "row \(q), k \(k)"
                    )
                }
            }
        }
    }

    @Test func largeTablesSearchedOverTheCoresMatchTheBruteForce() {
        let table = table(rows: 40_000, dimension: 50, seed: 99)
        let index = NeighborIndex(table: table)
        var generator = SeededGenerator(seed: 7)
        var queries: [[Double]] = (0..<6).map { _ in (0..<50).map { _ in Double.random(in: -1...1, using: &generator) } }
        queries += [table.vector(at: 14), table.vector(at: 25)]  // rows with exact copies and scaled copies
        for query in queries {
            #expect(index.nearest(to: query, k: 10) == bruteForce(table, query, k: 10))
            #expect(index.nearest(to: query, k: 10, excluding: [14, 25]) == bruteForce(table, query, k: 10, excluding: [14, 25]))
        }
        // Many queries in one pass give what one query at a time gives.
        #expect(index.nearest(toEach: queries, k: 7) == queries.map { index.nearest(to: $0, k: 7) })
    }

    /// Four queries or more are scored in blocks of eight (a last, partial block too): each
    /// answer is still the brute force's, with its own excluded rows.
    @Test func blocksOfQueriesMatchTheBruteForce() {
        let table = table(rows: 2000, dimension: 21, seed: 5)
        let index = NeighborIndex(table: table)
        let rows = Array(stride(from: 3, to: 2000, by: 150))
        let queries = rows.map(table.vector(at:))
        let excluded = rows.map { Set([$0, $0 + 1]) }
        for k in [1, 10, 64] {
            #expect(
                index.nearest(toEach: queries, k: k, excluding: excluded)
                    == zip(queries, excluded).map { bruteForce(table, $0, k: k, excluding: $1) })
        }
    }

    @Test func nearTiesInFloat32AreRankedByFloat64() {
        // cos(row 0, x) and cos(row 1, x) differ in float64 but are both 1.0 in float32.
        let values: [Float] = [1, 1e-4, 1, 1e-5, 0, 1]
        let table = EmbeddingTable(words: ["a", "b", "c"], dimension: 2, storage: .float32(Float32Values(values)))
        #expect(NeighborIndex(table: table).nearest(to: [1, 0], k: 1).map(\.index) == [1])
        #expect(NeighborIndex(table: table).nearest(to: [1, 0], k: 3) == bruteForce(table, [1, 0], k: 3))
    }

    @Test func aClusterOfNearlyParallelRows() {
        // 500 rows within about 1e-6 of one direction: their cosines differ by less than float32
        // resolves, so float32 alone would pick and order them wrongly; the margin keeps every
        // row that might belong and float64 decides.
        var generator = SeededGenerator(seed: 42)
        let direction = (0..<16).map { _ in Double.random(in: -1...1, using: &generator) }
        var values: [Float] = []
        for _ in 0..<500 {
            values += direction.map { Float($0 * (1 + Double.random(in: -2e-6...2e-6, using: &generator))) }
        }
        let table = EmbeddingTable(words: (0..<500).map { "w\($0)" }, dimension: 16, storage: .float32(Float32Values(values)))
        let index = NeighborIndex(table: table)
        for _ in 0..<5 {
            let query = direction.map { $0 + Double.random(in: -0.01...0.01, using: &generator) }
            for k in [1, 10, 100] { #expect(index.nearest(to: query, k: k) == bruteForce(table, query, k: k), "k \(k)") }
        }
    }

    @Test func tiesKeepRowOrderWhereKCutsThrough() {
        // Rows 1, 2 and 4 have the same direction.
        let values: [Float] = [0, 1, 2, 2, 1, 1, 1, 0, 0.5, 0.5]
        let table = EmbeddingTable(words: (0..<5).map { "w\($0)" }, dimension: 2, storage: .float32(Float32Values(values)))
        let index = NeighborIndex(table: table)
        #expect(index.nearest(to: [1, 1], k: 2).map(\.index) == [1, 2])
        #expect(index.nearest(to: [1, 1], k: 3).map(\.index) == [1, 2, 4])
    }

    @Test func zeroRowsAndZeroQueries() {
        let values: [Float] = [0, 0, 1, 0, 0, 1, -1, 0]
        let table = EmbeddingTable(words: (0..<4).map { "w\($0)" }, dimension: 2, storage: .float32(Float32Values(values)))
        let index = NeighborIndex(table: table)
        // A zero row never takes one of the k places.
        #expect(index.nearest(to: [1, 0], k: 3).map(\.index) == [1, 2, 3])
        #expect(index.nearest(to: [0, 0], k: 3).isEmpty)
        #expect(index.nearest(to: [1, 0], k: 0).isEmpty)
        #expect(index.nearest(to: [1, 0], k: 100).count == 3)
        #expect(index.nearest(toEach: [[1, 0], [0, 0], [0, 1]], k: 1).map { $0.map(\.index) } == [[1], [], [2]])
    }

    @Test func extremeLengthsFallBackToFloat64() {
        // Rows far outside float32's comfortable range are searched in float64, still exactly.
        let values: [Float] = [1e-30, 2e-30, 3e30, -1e30, 1, 1, 2e-38, 1e-38]
        let table = EmbeddingTable(words: (0..<4).map { "w\($0)" }, dimension: 2, storage: .float32(Float32Values(values)))
        #expect(NeighborIndex(table: table).nearest(to: [1, 2], k: 4) == bruteForce(table, [1, 2], k: 4))
    }

    @Test func float64TablesAreSearchedExactly() {
        let table = EmbeddingTable(words: ["a", "b", "c"], vectors: [[1, 1e-4], [1, 1e-5], [0, 1]])
        #expect(NeighborIndex(table: table).nearest(to: [1, 0], k: 3) == bruteForce(table, [1, 0], k: 3))
        #expect(NeighborIndex(table: table).nearest(to: [1, 0], k: 1).map(\.index) == [1])
    }
}
