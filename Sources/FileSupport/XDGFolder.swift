// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The XDG Base Directory folders (https://specifications.freedesktop.org/basedir-spec/).
public enum XDGFolder: Sendable {
    /// `$XDG_DATA_HOME`, else `~/.local/share`: what must not be lost (saved words, progress).
    case data
    /// `$XDG_CACHE_HOME`, else `~/.cache`: what can be made again (the embedding cache).
    case cache

    /// This program's folder of this kind, e.g. `$XDG_DATA_HOME/attn-tui`.
    ///
    /// A relative `XDG_…` value is ignored, as the specification says. Without
    /// `HOME`, the user's home from the password database; nil without either.
    /// `environment` looks a variable up (the process's own by default); `passwordHome` the
    /// home in the password database (a static binary may find none: it has no NSS modules).
    public func path(
        for program: String, environment: (String) -> String? = XDGFolder.processEnvironment,
        passwordHome: () -> String? = XDGFolder.passwordHome
    ) -> String? {
        let (variable, fallback) =
            switch self {
            case .data: ("XDG_DATA_HOME", "/.local/share")
            case .cache: ("XDG_CACHE_HOME", "/.cache")
            }
        if let base = environment(variable), base.hasPrefix("/") { return base + "/" + program }
        guard let home = environment("HOME").flatMap({ $0.isEmpty ? nil : $0 }) ?? passwordHome() else { return nil }
        return home + fallback + "/" + program
    }

    public static func processEnvironment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    public static func passwordHome() -> String? {
        guard let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir else { return nil }
        let home = String(cString: directory)
        return home.isEmpty ? nil : home
    }
}
