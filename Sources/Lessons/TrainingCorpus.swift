// SPDX-License-Identifier: Apache-2.0

import AttnApp
import AttnAssets

/// The sentences learning-embeddings and tiny-transformer learn from (`Assets/corpus.txt`), as word indices.
struct TrainingCorpus: Equatable, Sendable {
    /// Every distinct word, in order of first appearance.
    let words: [String]
    let sentences: [[Int]]

    /// One sentence a line; blank lines and lines starting with `#` are skipped.
    init(text: String) {
        var words: [String] = []
        var index: [String: Int] = [:]
        var sentences: [[Int]] = []
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let sentence = line.split(whereSeparator: \.isWhitespace).map { token -> Int in
                let word = String(token)
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
