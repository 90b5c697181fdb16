// SPDX-License-Identifier: Apache-2.0

/// Whether the user chose the locale's character set, and whether that choice has UTF-8.
///
/// A terminal program falls back to a UTF-8 locale (C.UTF-8) when the process has none,
/// because most systems that start in the plain C locale (containers, `ssh` without
/// `LANG`) still have a UTF-8 terminal. But a user who asks for a locale without UTF-8
/// (`LC_ALL=C`, `LC_ALL=POSIX`, `LANG=en_US.ISO-8859-1`) gets what they asked for: the
/// ASCII glyphs of `ASCIIFallback`.
public enum LocaleChoice {
    /// The locale name that decides the character set, as POSIX reads it: `LC_ALL`, else
    /// `LC_CTYPE`, else `LANG`, skipping empty ones; nil when none is set.
    public static func characterSetName(environment: (String) -> String?) -> String? {
        for name in ["LC_ALL", "LC_CTYPE", "LANG"] {
            if let value = environment(name), !value.isEmpty { return value }
        }
        return nil
    }

    /// True when `name` (from `characterSetName`) is an explicit choice of a locale without
    /// UTF-8: any name that does not say UTF-8 (`C`, `POSIX`, `en_US`, `de_DE.ISO-8859-15`).
    /// No name at all is no choice; a name that says UTF-8 is a choice of UTF-8 (even where
    /// that locale is not installed, the fallback gives what the user meant).
    public static func choosesNonUTF8(_ name: String?) -> Bool {
        guard let name, !name.isEmpty else { return false }
        let lowered = name.lowercased()
        return !(lowered.contains("utf-8") || lowered.contains("utf8"))
    }
}
