// SPDX-License-Identifier: Apache-2.0

import TUIKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Asks the terminal for its background colour before the screen opens.
///
/// It writes `OSC 11 ; ?` (the background colour) and then `CSI c` (device
/// attributes, which every VT100-like terminal answers) and reads until the
/// answer to the second arrives: a terminal that knows OSC 11 answers it first,
/// one that does not answers only the second, so nobody waits for the timeout
/// but a terminal that answers nothing at all. Then whatever is left unread is
/// discarded, so that a late answer never reaches the screen as keys.
enum TerminalBackground {
    /// The theme the terminal's background asks for: its answer to OSC 11, else
    /// `COLORFGBG`; nil when neither says.
    static func detect(timeoutMilliseconds: Int = 250) -> Theme? {
        if let reply = query(timeoutMilliseconds: timeoutMilliseconds), let theme = Theme(osc11Reply: reply) { return theme }
        return getenv("COLORFGBG").flatMap { Theme(colorfgbg: String(cString: $0)) }
    }

    /// The terminal's raw answer, or nil when there is no terminal to ask.
    static func query(timeoutMilliseconds: Int) -> [UInt8]? {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { return nil }
        // The Linux console and "dumb" terminals know no OSC 11 (the console is dark).
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        guard !term.isEmpty, term != "dumb", term != "linux" else { return nil }
        let tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard tty >= 0 else { return nil }
        defer { close(tty) }
        var saved = termios()
        guard tcgetattr(tty, &saved) == 0 else { return nil }
        var raw = saved
        // Answers are read as they come, and never echoed.
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 0
            cc[Int(VTIME)] = 0
        }
        guard tcsetattr(tty, TCSANOW, &raw) == 0 else { return nil }
        defer {
            tcflush(tty, TCIFLUSH)
            tcsetattr(tty, TCSANOW, &saved)
        }
        let request = Array("\u{1B}]11;?\u{1B}\\\u{1B}[c".utf8)
        guard request.withUnsafeBytes({ write(tty, $0.baseAddress, $0.count) }) == request.count else { return nil }

        var reply: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        let deadline = now() + Double(timeoutMilliseconds) / 1000
        while !answersDeviceAttributes(reply) && reply.count < 4096 {
            let left = Int32(max(0, (deadline - now()) * 1000))
            guard left > 0 else { break }
            var descriptor = pollfd(fd: tty, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, left)
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { break }
            let count = buffer.withUnsafeMutableBytes { read(tty, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            reply += buffer[0..<count]
        }
        return reply
    }

    /// Whether `bytes` hold a complete device-attributes answer: `ESC [ ? … c`.
    static func answersDeviceAttributes(_ bytes: [UInt8]) -> Bool {
        guard let start = bytes.firstRange(of: [0x1B, 0x5B, 0x3F])?.upperBound else { return false }
        return bytes[start...].contains(UInt8(ascii: "c"))
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
