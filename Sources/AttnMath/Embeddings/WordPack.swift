// SPDX-License-Identifier: Apache-2.0

/// About 20,000 common English words, each with the lexicon's named features
/// estimated from its real GloVe vector, its WordNet category, and that
/// 50-d vector (from `Tools/wordpack/build_wordpack.py`).
///
/// Row `i` of `features` and of `vectors` is the same word. The rows of
/// lexicon words are held-out estimates: the program shows the hand-made rows
/// instead, the tests measure the estimates against them.
public struct WordPack: Sendable {
    public let featureNames: [String]
    /// The estimated features, float64 (they are two-decimal numbers).
    public let features: EmbeddingTable
    /// GloVe 6B 50-d, dequantised from 8 bits, float32.
    public let vectors: EmbeddingTable
    /// The WordNet category of each row: fruit, food, tool, household, sound, …; "abstract",
    /// "body", "place" or "weapon" where its senses are about none of the features, "none"
    /// where WordNet has no category for the word (the pack's header lists them).
    public let categories: [String]

    /// Parses the two files of `Assets/wordpack/`. Problems name `source` and
    /// the line (1-based) as the lexicon's do. Numbers are read as decimal
    /// mantissa ÷ 10ᵏ, the correctly rounded double for up to 15 digits,
    /// which is what `Double(String)` gives for them.
    public static func parse(features: String, vectors: String, source: String) throws(LexiconError) -> WordPack {
        var featureText = features
        var vectorText = vectors
        // withUTF8 rethrows untyped errors: carry the typed one out in a Result.
        let parsedFeatures = featureText.withUTF8 { bytes in
            Result { () throws(LexiconError) in try parseFeatures(bytes, source: source + "/features.tsv") }
        }
        let (names, words, categories, values) = try parsedFeatures.get()
        let floats = try vectorText.withUTF8 { bytes in
            Result { () throws(LexiconError) in try parseVectors(bytes, rows: words.count, source: source + "/vectors.txt") }
        }.get()
        let index = WordIndex.build(words: words)
        if let duplicate = index.duplicates.first {
            throw LexiconError(source: source + "/features.tsv", line: 0, problem: "duplicate word '\(words[duplicate.row])'")
        }
        return WordPack(
            featureNames: names,
            features: EmbeddingTable(words: words, dimension: names.count, storage: .float64(values), wordIndex: index.index),
            vectors: EmbeddingTable(
                words: words, dimension: floats.count / max(words.count, 1), storage: .float32(Float32Values(floats)),
                wordIndex: index.index),
            categories: categories)
    }

    private static func parseFeatures(_ bytes: UnsafeBufferPointer<UInt8>, source: String) throws(LexiconError) -> (
        [String], [String], [String], [Double]
    ) {
        var names: [String]?
        var words: [String] = []
        var categories: [String] = []
        var values: [Double] = []
        var lineNumber = 0
        for line in Lines(bytes) {
            lineNumber += 1
            if line.isEmpty || line.first == UInt8(ascii: "#") { continue }
            guard let featureNames = names else {
                let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
                guard fields.count >= 3, String(decoding: fields[0], as: UTF8.self) == "word" else {
                    throw LexiconError(source: source, line: lineNumber, problem: "expected the header 'word<TAB>category<TAB>feature…'")
                }
                names = fields.dropFirst(2).map { String(decoding: $0, as: UTF8.self) }
                values.reserveCapacity(20_100 * (fields.count - 2))
                words.reserveCapacity(20_100)
                categories.reserveCapacity(20_100)
                continue
            }
            // Made only on failure: a message per line would cost more than the parse.
            var wrongCount: LexiconError {
                LexiconError(source: source, line: lineNumber, problem: "expected \(featureNames.count + 2) fields and a word")
            }
            var fields = Fields(line)
            guard let word = fields.next(), !word.isEmpty, let category = fields.next() else { throw wrongCount }
            words.append(String(decoding: word, as: UTF8.self))
            categories.append(String(decoding: category, as: UTF8.self))
            var offset = 0
            while let field = fields.next() {
                guard offset < featureNames.count else { throw wrongCount }
                guard let value = decimal(field) else {
                    throw LexiconError(
                        source: source, line: lineNumber,
                        problem: "feature '\(featureNames[offset])' is not a number: '\(String(decoding: field, as: UTF8.self))'")
                }
                values.append(value)
                offset += 1
            }
            guard offset == featureNames.count else { throw wrongCount }
        }
        guard let names else { throw LexiconError(source: source, line: lineNumber, problem: "no header line") }
        return (names, words, categories, values)
    }

    private static func parseVectors(_ bytes: UnsafeBufferPointer<UInt8>, rows: Int, source: String) throws(LexiconError) -> [Float] {
        var scales: [Float]?
        var floats: [Float] = []
        var row = 0
        var lineNumber = 0
        // One row's bytes; a line longer than a row fails to fit and is reported.
        var decoded = [Int8](repeating: 0, count: 0)
        for line in Lines(bytes) {
            lineNumber += 1
            if line.isEmpty || line.first == UInt8(ascii: "#") { continue }
            guard let scale = scales else {
                let parsed = line.split(separator: UInt8(ascii: " ")).map { Float(String(decoding: $0, as: UTF8.self)) }
                guard !parsed.isEmpty, parsed.allSatisfy({ $0 != nil && $0!.isFinite }) else {
                    throw LexiconError(source: source, line: lineNumber, problem: "expected the per-dimension scales")
                }
                scales = parsed.map { $0! }
                floats = [Float](repeating: 0, count: rows * parsed.count)
                decoded = [Int8](repeating: 0, count: parsed.count)
                continue
            }
            let dimension = scale.count
            let count = decoded.withUnsafeMutableBufferPointer { Base64.decode(line, into: $0) }
            guard count == dimension else {
                throw LexiconError(source: source, line: lineNumber, problem: "expected base64 of \(dimension) bytes")
            }
            if row < rows {
                floats.withUnsafeMutableBufferPointer { out in
                    for d in 0..<dimension { out[row * dimension + d] = Float(decoded[d]) * scale[d] }
                }
            }
            row += 1
        }
        guard scales != nil, row == rows else {
            throw LexiconError(source: source, line: lineNumber, problem: "\(row) vectors for \(rows) words")
        }
        return floats
    }

    /// "0", "-0.35", "1", "0.07": an optional sign, digits, optionally a point and digits.
    private static func decimal(_ field: ByteSlice) -> Double? {
        var mantissa: Int64 = 0
        var digits = 0
        var decimals = 0
        var seenPoint = false
        var negative = false
        var i = field.startIndex
        if i < field.endIndex, field[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        while i < field.endIndex {
            let byte = field[i]
            if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                guard digits < 15 else { return nil }
                mantissa = mantissa * 10 + Int64(byte - UInt8(ascii: "0"))
                digits += 1
                if seenPoint { decimals += 1 }
            } else {
                return nil
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        // Both exact in a double, so the quotient is correctly rounded.
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let value = Double(mantissa) / scale
        return negative ? -value : value
    }
}

private typealias ByteSlice = Slice<UnsafeBufferPointer<UInt8>>

/// The lines of UTF-8 text, each without its LF or CRLF, as views of the text (no copies).
private struct Lines: Sequence, IteratorProtocol {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func next() -> ByteSlice? {
        guard position < bytes.count else { return nil }
        var end = position
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        let line = bytes[position..<(end > position && bytes[end - 1] == UInt8(ascii: "\r") ? end - 1 : end)]
        position = end + 1
        return line
    }
}

/// The tab-separated fields of a line, as views of it (no array per line: 20,000 lines).
private struct Fields: IteratorProtocol {
    private let line: ByteSlice
    private var position: Int
    private var done = false

    init(_ line: ByteSlice) {
        self.line = line
        position = line.startIndex
    }

    mutating func next() -> ByteSlice? {
        guard !done else { return nil }
        let bytes = line.base
        var end = position
        while end < line.endIndex, bytes[end] != UInt8(ascii: "\t") { end += 1 }
        let field = bytes[position..<end]
        if end == line.endIndex { done = true } else { position = end + 1 }
        return field
    }
}

/// Standard base64 (RFC 4648, with padding).
private enum Base64 {
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (i, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(byte)] = UInt8(i)
        }
        return table
    }()

    /// Decodes `text` into the start of `out`: the number of bytes, or nil when it is
    /// not base64 or does not fit.
    static func decode(_ text: ByteSlice, into out: UnsafeMutableBufferPointer<Int8>) -> Int? {
        guard text.count % 4 == 0 else { return nil }
        return values.withUnsafeBufferPointer { values in
            var written = 0
            var i = text.startIndex
            while i < text.endIndex {
                var group: UInt32 = 0
                var padding = 0
                for k in 0..<4 {
                    let byte = text[i + k]
                    if byte == UInt8(ascii: "="), k >= 2, i + 4 == text.endIndex {
                        padding += 1
                        group <<= 6
                        continue
                    }
                    let value = values[Int(byte)]
                    guard value != 0xFF, padding == 0 else { return nil }
                    group = group << 6 | UInt32(value)
                }
                guard written + 3 - padding <= out.count else { return nil }
                for k in 0..<(3 - padding) {
                    out[written] = Int8(bitPattern: UInt8(truncatingIfNeeded: group >> (16 - 8 * UInt32(k))))
                    written += 1
                }
                i += 4
            }
            return written
        }
    }
}
