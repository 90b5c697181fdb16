// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import AttnApp
import Lessons
import Reports
import TUIKit
import Vocabularies

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Replay keys through the interactive program headlessly and print the last frame.",
        discussion: """
            Keys in vim notation: plain characters type themselves; <Left> <Right> <Up> <Down> <Enter> <Esc> <Tab> \
            <BS> <Del> <PageUp> <PageDown> <Home> <End> <Space> <C-c> are keys. Example: --keys 'akiwi<Enter>'.
            Starts from a fresh state unless --state-dir is given; it never writes state.
            """)

    // Unconditional, so `--lesson -1` is read as a value and refused for what it is.
    @Option(
        parsing: .unconditional, help: ArgumentHelp("Open this lesson: its id or its number (see 'attn-tui lessons').", valueName: "ID|N"))
    var lesson: String?
    @Option(
        parsing: .unconditional, help: ArgumentHelp("Start at this step of the lesson: its number (from 1) or its name.", valueName: "S"))
    var step: String?
    // Unconditional, so `--size -5x10` is read as a size and refused for what it is.
    @Option(
        parsing: .unconditional, help: ArgumentHelp("Terminal size, each side 1-1000.", valueName: "COLSxROWS"),
        transform: Size.init(option:))
    var size = Size(width: 120, height: 40)
    // Unconditional: a key sequence may start with '-' (the lower-temperature key).
    @Option(parsing: .unconditional, help: "Keys to replay, in vim notation.") var keys: String = ""
    @OptionGroup var vocabulary: VocabularyOptions
    @OptionGroup var startWords: StartWordsOptions
    @Option(help: "Start from the state saved here, read only (default: a fresh state); render never writes.")
    var stateDir: String?
    @Flag(help: "Keep colours as ANSI escape sequences.") var ansi = false
    @Flag(help: "Render without colour, as the screen does under NO_COLOR (shades and numbers).") var noColor = false
    @OptionGroup var theme: ThemeOption

    func validate() throws {
        _ = try LessonOption.index(lesson)
        _ = try LessonOption.step(step, of: lesson)
        try StateDirOption.validate(stateDir)
        try startWords.validateInPlay()
    }

    func run() throws {
        let parsedKeys: [Key]
        do {
            parsedKeys = try KeyNotation.parse(keys)
        } catch {
            throw QueryError("--keys: \(error)")
        }
        // Reproducible: the terminal is never asked, so the default is dark.
        let background = try theme.chosen() ?? .dark
        let words = try vocabulary.load()
        // The same rule as the ncurses terminal's, so `render` draws what the screen would.
        let monochrome = noColor || ColorMode.noColorRequested(byVariable: getenv("NO_COLOR").map { String(cString: $0) })
        let stepIndex = try LessonOption.step(step, of: lesson)
        let session = Session(
            course: LessonOption.course, vocabulary: words, lesson: try LessonOption.index(lesson) ?? stepIndex.map { _ in 0 },
            step: stepIndex, stateDir: stateDir,
            persist: stateDir != nil, readOnly: true, colorMode: monochrome ? .monochrome : .palette256,
            startWords: try startWords.resolve(in: words))
        // Only the last frame is printed: keeping every frame would grow with the number of keys.
        let terminal = RecordingTerminal(
            size: size, colorMode: session.colorMode, events: parsedKeys.map { .key($0) }, keepsAllFrames: false)
        session.run(on: terminal)
        guard let frame = terminal.frames.last else { return }
        // The frame holds no control characters (the buffer shows them escaped); --ansi adds its own on purpose.
        try Output.line(ansi ? frame.ansiText(colorMode: session.colorMode, theme: background) : frame.text, escaping: !ansi)
    }
}

extension Size {
    /// `COLSxROWS` as `--size` takes it, each side 1-1000 (a bigger "terminal" is a typo, not a screen).
    init(option: String) throws {
        let parts = option.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let columns = Int(parts[0]), let rows = Int(parts[1]) else {
            throw ValidationError("it must be COLSxROWS, two whole numbers, e.g. 120x40")
        }
        for (name, value) in [("width (COLS)", columns), ("height (ROWS)", rows)] where !(1...1000).contains(value) {
            throw ValidationError("the \(name) must be between 1 and 1000, got \(value)")
        }
        self.init(width: columns, height: rows)
    }
}
