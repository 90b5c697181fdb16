// SPDX-License-Identifier: Apache-2.0

import AttnApp
import AttnAssets

/// The sentences learning-embeddings and tiny-transformer learn from (`Assets/corpus.txt`), as word indices.
struct TrainingCorpus: Equatable, Sendable {
    /// Every distinct word, in order of first appearance.
    let words: [String]
    let sentences: [[Int]]

    /// One sentence a line; blank lines and lines starting with `#` are skipped. Read as bytes
    /// (the corpus is ASCII): splitting by Character cost a millisecond of every start.
    init(text: String) {
        var words: [String] = []
        var index: [String: Int] = [:]
        var sentences: [[Int]] = []
        let newline = UInt8(ascii: "\n")
        let blanks: Set<UInt8> = [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r")]
        for line in text.utf8.split(separator: newline) where line.first != UInt8(ascii: "#") {
            let sentence = line.split(whereSeparator: blanks.contains).map { token -> Int in
                let word = String(decoding: token, as: UTF8.self)
                if let known = index[word] { return known }
                index[word] = words.count
                words.append(word)
                return words.count - 1
            }
            if !sentence.isEmpty { sentences.append(sentence) }
        }
        self.words = words
        self.sentences = sentences
    }

    static let builtIn = TrainingCorpus(text: Assets.text("corpus.txt") ?? "")

    func index(of word: String) -> Int? { words.firstIndex(of: word) }

    func sentence(_ number: Int) -> String { sentences[number].map { words[$0] }.joined(separator: " ") }
}
