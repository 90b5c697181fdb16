import AttnApp
import AttnMath
import Vocabularies

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Everything the command line prints goes through here: text that came from
/// files or arguments is escaped (`ControlEscaping`, the one escaper), and a
/// write that fails (a full disk, a closed pipe) is an error, not a silent exit 0.
enum Output {
    /// Writes `text` and a line feed to standard output.
    ///
    /// - Parameter escaping: false only for text this program composed with
    ///   escapes on purpose (`render --ansi`); reports have escaped their words
    ///   already, and a second pass changes nothing but catches what slipped through.
    static func line(_ text: String, escaping: Bool = true) throws(QueryError) {
        let shown = escaping ? ControlEscaping.escaped(text, for: .lines) : text
        if let problem = write(shown + "\n", to: STDOUT_FILENO) {
            throw QueryError("cannot write the output: \(problem)")
        }
    }

    /// One line on standard error, escaped, e.g. "attn-tui: warning: …".
    static func error(_ message: String) {
        _ = write("attn-tui: " + ControlEscaping.escaped(message) + "\n", to: STDERR_FILENO)
    }

    /// Unbuffered, so a failure is known here rather than lost in an exit-time flush; nil on success.
    private static func write(_ text: String, to descriptor: Int32) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            var offset = 0
            while offset < bytes.count {
                let count = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += count
            }
            return nil
        }
    }
}
