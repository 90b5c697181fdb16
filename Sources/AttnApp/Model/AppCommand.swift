// SPDX-License-Identifier: Apache-2.0

import TUIKit

/// What a key asks the app to do while browsing.
public enum AppCommand: Hashable, Sendable {
    case previousStep, nextStep
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
    /// An exercise step: answer a number task, show the hints, show the worked answers.
    case answer, hint, reveal
    /// An exercise step with a number task: a digit (or `.`, `-`) typed starts the answer with it.
    case startAnswer(Character)
    /// The course map and the glossary.
    case courseMap, glossary
    /// One of the lesson's own keys (the key pressed: the lesson knows its action).
    case lesson(Key)
}

/// One key binding, declared once: `update`, the status bar and the help overlay all read this table.
public struct AppKeyBinding: Sendable {
    /// The keys and their help line ("← h  previous step").
    public let binding: KeyBinding
    public let command: AppCommand
    /// Its entry in the status bar ("←/→ step"), which may stand for a pair of bindings; nil: help only.
    public let status: KeyBinding?

    init(_ keys: [Key], _ command: AppCommand, _ help: String, label: String? = nil, status: (label: String, short: String)? = nil) {
        binding = KeyBinding(keys: keys, label: label, help: help, showsInStatusBar: false)
        self.command = command
        self.status = status.map { KeyBinding(keys: keys, label: $0.label, help: help, short: $0.short) }
    }

    /// A lesson key with an empty `short` is listed in help only (the second key of a ↑/↓ pair, say).
    init(_ key: ErasedLessonKey) {
        self.init(
            key.keys, .lesson(key.keys[0]), key.help, label: key.label,
            status: key.showsInStatusBar && !key.short.isEmpty
                ? (key.label ?? key.keys.map { KeyNotation.symbol($0) }.joined(separator: "/"), key.short) : nil)
    }
}

public enum AppKeys {
    /// Keys that work in every lesson: moving through the course, focus, help, quit.
    public static let navigation: [AppKeyBinding] = [
        AppKeyBinding(
            [.right, .character("l")], .nextStep, "next step (then on into the next lesson)", label: "→/l", status: ("←/→", "step")),
        AppKeyBinding([.left, .character("h")], .previousStep, "previous step", label: "←/h"),
        AppKeyBinding([.pageDown], .nextLesson, "next lesson, at its first step", label: "PgDn"),
        AppKeyBinding([.pageUp], .previousLesson, "previous lesson, at its first step", label: "PgUp"),
        AppKeyBinding([.tab], .nextFocus, "focus the next panel", label: "Tab", status: ("Tab", "focus")),
        AppKeyBinding([.backTab], .previousFocus, "focus the previous panel", label: "Shift-Tab"),
        AppKeyBinding([.character("r")], .reset, "reset this step (the sandbox: its start words)"),
        AppKeyBinding((1...9).map { .character(Character(String($0))) }, .jump(0), "jump to lesson 1–9", label: "1-9"),
        AppKeyBinding([.home], .firstLesson, "first lesson", label: "Home"),
        AppKeyBinding([.end], .lastLesson, "last lesson (the sandbox)", label: "End"),
        AppKeyBinding([.character("g")], .courseMap, "the course map: every lesson and step, your ticks"),
        AppKeyBinding([.character("/")], .glossary, "the glossary: every term, defined, and the lesson that teaches it"),
        AppKeyBinding([.character("?")], .help, "show or hide this help"),
        AppKeyBinding([.character("q"), .control("c")], .quit, "quit (words are kept)", label: "q/Ctrl-C", status: ("q", "quit")),
    ]

    /// The shared panels' keys; a lesson says which of them work in each step.
    public static let shared: [AppKeyBinding] = [
        AppKeyBinding([.up, .character("k")], .up, "select the previous word, column or bar", label: "↑/k", status: ("↑/↓", "select")),
        AppKeyBinding([.down, .character("j")], .down, "select the next word, column or bar", label: "↓/j"),
        AppKeyBinding([.character("a")], .addWord, "add a word (a new one is placed by its features)", status: ("a", "add")),
        AppKeyBinding([.character("d"), .delete], .removeWord, "remove the selected word", label: "d/Del", status: ("d", "remove")),
        AppKeyBinding([.character("m")], .cycleMetric, "switch metric: scaled dot → cosine → dot", status: ("m", "metric")),
        AppKeyBinding(
            [.character("+"), .character("=")], .warmer, "raise the softmax temperature (flatter weights)", label: "+/=",
            status: ("+/-", "temp")),
        AppKeyBinding([.character("-"), .character("_")], .cooler, "lower the softmax temperature (sharper weights)", label: "-/_"),
        AppKeyBinding([.enter], .open, "show how the highlighted number was computed", label: "Enter", status: ("Enter", "why")),
    ]

    /// An exercise step's keys: they take Enter from "why" (in an exercise the learner works it out).
    static func exercise(for state: AppState) -> [AppKeyBinding] {
        let tasks = state.tasks
        guard !tasks.isEmpty else { return [] }
        var keys = [
            AppKeyBinding([.character("i")], .hint, "a hint for each open task", status: ("i", "hint")),
            AppKeyBinding([.character("x")], .reveal, "show each open task's answer, worked out", status: ("x", "reveal")),
        ]
        // Enter and a typed digit answer while a number task is open; once all are solved, Enter
        // opens the focused panel's "why" again, as on every other step.
        if tasks.contains(where: { $0.kind == .number && !state.isSolved(task: $0) }) {
            keys.insert(
                AppKeyBinding([.enter], .answer, "type the answer to a number task", label: "Enter", status: ("Enter", "answer")), at: 0)
            // A learner types the number straight away: here digits begin the answer instead of jumping
            // to lessons 1–9, and so do `.` and `-` where the lesson and its shared keys leave them free.
            let used = Set(
                state.currentLesson.keys(step: state.step).flatMap(\.keys)
                    + shared.filter { state.currentLesson.sharedCommands(step: state.step).contains($0.command) }.flatMap(\.binding.keys))
            let starts = ("0123456789.-").map(Key.character).filter { !used.contains($0) }
            let label = "0–9" + [".", "-"].filter { starts.contains(.character(Character($0))) }.map { " " + $0 }.joined()
            keys.append(AppKeyBinding(starts, .startAnswer("0"), "type a number: it begins the answer", label: label))
        }
        return keys
    }

    /// Every key that works now, in the order help lists them: the step keys, the lesson's own
    /// keys, an exercise's keys, the shared keys the lesson uses (unless one of its own takes the
    /// key), the rest.
    public static func bindings(for state: AppState) -> [AppKeyBinding] {
        let own = state.currentLesson.keys(step: state.step).map(AppKeyBinding.init) + exercise(for: state)
        let taken = Set(own.flatMap(\.binding.keys))
        let allowed = state.currentLesson.sharedCommands(step: state.step)
        // A key the lesson or its exercise takes is theirs: the shared and course entries keep only
        // their other keys, so help never lists one key twice (r restart and r reset, 1 answer and 1 jump).
        func untaken(_ entry: AppKeyBinding) -> AppKeyBinding? {
            let keys = entry.binding.keys.filter { !taken.contains($0) }
            guard !keys.isEmpty else { return nil }
            return keys.count == entry.binding.keys.count
                ? entry
                : AppKeyBinding(keys, entry.command, entry.binding.help, status: entry.status.map { ($0.label, $0.short ?? "") })
        }
        let shared = shared.filter { allowed.contains($0.command) }.compactMap(untaken)
        let steps = Array(navigation.prefix(2))
        let course: [AppKeyBinding] = navigation.dropFirst(2).compactMap(untaken)
        return steps + own + shared + course
    }

    /// The status bar's entries, the keys that matter in the lesson in front first: its own keys,
    /// then the shared panels' keys it uses (select, add, why, remove, metric, temperature), then
    /// the step keys and focus. `d` names the word it removes, the one the titles name (cut to
    /// 6 columns, so the temperature and why keys still fit at 80 columns).
    /// The step keys and quit are pinned at the right (`statusBarPinned`), before "? help".
    public static func statusBar(for state: AppState) -> [KeyBinding] {
        let all = bindings(for: state).filter { $0.status != nil && !pinnedCommands.contains($0.command) }
        // The metric last: the title bar names it, so it is the first to give way at 80 columns.
        let priority: [AppCommand] = [.answer, .hint, .reveal, .up, .addWord, .open, .removeWord, .warmer, .cycleMetric]
        func rank(_ entry: AppKeyBinding) -> Int {
            if case .lesson = entry.command { return -1 }
            return priority.firstIndex(of: entry.command) ?? priority.count
        }
        // A stable sort: table order within a rank.
        let ordered = all.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
        return ordered.compactMap { entry in
            guard entry.command == .removeWord, let status = entry.status, let word = state.selectedWord?.word else { return entry.status }
            return KeyBinding(
                keys: status.keys, label: status.label, help: status.help, short: "remove \(DisplayWidth.truncate(word, to: 6))")
        }
    }

    /// The status bar's entries kept at its right end whatever the width: quit.
    public static func statusBarPinned(for state: AppState) -> [KeyBinding] {
        bindings(for: state).filter { pinnedCommands.contains($0.command) }.compactMap(\.status)
    }

    /// Kept in the status bar whatever the width: how to move on through the course, how to leave.
    static let pinnedCommands: Set<AppCommand> = [.nextStep, .quit]

    /// The command a key means while browsing, or nil.
    public static func command(for key: Key, in state: AppState) -> AppCommand? {
        guard let entry = bindings(for: state).first(where: { $0.binding.matches(key) }) else { return nil }
        // One binding stands for all nine digits; the digit pressed says where to jump.
        if case .jump = entry.command, case .character(let digit) = key, let number = digit.wholeNumberValue {
            return .jump(number)
        }
        // One binding stands for every key that begins an answer; the answer begins with the key pressed.
        if case .startAnswer = entry.command, case .character(let typed) = key { return .startAnswer(typed) }
        // One binding stands for each of a lesson key's keys; the lesson finds its action by the key pressed.
        if case .lesson = entry.command { return .lesson(key) }
        return entry.command
    }

    /// The status bar while typing an exercise's answer.
    public static let answerStatus: [KeyBinding] = [
        KeyBinding(keys: [.enter], label: "Enter", help: "check the answer", short: "check"),
        KeyBinding(keys: [.up, .down], label: "↑/↓", help: "answer another number task", short: "task"),
        KeyBinding(keys: [.escape], label: "Esc", help: "cancel", short: "cancel"),
        KeyBinding(keys: [.backspace, .delete], label: "BS/Del", help: "delete a character", short: "delete"),
        KeyBinding(keys: [.control("c")], label: "Ctrl-C", help: "quit", short: "quit"),
    ]

    /// The status bar while typing into a lesson's own prompt.
    public static let lessonPromptStatus: [KeyBinding] = [
        KeyBinding(keys: [.enter], label: "Enter", help: "done", short: "done"),
        KeyBinding(keys: [.escape], label: "Esc", help: "cancel", short: "cancel"),
        KeyBinding(keys: [.left, .right], label: "←/→", help: "move the cursor", short: "move"),
        KeyBinding(keys: [.backspace, .delete], label: "BS/Del", help: "delete a character", short: "delete"),
        KeyBinding(keys: [.control("c")], label: "Ctrl-C", help: "quit", short: "quit"),
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

    /// The status bar while placing a new word by its features: how to finish first, so a narrow
    /// terminal still shows them.
    public static let placingStatus: [KeyBinding] = [
        KeyBinding(keys: [.enter], label: "Enter", help: "add the word", short: "add"),
        KeyBinding(keys: [.escape], label: "Esc", help: "cancel", short: "cancel"),
        KeyBinding(keys: [.up, .down], label: "↑/↓", help: "choose a feature", short: "feature"),
        KeyBinding(keys: [.left, .right], label: "←/→", help: "lower or raise it by 0.1", short: "value"),
        KeyBinding(keys: [.character("0")], label: "0", help: "set it to zero", short: "zero"),
        KeyBinding(keys: [.control("c")], label: "Ctrl-C", help: "quit", short: "quit"),
    ]
}
