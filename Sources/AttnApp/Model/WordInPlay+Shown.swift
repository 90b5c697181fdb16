import TUIKit

extension WordInPlay {
    /// The most characters of a word the app keeps for drawing. Wider than any
    /// panel shows, so panels still cut it to fit; but a file's 1 MB token costs
    /// this much, once, instead of its whole length in every frame.
    public static let shownLimit = 64

    /// `name` as the app draws it: at most `shownLimit` characters, then "…".
    /// Only the first `shownLimit + 1` characters are looked at, so a huge token costs no more.
    public static func shown(_ name: String) -> String {
        var end = name.startIndex
        for _ in 0..<shownLimit {
            guard end < name.endIndex else { return name }
            end = name.index(after: end)
        }
        return end == name.endIndex ? name : String(name[..<end]) + "…"
    }
}
