// SPDX-License-Identifier: Apache-2.0

/// A problem in the built-in lexicon's text, with where it is.
public struct LexiconError: Error, Equatable, CustomStringConvertible {
    public let source: String
    public let line: Int
    public let problem: String

    public var description: String { "\(source):\(line): \(problem)" }
}

/// The built-in vocabulary: words with named, interpretable features and a category.
///
/// Text format (tab-separated, `#` comments, blank lines ignored, LF or CRLF
/// line ends): a header `word  category  feature…`, then one row per word.
public struct Lexicon: Sendable {
    public let featureNames: [String]
    public let table: EmbeddingTable
    /// The category of each row of `table` (fruit, electronics, ambiguous, …).
    public let categories: [String]

    public init(featureNames: [String], table: EmbeddingTable, categories: [String]) {
        self.featureNames = featureNames
        self.table = table
        self.categories = categories
    }

    /// Parses the lexicon text; every problem names `source` and the line
    /// (1-based, counting comments and blank lines). Values are float64 as
    /// `Double(String)` reads them (correctly rounded); NaN and ∞ are rejected,
    /// as are a missing header, a wrong number of fields, an empty or
    /// duplicated word. Text with no header gives "no header line" at its last line.
    public static func parse(_ text: String, source: String) throws(LexiconError) -> Lexicon {
        var featureNames: [String]?
        var words: [String] = []
        var categories: [String] = []
        var vectors: [[Double]] = []
        var lineNumber = 0
        // Split on every newline: Swift reads "\r\n" as one Character, which a split on "\n" would never see.
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            if line.allSatisfy(\.isWhitespace) || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard let names = featureNames else {
                guard fields.count >= 3, fields[0] == "word", fields[1] == "category" else {
                    throw LexiconError(source: source, line: lineNumber, problem: "expected the header 'word<TAB>category<TAB>feature…'")
                }
                featureNames = Array(fields.dropFirst(2))
                continue
            }
            guard fields.count == names.count + 2 else {
                throw LexiconError(source: source, line: lineNumber, problem: "expected \(names.count + 2) fields, found \(fields.count)")
            }
            let word = fields[0]
            guard !word.isEmpty, !words.contains(word) else {
                throw LexiconError(source: source, line: lineNumber, problem: word.isEmpty ? "empty word" : "duplicate word '\(word)'")
            }
            var vector: [Double] = []
            for (offset, field) in fields.dropFirst(2).enumerated() {
                guard let value = Double(field), value.isFinite else {
                    throw LexiconError(
                        source: source, line: lineNumber, problem: "'\(word)': feature '\(names[offset])' is not a number: '\(field)'")
                }
                vector.append(value)
            }
            words.append(word)
            categories.append(fields[1])
            vectors.append(vector)
        }
        guard let names = featureNames else {
            throw LexiconError(source: source, line: lineNumber, problem: "no header line")
        }
        return Lexicon(
            featureNames: names,
            table: EmbeddingTable(words: words, dimension: names.count, storage: .float64(vectors.flatMap { $0 })),
            categories: categories)
    }

    public func category(of word: String) -> String? {
        table.index(of: word).map { categories[$0] }
    }
}
