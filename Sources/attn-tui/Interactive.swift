// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import AttnApp
import Lessons
import NcursesTerminal
import Reports
import TUIKit
import Vocabularies

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `attn-tui [start]`: the interactive course on the real terminal.
struct StartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start", abstract: "Open the interactive course (what plain `attn-tui` does).")

    @OptionGroup var vocabulary: VocabularyOptions
    @OptionGroup var startWords: StartWordsOptions
    // Unconditional, so `--lesson -1` is read as a value and refused for what it is.
    @Option(
        parsing: .unconditional, help: ArgumentHelp("Open this lesson: its id or its number (see 'attn-tui lessons').", valueName: "ID|N"))
    var lesson: String?
    @Option(help: "Where saved words and progress live (default: $XDG_DATA_HOME/attn-tui).") var stateDir: String?
    @Flag(help: "No colour: shades and numbers only (also when NO_COLOR is set).") var noColor = false
    @OptionGroup var theme: ThemeOption
    @Flag(help: "Print the licence of attn-tui and the notices of everything built into it, and exit.") var licenses = false

    func validate() throws {
        _ = try LessonOption.index(lesson)
        try StateDirOption.validate(stateDir)
        try startWords.validateInPlay()
    }

    func run() throws {
        if licenses {
            try Output.line(LicenseNotices.text, escaping: false)
            return
        }
        // Words are never kept by accident in a folder under the current one.
        guard stateDir != nil || StateStore.defaultDirectory() != nil else { throw QueryError(StateStore.noDirectoryReason) }
        let words = try vocabulary.load()
        let chosen = try startWords.resolve(in: words)
        let saveError = try withTerminal(.init(noColor: noColor, theme: try background())) { terminal in
            let session = Session(
                course: LessonOption.course, vocabulary: words, lesson: try LessonOption.index(lesson), stateDir: stateDir, persist: true,
                colorMode: terminal.colorMode,
                startWords: chosen)
            if let crash = DebugCrashTerminal<NcursesTerminal>.requested() {
                session.run(on: DebugCrashTerminal(base: terminal, kind: crash), animates: true)
            } else {
                session.run(on: terminal, animates: true)
            }
            return session.saveError
        }
        // The terminal is restored now: say plainly if the last changes could not be kept.
        if let saveError { throw QueryError("your last changes were not saved: \(saveError)") }
    }

    /// `--theme`, `ATTN_TUI_THEME`, else what the terminal reports; no question is asked without colour.
    private func background() throws(QueryError) -> Theme {
        if let chosen = try theme.chosen() { return chosen }
        if noColor || ColorMode.noColorRequested(byVariable: getenv("NO_COLOR").map { String(cString: $0) }) { return .dark }
        return TerminalBackground.detect() ?? .dark
    }
}
