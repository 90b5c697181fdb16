// SPDX-License-Identifier: Apache-2.0

/// The one escaper for text that came from files or arguments: every output
/// format (text tables, CSV, JSON, error messages and warnings) passes such
/// text through `escaped(_:for:)` before it reaches a terminal.
///
/// It lives in a target of its own, below every other layer, because the file
/// readers' one-line error messages, the command line's outputs and the cell
/// buffer of the screen (`TUIKit`, which draws every such character as its
/// escape) all need the same rule.
///
/// A terminal acts on control characters instead of showing them: an `ESC ]`
/// can retitle the window or worse, a bidi override reorders what follows it.
/// So C0 controls, DEL, C1 controls, the bidi embedding/override/isolate marks
/// and the Unicode line and paragraph separators are written as visible
/// escapes; every other character is kept as it is.
public enum ControlEscaping {
    public enum Context: Sendable {
        /// One line of human-readable text: `\u{1b}`, `\n`, `\t`, … (a backslash stays as it is).
        case text
        /// Multi-line human-readable text: as `.text`, but line feeds are kept.
        case lines
        /// The inside of a JSON string: `\"`, `\\`, `\n`, and `\u001b` for the rest.
        case json
    }

    /// Whether a terminal would act on `scalar` rather than show it.
    public static func needsEscaping(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7F..<0xA0: true
        // Arabic letter mark, LRM/RLM, LRE…RLO, LRI…PDI.
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        // Line and paragraph separators break a line on some terminals.
        case 0x2028, 0x2029: true
        default: false
        }
    }

    /// `text` with everything `needsEscaping` reports written as a visible escape.
    public static func escaped(_ text: String, for context: Context = .text) -> String {
        if context != .json, !text.unicodeScalars.contains(where: needsEscaping) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch (scalar, context) {
            case ("\"", .json): out += "\\\""
            case ("\\", .json): out += "\\\\"
            case ("\n", .lines): out.unicodeScalars.append(scalar)
            case ("\n", _): out += "\\n"
            case ("\r", _): out += "\\r"
            case ("\t", _): out += "\\t"
            case _ where needsEscaping(scalar):
                let hex = String(scalar.value, radix: 16)
                if context == .json {
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out += "\\u{" + hex + "}"
                }
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
