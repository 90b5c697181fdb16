import ArgumentParser
import AttnApp
import NcursesTerminal
import Reports
import TUIKit
import Vocabularies

/// `attn-tui [start]`: the interactive course on the real terminal.
struct StartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start", abstract: "Open the interactive course (what plain `attn-tui` does).")

    @OptionGroup var vocabulary: VocabularyOptions
    @OptionGroup var startWords: StartWordsOptions
    // Unconditional, so `--lesson -1` is read as a number and refused for what it is.
    @Option(parsing: .unconditional, help: "Open this lesson (1–\(LessonCatalog.sandbox)).") var lesson: Int?
    @Option(help: "Where saved words and progress live (default: $XDG_DATA_HOME/attn-tui).") var stateDir: String?
    @Flag(help: "No colour: shades and numbers only (also when NO_COLOR is set).") var noColor = false
    @Flag(help: "Print the notices of the built-in data's sources (GloVe, WordNet, SCOWL) and exit.") var licenses = false

    func validate() throws {
        try LessonOption.validate(lesson)
        try StateDirOption.validate(stateDir)
    }

    func run() throws {
        if licenses {
            try Output.line(LicenseNotices.text, escaping: false)
            return
        }
        let words = try vocabulary.load()
        let chosen = try startWords.resolve(in: words)
        let saveError = try withTerminal(.init(noColor: noColor)) { terminal in
            let session = Session(
                vocabulary: words, lesson: lesson, stateDir: stateDir, persist: true, colorMode: terminal.colorMode,
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
}
