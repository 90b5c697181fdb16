// SPDX-License-Identifier: Apache-2.0

/// One neighbour found by `NeighborIndex`.
public struct Neighbor: Equatable, Sendable {
    public let index: Int
    public let cosine: Double

    public init(index: Int, cosine: Double) {
        self.index = index
        self.cosine = cosine
    }
}

/// Top-k cosine neighbours over every row of an `EmbeddingTable`.
///
/// The answer is exactly what a float64 brute force gives: every row's
/// `cosineSimilarity(table.vector(at: i), query)`, best first, ties broken
/// by row order, zero rows left out (their cosine is undefined), and rows
/// shorter than `minimumLength` left out too (too short to have a direction).
///
/// The search is fast: one pass over the matrix in float32 for all the
/// queries at once, split over the cores; four rows at a time are scored
/// against eight queries at a time from registers, each score being row·q̂
/// times the row's precomputed 1/|row| (no normalised copy of the matrix is
/// kept). A float32 score is within ε = (d + 8)·2⁻²³ of the float64 cosine,
/// so any row of the true top k scores at least the k-th best float32 score
/// minus 2ε; only those candidates are scored again in float64 and ranked.
/// Near-ties therefore come out as float64 ranks them. A float64 table of
/// more than a few thousand values (the built-in vocabulary) is searched
/// through a float32 copy the same way; smaller ones, and tables with
/// extreme row lengths (outside 2⁻⁶⁰…2⁶⁰), are searched in float64 directly.
public struct NeighborIndex: Sendable {
    public let table: EmbeddingTable
    /// Rows (and queries) shorter than this have no direction: never a neighbour, never an answer.
    public let minimumLength: Double
    /// The float32 values the fast path scans: the table's own, or a float32 copy of a float64 table.
    private let values: Float32Values
    /// 1/|row| for the float32 path (`RowLengths`).
    private let inverseLengths: Float32Values
    private let float32Path: Bool

    /// - Parameter minimumLength: rows whose length is below it are never neighbours, and a
    ///   query below it gets none (0: only zero rows and queries are left out).
    public init(table: EmbeddingTable, minimumLength: Double = 0) {
        self.table = table
        self.minimumLength = max(0, minimumLength)
        guard table.count > 0, table.dimension > 0 else {
            (values, inverseLengths, float32Path) = ([], [], false)
            return
        }
        switch table.storage {
        case .float32(let stored):
            values = stored
            // A table from the binary cache brings them along, computed when the cache was written.
            let lengths = table.rowLengths ?? RowLengths(values: stored, dimension: table.dimension)
            inverseLengths = lengths.inverse
            float32Path = lengths.inFloat32Range
        case .float64(let stored):
            // A few thousand values are as fast in float64; more go through a float32 copy
            // (1 MB for the 20,000 words of the built-in vocabulary), ranked again in float64.
            guard stored.count >= 1 << 12 else {
                (values, inverseLengths, float32Path) = ([], [], false)
                return
            }
            values = Float32Values(stored.map { Float($0) })
            // The lengths of the float64 rows themselves: a row of tiny values whose float32
            // copy is zero must still be found, so such a table is searched in float64.
            var inverse = [Float]()
            inverse.reserveCapacity(table.count)
            var inRange = true
            for row in 0..<table.count {
                let length = norm(table.vector(at: row))
                if length == 0 || !length.isFinite {
                    inverse.append(.nan)
                } else {
                    inverse.append(Float(1 / length))
                    if length < 0x1p-60 || length > 0x1p60 { inRange = false }
                }
            }
            inverseLengths = Float32Values(inverse)
            float32Path = inRange
        }
    }

    /// The `k` rows most cosine-similar to `query`, best first, leaving out `excluding`.
    ///
    /// Empty when k ≤ 0 or the query is zero, not finite, or shorter than
    /// `minimumLength`; a k above the number of rows means every row. The
    /// cosines are float64, computed from the stored values.
    /// - Precondition: `query.count == table.dimension`.
    public func nearest(to query: [Double], k: Int, excluding: Set<Int> = []) -> [Neighbor] {
        nearest(toEach: [query], k: k, excluding: [excluding])[0]
    }

    /// `nearest(to:k:excluding:)` for several queries in one pass over the
    /// matrix (each row is read once for all of them); `excluding` is empty
    /// or has one set per query.
    public func nearest(toEach queries: [[Double]], k: Int, excluding: [Set<Int>] = []) -> [[Neighbor]] {
        precondition(excluding.isEmpty || excluding.count == queries.count, "NeighborIndex: one excluded set per query")
        for query in queries {
            precondition(query.count == table.dimension, "NeighborIndex: query dimension \(query.count), table \(table.dimension)")
        }
        let exclusions = excluding.isEmpty ? [Set<Int>](repeating: [], count: queries.count) : excluding
        guard k > 0, table.count > 0 else { return queries.map { _ in [] } }
        // No answer has more rows than the table: a huge k (`-k 4611686018427387904`) must not overflow.
        let k = min(k, table.count)
        var answers = [[Neighbor]](repeating: [], count: queries.count)
        var fast: [(query: Int, unit: [Float])] = []
        for (q, query) in queries.enumerated() where minimumLength == 0 || norm(query) >= minimumLength {
            if !float32Path {
                answers[q] = bruteForce(query, k: k, excluding: exclusions[q])
            } else if let unit = Self.unit(query) {
                fast.append((q, unit))
            }
        }
        if !fast.isEmpty {
            let found = float32Search(
                fast.map(\.unit), originals: fast.map { queries[$0.query] }, k: k, excluding: fast.map { exclusions[$0.query] })
            for (i, q) in fast.enumerated() { answers[q.query] = found[i] }
        }
        return answers
    }

    /// `query` / |query| in float32, computed after scaling by a power of two so that no
    /// square overflows or underflows; nil for a zero query or one with a NaN or ∞ entry
    /// (no cosine is defined, as `cosineSimilarity` says).
    private static func unit(_ query: [Double]) -> [Float]? {
        var largest = 0.0
        for value in query {
            guard value.isFinite else { return nil }
            largest = max(largest, abs(value))
        }
        guard largest > 0 else { return nil }
        let scaled = query.map { Double(sign: .plus, exponent: -largest.exponent, significand: $0) }
        let length = scaled.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return scaled.map { Float($0 / length) }
    }

    /// Whether row `i` may be a neighbour at all: long enough to have a direction.
    private func longEnough(_ row: [Double]) -> Bool { minimumLength == 0 || norm(row) >= minimumLength }

    /// Every row's float64 cosine, ranked: the definition itself.
    private func bruteForce(_ query: [Double], k: Int, excluding: Set<Int>) -> [Neighbor] {
        var ranked: [Neighbor] = []
        for i in 0..<table.count where !excluding.contains(i) {
            let row = table.vector(at: i)
            if longEnough(row), let cosine = cosineSimilarity(row, query) { ranked.append(Neighbor(index: i, cosine: cosine)) }
        }
        return Array(ranked.sorted(by: Self.ranking).prefix(k))
    }

    private static func ranking(_ a: Neighbor, _ b: Neighbor) -> Bool {
        a.cosine != b.cosine ? a.cosine > b.cosine : a.index < b.index
    }

    /// The float32 pass for unit queries (`originals` are the queries as given, for the float64 cosines).
    private func float32Search(_ unitQueries: [[Float]], originals queries: [[Double]], k: Int, excluding: [Set<Int>]) -> [[Neighbor]] {
        let d = table.dimension
        let rows = table.count
        let margin = 2 * Float(d + 8) * 0x1p-23
        // The queries in blocks of eight, transposed: block b holds, for each j, the j-th entry of
        // queries 8b…8b+7 side by side (zeros past the last query), so one load serves eight queries.
        let blockCount = (unitQueries.count + 7) / 8
        var blocks = [SIMD8<Float>](repeating: SIMD8(), count: blockCount * d)
        for (q, unit) in unitQueries.enumerated() {
            for j in 0..<d { blocks[(q / 8) * d + j][q % 8] = unit[j] }
        }
        let units = unitQueries.flatMap { $0 }
        // A row shorter than the minimum has a larger 1/|row|: the scan skips it (loosely; the
        // float64 check below decides at the edge).
        let largestInverse: Float = minimumLength > 0 ? Float(1 / minimumLength) * (1 + 0x1p-10) : .infinity
        let parts = ParallelWork.ranges(total: rows, parts: rows * d * unitQueries.count < 1 << 16 ? 1 : ParallelWork.cores * 4)
        var collected = [[Candidates]](repeating: [], count: parts.count)
        values.withUnsafeBufferPointer { values in
            inverseLengths.withUnsafeBufferPointer { inverse in
                blocks.withUnsafeBufferPointer { blocks in
                    units.withUnsafeBufferPointer { units in
                        collected.withUnsafeMutableBufferPointer { collected in
                            let scan = Scan(
                                values: values.baseAddress!, inverse: inverse.baseAddress!, blocks: blocks.baseAddress!,
                                units: units.baseAddress!, dimension: d, queries: unitQueries.count, k: k, margin: margin,
                                largestInverse: largestInverse, excluding: excluding)
                            let out = SharedPointer(collected.baseAddress!)
                            ParallelWork.run(parts.count) { p in out[p] = scan.run(parts[p]) }
                        }
                    }
                }
            }
        }
        return queries.indices.map { q in
            var merged = Candidates(k: k, margin: margin)
            for part in collected { merged.absorb(part[q]) }
            let rescored = merged.survivors().compactMap { row -> Neighbor? in
                let vector = table.vector(at: row)
                guard longEnough(vector) else { return nil }
                return cosineSimilarity(vector, queries[q]).map { Neighbor(index: row, cosine: $0) }
            }
            return Array(rescored.sorted(by: Self.ranking).prefix(k))
        }
    }
}

/// The rows whose float32 score may put them in the top k: every row scoring
/// at least (k-th best score so far) − margin.
private struct Candidates {
    let k: Int
    let margin: Float
    private(set) var scores: [Float] = []
    private(set) var rows: [Int] = []
    /// Scores below this can no longer reach the top k.
    private(set) var admit = -Float.infinity
    private var limit: Int

    /// - Precondition: 0 < k ≤ the table's rows (so `2 * k` cannot overflow).
    init(k: Int, margin: Float) {
        self.k = k
        self.margin = margin
        limit = max(2 * k, 64)
    }

    @inline(__always)
    mutating func add(_ row: Int, _ score: Float) {
        scores.append(score)
        rows.append(row)
        if scores.count >= limit { prune() }
    }

    mutating func absorb(_ other: Candidates) {
        for i in other.scores.indices where other.scores[i] >= admit { add(other.rows[i], other.scores[i]) }
    }

    /// Drops what falls below the k-th best minus the margin; grows the room when near-ties fill it.
    private mutating func prune() {
        guard scores.count >= k else { return }
        var sorted = scores
        sorted.sort(by: >)
        admit = max(admit, sorted[k - 1] - margin)
        var kept = 0
        for i in scores.indices where scores[i] >= admit {
            scores[kept] = scores[i]
            rows[kept] = rows[i]
            kept += 1
        }
        scores.removeLast(scores.count - kept)
        rows.removeLast(rows.count - kept)
        if kept * 2 > limit { limit *= 2 }
    }

    func survivors() -> [Int] {
        var copy = self
        copy.prune()
        return copy.rows
    }
}

/// One part of the float32 pass: scores rows against every query.
private struct Scan: @unchecked Sendable {
    // Pointers into arrays the caller keeps alive for the whole scan; read only.
    let values: UnsafePointer<Float>
    let inverse: UnsafePointer<Float>
    /// The queries in transposed blocks of eight (see `float32Search`).
    let blocks: UnsafePointer<SIMD8<Float>>
    /// The same queries one after the other (`dimension` values each).
    let units: UnsafePointer<Float>
    let dimension: Int
    let queries: Int
    let k: Int
    let margin: Float
    let largestInverse: Float
    let excluding: [Set<Int>]

    /// 1/|row|, or NaN for a row that cannot match (zero, not finite, too short): its scores
    /// are then NaN, and a NaN passes no comparison.
    @inline(__always)
    private func scale(_ row: Int) -> Float {
        let value = inverse[row]
        return value <= largestInverse ? value : .nan
    }

    func run(_ rows: Range<Int>) -> [Candidates] {
        // Fewer than four queries would leave most of the blocks' lanes idle: score row by query.
        queries < 4 ? runPairs(rows) : runBlocks(rows)
    }

    /// Each row against each query: a dot product eight entries at a time.
    private func runPairs(_ rows: Range<Int>) -> [Candidates] {
        var found = [Candidates](repeating: Candidates(k: k, margin: margin), count: queries)
        let d = dimension
        let raw = UnsafeRawPointer(values)
        let queryRaw = UnsafeRawPointer(units)
        for row in rows {
            let scale = scale(row)
            if scale.isNaN { continue }
            let base = row * d
            for q in 0..<queries {
                let query = q * d
                var acc = SIMD8<Float>()
                var j = 0
                while j + 8 <= d {
                    let a = raw.loadUnaligned(fromByteOffset: (base + j) * 4, as: SIMD8<Float>.self)
                    let b = queryRaw.loadUnaligned(fromByteOffset: (query + j) * 4, as: SIMD8<Float>.self)
                    acc += a * b
                    j += 8
                }
                var sum = acc.sum()
                while j < d {
                    sum += values[base + j] * units[query + j]
                    j += 1
                }
                let score = sum * scale
                if score >= found[q].admit, !excluding[q].contains(row) { found[q].add(row, score) }
            }
        }
        return found
    }

    /// Four rows against eight queries at a time, from registers.
    private func runBlocks(_ rows: Range<Int>) -> [Candidates] {
        var found = [Candidates](repeating: Candidates(k: k, margin: margin), count: queries)
        let blockCount = (queries + 7) / 8
        // Per block, the lowest score each query still admits; lanes past the last query admit nothing.
        var admits = (0..<blockCount).map { b in
            SIMD8<Float>((0..<8).map { b * 8 + $0 < queries ? -Float.infinity : .infinity })
        }
        let d = dimension
        var row = rows.lowerBound
        while row < rows.upperBound {
            // Four rows at a time (a short last tile repeats its first row, with NaN scores).
            let count = min(4, rows.upperBound - row)
            let r = (row, count > 1 ? row + 1 : row, count > 2 ? row + 2 : row, count > 3 ? row + 3 : row)
            let s = (scale(r.0), count > 1 ? scale(r.1) : .nan, count > 2 ? scale(r.2) : .nan, count > 3 ? scale(r.3) : .nan)
            let p = (values + r.0 * d, values + r.1 * d, values + r.2 * d, values + r.3 * d)
            for b in 0..<blockCount {
                let block = blocks + b * d
                var a0 = SIMD8<Float>()
                var a1 = SIMD8<Float>()
                var a2 = SIMD8<Float>()
                var a3 = SIMD8<Float>()
                for j in 0..<d {
                    let q = block[j]
                    a0 += q * p.0[j]
                    a1 += q * p.1[j]
                    a2 += q * p.2[j]
                    a3 += q * p.3[j]
                }
                let scores = (a0 * s.0, a1 * s.1, a2 * s.2, a3 * s.3)
                let admit = admits[b]
                guard any(scores.0 .>= admit) || any(scores.1 .>= admit) || any(scores.2 .>= admit) || any(scores.3 .>= admit)
                else { continue }
                for (tile, rowScores) in [(r.0, scores.0), (r.1, scores.1), (r.2, scores.2), (r.3, scores.3)].prefix(count) {
                    for lane in 0..<8 where rowScores[lane] >= admits[b][lane] {
                        let q = b * 8 + lane
                        guard !excluding[q].contains(tile) else { continue }
                        found[q].add(tile, rowScores[lane])
                        admits[b][lane] = found[q].admit
                    }
                }
            }
            row += count
        }
        return found
    }
}

/// What the float32 search needs of each row of a float32 table, computed in one pass over the cores.
package struct RowLengths: Sendable {
    /// 1/|row| in float32; NaN for a row that can never match (zero length, or not finite).
    package let inverse: Float32Values
    /// Whether every length is within 2⁻⁶⁰…2⁶⁰, where float32 scores cannot overflow or underflow;
    /// otherwise the index searches in float64.
    package let inFloat32Range: Bool

    package init(inverse: Float32Values, inFloat32Range: Bool) {
        self.inverse = inverse
        self.inFloat32Range = inFloat32Range
    }

    /// - Precondition: `values.count` is a multiple of `dimension` > 0.
    package init(values: Float32Values, dimension d: Int) {
        let rows = values.count / d
        var inverse = [Float](repeating: 0, count: rows)
        let parts = ParallelWork.ranges(total: rows, parts: rows * d < 1 << 18 ? 1 : ParallelWork.cores * 4)
        var partSafe = [Bool](repeating: true, count: parts.count)
        values.withUnsafeBufferPointer { values in
            inverse.withUnsafeMutableBufferPointer { inverse in
                partSafe.withUnsafeMutableBufferPointer { partSafe in
                    let source = SharedPointer(UnsafeMutablePointer(mutating: values.baseAddress ?? UnsafePointer(bitPattern: 4)!))
                    let out = SharedPointer(inverse.baseAddress ?? UnsafeMutablePointer(bitPattern: 4)!)
                    let safeOut = SharedPointer(partSafe.baseAddress ?? UnsafeMutablePointer(bitPattern: 1)!)
                    ParallelWork.run(parts.count) { p in
                        let raw = UnsafeRawPointer(source.base)
                        for row in parts[p] {
                            // Four float64 lanes at a time: float32 squares could overflow or lose a small row.
                            var lanes = SIMD4<Double>()
                            var j = 0
                            while j + 4 <= d {
                                let x = SIMD4<Double>(raw.loadUnaligned(fromByteOffset: (row * d + j) * 4, as: SIMD4<Float>.self))
                                lanes += x * x
                                j += 4
                            }
                            var squares = lanes.sum()
                            while j < d {
                                let x = Double(source[row * d + j])
                                squares += x * x
                                j += 1
                            }
                            let length = squares.squareRoot()
                            if length == 0 || !length.isFinite {
                                out[row] = .nan
                            } else {
                                out[row] = Float(1 / length)
                                if length < 0x1p-60 || length > 0x1p60 { safeOut[p] = false }
                            }
                        }
                    }
                }
            }
        }
        self.inverse = Float32Values(inverse)
        inFloat32Range = partSafe.allSatisfy { $0 }
    }
}
