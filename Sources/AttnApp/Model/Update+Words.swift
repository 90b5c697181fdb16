// SPDX-License-Identifier: Apache-2.0

import AttnMath
import TUIKit

/// Adding a word: looked up at once, or placed by hand feature by feature.
extension AppState {
    mutating func submitWord(_ text: String) -> [Effect] {
        guard !text.isEmpty else {
            message = "no word typed"
            return []
        }
        guard !text.contains(where: \.isWhitespace) else {
            message = "one word at a time (no spaces)"
            return []
        }
        if let existing = words.firstIndex(where: { WordLookup.candidates(for: text).contains($0.word) }) {
            workspace.selectIndex(existing)
            message = "\(words[existing].word) is already in play"
            return []
        }
        guard words.count < Workspace.wordLimit else {
            message = "\(Workspace.wordLimit) words are in play, the most there can be: d removes one first"
            return []
        }
        if let known = lookUp(text) {
            // A pack word none of the features describes has all-zero features: no direction, no
            // cosine, nowhere on the map. The learner places it, as a word the pack lacks.
            guard known.isEstimated && !known.vector.contains(where: { $0 != 0 }) else { return add(known) }
            mode = .placing(Placement(word: known.word, vector: placementStart(), feature: 0))
            message = "'\(known.word)' has no estimated features (none of the \(space.dimension) fits it): place it with ↑/↓ ←/→, Enter"
            return []
        }
        guard workspace.vocabulary != .realVectors || environment.file != nil else {
            message = "'\(text)' has no GloVe vector here: press v for the named features to place it"
            return []
        }
        mode = .placing(Placement(word: text.lowercased(), vector: placementStart(), feature: 0))
        message = "'\(text)' is new: set its features with ↑/↓ ←/→, Enter to add"
        return []
    }

    private mutating func add(_ word: WordInPlay) -> [Effect] {
        workspace.add(word)
        message = word.isEstimated ? "added \(word.label) (\(word.category), features estimated from GloVe)" : "added \(word.word)"
        return [.save]
    }

    /// Where a placed word starts: the average of the words in play (a small vector without any).
    private func placementStart() -> [Double] {
        words.isEmpty ? [Double](repeating: 0.1, count: space.dimension) : centroid()
    }

    private func centroid() -> [Double] {
        let sum = words.dropFirst().reduce(words[0].vector) { AttnMath.add($0, $1.vector) }
        return scale(sum, by: 1 / Double(words.count)).map { ($0 * 10).rounded() / 10 }
    }

    /// Tab at the add-word prompt: a word-pack word opens the placement with its
    /// estimated features, to adjust before it is added (as the learner's own word).
    /// False when the typed word is not an estimated one.
    mutating func adjustBeforeAdding(_ text: String) -> Bool {
        let typed = text.trimmingWhitespace()
        guard !typed.isEmpty, let found = lookUp(typed), found.isEstimated else { return false }
        guard !words.contains(where: { $0.word == found.word }) else { return false }
        mode = .placing(Placement(word: found.word, vector: found.vector, feature: 0))
        message = "\(found.word): estimated features; adjust with ↑/↓ ←/→, Enter to add"
        return true
    }

    // MARK: Placing an unknown word

    /// The step ←/→ change a feature by.
    static let placementStep = 0.1

    mutating func place(_ key: Key, _ placement: Placement) -> [Effect] {
        var placement = placement
        let dimension = placement.vector.count
        switch key {
        case .escape, .control("c"):
            mode = .browsing
            message = "cancelled"
            return []
        case .enter:
            guard placement.vector.contains(where: { $0 != 0 }) else {
                message = "a word cannot be the zero vector: give it at least one feature"
                return []
            }
            let word = WordInPlay(word: placement.word, vector: placement.vector, origin: .custom)
            // Only this vocabulary's placement of the name is replaced; one made for another (a file's d dimensions) stays.
            workspace.keepPlaced(word)
            mode = .browsing
            return add(word)
        case .up, .character("k"): placement.feature = (placement.feature + dimension - 1) % max(dimension, 1)
        case .down, .character("j"), .tab: placement.feature = (placement.feature + 1) % max(dimension, 1)
        case .left, .character("h"), .character("-"): nudge(&placement, by: -Self.placementStep)
        case .right, .character("l"), .character("+"): nudge(&placement, by: Self.placementStep)
        case .character("0"): placement.vector[placement.feature] = 0
        default: break
        }
        mode = .placing(placement)
        return []
    }

    private func nudge(_ placement: inout Placement, by step: Double) {
        guard placement.vector.indices.contains(placement.feature) else { return }
        let value = placement.vector[placement.feature] + step
        // Round to the step so repeated nudges show 0.3, not 0.30000000000000004.
        placement.vector[placement.feature] = min(1, max(-1, (value * 10).rounded() / 10))
    }
}
