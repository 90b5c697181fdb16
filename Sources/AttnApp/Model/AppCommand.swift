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
    public let keys: [Key]
    public let command: AppCommand
    /// What it does, for the help overlay.
    public let help: String
    /// Its short form in the status bar ("←/→ lesson"), or nil to leave it to the help overlay.
    public let status: String?

    init(_ keys: [Key], _ command: AppCommand, _ help: String, status: String? = nil) {
        self.keys = keys
        self.command = command
        self.help = help
        self.status = status
    }
}

public enum AppKeys {
    public static let bindings: [AppKeyBinding] =
        [
            AppKeyBinding([.left, .character("h"), .pageUp], .previousLesson, "previous lesson", status: "←/→ lesson"),
            AppKeyBinding([.right, .character("l"), .pageDown], .nextLesson, "next lesson"),
            AppKeyBinding([.up, .character("k")], .up, "select the previous word (or step)", status: "↑/↓ select"),
            AppKeyBinding([.down, .character("j")], .down, "select the next word (or step)"),
            AppKeyBinding([.tab], .nextFocus, "focus the next panel", status: "Tab focus"),
            AppKeyBinding([.backTab], .previousFocus, "focus the previous panel"),
            AppKeyBinding([.character("a")], .addWord, "add a word", status: "a add"),
            AppKeyBinding([.character("d"), .delete], .removeWord, "remove the selected word", status: "d remove"),
            AppKeyBinding([.character("m")], .cycleMetric, "switch metric: scaled dot → cosine → dot", status: "m metric"),
            AppKeyBinding([.character("+"), .character("=")], .warmer, "raise the softmax temperature (flatter)", status: "+/- temp"),
            AppKeyBinding([.character("-"), .character("_")], .cooler, "lower the softmax temperature (sharper)"),
            AppKeyBinding([.enter], .open, "show how the highlighted number was computed", status: "Enter why"),
            AppKeyBinding([.character("r")], .reset, "reset the lesson"),
            AppKeyBinding([.home], .firstLesson, "first lesson"),
            AppKeyBinding([.end], .lastLesson, "last lesson (sandbox)"),
        ]
        + (1...9).map { AppKeyBinding([.character(Character(String($0)))], .jump($0), "jump to lesson \($0)") }
        + [
            AppKeyBinding([.character("?")], .help, "show or hide this help", status: "? help"),
            AppKeyBinding([.character("q"), .control("c")], .quit, "quit", status: "q quit"),
        ]

    /// The command a key means while browsing, or nil.
    public static func command(for key: Key) -> AppCommand? {
        bindings.first { $0.keys.contains(key) }?.command
    }
}
