// SPDX-License-Identifier: Apache-2.0

import CNcursesShim
import TUIKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The real terminal, drawn with ncursesw: the only type in the program that talks to ncurses.
///
/// Opening one puts the terminal into full-screen raw mode (Ctrl-C arrives as
/// the key `.control("c")`, not as a signal; Ctrl-Z suspends the program and
/// `fg` redraws it; whole escape sequences are read, and pastes come bracketed); `shutdown()` — or `withTerminal`,
/// which calls it for you — puts it back. The terminal is also restored on
/// `exit()`, on SIGTERM, SIGHUP, SIGINT, SIGQUIT and every other signal whose
/// default action ends the process (SIGUSR1, SIGALRM, the real-time signals …;
/// the process then ends by that signal) and before a crash (the crash then
/// proceeds as usual).
///
/// Only one can be open at a time; use it from one thread.
public final class NcursesTerminal: Terminal {
    /// How to open the terminal.
    public struct Options: Sendable, Equatable {
        /// Draw without colour even where the terminal has it (`--no-color`).
        /// The `NO_COLOR` environment variable, when non-empty, does the same.
        public var noColor: Bool
        /// Ask the terminal to report mouse presses (this takes over its own text selection).
        public var mouse: Bool
        /// How long a lone Esc waits for the rest of an escape sequence.
        public var escapeDelayMilliseconds: Int
        /// The terminal's background: colours are mapped to read on it (`Theme`).
        public var theme: Theme

        public init(noColor: Bool = false, mouse: Bool = true, escapeDelayMilliseconds: Int = 25, theme: Theme = .dark) {
            self.noColor = noColor
            self.mouse = mouse
            self.escapeDelayMilliseconds = escapeDelayMilliseconds
            self.theme = theme
        }
    }

    public let colorMode: ColorMode
    /// No UTF-8 locale could be set, or the user chose one without UTF-8 (`LC_ALL=C`):
    /// every glyph is drawn as its ASCII stand-in.
    public let asciiOnly: Bool
    /// How long the rest of an escape sequence is waited for.
    let escapeDelayMilliseconds: Int
    /// Whether the terminal agreed to report mouse presses.
    public let reportsMouse: Bool
    /// False once `shutdown()` has run; drawing and reading then do nothing.
    public private(set) var isOpen = true

    let window: UnsafeMutablePointer<WINDOW>
    var styles: StyleTable
    /// The last frame drawn, to write only what changed; nil forces a full redraw.
    var previousFrame: Buffer?
    /// Set by a resize: the next draw clears the physical screen and repaints it all.
    var clearBeforeNextDraw = false
    private var lastSize = Size(width: 0, height: 0)

    /// Puts the terminal into full-screen mode.
    ///
    /// - Throws: `NcursesTerminalError` when standard input or output is not a
    ///   terminal, when `TERM` names no known terminal, or when one is already open.
    public init(options: Options = Options()) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw NcursesTerminalError.notATerminal }
        guard attn_nc_is_active() == 0 else { throw NcursesTerminalError.alreadyActive }
        // Before newterm: ncurses decides on wide-character output from the locale. A locale
        // without UTF-8 that the user chose (LC_ALL=C) is kept, and gets the ASCII glyphs.
        let chosen = LocaleChoice.characterSetName(environment: Self.environment)
        asciiOnly = attn_nc_setup_locale(LocaleChoice.choosesNonUTF8(chosen) ? 0 : 1) == 0
        var reason: Int32 = 0
        guard let window = attn_nc_start(&reason) else {
            switch Int(reason) {
            case ATTN_START_ALREADY_ACTIVE: throw NcursesTerminalError.alreadyActive
            case ATTN_START_NO_CURSOR_ADDRESSING:
                throw NcursesTerminalError.unsupportedTerminal(term: Self.environment("TERM") ?? "")
            default: throw NcursesTerminalError.cannotInitialize(term: Self.environment("TERM"))
            }
        }
        self.window = window
        attn_nc_install_signal_handlers()

        raw()
        noecho()
        nonl()
        keypad(window, true)
        intrflush(window, false)
        leaveok(window, true)
        escapeDelayMilliseconds = max(1, options.escapeDelayMilliseconds)
        _ = attn_nc_set_escdelay(Int32(clamping: escapeDelayMilliseconds))
        _ = curs_set(0)

        let noColor = options.noColor || ColorMode.noColorRequested(byVariable: Self.environment("NO_COLOR"))
        let wantsColor = !noColor && has_colors()
        var defaultColors = false
        if wantsColor {
            // COLORS and COLOR_PAIRS are only known after start_color.
            start_color()
            defaultColors = use_default_colors() == ATTN_NC_OK
        }
        let mode = ColorMode.detect(
            noColor: noColor, hasColors: wantsColor,
            colors: wantsColor ? Int(attn_nc_colors()) : 0)
        colorMode = mode
        styles = StyleTable(
            colorMode: mode, theme: options.theme, colors: Int(attn_nc_colors()), pairLimit: Int(attn_nc_color_pairs()),
            defaultColors: defaultColors)
        reportsMouse = options.mouse && attn_nc_enable_mouse() != 0
        // Pasted text then arrives marked, and is typed, not run as commands.
        attn_nc_bracket_pastes(1)
        lastSize = Size(width: Int(max(0, getmaxx(window))), height: Int(max(0, getmaxy(window))))
    }

    deinit {
        shutdown()
    }

    /// The current size in cells (the last known size once shut down).
    public var size: Size {
        guard isOpen else { return lastSize }
        lastSize = Size(width: Int(max(0, getmaxx(window))), height: Int(max(0, getmaxy(window))))
        return lastSize
    }

    /// Restores the terminal (cooked mode, echo, cursor, main screen) and puts
    /// the previous signal handlers back. Safe to call more than once.
    public func shutdown() {
        guard isOpen else { return }
        isOpen = false
        attn_nc_stop()
        attn_nc_restore_signal_handlers()
    }

    /// Forgets what is on screen: the next `draw` clears it and writes every cell
    /// (for Ctrl-L, or after something else wrote to the terminal).
    public func invalidate() {
        previousFrame = nil
        clearBeforeNextDraw = true
    }

    private static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
