// SPDX-License-Identifier: Apache-2.0

/// Sentences for next-word prediction, as token numbers: the parsed text (the
/// math reads no files), its vocabulary, and a deterministic split into a
/// training set and a held-out tenth.
///
/// Text: one sentence a line; words are separated by whitespace and kept as
/// written; blank lines and lines starting with `#` are skipped. Token 0 is
/// the sentence boundary `<s>`, then the words in order of first appearance.
/// Sentence n (counted from 0) is held out when n % `heldOutEvery` ==
/// `heldOutEvery` − 1, so every tenth sentence is, spread through the text.
/// Each set is read as one stream, `<s> w w w <s> w w <s> … <s>`: a window
/// may start anywhere, and predicting `<s>` means "the sentence ends here".
public struct NextWordCorpus: Equatable, Sendable {
    /// The boundary token's spelling: before every sentence and after the last.
    public static let sentenceStart = "<s>"

    public let vocabulary: [String]
    /// Every sentence's words as tokens, in the text's order.
    public let sentences: [[Int]]
    /// Whether sentence n is in the held-out set.
    public let isHeldOut: [Bool]
    /// `<s>` before each training sentence, and one after the last.
    public let trainingStream: [Int]
    public let heldOutStream: [Int]
    private let index: [String: Int]

    public init(text: String, heldOutEvery: Int = 10) {
        precondition(heldOutEvery >= 2, "NextWordCorpus: hold out at most every second sentence")
        var vocabulary = [Self.sentenceStart]
        var index = [Self.sentenceStart: 0]
        var sentences: [[Int]] = []
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let sentence = line.split(whereSeparator: \.isWhitespace).map { token -> Int in
                let word = String(token)
                if let known = index[word] { return known }
                index[word] = vocabulary.count
                vocabulary.append(word)
                return vocabulary.count - 1
            }
            if !sentence.isEmpty { sentences.append(sentence) }
        }
        self.vocabulary = vocabulary
        self.index = index
        self.sentences = sentences
        let heldOut = sentences.indices.map { $0 % heldOutEvery == heldOutEvery - 1 }
        isHeldOut = heldOut
        func stream(_ held: Bool) -> [Int] {
            var tokens: [Int] = []
            for (sentence, isHeld) in zip(sentences, heldOut) where isHeld == held { tokens += [0] + sentence }
            return tokens.isEmpty ? [] : tokens + [0]
        }
        trainingStream = stream(false)
        heldOutStream = stream(true)
    }

    public static func == (a: NextWordCorpus, b: NextWordCorpus) -> Bool {
        a.vocabulary == b.vocabulary && a.sentences == b.sentences && a.isHeldOut == b.isHeldOut
    }

    /// The token of a word exactly as spelt, if any.
    public func token(of word: String) -> Int? { index[word] }

    /// The token for a word as a user typed it (`WordLookup`: as given, lower-cased,
    /// without surrounding punctuation); never the boundary token, which is not a word.
    public func resolve(_ typed: String) -> Int? {
        WordLookup.candidates(for: typed).lazy.compactMap { index[$0] }.first { $0 != 0 }
    }

    /// The vocabulary's word nearest in spelling to `typed` (fewest single-letter
    /// edits after lower-casing; the earlier word on a tie), for "did you mean".
    /// Nil only for a vocabulary of the boundary alone.
    public func nearestWord(to typed: String) -> String? {
        let lower = Array(typed.lowercased())
        return vocabulary.dropFirst().min { editDistance(lower, Array($0)) < editDistance(lower, Array($1)) }
    }

    /// Sentence n as text.
    public func sentence(_ n: Int) -> String { sentences[n].map { vocabulary[$0] }.joined(separator: " ") }
}

/// The Levenshtein distance: the fewest insertions, deletions and substitutions of one character that turn a into b.
func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    guard !a.isEmpty else { return b.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
        current[0] = i
        for j in stride(from: 1, through: b.count, by: 1) {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
