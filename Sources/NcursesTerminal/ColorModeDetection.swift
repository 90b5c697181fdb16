// SPDX-License-Identifier: Apache-2.0

import TUIKit

extension ColorMode {
    /// What a terminal can show, from what it reports and what the user asked for.
    ///
    /// `noColor`: the `--no-color` flag or `NO_COLOR` (`noColorRequested`).
    /// Otherwise the number of colours terminfo reports decides; fewer than 8
    /// (or none) is monochrome.
    static func detect(noColor: Bool, hasColors: Bool, colors: Int) -> ColorMode {
        if noColor || !hasColors { return .monochrome }
        switch colors {
        case 256...: return .palette256
        case 16...: return .ansi16
        case 8...: return .ansi8
        default: return .monochrome
        }
    }
}
