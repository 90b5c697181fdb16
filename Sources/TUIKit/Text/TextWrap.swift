// SPDX-License-Identifier: Apache-2.0

/// Greedy word wrapping measured in terminal columns.
///
/// Lines break at spaces; a word longer than the width is broken wherever the
/// width runs out (never inside a wide character); line feeds always break
/// and an empty line stays an empty line. Spaces at a break are dropped,
/// indentation at the start of a paragraph is kept, and a tab counts as four spaces.
public enum TextWrap {
    /// The lines of `text` wrapped to `width` columns; no lines when `width` < 1.
    public static func wrap(_ text: String, width: Int) -> [String] {
        let styled = text.map { ($0, Style.plain) }
        return wrap(styled, width: width).map { String($0.map(\.0)) }
    }

    /// Styled text wrapped to `width` columns, styles kept character by character.
    public static func wrap(_ text: StyledText, width: Int) -> [[(Character, Style)]] {
        wrap(text.styledCharacters, width: width)
    }

    static func wrap(_ characters: [(Character, Style)], width: Int) -> [[(Character, Style)]] {
        guard width > 0 else { return [] }
        var lines: [[(Character, Style)]] = []
        var paragraph: [(Character, Style)] = []
        for item in characters {
            // Only a line feed breaks a line: other separators (U+2028, U+0085, a lone CR)
            // in a word from a file are shown as their escapes, never obeyed.
            if item.0 == "\n" || item.0 == "\r\n" {
                lines += wrapParagraph(paragraph, width: width)
                paragraph = []
            } else if item.0 == "\t" {
                paragraph += Array(repeating: (" ", item.1), count: 4)
            } else {
                paragraph.append(item)
            }
        }
        lines += wrapParagraph(paragraph, width: width)
        return lines
    }

    private typealias Run = [(Character, Style)]

    private static func wrapParagraph(_ paragraph: Run, width: Int) -> [Run] {
        var lines: [Run] = []
        var current: Run = []
        var currentWidth = 0
        // Runs of spaces and of other characters are ranges of `paragraph`, not copies.
        var pendingSpace = 0..<0
        var atParagraphStart = true
        var index = paragraph.startIndex
        while index < paragraph.endIndex {
            let isSpace = paragraph[index].0 == " "
            var end = index + 1
            while end < paragraph.endIndex && (paragraph[end].0 == " ") == isSpace { end += 1 }
            let token = index..<end
            index = end
            if isSpace {
                if atParagraphStart {
                    // Indentation is meaningful (formulas, lists); keep what fits.
                    for item in paragraph[token] where currentWidth < width {
                        current.append(item)
                        currentWidth += 1
                    }
                } else {
                    pendingSpace = token
                }
                continue
            }
            atParagraphStart = false
            let wordWidth = columns(paragraph[token])
            if currentWidth + pendingSpace.count + wordWidth <= width {
                current += paragraph[pendingSpace]
                current += paragraph[token]
                currentWidth += pendingSpace.count + wordWidth
            } else {
                if !current.isEmpty { lines.append(current) }
                current = []
                currentWidth = 0
                if wordWidth <= width {
                    current += paragraph[token]
                    currentWidth = wordWidth
                } else {
                    var chunks = breakWord(paragraph[token], width: width)
                    let last = chunks.removeLast()
                    lines += chunks
                    current = last
                    currentWidth = columns(last[...])
                }
            }
            pendingSpace = 0..<0
        }
        lines.append(current)
        return lines
    }

    private static func columns(_ run: ArraySlice<(Character, Style)>) -> Int {
        run.reduce(0) { $0 + DisplayWidth.of($1.0) }
    }

    /// Pieces of at most `width` columns; a character wider than `width` gets a piece of its own.
    private static func breakWord(_ word: ArraySlice<(Character, Style)>, width: Int) -> [Run] {
        var chunks: [Run] = []
        var chunk: Run = []
        var used = 0
        for item in word {
            let w = DisplayWidth.of(item.0)
            if used + w > width && !chunk.isEmpty {
                chunks.append(chunk)
                chunk = []
                used = 0
            }
            chunk.append(item)
            used += w
        }
        if !chunk.isEmpty || chunks.isEmpty { chunks.append(chunk) }
        return chunks
    }
}
