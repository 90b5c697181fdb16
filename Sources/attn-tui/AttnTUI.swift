// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import AttnApp
import AttnMath
import Lessons
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

            Exit status: 0 on success (also when the reader of the output stops early, as `| head` \
            does); 1 when the data says no (an unknown word, a malformed or changed file, a failed \
            write); 64 for a usage error (an unknown option, a bad value, a wrong number of words).
            """,
        version: Version.text,
        subcommands: [
            StartCommand.self, LessonsCommand.self, WordsCommand.self, SimilarityCommand.self, MatrixCommand.self,
            AttentionCommand.self, NeighborsCommand.self, TrainCommand.self, PredictCommand.self, RenderCommand.self,
            ExportCommand.self,
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
            var command = try parseAsRoot(keysJoined(Array(CommandLine.arguments.dropFirst())))
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

    /// `--keys -…` as `--keys=-…`: a key sequence may start with dashes (`---` lowers the
    /// temperature three times), which the argument parser would otherwise take for an option.
    static func keysJoined(_ arguments: [String]) -> [String] {
        var joined: [String] = []
        var index = arguments.startIndex
        while index < arguments.endIndex {
            if arguments[index] == "--keys", index + 1 < arguments.endIndex, arguments[index + 1].hasPrefix("-") {
                joined.append("--keys=" + arguments[index + 1])
                index += 2
            } else {
                if arguments[index] == "--" {
                    joined += arguments[index...]
                    break
                }
                joined.append(arguments[index])
                index += 1
            }
        }
        return joined
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

/// `--lesson ID|N` and `--step S`: a lesson by its id (`softmax`) or its number in the course,
/// a step by its number (from 1) or its name.
enum LessonOption {
    static let course = Course.standard

    /// The lesson's position in the course (from 0).
    static func index(_ lesson: String?) throws -> Int? {
        guard let lesson else { return nil }
        guard let index = course.index(named: lesson) else {
            throw ValidationError(
                "--lesson must be a lesson id (\(course.ids.prefix(3).joined(separator: ", ")), …: see 'attn-tui lessons') or a number from 1 to \(course.count), got '\(lesson)'"
            )
        }
        return index
    }

    /// The step's position (from 0) in the lesson (the first lesson when no `--lesson` is given).
    static func step(_ step: String?, of lesson: String?) throws -> Int? {
        guard let step else { return nil }
        let index = try Self.index(lesson) ?? 0
        let entry = course.lessons[index]
        guard let found = course.stepIndex(named: step, inLesson: index) else {
            throw ValidationError(
                "--step must be a step of lesson \(entry.id): 1 to \(entry.stepCount) or one of \(entry.stepIDs.joined(separator: ", ")), got '\(step)'"
            )
        }
        return found
    }
}
