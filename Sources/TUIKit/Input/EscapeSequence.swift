// SPDX-License-Identifier: Apache-2.0

/// What an `ESC` read from the terminal turns out to start.
///
/// A terminal library decodes the sequences its terminal description lists
/// (arrows, Home, …); everything else reaches the program byte by byte. Read
/// that way, Alt-d (`ESC d`) would be Esc then `d`, and an unknown sequence
/// such as `ESC [ 31 m` or a bracketed paste's `ESC [ 200 ~` would run `3`,
/// `1`, `m`, … as commands. This decoder reads the whole sequence first.
public enum EscapeSequence {
    public enum Outcome: Hashable, Sendable {
        /// Esc on its own.
        case escape
        /// A sequence this program knows as a key (arrows and the like, in forms the
        /// terminal description did not list).
        case key(Key)
        /// The text of a bracketed paste (`ESC [ 200 ~` … `ESC [ 201 ~`).
        case paste(String)
        /// A whole sequence that means nothing here (Alt+key, colours, reports, modified keys).
        case ignored
    }

    /// The most parameter bytes of a control sequence kept (a paste is limited separately).
    ///
    /// Only what is kept is limited, never what is read: a longer sequence is still read
    /// to its end, so none of its bytes runs as a key (a 300-byte `ESC [ 3…3 m` once
    /// jumped to lesson 3, a long OSC title quit). Its end is its final byte, its
    /// terminator, or a pause in the input (`next` returning nil).
    static let sequenceLimit = 256
    /// The most pasted text kept; the rest of a longer paste is read and dropped.
    public static let pasteLimit = 64 * 1024

    /// Decodes what follows an `ESC`; `next` returns the next scalar if one arrives
    /// within the escape delay, else nil (so a lone Esc is `.escape`).
    public static func decode(next: () -> Unicode.Scalar?) -> Outcome {
        guard let first = next() else { return .escape }
        switch first {
        case "[": return controlSequence(next: next)
        case "O":
            // SS3: one more character names the key, after modifier digits in some
            // terminals (`ESC O 5 P`); `ESC O` alone was Alt-O.
            var modified = false
            while let scalar = next() {
                if (0x30...0x3F).contains(scalar.value) {
                    modified = true
                    continue
                }
                return modified ? .ignored : ss3Keys[scalar].map(Outcome.key) ?? .ignored
            }
            return .ignored
        case "]", "P", "_", "^", "X":
            // OSC, DCS, APC, PM, SOS: a string up to BEL or ST (`ESC \`).
            var previous: Unicode.Scalar = "\u{0}"
            while let scalar = next() {
                if scalar == "\u{07}" || (previous == "\u{1B}" && scalar == "\\") { break }
                previous = scalar
            }
            return .ignored
        case "\u{1B}":
            // Esc pressed twice quickly, or Alt-Esc: one Esc.
            return .escape
        default:
            // Alt plus a key: nothing is bound to Alt here.
            return .ignored
        }
    }

    /// `ESC [` parameters (0x30–0x3F), intermediates (0x20–0x2F), then a final byte (0x40–0x7E).
    private static func controlSequence(next: () -> Unicode.Scalar?) -> Outcome {
        var parameters = ""
        var overlong = false
        while let scalar = next() {
            switch scalar.value {
            case 0x20...0x3F:
                if parameters.unicodeScalars.count < sequenceLimit {
                    parameters.unicodeScalars.append(scalar)
                } else {
                    overlong = true
                }
            case 0x40...0x7E:
                // No key or paste marker has that many parameters.
                if overlong { return .ignored }
                if parameters == "200" && scalar == "~" { return .paste(pastedText(next: next)) }
                return csiKey(parameters: parameters, final: scalar).map(Outcome.key) ?? .ignored
            default:
                // Not part of a control sequence: the sequence was cut short.
                return .ignored
            }
        }
        return .ignored
    }

    /// The pasted text up to `ESC [ 201 ~` (or until input pauses), at most `pasteLimit` scalars.
    private static func pastedText(next: () -> Unicode.Scalar?) -> String {
        let end = Array("\u{1B}[201~".unicodeScalars)
        var text = String.UnicodeScalarView()
        var matched = 0
        var kept = 0
        func keep(_ scalars: some Sequence<Unicode.Scalar>) {
            for scalar in scalars where kept < pasteLimit {
                text.append(scalar)
                kept += 1
            }
        }
        while let scalar = next() {
            if scalar == end[matched] {
                matched += 1
                if matched == end.count { return String(text) }
                continue
            }
            // The start of an end marker that did not complete was ordinary text.
            keep(end[0..<matched])
            matched = scalar == end[0] ? 1 : 0
            if matched == 0 { keep(CollectionOfOne(scalar)) }
        }
        keep(end[0..<matched])
        return String(text)
    }

    /// Keys in their plain, unmodified forms; with a modifier (`1;5A`) they mean nothing here.
    private static func csiKey(parameters: String, final: Unicode.Scalar) -> Key? {
        switch (parameters, final) {
        case ("", "A"): .up
        case ("", "B"): .down
        case ("", "C"): .right
        case ("", "D"): .left
        case ("", "H"): .home
        case ("", "F"): .end
        case ("", "Z"): .backTab
        case ("1", "~"), ("7", "~"): .home
        case ("4", "~"), ("8", "~"): .end
        case ("3", "~"): .delete
        case ("5", "~"): .pageUp
        case ("6", "~"): .pageDown
        default: nil
        }
    }

    private static let ss3Keys: [Unicode.Scalar: Key] = [
        "A": .up, "B": .down, "C": .right, "D": .left, "H": .home, "F": .end, "M": .enter,
    ]
}
