// SPDX-License-Identifier: Apache-2.0

/// Why the ncurses terminal could not start.
public enum NcursesTerminalError: Error, Equatable, CustomStringConvertible {
    /// Standard input or output is not a terminal (piped, redirected, or run by a script).
    case notATerminal
    /// ncurses could not set up the terminal named by `TERM` (unknown or missing terminfo entry).
    case cannotInitialize(term: String?)
    /// The terminal cannot move its cursor (`TERM=dumb` and the like), so it cannot show a full screen.
    case unsupportedTerminal(term: String)
    /// Another `NcursesTerminal` is still open in this process.
    case alreadyActive

    public var description: String {
        switch self {
        case .notATerminal:
            "the interactive screen needs a terminal: standard input and output must both be a tty"
        case .cannotInitialize(let term?):
            "cannot use the terminal type '\(term)' (is TERM set correctly and its terminfo entry installed?)"
        case .cannotInitialize(nil):
            "cannot set up the terminal: TERM is not set"
        case .unsupportedTerminal(let term):
            "the terminal type '\(term)' cannot move the cursor, so it cannot show the interactive screen"
        case .alreadyActive:
            "a terminal screen is already open in this process"
        }
    }
}
