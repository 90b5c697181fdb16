// SPDX-License-Identifier: Apache-2.0

extension NumberFormat {
    /// `value` with `decimals` digits after the point; "–" for an undefined value.
    public static func fixed(_ value: Double?, decimals: Int = 3) -> String {
        guard let value else { return "–" }
        return NumberFormat(decimals: decimals).string(value)
    }

    /// Right-aligns `text` in `width` columns.
    public static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - DisplayWidth.of(text))) + text
    }

    /// Left-aligns `text` in `width` columns.
    public static func padRight(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - DisplayWidth.of(text)))
    }
}
