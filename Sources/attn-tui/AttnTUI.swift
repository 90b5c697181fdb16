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

            Exit status: 0 on success (also when the reader of the output stops early, as `| head` \
            does); 1 when the data says no (an unknown word, a malformed or changed file, a failed \
            write); 64 for a usage error (an unknown option, a bad value, a wrong number of words).
            """,
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
        // A closed pipe is seen as EPIPE by the write (`Output`), not as a death by SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as QueryError {
            fail(error.isUsage ? error.description + seeHelp : error.description, code: error.isUsage ? usageStatus : 1)
        } catch {
            let code = exitCode(for: error)
            let text = message(for: error)
            if code == .success {
                // Help, version, a completion script: in full, and a failed write (`> /dev/full`) is an error.
                do throws(QueryError) {
                    if !text.isEmpty { try Output.line(text, escaping: false) }
                } catch {
                    fail(error.description)
                }
                exitProcess(0)
            }
            guard !text.isEmpty else { exit(withError: error) }
            let firstLine = text.split(separator: "\n").first.map(String.init) ?? text
            // Every usage error exits 64 (EX_USAGE), whichever check found it.
            fail(firstLine + seeHelp, code: code == .validationFailure ? usageStatus : code.rawValue)
        }
    }

    /// EX_USAGE: the command was called wrongly.
    static let usageStatus: Int32 = 64
    static let seeHelp = " (see 'attn-tui --help')"

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
