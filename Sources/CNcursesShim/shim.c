// SPDX-License-Identifier: Apache-2.0

// wcwidth and sigaltstack need the X/Open and GNU declarations of libc.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif

#include "CNcursesShim.h"

#include <langinfo.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

// MARK: - State shared with the signal handlers

// 1 while the terminal is in curses mode. Exchanged atomically so that exactly
// one of attn_nc_stop, the exit hook and a signal handler calls endwin.
static atomic_int attn_active = 0;
static SCREEN *attn_screen = NULL;
static WINDOW *attn_window = NULL;

// The requests to stop, always handled. SIGQUIT (Ctrl-\ in cooked mode, kill -QUIT) is
// one, not a fault: left to the Swift runtime's backtracer it would print over the
// screen, wait for keys and then let the program run on in raw mode.
static const int attn_stop_signals[] = {SIGTERM, SIGHUP, SIGINT, SIGQUIT};
// Every other signal whose default action ends the process (signal(7)), but for the
// crashes below: handled too, where that default action is still in place when the screen
// opens (SIGPIPE, ignored by the program, and signals someone else handles are left
// alone), plus the real-time signals. SIGUSR1, SIGUSR2 and SIGALRM once left the terminal
// raw, on the alternate screen, with mouse tracking on.
static const int attn_other_fatal_signals[] = {
    SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGPIPE, SIGXCPU, SIGXFSZ, SIGSYS,
#ifdef SIGIO
    SIGIO,
#endif
#ifdef SIGPWR
    SIGPWR,
#endif
#ifdef SIGSTKFLT
    SIGSTKFLT,
#endif
#ifdef SIGEMT
    SIGEMT,
#endif
};
static const int attn_crash_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE};
#define ATTN_STOP_COUNT (sizeof attn_stop_signals / sizeof attn_stop_signals[0])
#define ATTN_OTHER_FATAL_COUNT (sizeof attn_other_fatal_signals / sizeof attn_other_fatal_signals[0])
#define ATTN_CRASH_COUNT (sizeof attn_crash_signals / sizeof attn_crash_signals[0])
// Room for the requests to stop, the others and every real-time signal.
#define ATTN_TERMINATION_MAX (ATTN_STOP_COUNT + ATTN_OTHER_FATAL_COUNT + 64)

// The termination signals handled now, and what handled them before.
static int attn_termination_signals[ATTN_TERMINATION_MAX];
static struct sigaction attn_previous_termination[ATTN_TERMINATION_MAX];
static size_t attn_termination_count = 0;
static struct sigaction attn_previous_crash[ATTN_CRASH_COUNT];
static int attn_handlers_installed = 0;

// While the screen is up, standard error (when it is the terminal) goes to an
// unlinked temporary file: a stray message would scribble over the screen,
// and one written just before a crash (Swift's "Fatal error: …") would vanish
// with the alternate screen. It is written out once the terminal is restored.
static int attn_saved_stderr = -1;
// 1 while the terminal is asked to bracket pastes (mode 2004), so restoring turns it off.
static volatile sig_atomic_t attn_bracketing = 0;
static int attn_stderr_file = -1;
static int attn_exit_hook_registered = 0;

// MARK: - Locale

static int attn_codeset_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcasecmp(codeset, "UTF-8") == 0 || strcasecmp(codeset, "UTF8") == 0);
}

int attn_nc_setup_locale(int utf8_fallback) {
    setlocale(LC_ALL, "");
    // ATTN_TUI_NO_UTF8_FALLBACK (a test hook): behave as on a system where no UTF-8
    // locale is installed, so the ASCII glyphs can be tested where C.UTF-8 exists.
    const char *no_fallback = getenv("ATTN_TUI_NO_UTF8_FALLBACK");
    if (utf8_fallback && !attn_codeset_is_utf8() && (no_fallback == NULL || no_fallback[0] == 0)) {
        // Under LC_ALL=C every wide glyph drew blank: only the character
        // classification needs UTF-8, so only LC_CTYPE falls back.
        static const char *const fallbacks[] = {"C.UTF-8", "C.utf8", "en_US.UTF-8", "UTF-8"};
        for (size_t i = 0; i < sizeof fallbacks / sizeof fallbacks[0]; i++) {
            if (setlocale(LC_CTYPE, fallbacks[i]) != NULL && attn_codeset_is_utf8()) break;
        }
    }
    // Numbers are formatted the same whatever the user's locale.
    setlocale(LC_NUMERIC, "C");
    return attn_codeset_is_utf8();
}

// MARK: - Standard error

static void attn_capture_stderr(void) {
    if (attn_stderr_file >= 0 || !isatty(STDERR_FILENO)) return;
    const char *folder = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/attn-tui-stderr-XXXXXX", folder != NULL && folder[0] != 0 ? folder : "/tmp");
    int file = mkstemp(path);
    if (file < 0) return;
    unlink(path);
    int saved = dup(STDERR_FILENO);
    if (saved < 0 || dup2(file, STDERR_FILENO) < 0) {
        if (saved >= 0) close(saved);
        close(file);
        return;
    }
    attn_saved_stderr = saved;
    attn_stderr_file = file;
}

// Async-signal-safe: only dup2, lseek, read, write and close.
static void attn_release_stderr(void) {
    int file = attn_stderr_file;
    int saved = attn_saved_stderr;
    if (file < 0 || saved < 0) return;
    attn_stderr_file = -1;
    attn_saved_stderr = -1;
    dup2(saved, STDERR_FILENO);
    close(saved);
    char chunk[4096];
    if (lseek(file, 0, SEEK_SET) == 0) {
        ssize_t count;
        while ((count = read(file, chunk, sizeof chunk)) > 0) {
            ssize_t written = 0;
            while (written < count) {
                ssize_t result = write(STDERR_FILENO, chunk + written, (size_t)(count - written));
                if (result <= 0) break;
                written += result;
            }
            if (written < count) break;
        }
    }
    close(file);
}

// On a terminal without an alternate screen (TERM=linux, vt100) the last frame
// stays where the shell's prompt comes back: restoring clears the screen with
// this, terminfo's `clear` without its padding, kept so a signal handler can write it.
static char attn_clear_at_exit[64] = "";

static void attn_remember_clear(void) {
    attn_clear_at_exit[0] = 0;
    const char *alternate = tigetstr("smcup");
    if (alternate != NULL && alternate != (const char *)-1 && alternate[0] != 0) return;
    const char *clear = tigetstr("clear");
    if (clear == NULL || clear == (const char *)-1) return;
    size_t used = 0;
    for (const char *c = clear; *c != 0 && used + 1 < sizeof attn_clear_at_exit; c++) {
        if (c[0] == '$' && c[1] == '<') {
            // $<50>: a delay for old terminals, not bytes to send.
            const char *end = strchr(c, '>');
            if (end == NULL) break;
            c = end;
            continue;
        }
        attn_clear_at_exit[used++] = *c;
    }
    attn_clear_at_exit[used] = 0;
}

// MARK: - Bracketed paste

// write(2) only: also called from the signal handlers.
static void attn_write_all(const char *text) {
    size_t left = strlen(text);
    while (left > 0) {
        ssize_t written = write(STDOUT_FILENO, text, left);
        if (written <= 0) return;
        text += written;
        left -= (size_t)written;
    }
}

void attn_nc_bracket_pastes(int on) {
    attn_bracketing = on;
    attn_write_all(on ? "\033[?2004h" : "\033[?2004l");
}

static void attn_end_bracketing(void) {
    if (attn_bracketing) attn_nc_bracket_pastes(0);
}

// After endwin: the mode changes that curses does not undo itself.
static void attn_after_endwin(void) {
    attn_end_bracketing();
    if (attn_clear_at_exit[0] != 0) attn_write_all(attn_clear_at_exit);
}

// MARK: - Life cycle

// The size comes from the terminal (TIOCGWINSZ), at start and on every resize, never from
// LINES and COLUMNS: with those exported, ncurses took them as the size and never saw a
// resize, so the screen stayed garbled (and absurd values asked for absurd screens).
// Must precede newterm. use_tioctl() alone is not enough (seen with ncurses 6.4): the
// screen newterm makes copies use_env from the settings but not use_tioctl, so on a
// resize it read neither the environment nor the terminal and kept the old size. The
// screen is made from the "pre-screen", which takes both settings.
static void attn_size_from_terminal(void) {
    use_env(FALSE);
    use_tioctl(TRUE);
#if defined(NCURSES_SP_FUNCS) && NCURSES_SP_FUNCS
    SCREEN *prescreen = new_prescr();
    if (prescreen != NULL) {
        use_env_sp(prescreen, FALSE);
        use_tioctl_sp(prescreen, TRUE);
    }
#endif
}

WINDOW *attn_nc_start(int *reason) {
    *reason = ATTN_START_ALREADY_ACTIVE;
    if (attn_screen != NULL) return NULL;
    *reason = ATTN_START_UNKNOWN_TERMINAL;
    attn_size_from_terminal();
    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (screen == NULL) return NULL;
    set_term(screen);
    const char *cursor_address = tigetstr("cup");
    if (cursor_address == NULL || cursor_address == (const char *)-1) {
        *reason = ATTN_START_NO_CURSOR_ADDRESSING;
        endwin();
        delscreen(screen);
        return NULL;
    }
    *reason = ATTN_START_OK;
    attn_remember_clear();
    attn_screen = screen;
    attn_window = stdscr;
    attn_capture_stderr();
    atomic_store(&attn_active, 1);
    return attn_window;
}

// Every signal that may end the process through attn_on_termination (installed or not:
// holding off one that has another handler only delays it).
static void attn_termination_set(sigset_t *set) {
    sigemptyset(set);
    for (size_t i = 0; i < ATTN_STOP_COUNT; i++) sigaddset(set, attn_stop_signals[i]);
    for (size_t i = 0; i < ATTN_OTHER_FATAL_COUNT; i++) sigaddset(set, attn_other_fatal_signals[i]);
    for (int signal_number = SIGRTMIN; signal_number <= SIGRTMAX; signal_number++) sigaddset(set, signal_number);
}

static void attn_block_termination(sigset_t *previous) {
    sigset_t block;
    attn_termination_set(&block);
    pthread_sigmask(SIG_BLOCK, &block, previous);
}

static void attn_unblock_termination(const sigset_t *previous) { pthread_sigmask(SIG_SETMASK, previous, NULL); }

void attn_nc_stop(void) {
    sigset_t previous;
    attn_block_termination(&previous);
    if (atomic_exchange(&attn_active, 0)) {
        endwin();
        attn_after_endwin();
        attn_release_stderr();
    }
    if (attn_screen != NULL) {
        delscreen(attn_screen);
        attn_screen = NULL;
        attn_window = NULL;
    }
    attn_unblock_termination(&previous);
}

int attn_nc_is_active(void) { return atomic_load(&attn_active); }

int attn_nc_refresh(WINDOW *win) {
    sigset_t previous;
    attn_block_termination(&previous);
    int result = wrefresh(win);
    attn_unblock_termination(&previous);
    return result;
}

// MARK: - Signals

// endwin is not on POSIX's list of async-signal-safe functions; restoring the
// terminal from a handler is still the accepted practice (and was seen working).
static void attn_restore_from_handler(void) {
    if (atomic_exchange(&attn_active, 0)) {
        endwin();
        attn_after_endwin();
        attn_release_stderr();
    }
}

static void attn_on_termination(int signal_number) {
    attn_restore_from_handler();
    // Die by the signal itself, so the parent sees what ended the program. It is
    // blocked while this handler runs: raised now, it is delivered, with the
    // default action, the moment the handler returns.
    signal(signal_number, SIG_DFL);
    raise(signal_number);
}

static void attn_on_crash(int signal_number, siginfo_t *info, void *context) {
    (void)context;
    attn_restore_from_handler();
    // Put back whatever handled this signal before us (the default action, or
    // the Swift runtime's backtracer, which prints the reason and a backtrace
    // now that the screen is readable) and deliver the signal again: it stays
    // pending until this handler returns, then the crash proceeds as usual.
    // A signal sent by another process with kill(2) is no fault the backtracer
    // could report (it would return and let the program run on): the default
    // action ends the process instead.
    for (size_t i = 0; i < ATTN_CRASH_COUNT; i++) {
        if (attn_crash_signals[i] == signal_number) {
            if (info != NULL && info->si_code == SI_USER) {
                signal(signal_number, SIG_DFL);
            } else {
                sigaction(signal_number, &attn_previous_crash[i], NULL);
            }
            break;
        }
    }
    raise(signal_number);
}

static void attn_at_exit(void) { attn_nc_stop(); }

// MARK: - Suspend

void attn_nc_suspend(void) {
    if (!atomic_load(&attn_active)) return;
    def_prog_mode();
    endwin();
    attn_end_bracketing();
    // Stop by the default action of SIGTSTP, as the shell's job control expects,
    // whatever handler is installed (ncurses may have one that would do all this again).
    struct sigaction stop, previous;
    memset(&stop, 0, sizeof stop);
    stop.sa_handler = SIG_DFL;
    sigemptyset(&stop.sa_mask);
    sigaction(SIGTSTP, &stop, &previous);
    sigset_t unblock, mask;
    sigemptyset(&unblock);
    sigaddset(&unblock, SIGTSTP);
    pthread_sigmask(SIG_UNBLOCK, &unblock, &mask);
    kill(getpid(), SIGTSTP);
    // Here again after `fg` (SIGCONT).
    pthread_sigmask(SIG_SETMASK, &mask, NULL);
    sigaction(SIGTSTP, &previous, NULL);
    reset_prog_mode();
    attn_nc_bracket_pastes(1);
}

// A stack overflow leaves no stack to run the crash handler on.
static void attn_ensure_alternate_stack(void) {
    static char stack_memory[64 * 1024];
    stack_t current;
    if (sigaltstack(NULL, &current) == 0 && (current.ss_flags & SS_DISABLE) == 0) return;
    stack_t alternate;
    memset(&alternate, 0, sizeof alternate);
    alternate.ss_sp = stack_memory;
    alternate.ss_size = sizeof stack_memory;
    sigaltstack(&alternate, NULL);
}

// Installs `action` for `signal_number`: always, or (`always` 0) only where the default
// action is in place. Remembers what was there, for attn_nc_restore_signal_handlers.
static void attn_handle_termination(int signal_number, const struct sigaction *action, int always) {
    if (attn_termination_count >= ATTN_TERMINATION_MAX) return;
    struct sigaction current;
    if (sigaction(signal_number, NULL, &current) != 0) return;
    if (!always && ((current.sa_flags & SA_SIGINFO) != 0 || current.sa_handler != SIG_DFL)) return;
    if (sigaction(signal_number, action, &attn_previous_termination[attn_termination_count]) != 0) return;
    attn_termination_signals[attn_termination_count++] = signal_number;
}

void attn_nc_install_signal_handlers(void) {
    if (!attn_exit_hook_registered) {
        atexit(attn_at_exit);
        attn_exit_hook_registered = 1;
    }
    if (attn_handlers_installed) return;
    attn_ensure_alternate_stack();

    struct sigaction termination;
    memset(&termination, 0, sizeof termination);
    termination.sa_handler = attn_on_termination;
    attn_termination_set(&termination.sa_mask);
    attn_termination_count = 0;
    for (size_t i = 0; i < ATTN_STOP_COUNT; i++) attn_handle_termination(attn_stop_signals[i], &termination, 1);
    for (size_t i = 0; i < ATTN_OTHER_FATAL_COUNT; i++) attn_handle_termination(attn_other_fatal_signals[i], &termination, 0);
    for (int signal_number = SIGRTMIN; signal_number <= SIGRTMAX; signal_number++) {
        attn_handle_termination(signal_number, &termination, 0);
    }

    struct sigaction crash;
    memset(&crash, 0, sizeof crash);
    crash.sa_sigaction = attn_on_crash;
    crash.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&crash.sa_mask);
    for (size_t i = 0; i < ATTN_CRASH_COUNT; i++) {
        sigaction(attn_crash_signals[i], &crash, &attn_previous_crash[i]);
    }
    attn_handlers_installed = 1;
}

void attn_nc_restore_signal_handlers(void) {
    if (!attn_handlers_installed) return;
    for (size_t i = 0; i < attn_termination_count; i++) {
        sigaction(attn_termination_signals[i], &attn_previous_termination[i], NULL);
    }
    attn_termination_count = 0;
    for (size_t i = 0; i < ATTN_CRASH_COUNT; i++) {
        sigaction(attn_crash_signals[i], &attn_previous_crash[i], NULL);
    }
    attn_handlers_installed = 0;
}

// MARK: - Globals

WINDOW *attn_nc_stdscr(void) { return attn_window; }
int attn_nc_colors(void) { return COLORS; }
int attn_nc_color_pairs(void) { return COLOR_PAIRS; }
int attn_nc_set_escdelay(int milliseconds) { return set_escdelay(milliseconds); }

// MARK: - Attributes

attr_t attn_nc_a_normal(void) { return A_NORMAL; }
attr_t attn_nc_a_bold(void) { return A_BOLD; }
attr_t attn_nc_a_dim(void) { return A_DIM; }
attr_t attn_nc_a_underline(void) { return A_UNDERLINE; }
attr_t attn_nc_a_reverse(void) { return A_REVERSE; }
attr_t attn_nc_a_italic(void) {
#ifdef A_ITALIC
    return A_ITALIC;
#else
    return A_NORMAL;
#endif
}

// MARK: - Drawing

int attn_nc_put(WINDOW *win, int y, int x, const wchar_t *wch, attr_t attrs, int pair) {
    cchar_t cell;
#if defined(NCURSES_EXT_COLORS) && NCURSES_EXT_COLORS
    // COLOR_PAIR() and the short argument hold only 0…255; `opts` holds any pair.
    int extended_pair = pair;
    if (setcchar(&cell, wch, attrs, 0, &extended_pair) == ERR) return ERR;
#else
    if (setcchar(&cell, wch, attrs, (short)pair, NULL) == ERR) return ERR;
#endif
    return mvwadd_wch(win, y, x, &cell);
}

int attn_nc_wcwidth(wchar_t wch) { return wcwidth(wch); }

// MARK: - Mouse

int attn_nc_enable_mouse(void) {
    mmask_t wanted = BUTTON1_PRESSED | BUTTON2_PRESSED | BUTTON3_PRESSED | BUTTON4_PRESSED;
#if NCURSES_MOUSE_VERSION > 1
    wanted |= BUTTON5_PRESSED;
#endif
    mmask_t granted = mousemask(wanted, NULL);
    // Presses arrive at once, without waiting to see whether they become clicks.
    mouseinterval(0);
    return granted != 0;
}

int attn_nc_read_mouse(int *x, int *y, int *button) {
    MEVENT event;
    if (getmouse(&event) != OK) return ERR;
    *x = event.x;
    *y = event.y;
    mmask_t state = event.bstate;
    if (state & (BUTTON1_PRESSED | BUTTON1_CLICKED)) {
        *button = ATTN_MOUSE_LEFT;
    } else if (state & (BUTTON2_PRESSED | BUTTON2_CLICKED)) {
        *button = ATTN_MOUSE_MIDDLE;
    } else if (state & (BUTTON3_PRESSED | BUTTON3_CLICKED)) {
        *button = ATTN_MOUSE_RIGHT;
    } else if (state & BUTTON4_PRESSED) {
        *button = ATTN_MOUSE_SCROLL_UP;
#if NCURSES_MOUSE_VERSION > 1
    } else if (state & BUTTON5_PRESSED) {
        *button = ATTN_MOUSE_SCROLL_DOWN;
#endif
    } else {
        *button = ATTN_MOUSE_NONE;
    }
    return OK;
}
