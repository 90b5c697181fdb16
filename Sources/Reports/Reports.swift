// SPDX-License-Identifier: Apache-2.0

import AttnMath
import TUIKit
import Vocabularies

/// What one command-line query answers, as JSON and as a text table.
public protocol Report {
    var json: JSONValue { get }
    var text: String { get }
    /// The whole output — `json` serialized, or `text` — and a final line feed, written piece
    /// by piece; reports that can grow large write row by row and never hold the whole.
    func write<Sink: ReportSink>(json: Bool, to sink: inout Sink) throws(QueryError)
}

extension Report {
    public func write<Sink: ReportSink>(json: Bool, to sink: inout Sink) throws(QueryError) {
        try sink.write((json ? self.json.serialized() : text) + "\n")
    }
}

/// Writes a JSON array's elements as they are made: `[a, b, …]`.
func writeJSONArray<Sink: ReportSink>(count: Int, element: (Int) -> JSONValue, to sink: inout Sink) throws(QueryError) {
    var out = ChunkedWriter<Sink>()
    try out.append("[", to: &sink)
    for i in 0..<count {
        try out.append((i > 0 ? ", " : "") + element(i).serialized(), to: &sink)
    }
    try out.append("]", to: &sink)
    try out.flush(to: &sink)
}

/// Writes a JSON object whose members are written by `members` in order: `{"key": …, …}`.
/// The first members are small values; `streamed` are large arrays written element by element.
func writeJSONObject<Sink: ReportSink>(
    _ small: [(String, JSONValue)], streamed: [(String, count: Int, element: (Int) -> JSONValue)], to sink: inout Sink
) throws(QueryError) {
    let head = JSONValue.object(small).serialized()
    // The small members as `serialized` writes them, without the closing brace.
    try sink.write(String(head.dropLast()))
    for (i, member) in streamed.enumerated() {
        try sink.write((small.isEmpty && i == 0 ? "" : ", ") + JSONValue.string(member.0).serialized() + ": ")
        try writeJSONArray(count: member.count, element: member.element, to: &sink)
    }
    try sink.write("}")
}

/// `attn-tui similarity A B`.
public struct SimilarityReport: Report {
    public let a: String
    public let b: String
    public let dimension: Int
    public let cosine: Double?
    public let dot: Double
    public let scaledDot: Double

    public init(vocabulary: Vocabulary, arguments: [String]) throws(QueryError) {
        let words = try vocabulary.resolve(arguments)
        guard words.count == 2 else { throw QueryError("similarity takes exactly two words, got \(words.count)", usage: true) }
        let (u, v) = (vocabulary.vector(words[0]), vocabulary.vector(words[1]))
        a = words[0].word
        b = words[1].word
        dimension = u.count
        cosine = cosineSimilarity(u, v)
        dot = AttnMath.dot(u, v)
        scaledDot = AttnMath.scaledDot(u, v)
    }

    public var json: JSONValue {
        .object([
            ("a", .string(a)), ("b", .string(b)), ("dim", .integer(dimension)),
            ("cosine", cosine.map(JSONValue.number) ?? .null), ("dot", .number(dot)), ("scaled_dot", .number(scaledDot)),
        ])
    }

    public var text: String {
        """
        \(ControlEscaping.escaped(a)) · \(ControlEscaping.escaped(b))  (\(dimension) dimensions)
        cosine      \(NumberFormat.fixed(cosine, decimals: 6))\(cosine == nil ? "  (undefined: a zero vector)" : "")
        dot         \(NumberFormat.fixed(dot, decimals: 6))
        scaled dot  \(NumberFormat.fixed(scaledDot, decimals: 6))  (dot / √\(dimension))
        """
    }
}

/// `attn-tui matrix W1 W2 …`.
public struct MatrixReport: Report {
    public let words: [String]
    public let metric: Metric
    /// The words' vectors; the scores are computed row by row as they are written.
    let vectors: [[Double]]

    public init(vocabulary: Vocabulary, arguments: [String], metric: Metric) throws(QueryError) {
        let resolved = try vocabulary.resolve(arguments)
        words = resolved.map(\.word)
        vectors = resolved.map(vocabulary.vector)
        self.metric = metric
    }

    /// Every score at once (small matrices; `write` computes one row at a time).
    public var matrix: SimilarityMatrix { SimilarityMatrix(vectors: vectors, metric: metric) }

    func row(_ i: Int) -> [Double?] { SimilarityMatrix.scores(row: i, of: vectors, metric: metric) }

    public var json: JSONValue {
        .object([
            ("words", .array(words.map(JSONValue.string))), ("metric", .string(matrix.metric.rawValue)),
            ("matrix", .array(matrix.scores.map(JSONValue.optionalNumbers))),
        ])
    }

    /// RFC 4180 CSV: a header of words, then one row per word; undefined cells are empty.
    public var csv: String {
        var sink = StringSink()
        try? writeCSV(to: &sink)
        return String(sink.text.dropLast())
    }

    /// `csv` and a line feed, row by row.
    public func writeCSV<Sink: ReportSink>(to sink: inout Sink) throws(QueryError) {
        var out = ChunkedWriter<Sink>()
        try out.append(([metric.rawValue] + words).map(CSV.field).joined(separator: ","), to: &sink)
        for (i, word) in words.enumerated() {
            try out.append("\n" + ([CSV.field(word)] + row(i).map { $0.map { "\($0)" } ?? "" }).joined(separator: ","), to: &sink)
        }
        try out.append("\n", to: &sink)
        try out.flush(to: &sink)
    }

    public var text: String {
        TextTable.matrix(title: matrix.metric.title, labels: words, values: matrix.scores)
    }

    public func write<Sink: ReportSink>(json: Bool, to sink: inout Sink) throws(QueryError) {
        if json {
            try writeJSONObject(
                [("words", .array(words.map(JSONValue.string))), ("metric", .string(metric.rawValue))],
                streamed: [("matrix", words.count, { JSONValue.optionalNumbers(row($0)) })], to: &sink)
        } else {
            try TextTable.writeMatrix(title: metric.title, labels: words, row: row, to: &sink)
        }
        try sink.write("\n")
    }
}

/// `attn-tui attention W1 W2 …`.
public struct AttentionReport: Report {
    public let words: [String]
    /// Scores, weights and context, row by row: 4,000 words are never two 16-million-number matrices in memory.
    public let rows: AttentionRows

    public init(vocabulary: Vocabulary, arguments: [String], metric: Metric, temperature: Double) throws(QueryError) {
        let resolved = try vocabulary.resolve(arguments)
        words = resolved.map(\.word)
        do {
            rows = try AttentionRows(vectors: resolved.map(vocabulary.vector), metric: metric, temperature: temperature)
        } catch {
            if case .undefinedScore(let row, let column) = error {
                let zero = norm(vocabulary.vector(resolved[row])) == 0 ? row : column
                throw QueryError("'\(words[zero])' has a zero vector: its \(metric.rawValue) score is undefined")
            }
            throw QueryError(error.description)
        }
    }

    /// The whole matrices at once (for small reports; `write` goes row by row).
    public var attention: ContextAttention {
        guard let whole = try? ContextAttention(vectors: rows.vectors, metric: rows.metric, temperature: rows.temperature) else {
            preconditionFailure("AttentionRows accepted what ContextAttention refuses")
        }
        return whole
    }

    public var json: JSONValue {
        let n = words.count
        return .object([
            ("words", .array(words.map(JSONValue.string))), ("metric", .string(rows.metric.rawValue)),
            ("temperature", .number(rows.temperature)),
            ("scores", .array((0..<n).map { .numbers(rows.scores($0)) })),
            ("weights", .array((0..<n).map { .numbers(rows.weights($0)) })),
            ("context", .array((0..<n).map { .numbers(rows.context($0)) })),
        ])
    }

    public var text: String {
        var sink = StringSink()
        try? writeText(to: &sink)
        return sink.text
    }

    private func writeText<Sink: ReportSink>(to sink: inout Sink) throws(QueryError) {
        try TextTable.writeMatrix(title: "\(rows.metric.title) scores", labels: words, row: { rows.scores($0) }, to: &sink)
        try sink.write("\n\n")
        try TextTable.writeMatrix(
            title: "softmax weights (temperature \(rows.temperature))", labels: words, row: { rows.weights($0) }, to: &sink)
        try sink.write("\n\n")
        try TextTable.writeRows(title: "context vectors (Σ weight · vector)", labels: words, row: rows.context, to: &sink)
    }

    public func write<Sink: ReportSink>(json: Bool, to sink: inout Sink) throws(QueryError) {
        if json {
            let n = words.count
            try writeJSONObject(
                [
                    ("words", .array(words.map(JSONValue.string))), ("metric", .string(rows.metric.rawValue)),
                    ("temperature", .number(rows.temperature)),
                ],
                streamed: [
                    ("scores", n, { .numbers(rows.scores($0)) }), ("weights", n, { .numbers(rows.weights($0)) }),
                    ("context", n, { .numbers(rows.context($0)) }),
                ], to: &sink)
        } else {
            try writeText(to: &sink)
        }
        try sink.write("\n")
    }
}

/// `attn-tui neighbors W1 [W2 …] -k N`.
public struct NeighborsReport: Report {
    public struct Entry: Sendable {
        public let word: String
        public let neighbors: [(word: String, cosine: Double)]
        /// Why there are none: the word's vector has no direction. Nil when it has one.
        public let reason: String?
    }

    public let entries: [Entry]

    /// Searches every row of the vocabulary (the built-in lexicon and word pack, or a file),
    /// leaving out vectors too short to have a direction (`Vocabulary.minimumDirectionLength`):
    /// such a word gets no neighbours and a reason, and is nobody's neighbour.
    public init(vocabulary: Vocabulary, arguments: [String], k: Int, index: NeighborIndex? = nil) throws(QueryError) {
        guard k > 0 else { throw QueryError("-k must be at least 1, got \(k)", usage: true) }
        let resolved = try vocabulary.resolve(arguments)
        let index = index ?? NeighborIndex(table: vocabulary.table, minimumLength: vocabulary.minimumDirectionLength)
        let vectors = resolved.map(vocabulary.vector)
        // One pass over the matrix answers every word (many queries, one process).
        let found = index.nearest(toEach: vectors, k: k, excluding: resolved.map { [$0.index] })
        entries = zip(zip(resolved, vectors), found).map { pair, neighbors in
            let (word, vector) = pair
            let length = norm(vector)
            var reason: String?
            if length == 0 {
                reason = "'\(word.word)' has a zero vector: it has no direction, so no cosine with any word"
            } else if length < index.minimumLength {
                reason =
                    "'\(word.word)' has no direction: its length \(NumberFormat.fixed(length, decimals: 3)) is under "
                    + "\(NumberFormat.fixed(index.minimumLength, decimals: 3)) (a tenth of a typical word's length): its cosines would be noise"
            }
            return Entry(
                word: word.word, neighbors: reason != nil ? [] : neighbors.map { (vocabulary.table.word(at: $0.index), $0.cosine) },
                reason: reason)
        }
    }

    private func object(_ entry: Entry) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("word", .string(entry.word)), ("metric", .string("cosine")),
            ("neighbors", .array(entry.neighbors.map { .object([("word", .string($0.word)), ("cosine", .number($0.cosine))]) })),
        ]
        if let reason = entry.reason { members.append(("reason", .string(reason))) }
        return .object(members)
    }

    /// Always an array, one object per word in the order given, even for one word.
    public var json: JSONValue { .array(entries.map(object)) }

    private func text(_ entry: Entry) -> String {
        let title = "nearest to \(ControlEscaping.escaped(entry.word)) (cosine):"
        if let reason = entry.reason { return title + " none — " + ControlEscaping.escaped(reason) }
        let shown = entry.neighbors.map { ControlEscaping.escaped($0.word) }
        let width = shown.map { DisplayWidth.of($0) }.max() ?? 0
        let lines = zip(shown, entry.neighbors).enumerated().map { rank, pair in
            "\(NumberFormat.pad("\(rank + 1)", 3)). \(NumberFormat.padRight(pair.0, width))  \(NumberFormat.fixed(pair.1.cosine, decimals: 4))"
        }
        return ([title] + lines).joined(separator: "\n")
    }

    public var text: String { entries.map(text).joined(separator: "\n\n") }

    public func write<Sink: ReportSink>(json: Bool, to sink: inout Sink) throws(QueryError) {
        if json {
            try writeJSONArray(count: entries.count, element: { object(entries[$0]) }, to: &sink)
        } else {
            for (i, entry) in entries.enumerated() { try sink.write((i > 0 ? "\n\n" : "") + text(entry)) }
        }
        try sink.write("\n")
    }
}

/// `attn-tui words [WORD …]`.
public struct WordsReport: Report {
    public let vocabulary: Vocabulary

    /// The rows listed: every word once (a duplicate's later rows are never used, as gensim
    /// keeps the first), or the words asked for, in their order.
    let rows: [Int]

    public init(vocabulary: Vocabulary) {
        self.vocabulary = vocabulary
        let table = vocabulary.table
        rows = (0..<table.count).filter { table.index(of: table.word(at: $0)) == $0 }
    }

    /// Just these words (looked up as every query looks words up; unknown ones are one error naming them).
    public init(vocabulary: Vocabulary, words arguments: [String]) throws(QueryError) {
        self.vocabulary = vocabulary
        rows = try vocabulary.resolve(arguments).map(\.index)
    }

    private func object(_ i: Int) -> JSONValue {
        let table = vocabulary.table
        var members: [(String, JSONValue)] = [("word", .string(table.word(at: i))), ("vector", .numbers(table.vector(at: i)))]
        if let lexicon = vocabulary.lexicon {
            members.append(("category", .string(lexicon.categories[i])))
            members.append(("features", .object(zip(lexicon.featureNames, table.vector(at: i)).map { ($0, .number($1)) })))
            // Hand-made lexicon rows, or the word pack's estimates from GloVe.
            let estimated = vocabulary.isEstimated(i)
            members.append(("estimated", .bool(estimated)))
            members.append(("source", .string(estimated ? "estimated" : "hand-made")))
        }
        return .object(members)
    }

    public var json: JSONValue { .array(rows.map(object)) }

    private var header: [String] {
        let table = vocabulary.table
        if let lexicon = vocabulary.lexicon {
            return ["word", "category"] + lexicon.featureNames + (vocabulary.handMadeCount < table.count ? ["source"] : [])
        }
        return ["word"] + (0..<table.dimension).map { "v\($0 + 1)" }
    }

    private func line(_ i: Int) -> [String] {
        let table = vocabulary.table
        return [table.word(at: i)] + (vocabulary.lexicon.map { [$0.categories[i]] } ?? [])
            + table.vector(at: i).map { NumberFormat.fixed($0, decimals: vocabulary.lexicon == nil ? 4 : 2) }
            + (vocabulary.handMadeCount < table.count ? [vocabulary.isEstimated(i) ? "estimated" : "hand-made"] : [])
    }

    private var summary: String {
        "\(rows.count) words, \(vocabulary.table.dimension) dimensions, from \(ControlEscaping.escaped(vocabulary.source))"
    }

    public var text: String {
        var sink = StringSink()
        try? writeText(to: &sink)
        return sink.text
    }

    private func writeText<Sink: ReportSink>(to sink: inout Sink) throws(QueryError) {
        try TextTable.writeGrid(header: header, count: rows.count, row: { line(rows[$0]) }, to: &sink)
        try sink.write("\n" + summary)
    }

    public func write<Sink: ReportSink>(json: Bool, to sink: inout Sink) throws(QueryError) {
        if json {
            try writeJSONArray(count: rows.count, element: { object(rows[$0]) }, to: &sink)
        } else {
            try writeText(to: &sink)
        }
        try sink.write("\n")
    }
}

/// CSV quoting (RFC 4180): fields with commas, quotes or line breaks are quoted.
enum CSV {
    static func field(_ raw: String) -> String {
        let value = ControlEscaping.escaped(raw)
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacing("\"", with: "\"\"") + "\""
    }
}
