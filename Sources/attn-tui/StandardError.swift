// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Ends the process with `code` (inside a command, a bare `exit` names argument-parser's).
func exitProcess(_ code: Int32) -> Never {
    exit(code)
}
