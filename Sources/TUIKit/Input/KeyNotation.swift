// SPDX-License-Identifier: Apache-2.0

/// A `<Name>` in key notation that names no key, or a `<Name` that is never closed.
public struct KeyNotationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The offending name as written, e.g. `<Lef>`, or `<Enter` when unclosed.
    public var name: String
    /// True when the name has no closing `>`.
    public var isUnclosed: Bool

    public init(name: String, isUnclosed: Bool = false) {
        self.name = name
        self.isUnclosed = isUnclosed
    }

    public var description: String {
        if isUnclosed { return "unclosed key name \(name): close it with '>' (or write <lt> for a literal <)" }
        return "unknown key \(name) (known: <Left> <Right> <Up> <Down> <Enter> <Esc> <Tab> <S-Tab> <BS> <Del> "
            + "<PageUp> <PageDown> <Home> <End> <Space> <C-x> <F1>…<F12> <lt>)"
    }
}

/// Vim-style key notation: `jj<Down><C-c>` is j, j, ↓, Ctrl-C.
///
/// Plain characters (any Unicode) are typed as themselves; `<Name>` is a
/// special key, names case-insensitive; `<lt>` is a literal `<`. A `<` that
/// does not open a `<Name>` (no closing `>`, or not a name inside) is the
/// character `<`, but a well-formed `<Name>` that names no key is an error,
/// and so is a name of two or more characters left unclosed (`<Enter`), so a
/// typo never silently types letters.
public enum KeyNotation {
    private static let named: [String: Key] = [
        "left": .left, "right": .right, "up": .up, "down": .down,
        "enter": .enter, "cr": .enter, "return": .enter,
        "esc": .escape, "escape": .escape,
        "tab": .tab, "s-tab": .backTab,
        "bs": .backspace, "backspace": .backspace,
        "del": .delete, "delete": .delete,
        "pageup": .pageUp, "pagedown": .pageDown, "pgup": .pageUp, "pgdn": .pageDown,
        "home": .home, "end": .end,
        "space": .character(" "), "lt": .character("<"), "gt": .character(">"),
        "bar": .character("|"), "bslash": .character("\\"),
    ]

    /// The keys `text` stands for.
    public static func parse(_ text: String) throws(KeyNotationError) -> [Key] {
        let characters = Array(text)
        var keys: [Key] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "<", let close = nameEnd(characters, from: index + 1) {
                let name = String(characters[(index + 1)..<close])
                guard let key = key(named: name) else { throw KeyNotationError(name: "<\(name)>") }
                keys.append(key)
                index = close + 1
                continue
            }
            if character == "<", let unclosed = unclosedName(characters, from: index + 1) {
                throw KeyNotationError(name: "<" + unclosed, isUnclosed: true)
            }
            keys.append(key(for: character))
            index += 1
        }
        return keys
    }

    /// Index of the `>` closing a name that starts at `start`: a letter, then letters, digits or `-`.
    private static func nameEnd(_ characters: [Character], from start: Int) -> Int? {
        guard start < characters.count, characters[start].isASCII, characters[start].isLetter else { return nil }
        var index = start
        while index < characters.count {
            let c = characters[index]
            if c == ">" { return index }
            guard c.isASCII, c.isLetter || c.isNumber || c == "-" else { return nil }
            index += 1
        }
        return nil
    }

    /// The name after a `<` that has no closing `>`: a letter and at least one more
    /// name character, up to the end or the first character a name cannot hold.
    /// A single letter (`a<b`) is nil: that reads as the character `<`.
    private static func unclosedName(_ characters: [Character], from start: Int) -> String? {
        guard start < characters.count, characters[start].isASCII, characters[start].isLetter else { return nil }
        var end = start
        while end < characters.count, characters[end].isASCII,
            characters[end].isLetter || characters[end].isNumber || characters[end] == "-"
        {
            end += 1
        }
        return end - start >= 2 ? String(characters[start..<end]) : nil
    }

    private static func key(named name: String) -> Key? {
        let lower = name.lowercased()
        if let key = named[lower] { return key }
        if lower.hasPrefix("c-"), lower.count == 3, let letter = lower.last, letter.isLetter { return .control(letter) }
        if lower.hasPrefix("f"), let number = Int(lower.dropFirst()), (1...24).contains(number) { return .function(number) }
        return nil
    }

    /// A typed character as a key: line breaks are Enter, raw control codes their keys.
    private static func key(for character: Character) -> Key {
        if character.isNewline { return .enter }
        guard character.unicodeScalars.count == 1, let value = character.unicodeScalars.first?.value else { return .character(character) }
        switch value {
        case 9: return .tab
        case 8, 0x7F: return .backspace
        case 0x1B: return .escape
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(0x60 + value))))
        default: return .character(character)
        }
    }

    /// The notation that `parse` reads back as `key`.
    public static func notation(_ key: Key) -> String {
        switch key {
        case .character("<"): "<lt>"
        case .character(" "): "<Space>"
        case .character(let c): String(c)
        case .enter: "<Enter>"
        case .escape: "<Esc>"
        case .tab: "<Tab>"
        case .backTab: "<S-Tab>"
        case .backspace: "<BS>"
        case .delete: "<Del>"
        case .up: "<Up>"
        case .down: "<Down>"
        case .left: "<Left>"
        case .right: "<Right>"
        case .pageUp: "<PageUp>"
        case .pageDown: "<PageDown>"
        case .home: "<Home>"
        case .end: "<End>"
        case .control(let c): "<C-\(c)>"
        case .function(let n): "<F\(n)>"
        }
    }

    public static func notation(_ keys: [Key]) -> String { keys.map { notation($0) }.joined() }

    /// How a key is shown to people in help text: `←`, `Enter`, `Ctrl-C`, `Space`, `q`.
    public static func symbol(_ key: Key) -> String {
        switch key {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Delete"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .control(let c): "Ctrl-\(c.uppercased())"
        case .function(let n): "F\(n)"
        }
    }
}
