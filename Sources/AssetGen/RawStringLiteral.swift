// SPDX-License-Identifier: Apache-2.0

/// Swift source for a raw multi-line string literal whose value is exactly a given text.
enum RawStringLiteral {
    /// The `#`s the literal needs: one more than the longest run of `#` that
    /// follows a quote (with enough of them, `"""` would close the literal
    /// early) or a backslash (`\#n`, `\#(…)` and a `\#` at a line's end
    /// would be an escape, an interpolation or a line continuation).
    static func delimiter(for text: String) -> String {
        var longest = 0
        var run = -1
        for character in text.unicodeScalars {
            if character == "\"" || character == "\\" {
                run = 0
            } else if character == "#", run >= 0 {
                run += 1
                longest = max(longest, run)
            } else {
                run = -1
            }
        }
        return String(repeating: "#", count: longest + 1)
    }

    /// The literal, `#"""` … `"""#`; line breaks are `\n` (a `\r\n` in the text becomes `\n`).
    static func source(for text: String) -> String {
        let normalised = text.split(separator: "\r\n", omittingEmptySubsequences: false).joined(separator: "\n")
        let hashes = delimiter(for: normalised)
        return "\(hashes)\"\"\"\n\(normalised)\n\"\"\"\(hashes)"
    }
}
