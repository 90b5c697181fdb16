// SPDX-License-Identifier: Apache-2.0

#ifndef CNCURSES_SHIM_H
#define CNCURSES_SHIM_H

// The wide-character API of ncursesw. These must be set here, in the header:
// SwiftPM drops the -D flags that pkg-config would give, and without them
// cchar_t, wget_wch, setcchar and mvwadd_wch do not exist.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <stddef.h>
#include <wchar.h>

#if __has_include(<ncursesw/curses.h>)
#include <ncursesw/curses.h>
#else
#include <curses.h>
#endif

// Everything below exists because Swift cannot import it from curses.h:
// function-like macros (A_*, KEY_F, the mouse masks), the globals that Swift 6
// rejects (stdscr, COLORS, COLOR_PAIRS, stdin/stdout), and signal handling,
// which must be plain C.

// MARK: - Life cycle

/// Sets the locale from the environment (LC_ALL=""), keeps LC_NUMERIC at "C",
/// and, when `utf8_fallback` is 1, falls back to a UTF-8 locale (C.UTF-8 …) for
/// LC_CTYPE when the codeset is not UTF-8 (not when ATTN_TUI_NO_UTF8_FALLBACK is
/// set: a test hook). 0 keeps a locale without UTF-8 that the user chose. Returns 1
/// when the resulting codeset is UTF-8, else 0: then only ASCII can be drawn.
int attn_nc_setup_locale(int utf8_fallback);

enum {
    ATTN_START_OK = 0,
    /// TERM is unset, or names no terminfo entry.
    ATTN_START_UNKNOWN_TERMINAL = 1,
    /// The terminal cannot move its cursor (TERM=dumb …): no full-screen drawing.
    ATTN_START_NO_CURSOR_ADDRESSING = 2,
    /// A screen is already open.
    ATTN_START_ALREADY_ACTIVE = 3,
};

/// newterm(NULL, stdout, stdin): returns stdscr, or NULL with the reason in
/// `*reason` (one of ATTN_START_*). Unlike initscr, it never exits the process.
/// The size is read from the terminal, at start and on every resize, whatever
/// LINES and COLUMNS say (use_env(FALSE), use_tioctl(TRUE)).
/// Marks curses as active for the signal and exit handlers. When standard
/// error is the terminal, it is held in a temporary file until the terminal is
/// restored (so stray messages neither scribble over the screen nor vanish).
WINDOW *attn_nc_start(int *reason);

/// Restores the terminal (endwin; then, on a terminal without an alternate
/// screen, clears it so the prompt does not land on the last frame), writes out the held standard error and
/// frees the screen, once; later calls do nothing. Termination signals are
/// held off while it runs.
void attn_nc_stop(void);

/// 1 between attn_nc_start and attn_nc_stop.
int attn_nc_is_active(void);

/// Installs the process-wide handlers: SIGTERM, SIGHUP, SIGINT, SIGQUIT, and every
/// other signal whose default action ends the process (SIGUSR1, SIGUSR2, SIGALRM,
/// SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ, SIGSYS, SIGIO, SIGPWR, the real-time signals …)
/// while that default is in place, restore the terminal and end the process by the same
/// signal (default action); SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT,
/// SIGFPE restore the terminal, put the previous handler back (the default, or
/// the Swift runtime's backtracer; the default when another process sent the
/// signal with kill) and re-raise, so the crash proceeds as it would have.
/// Also registers an atexit hook, so exit() restores the terminal too.
void attn_nc_install_signal_handlers(void);

/// Ctrl-Z: restores the terminal, stops the process (SIGTSTP, default action) and,
/// once continued (`fg`), puts the terminal back into the program's modes. The
/// caller then redraws the whole screen.
void attn_nc_suspend(void);

/// Asks the terminal to mark pastes (on = 1: `ESC [ 200 ~` … `ESC [ 201 ~`) or
/// stops asking (0). Restoring the terminal, also from a signal, stops it.
void attn_nc_bracket_pastes(int on);

/// Puts back the handlers that were there before attn_nc_install_signal_handlers.
void attn_nc_restore_signal_handlers(void);

/// wrefresh with the termination signals held off, so their handler's endwin never
/// lands in the middle of a half-written escape sequence.
int attn_nc_refresh(WINDOW *win);

// MARK: - Globals

WINDOW *attn_nc_stdscr(void);
int attn_nc_colors(void);
int attn_nc_color_pairs(void);
int attn_nc_set_escdelay(int milliseconds);

// MARK: - Attributes

attr_t attn_nc_a_normal(void);
attr_t attn_nc_a_bold(void);
attr_t attn_nc_a_dim(void);
attr_t attn_nc_a_underline(void);
attr_t attn_nc_a_reverse(void);
attr_t attn_nc_a_italic(void);

// MARK: - Drawing

/// Draws one cell at (y, x): `wch` is a NUL-terminated spacing character
/// optionally followed by combining marks. The colour pair goes through
/// setcchar's `opts` pointer, so pairs above 255 work. Returns OK or ERR
/// (ERR also for the bottom-right cell, which is drawn anyway).
int attn_nc_put(WINDOW *win, int y, int x, const wchar_t *wch, attr_t attrs, int pair);

/// The columns libc/ncurses give a character (−1 when not printable).
int attn_nc_wcwidth(wchar_t wch);

// MARK: - Keys

enum {
    ATTN_NC_OK = OK,
    ATTN_NC_ERR = ERR,
    ATTN_KEY_CODE_YES = KEY_CODE_YES,
    ATTN_KEY_DOWN = KEY_DOWN,
    ATTN_KEY_UP = KEY_UP,
    ATTN_KEY_LEFT = KEY_LEFT,
    ATTN_KEY_RIGHT = KEY_RIGHT,
    ATTN_KEY_HOME = KEY_HOME,
    ATTN_KEY_END = KEY_END,
    ATTN_KEY_NPAGE = KEY_NPAGE,
    ATTN_KEY_PPAGE = KEY_PPAGE,
    ATTN_KEY_BACKSPACE = KEY_BACKSPACE,
    ATTN_KEY_DC = KEY_DC,
    ATTN_KEY_ENTER = KEY_ENTER,
    ATTN_KEY_BTAB = KEY_BTAB,
    ATTN_KEY_A1 = KEY_A1,
    ATTN_KEY_A3 = KEY_A3,
    ATTN_KEY_C1 = KEY_C1,
    ATTN_KEY_C3 = KEY_C3,
    ATTN_KEY_FIND = KEY_FIND,
    ATTN_KEY_SELECT = KEY_SELECT,
    ATTN_KEY_F0 = KEY_F0,
    ATTN_KEY_F_LAST = KEY_F(63),
    ATTN_KEY_RESIZE = KEY_RESIZE,
    ATTN_KEY_MOUSE = KEY_MOUSE,
};

// MARK: - Mouse

enum {
    ATTN_MOUSE_NONE = 0,
    ATTN_MOUSE_LEFT = 1,
    ATTN_MOUSE_MIDDLE = 2,
    ATTN_MOUSE_RIGHT = 3,
    ATTN_MOUSE_SCROLL_UP = 4,
    ATTN_MOUSE_SCROLL_DOWN = 5,
};

/// Asks for button presses and the wheel (no click resolution delay).
/// Returns 1 when the terminal reports any of them.
int attn_nc_enable_mouse(void);

/// Reads the pending mouse event after KEY_MOUSE: OK with the cell and one of
/// the ATTN_MOUSE_* buttons (ATTN_MOUSE_NONE for releases, motion …), or ERR.
int attn_nc_read_mouse(int *x, int *y, int *button);

#endif
