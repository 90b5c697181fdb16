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

/// Keys the pair lessons share: `p` walks through the lesson's pairs, ↑/↓ highlight a feature.
enum PairKeys {
    static let nextPair = LessonKey([.character("p")], "next-pair", help: "show the next pair of words", short: "pair")
    static let featureUp = LessonKey(
        [.up, .character("k")], "feature-up", help: "highlight the feature above (↓: below)", label: "↑/↓", short: "feature")
    /// Help only: ↑'s entry stands for both in the status bar.
    static let featureDown = LessonKey(
        [.down, .character("j")], "feature-down", help: "highlight the feature below", label: "↓/j", short: "")

    /// The highlighted feature after ↑/↓ (wrapping), or nil for another action.
    static func movedFeature(_ action: String, from feature: Int, count: Int) -> Int? {
        guard count > 0 else { return nil }
        switch action {
        case featureUp.action: return (feature + count - 1) % count
        case featureDown.action: return (feature + 1) % count
        default: return nil
        }
    }
}
