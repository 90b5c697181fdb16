#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes one line, prefixed with the program's name, to standard error: the
/// one way the command line reports a problem or a warning.
func printError(_ message: String) {
    var line = "attn-tui: \(message)\n"
    line.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
            let written = write(2, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0, errno == EINTR { continue }
            // Nowhere left to report a failed write of the error itself.
            guard written > 0 else { return }
            offset += written
        }
    }
}

/// Ends the process with `code` (inside a command, a bare `exit` names argument-parser's).
func exitProcess(_ code: Int32) -> Never {
    exit(code)
}
