// SPDX-License-Identifier: Apache-2.0

import AttnApp
import Vocabularies

/// Two lexicon words a lesson compares.
struct WordPair: Equatable, Sendable {
    let first: String
    let second: String

    init(_ first: String, _ second: String) {
        self.first = first
        self.second = second
    }

    var label: String { "\(first)·\(second)" }
}

/// What the pair lessons' keys do: `p` walks through the lesson's pairs, ↑/↓ highlight a feature.
enum PairAction: Hashable, Sendable {
    case nextPair, featureUp, featureDown

    static let keys: [LessonKey<PairAction>] = [
        LessonKey([.character("p")], .nextPair, help: "show the next pair of words", short: "pair"),
        LessonKey([.up, .character("k")], .featureUp, help: "highlight the feature above (↓: below)", label: "↑/↓", short: "feature"),
        // Help only: ↑'s entry stands for both in the status bar.
        LessonKey([.down, .character("j")], .featureDown, help: "highlight the feature below", label: "↓/j", short: ""),
    ]

    /// The highlighted feature after ↑/↓ (wrapping), or nil for another action.
    func movedFeature(from feature: Int, count: Int) -> Int? {
        guard count > 0 else { return nil }
        switch self {
        case .featureUp: return (feature + count - 1) % count
        case .featureDown: return (feature + 1) % count
        case .nextPair: return nil
        }
    }
}

/// The built-in lexicon's vectors by name: what an exercise's solution keys are computed from.
/// The checks read the live workspace; a solution is written before there is one.
enum LexiconVectors {
    static let vocabulary = Vocabulary.builtIn()

    static func vector(_ name: String) -> [Double] {
        guard let index = vocabulary.table.index(of: name) else { preconditionFailure("\(name) is not in the lexicon") }
        return vocabulary.table.vector(at: index)
    }
}

/// How many times to press a key, as a worked answer says it: "p once", "t twice", "p 4 times".
enum Presses {
    static func of(_ key: String, _ count: Int) -> String {
        switch count {
        case 0: "no \(key)"
        case 1: "\(key) once"
        case 2: "\(key) twice"
        default: "\(key) \(count) times"
        }
    }
}
