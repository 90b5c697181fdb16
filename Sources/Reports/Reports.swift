import AttnMath
import TUIKit
import Vocabularies

/// What one command-line query answers, as JSON and as a text table.
public protocol Report {
    var json: JSONValue { get }
    var text: String { get }
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
        guard words.count == 2 else { throw QueryError("similarity takes exactly two words, got \(words.count)") }
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
    public let matrix: SimilarityMatrix

    public init(vocabulary: Vocabulary, arguments: [String], metric: Metric) throws(QueryError) {
        let resolved = try vocabulary.resolve(arguments)
        words = resolved.map(\.word)
        matrix = SimilarityMatrix(vectors: resolved.map(vocabulary.vector), metric: metric)
    }

    public var json: JSONValue {
        .object([
            ("words", .array(words.map(JSONValue.string))), ("metric", .string(matrix.metric.rawValue)),
            ("matrix", .array(matrix.scores.map(JSONValue.optionalNumbers))),
        ])
    }

    /// RFC 4180 CSV: a header of words, then one row per word; undefined cells are empty.
    public var csv: String {
        let header = ([matrix.metric.rawValue] + words).map(CSV.field).joined(separator: ",")
        let rows = zip(words, matrix.scores).map { word, row in
            ([CSV.field(word)] + row.map { $0.map { "\($0)" } ?? "" }).joined(separator: ",")
        }
        return ([header] + rows).joined(separator: "\n")
    }

    public var text: String {
        TextTable.matrix(title: matrix.metric.title, labels: words, values: matrix.scores)
    }
}

/// `attn-tui attention W1 W2 …`.
public struct AttentionReport: Report {
    public let words: [String]
    public let attention: ContextAttention

    public init(vocabulary: Vocabulary, arguments: [String], metric: Metric, temperature: Double) throws(QueryError) {
        let resolved = try vocabulary.resolve(arguments)
        words = resolved.map(\.word)
        do {
            attention = try ContextAttention(vectors: resolved.map(vocabulary.vector), metric: metric, temperature: temperature)
        } catch {
            if case .undefinedScore(let row, let column) = error {
                let zero = norm(vocabulary.vector(resolved[row])) == 0 ? row : column
                throw QueryError("'\(words[zero])' has a zero vector: its \(metric.rawValue) score is undefined")
            }
            throw QueryError(error.description)
        }
    }

    public var json: JSONValue {
        .object([
            ("words", .array(words.map(JSONValue.string))), ("metric", .string(attention.metric.rawValue)),
            ("temperature", .number(attention.temperature)),
            ("scores", .array(attention.scores.map(JSONValue.numbers))),
            ("weights", .array(attention.weights.map(JSONValue.numbers))),
            ("context", .array(attention.context.map(JSONValue.numbers))),
        ])
    }

    public var text: String {
        let scores = TextTable.matrix(title: "\(attention.metric.title) scores", labels: words, values: attention.scores)
        let weights = TextTable.matrix(
            title: "softmax weights (temperature \(attention.temperature))", labels: words, values: attention.weights)
        let context = TextTable.rows(
            title: "context vectors (Σ weight · vector)", labels: words, rows: attention.context)
        return [scores, weights, context].joined(separator: "\n\n")
    }
}

/// `attn-tui neighbors W1 [W2 …] -k N`.
public struct NeighborsReport: Report {
    public struct Entry: Sendable {
        public let word: String
        public let neighbors: [(word: String, cosine: Double)]
    }

    public let entries: [Entry]

    public init(vocabulary: Vocabulary, arguments: [String], k: Int, index: NeighborIndex? = nil) throws(QueryError) {
        guard k > 0 else { throw QueryError("-k must be at least 1, got \(k)") }
        let resolved = try vocabulary.resolve(arguments)
        // The hand-made rows come first in the table: the index's rows are the table's.
        let index = index ?? NeighborIndex(table: vocabulary.neighborTable)
        // One pass over the matrix answers every word (many queries, one process).
        let found = index.nearest(toEach: resolved.map(vocabulary.vector), k: k, excluding: resolved.map { [$0.index] })
        entries = zip(resolved, found).map { word, neighbors in
            Entry(word: word.word, neighbors: neighbors.map { (vocabulary.table.word(at: $0.index), $0.cosine) })
        }
    }

    public var json: JSONValue {
        let objects = entries.map { entry in
            JSONValue.object([
                ("word", .string(entry.word)), ("metric", .string("cosine")),
                (
                    "neighbors",
                    .array(entry.neighbors.map { .object([("word", .string($0.word)), ("cosine", .number($0.cosine))]) })
                ),
            ])
        }
        return objects.count == 1 ? objects[0] : .array(objects)
    }

    public var text: String {
        entries.map { entry in
            let shown = entry.neighbors.map { ControlEscaping.escaped($0.word) }
            let width = shown.map { DisplayWidth.of($0) }.max() ?? 0
            let lines = zip(shown, entry.neighbors).enumerated().map { rank, pair in
                "\(NumberFormat.pad("\(rank + 1)", 3)). \(NumberFormat.padRight(pair.0, width))  \(NumberFormat.fixed(pair.1.cosine, decimals: 4))"
            }
            return (["nearest to \(ControlEscaping.escaped(entry.word)) (cosine):"] + lines).joined(separator: "\n")
        }.joined(separator: "\n\n")
    }
}

/// `attn-tui words`.
public struct WordsReport: Report {
    public let vocabulary: Vocabulary

    /// The rows listed: every word once (a duplicate's later rows are never used, as gensim keeps the first).
    let rows: [Int]

    public init(vocabulary: Vocabulary) {
        self.vocabulary = vocabulary
        let table = vocabulary.table
        rows = (0..<table.count).filter { table.index(of: table.word(at: $0)) == $0 }
    }

    public var json: JSONValue {
        let table = vocabulary.table
        return .array(
            rows.map { i in
                var members: [(String, JSONValue)] = [("word", .string(table.word(at: i))), ("vector", .numbers(table.vector(at: i)))]
                if let lexicon = vocabulary.lexicon {
                    members.append(("category", .string(lexicon.categories[i])))
                    members.append(
                        ("features", .object(zip(lexicon.featureNames, table.vector(at: i)).map { ($0, .number($1)) })))
                    // Hand-made lexicon rows, or the word pack's estimates from GloVe.
                    let estimated = vocabulary.isEstimated(i)
                    members.append(("estimated", .bool(estimated)))
                    members.append(("source", .string(estimated ? "estimated" : "hand-made")))
                }
                return .object(members)
            })
    }

    public var text: String {
        let table = vocabulary.table
        let header: [String]
        if let lexicon = vocabulary.lexicon {
            header = ["word", "category"] + lexicon.featureNames + (vocabulary.handMadeCount < table.count ? ["source"] : [])
        } else {
            header = ["word"] + (0..<table.dimension).map { "v\($0 + 1)" }
        }
        let lines = rows.map { i in
            [table.word(at: i)] + (vocabulary.lexicon.map { [$0.categories[i]] } ?? [])
                + table.vector(at: i).map { NumberFormat.fixed($0, decimals: vocabulary.lexicon == nil ? 4 : 2) }
                + (vocabulary.handMadeCount < table.count ? [vocabulary.isEstimated(i) ? "estimated" : "hand-made"] : [])
        }
        let summary = "\(rows.count) words, \(table.dimension) dimensions, from \(ControlEscaping.escaped(vocabulary.source))"
        return TextTable.grid(header: header, rows: lines) + "\n" + summary
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
