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
        var pendingSpace: Run = []
        var atParagraphStart = true

        for (isSpace, run) in tokens(paragraph) {
            if isSpace {
                if atParagraphStart {
                    // Indentation is meaningful (formulas, lists); keep what fits.
                    for item in run where currentWidth < width {
                        current.append(item)
                        currentWidth += 1
                    }
                } else {
                    pendingSpace = run
                }
                continue
            }
            atParagraphStart = false
            let wordWidth = columns(run)
            if currentWidth + pendingSpace.count + wordWidth <= width {
                current += pendingSpace + run
                currentWidth += pendingSpace.count + wordWidth
            } else {
                if !current.isEmpty { lines.append(current) }
                current = []
                currentWidth = 0
                if wordWidth <= width {
                    current = run
                    currentWidth = wordWidth
                } else {
                    var chunks = breakWord(run, width: width)
                    let last = chunks.removeLast()
                    lines += chunks
                    current = last
                    currentWidth = columns(last)
                }
            }
            pendingSpace = []
        }
        lines.append(current)
        return lines
    }

    /// Alternating runs of spaces and of non-space characters.
    private static func tokens(_ paragraph: Run) -> [(Bool, Run)] {
        var result: [(Bool, Run)] = []
        for item in paragraph {
            let isSpace = item.0 == " "
            if let last = result.last, last.0 == isSpace {
                result[result.count - 1].1.append(item)
            } else {
                result.append((isSpace, [item]))
            }
        }
        return result
    }

    private static func columns(_ run: Run) -> Int { run.reduce(0) { $0 + DisplayWidth.of($1.0) } }

    /// Pieces of at most `width` columns; a character wider than `width` gets a piece of its own.
    private static func breakWord(_ word: Run, width: Int) -> [Run] {
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
