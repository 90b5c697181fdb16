// SPDX-License-Identifier: Apache-2.0

import AttnApp
import AttnMath
import Reports
import Vocabularies

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Everything the command line prints goes through here: text that came from
/// files or arguments is escaped (`ControlEscaping`, the one escaper), a write
/// that fails (a full disk) is an error, not a silent exit 0, and a reader that
/// closed the pipe early (`attn-tui words | head -3`) ends the program quietly with
/// status 0: it had all it wanted, and `set -o pipefail` scripts must not fail because of us.
enum Output {
    /// Writes `text` and a line feed to standard output.
    ///
    /// - Parameter escaping: false only for text this program composed with
    ///   escapes on purpose (`render --ansi`, help, completion scripts); reports have
    ///   escaped their words already, and a second pass changes nothing but catches what slipped through.
    static func line(_ text: String, escaping: Bool = true) throws(QueryError) {
        var out = StandardOutput(escaping: escaping)
        try out.write(text + "\n")
        try out.flush()
    }

    /// One line on standard error, escaped, e.g. "attn-tui: warning: …".
    static func error(_ message: String) {
        _ = write(Array(("attn-tui: " + ControlEscaping.escaped(message) + "\n").utf8), to: STDERR_FILENO)
    }

    /// Unbuffered, so a failure is known here rather than lost in an exit-time flush; the errno on failure.
    static func write(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
        bytes.withUnsafeBufferPointer { bytes -> Int32? in
            var offset = 0
            while offset < bytes.count {
                let count = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += count
            }
            return nil
        }
    }
}

/// Standard output as a `ReportSink`: pieces are escaped and gathered into 64 KB writes,
/// so a report of any size streams out in constant memory.
struct StandardOutput: ReportSink {
    let escaping: Bool
    private var buffer: [UInt8] = []

    init(escaping: Bool = true) {
        self.escaping = escaping
        buffer.reserveCapacity(1 << 16)
    }

    mutating func write(_ text: String) throws(QueryError) {
        // Printable ASCII and line feeds need no escaping: skip the escaper for them.
        if escaping && !text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A }) {
            buffer += ControlEscaping.escaped(text, for: .lines).utf8
        } else {
            buffer += text.utf8
        }
        if buffer.count >= 1 << 16 { try flush() }
    }

    mutating func flush() throws(QueryError) {
        guard !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        guard let code = Output.write(buffer, to: STDOUT_FILENO) else { return }
        // The reader has gone (`| head`): what it did not read, it did not want.
        if code == EPIPE { exitProcess(0) }
        throw QueryError("cannot write the output: \(String(cString: strerror(code)))")
    }
}
