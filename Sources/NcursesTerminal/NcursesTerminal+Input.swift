// SPDX-License-Identifier: Apache-2.0

import CNcursesShim
import TUIKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension NcursesTerminal {
    /// Waits up to `timeoutMilliseconds` (−1: without limit, 0: not at all) for the
    /// next key, mouse press or resize; nil when the time is up.
    ///
    /// Keys the program has no use for (mouse releases, Ctrl-arrows, …) are
    /// skipped without ending the wait. A resize re-reads the size, and the next
    /// `draw` repaints the whole screen.
    public func nextEvent(timeoutMilliseconds: Int) -> InputEvent? {
        guard isOpen else { return nil }
        let clock = ContinuousClock()
        let deadline = timeoutMilliseconds >= 0 ? clock.now.advanced(by: .milliseconds(timeoutMilliseconds)) : nil
        while true {
            var wait: Int32 = -1
            if let deadline {
                let left = clock.now.duration(to: deadline).components
                wait = Int32(clamping: max(0, left.seconds * 1000 + left.attoseconds / 1_000_000_000_000_000))
            }
            wtimeout(window, wait)
            var value: wint_t = 0
            let status = Int(wget_wch(window, &value))
            if status == ATTN_NC_ERR {
                // Timed out; or, waiting without limit, interrupted or at end of input:
                // report nothing rather than spin.
                if deadline != nil || errno != EINTR { return nil }
                continue
            }
            if let event = decode(status: status, value: value) { return event }
            if let deadline, clock.now >= deadline { return nil }
        }
    }

    /// Whether bytes are waiting on standard input (a key typed ahead, a flood, a paste).
    ///
    /// ncurses reads the terminal one byte at a time, so what it has not read yet is still
    /// in the terminal's queue, where `poll` sees it. The few bytes ncurses may hold back
    /// itself (the rest of an unknown escape sequence) are missed: at worst a frame is
    /// drawn that could have been skipped, never one left out.
    public var hasPendingInput: Bool {
        guard isOpen else { return false }
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) > 0 && descriptor.revents & Int16(POLLIN) != 0
    }

    private func decode(status: Int, value: wint_t) -> InputEvent? {
        if status != ATTN_KEY_CODE_YES && value == 0x1B { return readEscapeSequence() }
        if status != ATTN_KEY_CODE_YES && value == 0x1A {
            // Ctrl-Z arrives as a key in raw mode: suspend as the shell would, then repaint
            // everything at whatever size the terminal has after `fg`.
            attn_nc_suspend()
            invalidate()
            return .resize(size)
        }
        guard status == ATTN_KEY_CODE_YES else { return KeyDecoding.character(UInt32(value)).map(InputEvent.key) }
        switch Int(value) {
        case ATTN_KEY_RESIZE:
            invalidate()
            return .resize(size)
        case ATTN_KEY_MOUSE:
            return readMouse()
        case let code:
            return KeyDecoding.functionKey(code).map(InputEvent.key)
        }
    }

    /// Reads the rest of what an ESC started (see `EscapeSequence`): nil for a
    /// sequence that means nothing here, so it is skipped whole.
    private func readEscapeSequence() -> InputEvent? {
        let outcome = EscapeSequence.decode { [window, escapeDelayMilliseconds] () -> Unicode.Scalar? in
            wtimeout(window, Int32(clamping: escapeDelayMilliseconds))
            var value: wint_t = 0
            let status = Int(wget_wch(window, &value))
            if status == ATTN_KEY_CODE_YES {
                // A key ncurses decoded right after ESC (Alt+arrow): the key itself is kept for the next read.
                _ = ungetch(Int32(value))
                return nil
            }
            guard status != ATTN_NC_ERR else { return nil }
            return Unicode.Scalar(UInt32(value))
        }
        switch outcome {
        case .escape: return .key(.escape)
        case .key(let key): return .key(key)
        case .paste(let text): return .paste(text)
        case .ignored: return nil
        }
    }

    private func readMouse() -> InputEvent? {
        var x: Int32 = 0
        var y: Int32 = 0
        var button: Int32 = 0
        guard attn_nc_read_mouse(&x, &y, &button) == ATTN_NC_OK else { return nil }
        let buttons: [Int: MouseEvent.Button] = [
            ATTN_MOUSE_LEFT: .left, ATTN_MOUSE_MIDDLE: .middle, ATTN_MOUSE_RIGHT: .right,
            ATTN_MOUSE_SCROLL_UP: .scrollUp, ATTN_MOUSE_SCROLL_DOWN: .scrollDown,
        ]
        guard let pressed = buttons[Int(button)] else { return nil }
        return .mouse(MouseEvent(x: Int(x), y: Int(y), button: pressed))
    }
}
