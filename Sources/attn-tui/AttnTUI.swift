import ArgumentParser
import AttnApp
import AttnMath
import Reports
import Vocabularies

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@main
struct AttnTUI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attn-tui",
        abstract: "A terminal course and sandbox for the mathematics of attention.",
        discussion: """
            Without a subcommand, opens the interactive course (the last lesson is the sandbox).
            The subcommands print the same numbers for scripts; add --json for machine-readable output.
            Environment: NO_COLOR (no colour), ATTN_TUI_THEME=light|dark (the terminal's background), \
            XDG_DATA_HOME (saved words and progress), XDG_CACHE_HOME (the cache of embedding files).
            The manual: man attn-tui (share/man/man1/attn-tui.1 in the release archive).
            """,
        version: Version.text,
        subcommands: [
            StartCommand.self, LessonsCommand.self, WordsCommand.self, SimilarityCommand.self, MatrixCommand.self,
            AttentionCommand.self, NeighborsCommand.self, RenderCommand.self, ExportCommand.self,
        ],
        // Plain `attn-tui [--lesson N] …` opens the course: options go to `start`, so a
        // subcommand's own `--lesson` (render) is never taken by the parent.
        defaultSubcommand: StartCommand.self
    )

    /// Errors are one line on standard error; help and version still print in full.
    static func main() {
        // A closed pipe is reported as a failed write (one line, exit 1), not a silent death by SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as QueryError {
            fail(error.description)
        } catch {
            let code = exitCode(for: error)
            let text = message(for: error)
            // Help and version print in full and exit cleanly; so does an exit code without a message.
            guard code != .success, !text.isEmpty else { exit(withError: error) }
            let firstLine = text.split(separator: "\n").first.map(String.init) ?? text
            fail(firstLine + " (see 'attn-tui --help')", code: code.rawValue)
        }
    }

    static func fail(_ message: String, code: Int32 = 1) -> Never {
        Output.error(message)
        exitProcess(code)
    }
}

/// `--state-dir DIR`: an empty name would silently mean the current folder.
enum StateDirOption {
    static func validate(_ directory: String?) throws {
        if let directory, directory.allSatisfy(\.isWhitespace) {
            throw ValidationError("--state-dir needs a folder name, got an empty string")
        }
    }
}

enum LessonOption {
    static func validate(_ lesson: Int?) throws {
        if let lesson, LessonCatalog.shared.title(of: lesson) == nil {
            throw ValidationError("--lesson must be between 1 and \(LessonCatalog.shared.entries.count), got \(lesson)")
        }
    }

    /// `--step S` must be a step of the lesson (lesson 1 when no `--lesson` is given).
    static func validate(step: Int?, of lesson: Int?) throws {
        guard let step else { return }
        let number = lesson ?? 1
        let count = LessonCatalog.shared.entries.first { $0.number == number }?.steps.count ?? 1
        if !(1...count).contains(step) {
            throw ValidationError("--step must be between 1 and \(count) (lesson \(number) has \(count) steps), got \(step)")
        }
    }
}
