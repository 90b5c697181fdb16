// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Testing

/// The public contract of `NeighborIndex.nearest(to:k:excluding:)`, independent of how it searches.
@Suite("Nearest neighbours by cosine: the contract")
struct NeighborIndexContractTests {
    private func index(_ vectors: [[Double]]) -> NeighborIndex {
        NeighborIndex(table: EmbeddingTable(words: vectors.indices.map { "w\($0)" }, vectors: vectors))
    }

    /// Every row's float64 cosine with `query`, best first, ties by row order; zero rows and `excluding` left out.
    private func bruteForce(_ vectors: [[Double]], _ query: [Double], k: Int, excluding: Set<Int> = []) -> [Int] {
        var ranked: [(index: Int, cosine: Double)] = []
        for i in vectors.indices where !excluding.contains(i) {
            if let cosine = cosineSimilarity(vectors[i], query) { ranked.append((i, cosine)) }
        }
        ranked.sort { $0.cosine != $1.cosine ? $0.cosine > $1.cosine : $0.index < $1.index }
        return ranked.prefix(max(k, 0)).map { $0.index }
    }

    private let square: [[Double]] = [[1, 0], [0.8, 0.6], [0, 1], [-1, 0]]

    @Test func nearestByHand() {
        // Query [1, 0]: cosines 1, 0.8, 0, −1 (all rows have length 1).
        let found = index(square).nearest(to: [1, 0], k: 3)
        #expect(found.map(\.index) == [0, 1, 2])
        expectClose(found.map(\.cosine), [1, 0.8, 0], tolerance: 1e-15)
        // The query's length does not matter.
        #expect(index(square).nearest(to: [25, 0], k: 3).map(\.index) == [0, 1, 2])
    }

    @Test func excludingLeavesWordsOut() {
        // The word itself is excluded, as `neighbors` does.
        #expect(index(square).nearest(to: square[0], k: 2, excluding: [0]).map(\.index) == [1, 2])
        #expect(index(square).nearest(to: square[0], k: 4, excluding: [0, 2]).map(\.index) == [1, 3])
    }

    @Test func kLargerThanTheTableGivesEveryRow() {
        #expect(index(square).nearest(to: [0, 1], k: 100).map(\.index) == [2, 1, 0, 3])
        #expect(index(square).nearest(to: [0, 1], k: 100, excluding: [0, 1, 2, 3]).isEmpty)
    }

    /// Issue 18 item 4: `neighbors WORD -k 4611686018427387904` overflowed (`2 * k`) and crashed.
    @Test func aHugeKIsClampedToTheRows() {
        let values: [Float] = [1, 0, 0.6, 0.8, 0, 1, -1, 0]
        let float32 = NeighborIndex(
            table: EmbeddingTable(words: ["a", "b", "c", "d"], dimension: 2, storage: .float32(Float32Values(values))))
        for k in [4_611_686_018_427_387_904, Int.max] {
            #expect(float32.nearest(to: [1, 0], k: k, excluding: [0]).map(\.index) == [1, 2, 3])
            #expect(float32.nearest(toEach: [[1, 0], [0, 1]], k: k).map { $0.map(\.index) } == [[0, 1, 2, 3], [2, 1, 0, 3]])
            #expect(index(square).nearest(to: [0, 1], k: k).map(\.index) == [2, 1, 0, 3])
        }
    }

    @Test func nothingToFind() {
        #expect(index(square).nearest(to: [1, 0], k: 0).isEmpty)
        #expect(index(square).nearest(to: [1, 0], k: -3).isEmpty)
        // A zero query has no cosine with anything.
        #expect(index(square).nearest(to: [0, 0], k: 3).isEmpty)
        let empty = NeighborIndex(table: EmbeddingTable(words: [], dimension: 2, storage: .float64([])))
        #expect(empty.nearest(to: [1, 0], k: 3).isEmpty)
    }

    @Test func tiesAreBrokenByRowOrder() {
        // Rows 1, 2 and 4 are the same direction (different lengths): equal cosines, lowest row first.
        let vectors: [[Double]] = [[0, 1], [2, 2], [1, 1], [1, 0], [0.5, 0.5]]
        #expect(index(vectors).nearest(to: [1, 1], k: 3).map(\.index) == [1, 2, 4])
        // The tie is also kept in row order where k cuts through it.
        #expect(index(vectors).nearest(to: [1, 1], k: 2).map(\.index) == [1, 2])
        #expect(index(vectors).nearest(to: [3, 3], k: 1).map(\.index) == [1])
    }

    @Test func cosinesAreFloat64AndBestFirst() {
        let vectors = randomVectors(count: 60, dimension: 6, seed: 77)
        let search = index(vectors)
        for query in randomVectors(count: 10, dimension: 6, seed: 78) {
            let found = search.nearest(to: query, k: 8)
            #expect(found.count == 8)
            for neighbour in found { #expect(neighbour.cosine == cosineSimilarity(vectors[neighbour.index], query)) }
            #expect(zip(found, found.dropFirst()).allSatisfy { $0.cosine >= $1.cosine })
        }
    }

    @Test func agreesWithABruteForceFloat64Ranking() {
        let vectors = randomVectors(count: 80, dimension: 5, seed: 79)
        let search = index(vectors)
        for (n, query) in randomVectors(count: 12, dimension: 5, seed: 80).enumerated() {
            let excluded: Set<Int> = [n, n + 7]
            #expect(
                search.nearest(to: query, k: 10, excluding: excluded).map(\.index) == bruteForce(vectors, query, k: 10, excluding: excluded)
            )
        }
    }

    @Test func float32TablesReportFloat64CosinesOfTheStoredValues() {
        let values: [Float] = [1, 0, 0.6, 0.8, 0, 1]
        let table = EmbeddingTable(words: ["a", "b", "c"], dimension: 2, storage: .float32(Float32Values(values)))
        let found = NeighborIndex(table: table).nearest(to: [1, 1], k: 3)
        #expect(found.map(\.index) == [1, 0, 2])
        for neighbour in found { #expect(neighbour.cosine == cosineSimilarity(table.vector(at: neighbour.index), [1, 1])) }
    }

    @Test func zeroRowsNeverMatch() {
        let vectors: [[Double]] = [[0, 0], [1, 0], [0, 0], [0, 1]]
        let found = index(vectors).nearest(to: [1, 1], k: 10)
        #expect(!found.contains { $0.index == 0 || $0.index == 2 })
        #expect(found.map(\.index) == [1, 3])
    }

    @Test func zeroRowsDoNotTakeTheSlotsOfRealNeighbours() {
        // Query [1, 0]; cosines: row 1 → 1, row 2 → 0, row 3 → −1; row 0 is zero (no cosine).
        // The 3 nearest are rows 1, 2, 3: a zero row must not use up one of the k places.
        // A zero row must not take one of the k places.
        #expect(index([[0, 0], [1, 0], [0, 1], [-1, 0]]).nearest(to: [1, 0], k: 3).map(\.index) == [1, 2, 3])
    }

    @Test func nearTiesAreRankedByTheirFloat64Cosines() {
        // cos(row 0, [1, 0]) = 1/√(1 + 1e-8) ≈ 1 − 5e-9 and cos(row 1, [1, 0]) ≈ 1 − 5e-11 differ in float64
        // but not in float32; row 1 is the nearest, and the answer must say so.
        let vectors: [[Double]] = [[1, 1e-4], [1, 1e-5], [0, 1]]
        // Candidates differing only beyond float32 precision are ranked by their float64 cosine.
        #expect(index(vectors).nearest(to: [1, 0], k: 1).map(\.index) == [1])
    }

    /// Issue 19 item 5: a vector too short to have a direction is never a neighbour, nor gets any.
    @Test func rowsAndQueriesShorterThanTheMinimumAreLeftOut() {
        let vectors: [[Double]] = [[1, 0], [0.01, 0.001], [0.8, 0.6], [0, 0.05], [0, 1]]
        for table in [
            EmbeddingTable(words: vectors.indices.map { "w\($0)" }, vectors: vectors),
            EmbeddingTable(
                words: vectors.indices.map { "w\($0)" }, dimension: 2,
                storage: .float32(Float32Values(vectors.flatMap { $0.map(Float.init) }))),
        ] {
            let search = NeighborIndex(table: table, minimumLength: 0.1)
            #expect(search.nearest(to: [1, 0.01], k: 10).map(\.index) == [0, 2, 4])
            #expect(search.nearest(to: [0.01, 0], k: 10).isEmpty, "the query is too short too")
            #expect(NeighborIndex(table: table).nearest(to: [1, 0.01], k: 10).count == 5)
        }
    }

    /// A float64 table of thousands of rows is searched through a float32 copy: the same answer as the
    /// definition, also for rows whose float32 copy would be zero (they make it search in float64).
    @Test func largeFloat64TablesGiveTheDefinitionsAnswer() {
        var vectors = randomVectors(count: 600, dimension: 13, seed: 81)
        for i in stride(from: 0, to: 600, by: 37) { vectors[i] = vectors[i].map { $0 * 1e-200 } }
        for data in [Array(vectors.prefix(599)).map { $0.map { $0 < 1e-100 && $0 > -1e-100 ? $0 * 1e200 : $0 } }, vectors] {
            let search = index(data)
            for (n, query) in randomVectors(count: 8, dimension: 13, seed: 82).enumerated() {
                #expect(search.nearest(to: query, k: 12, excluding: [n]).map(\.index) == bruteForce(data, query, k: 12, excluding: [n]))
            }
        }
    }
}
