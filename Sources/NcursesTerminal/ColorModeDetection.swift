import TUIKit

extension ColorMode {
    /// What a terminal can show, from what it reports and what the user asked for.
    ///
    /// `NO_COLOR` counts when it is set to anything but the empty string
    /// (https://no-color.org); `noColor` is the `--no-color` flag. Otherwise
    /// the number of colours terminfo reports decides; fewer than 8 (or none)
    /// is monochrome.
    static func detect(noColor: Bool, noColorVariable: String?, hasColors: Bool, colors: Int) -> ColorMode {
        if noColor || !(noColorVariable ?? "").isEmpty || !hasColors { return .monochrome }
        switch colors {
        case 256...: return .palette256
        case 16...: return .ansi16
        case 8...: return .ansi8
        default: return .monochrome
        }
    }
}
