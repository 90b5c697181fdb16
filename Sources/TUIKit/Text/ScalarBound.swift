// SPDX-License-Identifier: Apache-2.0

/// How many Unicode scalars one character (grapheme cluster) may hold where words come in.
///
/// Unicode's stream-safe text format (UAX #15) allows 30 combining marks in a row, and the longest
/// emoji sequences hold about 10 scalars; a `b` followed by 5,000 combining marks is still one
/// character, so a limit counted in characters alone bounds neither bytes nor the cost of drawing.
public enum ScalarBound {
    /// The most scalars in one character.
    public static let perCharacter = 32

    /// Whether `character` holds at most `perCharacter` scalars (looks at no more than that many and one).
    public static func fits(_ character: Character) -> Bool {
        var count = 0
        for _ in character.unicodeScalars {
            count += 1
            if count > perCharacter { return false }
        }
        return true
    }

    /// `character` cut to its first `perCharacter` scalars (the base and the marks nearest it).
    public static func cut(_ character: Character) -> String {
        fits(character) ? String(character) : String(String.UnicodeScalarView(character.unicodeScalars.prefix(perCharacter)))
    }
}
