import TUIKit

/// What a key asks the app to do while browsing.
public enum AppCommand: Equatable, Sendable {
    case previousLesson, nextLesson, firstLesson, lastLesson
    case up, down
    case nextFocus, previousFocus
    case addWord, removeWord
    case cycleMetric
    case warmer, cooler
    case open
    case reset
    case help
    case toggleRealVectors
    case quit
    case jump(Int)
}

/// One key binding, declared once: `update`, the status bar and the help overlay all read this table.
public struct AppKeyBinding: Sendable {
    /// The keys and their help line ("← h PgUp  previous lesson").
    public let binding: KeyBinding
    public let command: AppCommand
    /// Its entry in the status bar ("←/→ lesson"), which may stand for a pair of bindings; nil: help only.
    public let status: KeyBinding?

    init(_ keys: [Key], _ command: AppCommand, _ help: String, label: String? = nil, status: (label: String, short: String)? = nil) {
        binding = KeyBinding(keys: keys, label: label, help: help, showsInStatusBar: false)
        self.command = command
        self.status = status.map { KeyBinding(keys: keys, label: $0.label, help: help, short: $0.short) }
    }
}

public enum AppKeys {
    public static let bindings: [AppKeyBinding] = [
        AppKeyBinding([.left, .character("h"), .pageUp], .previousLesson, "previous lesson", label: "←/h/PgUp", status: ("←/→", "lesson")),
        AppKeyBinding([.right, .character("l"), .pageDown], .nextLesson, "next lesson", label: "→/l/PgDn"),
        AppKeyBinding([.up, .character("k")], .up, "select the previous word, column or bar", label: "↑/k", status: ("↑/↓", "select")),
        AppKeyBinding([.down, .character("j")], .down, "select the next word, column or bar", label: "↓/j"),
        AppKeyBinding([.tab], .nextFocus, "focus the next panel (map, heatmap, weights)", label: "Tab", status: ("Tab", "focus")),
        AppKeyBinding([.backTab], .previousFocus, "focus the previous panel", label: "Shift-Tab"),
        AppKeyBinding([.character("a")], .addWord, "add a word (a new one is placed by its features)", status: ("a", "add")),
        AppKeyBinding([.character("d"), .delete], .removeWord, "remove the selected word", label: "d/Del", status: ("d", "remove")),
        AppKeyBinding([.character("m")], .cycleMetric, "switch metric: scaled dot → cosine → dot", status: ("m", "metric")),
        AppKeyBinding(
            [.character("+"), .character("=")], .warmer, "raise the softmax temperature (flatter weights)", label: "+/=",
            status: ("+/-", "temp")),
        AppKeyBinding([.character("-"), .character("_")], .cooler, "lower the softmax temperature (sharper weights)", label: "-/_"),
        AppKeyBinding([.enter], .open, "show how the highlighted number was computed", label: "Enter", status: ("Enter", "why")),
        AppKeyBinding([.character("r")], .reset, "reset the lesson"),
        AppKeyBinding(
            [.character("v")], .toggleRealVectors, "sandbox: named features ↔ the words' real GloVe 50-d vectors", status: ("v", "vectors")),
        AppKeyBinding((1...9).map { .character(Character(String($0))) }, .jump(0), "jump to lesson 1–9", label: "1-9"),
        AppKeyBinding([.home], .firstLesson, "first lesson", label: "Home"),
        AppKeyBinding([.end], .lastLesson, "last lesson (the sandbox)", label: "End"),
        AppKeyBinding([.character("?")], .help, "show or hide this help"),
        AppKeyBinding([.character("q"), .control("c")], .quit, "quit (words are kept)", label: "q/Ctrl-C", status: ("q", "quit")),
    ]

    /// The status bar while typing a word to add (the prompt's own keys).
    public static let promptStatus: [KeyBinding] = [
        KeyBinding(keys: [.enter], label: "Enter", help: "add the word", short: "add"),
        KeyBinding(keys: [.escape], label: "Esc", help: "cancel", short: "cancel"),
        KeyBinding(keys: [.tab], label: "Tab", help: "adjust a word-pack word's estimated features first", short: "adjust"),
        KeyBinding(keys: [.left, .right], label: "←/→", help: "move the cursor", short: "move"),
        KeyBinding(keys: [.backspace, .delete], label: "BS/Del", help: "delete a character", short: "delete"),
        KeyBinding(keys: [.control("c")], label: "Ctrl-C", help: "quit", short: "quit"),
    ]

    /// The status bar while placing a new word by its features.
    public static let placingStatus: [KeyBinding] = [
        KeyBinding(keys: [.up, .down], label: "↑/↓", help: "choose a feature", short: "feature"),
        KeyBinding(keys: [.left, .right], label: "←/→", help: "lower or raise it by 0.1", short: "value"),
        KeyBinding(keys: [.character("0")], label: "0", help: "set it to zero", short: "zero"),
        KeyBinding(keys: [.enter], label: "Enter", help: "add the word", short: "add"),
        KeyBinding(keys: [.escape], label: "Esc", help: "cancel", short: "cancel"),
        KeyBinding(keys: [.control("c")], label: "Ctrl-C", help: "quit", short: "quit"),
    ]

    /// The status bar's entries: quit first, so it shows on the narrowest screen; then table order.
    /// (The bar itself always ends with "? help".)
    public static var statusBar: [KeyBinding] {
        let entries = bindings.filter { $0.status != nil }
        return (entries.filter { $0.command == .quit } + entries.filter { $0.command != .quit }).compactMap(\.status)
    }

    /// The command a key means while browsing, or nil.
    public static func command(for key: Key) -> AppCommand? {
        guard let entry = bindings.first(where: { $0.binding.matches(key) }) else { return nil }
        // One binding stands for all nine digits; the digit pressed says where to jump.
        if case .jump = entry.command, case .character(let digit) = key, let number = digit.wholeNumberValue {
            return .jump(number)
        }
        return entry.command
    }
}
