// SPDX-License-Identifier: Apache-2.0

extension Theme {
    /// The theme for a background colour given as sRGB 0–255: light when its
    /// relative luminance is above that of mid-grey (about 0.2, the luminance at
    /// which black and white text have equal contrast on it).
    public init(background rgb: (Int, Int, Int)) {
        self = Theme.relativeLuminance(rgb) > Self.equalContrastLuminance ? .light : .dark
    }

    /// Where white and black text have the same contrast: (1 + 0.05) / (L + 0.05) = (L + 0.05) / 0.05.
    static let equalContrastLuminance = (1.05 * 0.05).squareRoot() - 0.05

    /// The theme from a terminal's answer to `OSC 11 ; ?` (its background colour), e.g.
    /// `ESC ] 11 ; rgb:ffff/ffff/ffff ESC \`; nil when `reply` holds no such answer.
    ///
    /// Components have 1–4 hex digits each (scaled to 0–255), as X11 colour names
    /// do; `rgba:` (with a fourth, ignored, component) is read too. Other bytes
    /// around the answer (the reply to a device-attributes query) are skipped.
    public init?(osc11Reply reply: [UInt8]) {
        let prefix = Array("\u{1B}]11;".utf8)
        guard let start = reply.firstRange(of: prefix)?.upperBound else { return nil }
        var body = reply[start...]
        if let end = body.firstIndex(where: { $0 == 0x07 || $0 == 0x1B }) { body = body[..<end] } else { return nil }
        let text = String(decoding: body, as: UTF8.self)
        let parts: [Substring]
        if text.hasPrefix("rgb:") {
            parts = text.dropFirst(4).split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 3 else { return nil }
        } else if text.hasPrefix("rgba:") {
            parts = text.dropFirst(5).split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 4 else { return nil }
        } else {
            return nil
        }
        var components: [Int] = []
        for part in parts.prefix(3) {
            guard (1...4).contains(part.count), let value = Int(part, radix: 16) else { return nil }
            let maximum = (1 << (4 * part.count)) - 1
            components.append((value * 255 + maximum / 2) / maximum)
        }
        self.init(background: (components[0], components[1], components[2]))
    }

    /// The theme from `COLORFGBG` ("15;0", "0;default;15", as rxvt and Konsole set it):
    /// its last field is the background's ANSI colour number. Black, the dark colours and
    /// grey (0–6, 8) are dark; white and the bright colours (7, 9–15) light. Nil otherwise.
    public init?(colorfgbg value: String) {
        guard let last = value.split(separator: ";").last, let number = Int(last), (0...15).contains(number) else { return nil }
        self = number == 7 || number >= 9 ? .light : .dark
    }
}
