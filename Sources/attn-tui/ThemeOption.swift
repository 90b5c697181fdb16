// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import TUIKit
import Vocabularies

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `--theme light|dark`: the terminal's background, so that colours stay readable on white.
struct ThemeOption: ParsableArguments {
    /// The environment variable that sets the default.
    static let variable = "ATTN_TUI_THEME"

    @Option(
        help: ArgumentHelp(
            "The terminal's background, so colours stay readable (default: $ATTN_TUI_THEME; else the course asks the terminal; else dark).",
            valueName: "light|dark"),
        transform: { value in
            guard let theme = Theme(name: value) else { throw ValidationError("use light or dark") }
            return theme
        })
    var theme: Theme?

    /// `--theme`, else `ATTN_TUI_THEME` (unset or blank: nil).
    func chosen() throws(QueryError) -> Theme? {
        if let theme { return theme }
        guard let value = getenv(Self.variable).map({ String(cString: $0) }), !value.allSatisfy(\.isWhitespace) else {
            return nil
        }
        guard let theme = Theme(name: value) else {
            throw QueryError("\(Self.variable) must be light or dark, got '\(value)'")
        }
        return theme
    }
}
