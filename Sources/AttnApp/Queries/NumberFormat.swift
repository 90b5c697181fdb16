import Foundation

/// Fixed-point numbers for text tables (JSON output keeps full precision instead).
public enum NumberFormat {
    /// `value` with `decimals` digits after the point; "–" for an undefined value.
    public static func fixed(_ value: Double?, decimals: Int = 3) -> String {
        guard let value else { return "–" }
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        let text = String(format: "%.\(decimals)f", value)
        // "-0.000" reads as a sign error to a learner.
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
    }

    /// Right-aligns `text` in `width` columns.
    public static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    /// Left-aligns `text` in `width` columns.
    public static func padRight(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
