// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Foundation
import Testing
import Vocabularies

/// One line of `Resources/heldout.tsv`: a word with the features it should and should not have.
struct HeldOutWord {
    let word: String
    let category: String
    /// Each inner list is one expected feature; several names mean any one of them is enough.
    let expected: [[String]]
    let forbidden: [String]
}

/// The held-out labelled words, written for this test and never read by the generator.
enum HeldOutSet {
    static let words: [HeldOutWord] = {
        guard let url = Bundle.module.url(forResource: "heldout", withExtension: "tsv"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { fatalError("heldout.tsv is not in the test bundle") }
        var words: [HeldOutWord] = []
        var seenHeader = false
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            precondition(fields.count == 4, "heldout.tsv: expected 4 fields in '\(line)'")
            guard seenHeader else {
                precondition(fields == ["word", "category", "expected", "forbidden"], "heldout.tsv: unexpected header")
                seenHeader = true
                continue
            }
            func list(_ field: String) -> [String] { field == "-" ? [] : field.split(separator: ",").map(String.init) }
            words.append(
                HeldOutWord(
                    word: fields[0], category: fields[1], expected: list(fields[2]).map { $0.split(separator: "|").map(String.init) },
                    forbidden: list(fields[3])))
        }
        return words
    }()
}

/// How the pack's estimated features fare on the held-out words.
struct HeldOutScore: CustomStringConvertible {
    /// Words with a forbidden feature ≥ 0.3, and those features.
    var wrong: [(word: String, features: [String])] = []
    /// Words with an expected feature, and those whose expected features are all ≥ 0.3.
    var withExpected = 0
    var informative = 0
    var notInformative: [String] = []
    var scored = 0
    var missing: [String] = []

    static let threshold = 0.3

    init(pack: WordPack, words: [HeldOutWord]) {
        let column = Dictionary(uniqueKeysWithValues: pack.featureNames.enumerated().map { ($1, $0) })
        for entry in words {
            guard let row = pack.features.index(of: entry.word) else {
                missing.append(entry.word)
                continue
            }
            scored += 1
            let values = pack.features.vector(at: row)
            let bad = entry.forbidden.filter { values[column[$0]!] >= Self.threshold }
            if !bad.isEmpty { wrong.append((entry.word, bad)) }
            guard !entry.expected.isEmpty else { continue }
            withExpected += 1
            if entry.expected.allSatisfy({ alternatives in alternatives.contains { values[column[$0]!] >= Self.threshold } }) {
                informative += 1
            } else {
                notInformative.append(entry.word)
            }
        }
    }

    var wrongShare: Double { Double(wrong.count) / Double(max(scored, 1)) }
    var informativeShare: Double { Double(informative) / Double(max(withExpected, 1)) }

    var description: String {
        let percent = { (x: Double) in String(format: "%.1f %%", 100 * x) }
        return """
            held-out words: \(scored) scored, \(missing.count) missing \(missing)
            wrong: \(wrong.count) of \(scored) = \(percent(wrongShare)) \(wrong.map { "\($0.word) \($0.features)" })
            informative: \(informative) of \(withExpected) = \(percent(informativeShare)); not: \(notInformative)
            """
    }
}

@Suite("The word pack's features on held-out labelled words")
struct HeldOutWordsTests {
    private let pack = BuiltInWordPack.shared

    @Test func theSetIsLargeVariedAndIndependentOfTheLexicon() {
        let words = HeldOutSet.words
        #expect(words.count >= 300)
        #expect(Set(words.map(\.category)).count >= 25)
        #expect(Set(words.map(\.word)).count == words.count, "a word twice")
        let names = Set(pack.featureNames)
        for entry in words {
            for feature in entry.expected.joined() + entry.forbidden {
                #expect(names.contains(feature), "\(entry.word): unknown feature \(feature)")
            }
            #expect(Set(entry.expected.joined()).isDisjoint(with: entry.forbidden), "\(entry.word) expects a forbidden feature")
            // The lexicon's words are hand-made rows, not estimates: they would prove nothing here.
            #expect(BuiltInLexicon.shared.table.index(of: entry.word) == nil, "\(entry.word) is a lexicon word")
            #expect(pack.features.index(of: entry.word) != nil, "\(entry.word) is not in the pack")
        }
    }

    /// wrong: a word with a feature ≥ 0.3 it does not have; informative: a word one of the 13
    /// features fits whose expected features are all ≥ 0.3. The figures go in the README.
    @Test func featuresAreRightOrHonestlyEmpty() {
        let score = HeldOutScore(pack: pack, words: HeldOutSet.words)
        print(score)
        #expect(score.missing.isEmpty)
        #expect(score.wrongShare <= 0.03, "\(score)")
        #expect(score.informativeShare >= 0.90, "\(score)")
    }

    /// The README's word pack section states the figures this set gives, not older ones.
    @Test func theReadmeStatesTheseFigures() throws {
        let score = HeldOutScore(pack: pack, words: HeldOutSet.words)
        let readme = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../README.md"),
            encoding: .utf8
        )
        .replacingOccurrences(of: "\n  ", with: " ")
        let percent = { (x: Double) in String(format: "%.1f %%", 100 * x) }
        let statements = [
            "On \(score.scored) labelled words in \(Set(HeldOutSet.words.map(\.category)).count) categories",
            "**\(percent(score.wrongShare)) are wrong** (\(score.wrong.count) words with a feature ≥ 0.3",
            "**\(percent(score.informativeShare)) are informative** (\(score.informative) of the \(score.withExpected) words",
        ]
        for statement in statements {
            #expect(readme.contains(statement), "README.md should say: \(statement)")
        }
    }
}
