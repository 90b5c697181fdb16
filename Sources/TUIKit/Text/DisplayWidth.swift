// SPDX-License-Identifier: Apache-2.0

import TextEscaping

/// How many terminal columns text occupies.
///
/// Not `count`: East Asian wide and fullwidth characters and most emoji take
/// two columns, combining marks and zero-width joiners take none. The table
/// follows Unicode's East Asian Width (W and F) closely enough for a terminal;
/// it does not depend on the process locale (libc's `wcwidth` does).
///
/// A character a terminal would act on (`ControlEscaping.needsEscaping`: C0 and
/// C1 controls, DEL, bidi marks, line and paragraph separators) is drawn as its
/// escape (`\u{202e}`, `\n`), so it measures as wide as that escape: text from
/// files never hides, reorders or breaks what the screen shows.
public enum DisplayWidth {
    /// Columns of one grapheme cluster: the width of its first scalar that is not zero-width,
    /// or of its escape.
    public static func of(_ character: Character) -> Int { measure(character).width }

    /// Whether `character` is drawn as its escape rather than as itself.
    public static func isEscaped(_ character: Character) -> Bool { measure(character).isEscaped }

    /// `of` and `isEscaped` in one look at the character.
    ///
    /// Reads the first scalar from the UTF-8 bytes itself: `asciiValue` and
    /// `unicodeScalars.first` cost a string comparison and an index check per
    /// character, and this runs for every character of every frame.
    static func measure(_ character: Character) -> (width: Int, isEscaped: Bool) {
        var bytes = character.utf8.makeIterator()
        guard let lead = bytes.next() else { return (0, false) }
        if lead < 0x80 {
            if lead >= 0x20 && lead != 0x7F {
                // A printable ASCII letter, perhaps with combining marks: one column.
                return (1, false)
            }
            // A control (or "\r\n", one Character): drawn as its escape.
            return (escaped(character).utf8.count, true)
        }
        // Swift strings hold valid UTF-8: the lead byte says how many bytes follow.
        let count = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1
        var value = UInt32(lead) & (lead >= 0xF0 ? 0x07 : lead >= 0xE0 ? 0x0F : 0x1F)
        for _ in 0..<count { value = value << 6 | UInt32(bytes.next() ?? 0x80) & 0x3F }
        guard let first = Unicode.Scalar(value) else { return (1, false) }
        // Such characters are clusters of their own (Unicode's grapheme rules break around controls).
        if ControlEscaping.needsEscaping(first) { return (escaped(character).utf8.count, true) }
        guard bytes.next() != nil else { return (of(first), false) }
        return (clusterWidth(character, first: first), false)
    }

    /// What the screen shows for a character that `isEscaped`: printable ASCII.
    static func escaped(_ character: Character) -> String {
        ControlEscaping.escaped(String(character), for: .text)
    }

    /// A cluster of two or more scalars.
    private static func clusterWidth(_ character: Character, first: Unicode.Scalar) -> Int {
        let scalars = character.unicodeScalars
        // A flag is a pair of regional indicators, one glyph two columns wide.
        if scalars.allSatisfy(isRegionalIndicator) { return 2 }
        // An emoji sequence (joined with ZWJ) or an emoji asked for in emoji style (VS16) is drawn as an emoji: two columns.
        if first.properties.isEmoji, scalars.contains(where: { $0.value == 0x200D || $0.value == 0xFE0F }) { return 2 }
        for scalar in scalars {
            let width = of(scalar)
            if width > 0 { return width }
        }
        return 0
    }

    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v == 0 { return 0 }
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if v < 0x300 { return 1 }
        // Arrows, box drawing, blocks, shapes, symbols, dingbats and braille (most glyphs the
        // widgets draw): no zero-width character among them, so no property lookup.
        if v >= 0x2190 && v < 0x2C00 { return isWide(v) ? 2 : 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v == 0x200B || (0xFE00...0xFE0F).contains(v) || (0xE0100...0xE01EF).contains(v) { return 0 }
        return isWide(v) ? 2 : 1
    }

    /// Columns of a whole string.
    public static func of<S: StringProtocol>(_ text: S) -> Int {
        // Printable ASCII, most labels and numbers: one column per byte.
        var ascii = 0
        for byte in text.utf8 {
            guard byte >= 0x20 && byte < 0x7F else { return text.reduce(0) { $0 + of($1) } }
            ascii += 1
        }
        return ascii
    }

    static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool { (0x1F1E6...0x1F1FF).contains(scalar.value) }

    /// The scalars of a cluster that a terminal cell can take: its first scalar and
    /// the zero-width marks right after it (five in all at most, ncurses' limit).
    ///
    /// A joiner (ZWJ), a tag or a second spacing scalar ends it: an emoji sequence
    /// (👨‍👩‍👧) is drawn as its first emoji, a flag as its first regional indicator,
    /// so no terminal ever receives a joiner that could glue the cluster to the
    /// next cell's character.
    public static func drawableScalars(of symbol: String) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        for scalar in symbol.unicodeScalars {
            if result.isEmpty {
                result.append(scalar)
                continue
            }
            let v = scalar.value
            if v == 0x200D || (0xE0000...0xE007F).contains(v) || of(scalar) > 0 || result.count == 5 { break }
            result.append(scalar)
        }
        return result
    }

    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
            0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
            0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA,
            0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
            0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
            0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
            0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
            0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F320,
            0x1F32D...0x1F335, 0x1F337...0x1F37C, 0x1F37E...0x1F393, 0x1F3A0...0x1F3CA,
            0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0, 0x1F3F4, 0x1F3F8...0x1F43E, 0x1F440,
            0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567, 0x1F57A,
            0x1F595...0x1F596, 0x1F5A4, 0x1F5FB...0x1F64F, 0x1F680...0x1F6C5, 0x1F6CC,
            0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6D7, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC,
            0x1F7E0...0x1F7EB, 0x1F90C...0x1F93A, 0x1F93C...0x1F945, 0x1F947...0x1F9FF,
            0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// The longest prefix of `text` that fits in `columns`, never splitting a wide character.
    public static func prefix(_ text: String, fitting columns: Int) -> String {
        var used = 0
        var result = ""
        for character in text {
            let width = of(character)
            if used + width > columns { break }
            used += width
            result.append(character)
        }
        return result
    }

    /// `text` cut to `columns`, ending in "…" when it had to be cut.
    ///
    /// Looks at no more of `text` than fits (plus one character), so cutting a
    /// huge string costs what is shown, not its length.
    public static func truncate(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        var used = 0
        var cut: String.Index?
        var index = text.startIndex
        while index < text.endIndex {
            let width = of(text[index])
            if cut == nil && used + width > columns - 1 { cut = index }
            if used + width > columns { return String(text[..<(cut ?? index)]) + "…" }
            used += width
            index = text.index(after: index)
        }
        return text
    }
}
