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
    case quit
    case jump(Int)
}

/// One key binding, declared once: `update`, the status bar and the help overlay all read this table.
public struct AppKeyBinding: Sendable {
    public let binding: KeyBinding
    public let command: AppCommand

    init(_ keys: [Key], _ command: AppCommand, _ help: String, label: String? = nil, short: String? = nil) {
        binding = KeyBinding(keys: keys, label: label, help: help, short: short, showsInStatusBar: short != nil)
        self.command = command
    }
}

public enum AppKeys {
    public static let bindings: [AppKeyBinding] =
        [
            AppKeyBinding([.left, .character("h"), .pageUp], .previousLesson, "previous lesson", label: "←/→", short: "lesson"),
            AppKeyBinding([.right, .character("l"), .pageDown], .nextLesson, "next lesson", label: "→/l/PgDn"),
            AppKeyBinding([.up, .character("k")], .up, "select the previous word", label: "↑/↓", short: "select"),
            AppKeyBinding([.down, .character("j")], .down, "select the next word", label: "↓/j"),
            AppKeyBinding([.tab], .nextFocus, "focus the next panel", label: "Tab", short: "focus"),
            AppKeyBinding([.backTab], .previousFocus, "focus the previous panel", label: "Shift-Tab"),
            AppKeyBinding([.character("a")], .addWord, "add a word", short: "add"),
            AppKeyBinding([.character("d"), .delete], .removeWord, "remove the selected word", label: "d/Del", short: "remove"),
            AppKeyBinding([.character("m")], .cycleMetric, "switch metric: scaled dot → cosine → dot", short: "metric"),
            AppKeyBinding(
                [.character("+"), .character("=")], .warmer, "raise the softmax temperature (flatter weights)", label: "+/-",
                short: "temp"),
            AppKeyBinding([.character("-"), .character("_")], .cooler, "lower the softmax temperature (sharper weights)", label: "-"),
            AppKeyBinding([.enter], .open, "show how the highlighted number was computed", label: "Enter", short: "why"),
            AppKeyBinding([.character("r")], .reset, "reset the lesson"),
            AppKeyBinding([.home], .firstLesson, "first lesson", label: "Home"),
            AppKeyBinding([.end], .lastLesson, "last lesson (the sandbox)", label: "End"),
        ]
        + [
            AppKeyBinding((1...9).map { .character(Character(String($0))) }, .jump(0), "jump to lesson 1–9", label: "1-9"),
            AppKeyBinding([.character("?")], .help, "show or hide this help", short: "help"),
            AppKeyBinding([.character("q"), .control("c")], .quit, "quit", label: "q", short: "quit"),
        ]

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
