import ArgumentParser
import AttnApp
import Foundation
import TUIKit

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Replay keys through the interactive program headlessly and print the last frame.",
        discussion: """
            Keys in vim notation: plain characters type themselves; <Left> <Right> <Up> <Down> <Enter> <Esc> <Tab> \
            <BS> <Del> <PageUp> <PageDown> <Home> <End> <Space> <C-c> are keys. Example: --keys 'akiwi<Enter>'.
            Starts from a fresh state unless --state-dir is given.
            """)

    @Option(help: "Open this lesson (1–\(LessonCatalog.sandbox)).") var lesson: Int?
    @Option(help: "Terminal size as COLSxROWS.") var size: String = "120x40"
    // Unconditional: a key sequence may start with '-' (the lower-temperature key).
    @Option(parsing: .unconditional, help: "Keys to replay, in vim notation.") var keys: String = ""
    @OptionGroup var vocabulary: VocabularyOptions
    @OptionGroup var startWords: StartWordsOptions
    @Option(help: "Load and save state here (default: a fresh state, nothing saved).") var stateDir: String?
    @Flag(help: "Keep colours as ANSI escape sequences.") var ansi = false
    @Flag(help: "Render without colour, as the screen does under NO_COLOR (shades and numbers).") var noColor = false

    func validate() throws {
        try LessonOption.validate(lesson)
        _ = try parsedSize()
    }

    func parsedSize() throws -> Size {
        let parts = size.lowercased().split(separator: "x")
        guard parts.count == 2, let columns = Int(parts[0]), let rows = Int(parts[1]), columns >= 1, rows >= 1,
            columns <= 1000, rows <= 1000
        else {
            throw ValidationError("--size must be COLSxROWS with each between 1 and 1000, e.g. 120x40 (got '\(size)')")
        }
        return Size(width: columns, height: rows)
    }

    func run() throws {
        let parsedKeys: [Key]
        do {
            parsedKeys = try KeyNotation.parse(keys)
        } catch {
            throw QueryError("--keys: \(error)")
        }
        let words = try vocabulary.load()
        // The same rule as the ncurses terminal's, so `render` draws what the screen would.
        let monochrome = noColor || ColorMode.noColorRequested(byVariable: getenv("NO_COLOR").map { String(cString: $0) })
        let session = Session(
            vocabulary: words, lesson: lesson, stateDir: stateDir, persist: stateDir != nil,
            colorMode: monochrome ? .monochrome : .palette256, startWords: try startWords.resolve(in: words))
        // Only the last frame is printed: keeping every frame would grow with the number of keys.
        let terminal = RecordingTerminal(
            size: try parsedSize(), colorMode: session.colorMode, events: parsedKeys.map { .key($0) }, keepsAllFrames: false)
        session.run(on: terminal)
        if let saveError = session.saveError { throw QueryError("not saved: \(saveError)") }
        guard let frame = terminal.frames.last else { return }
        print(ansi ? frame.ansiText(colorMode: session.colorMode) : frame.text)
    }
}
