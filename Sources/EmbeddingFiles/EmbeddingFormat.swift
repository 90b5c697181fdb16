// SPDX-License-Identifier: Apache-2.0

import AttnMath

/// The embedding file formats attn-tui reads.
public enum EmbeddingFormat: String, Sendable, CaseIterable, Equatable {
    /// `word v1 … vd` per line, no header (Stanford GloVe).
    case glove
    /// A `count dim` header line, then `word v1 … vd` per line (word2vec text, fastText `.vec`).
    case word2vecText = "word2vec"
    /// A `count dim` header line, then per word: the word, a space, d little-endian float32, maybe `\n`.
    case word2vecBinary = "word2vec-binary"
    /// TensorFlow Embedding Projector: `vectors.tsv` (tab-separated numbers) and an optional `metadata.tsv`.
    case projector

    /// The format named on a command line: the raw values above, or `text`,
    /// `word2vec-text`, `vec`, `fasttext`, `bin`, `binary`, `tsv`.
    public init?(argument: String) {
        switch argument.lowercased() {
        case "glove", "text": self = .glove
        case "word2vec", "word2vec-text", "vec", "fasttext": self = .word2vecText
        case "word2vec-binary", "bin", "binary": self = .word2vecBinary
        case "projector", "tsv": self = .projector
        default: return nil
        }
    }

    /// The name shown to users.
    public var title: String {
        switch self {
        case .glove: "GloVe text"
        case .word2vecText: "word2vec/fastText text"
        case .word2vecBinary: "word2vec binary"
        case .projector: "TensorFlow Projector TSV"
        }
    }

    /// The format of a file, told from its first bytes and its name.
    ///
    /// A `.tsv` name, or a first line of tab-separated numbers only, is a
    /// Projector file. A first line of exactly two whole numbers is a
    /// word2vec header: binary if the bytes after it hold control characters
    /// or invalid UTF-8, text otherwise. Anything else is GloVe. `--format`
    /// overrides this guess.
    public static func detect(path: String) throws(EmbeddingFileError) -> EmbeddingFormat {
        try detect(MappedFile(path: path))
    }

    static func detect(_ file: MappedFile) -> EmbeddingFormat {
        if file.path.lowercased().hasSuffix(".tsv") { return .projector }
        let bytes = file.bytes
        let head = min(bytes.count, 1 << 16)
        let start = file.textStart
        let firstEnd = TextVectorParser.lineEnd(bytes.base, from: start, to: head)
        let firstLine = UnsafeBufferPointer(start: bytes.base + start, count: firstEnd - start)
        if Word2VecHeader.parse(firstLine) != nil {
            let sampleStart = min(firstEnd + 1, bytes.count)
            let sample = UnsafeBufferPointer(start: bytes.base + sampleStart, count: min(bytes.count - sampleStart, 4096))
            return looksLikeText(sample) ? .word2vecText : .word2vecBinary
        }
        if isNumbersOnly(firstLine) { return .projector }
        return .glove
    }

    /// No control bytes but tab, CR and LF, and valid UTF-8 (a sequence cut by the sample's end is allowed).
    static func looksLikeText(_ sample: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = sample.baseAddress, !sample.isEmpty else { return true }
        for byte in sample where byte < 32 || byte == 127 {
            if byte != 9 && byte != 10 && byte != 13 { return false }
        }
        for cut in 0...min(3, sample.count - 1) where UTF8Check.isValid(base, count: sample.count - cut) { return true }
        return false
    }

    /// A line of numbers separated by tabs (or one number), as in `vectors.tsv`.
    static func isNumbersOnly(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var text = String(decoding: line, as: UTF8.self)
        if text.hasSuffix("\r") { text.removeLast() }
        guard !text.isEmpty, !text.contains(" ") else { return false }
        return text.split(separator: "\t", omittingEmptySubsequences: false).allSatisfy { Float($0) != nil }
    }
}

/// The `count dim` first line of word2vec and fastText files.
struct Word2VecHeader {
    var count: Int
    var dimension: Int

    /// The header in `line` (without its `\n`), or nil when the line is not two whole numbers.
    static func parse(_ line: UnsafeBufferPointer<UInt8>) -> Word2VecHeader? {
        let fields = line.split(whereSeparator: { $0 == 32 || $0 == 9 || $0 == 13 })
        guard fields.count == 2 else { return nil }
        let numbers = fields.map { field -> Int? in
            guard field.count <= 18, field.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return field.reduce(0) { $0 * 10 + Int($1 - 48) }
        }
        guard let count = numbers[0], let dimension = numbers[1] else { return nil }
        return Word2VecHeader(count: count, dimension: dimension)
    }
}
