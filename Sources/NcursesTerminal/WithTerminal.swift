// SPDX-License-Identifier: Apache-2.0

/// Opens the terminal, runs `body` with it, and restores the terminal when
/// `body` returns or throws.
///
/// ```swift
/// try withTerminal(NcursesTerminal.Options(noColor: flags.noColor)) { terminal in
///     var app = App(size: terminal.size, colorMode: terminal.colorMode)
///     terminal.draw(app.view())
///     while let event = terminal.nextEvent(timeoutMilliseconds: -1) { … }
/// }
/// ```
///
/// - Throws: `NcursesTerminalError` when the terminal cannot be opened, or
///   whatever `body` throws (after the terminal has been restored).
public func withTerminal<Result>(
    _ options: NcursesTerminal.Options = NcursesTerminal.Options(),
    _ body: (NcursesTerminal) throws -> Result
) throws -> Result {
    let terminal = try NcursesTerminal(options: options)
    defer { terminal.shutdown() }
    return try body(terminal)
}
