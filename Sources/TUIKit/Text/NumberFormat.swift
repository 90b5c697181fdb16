// SPDX-License-Identifier: Apache-2.0

/// Fixed-point number text for cells and bars, without Foundation.
public struct NumberFormat: Hashable, Sendable {
    /// Digits after the point.
    public var decimals: Int
    /// Writes `.93` and `-.12` instead of `0.93` and `-0.12`, to save a column.
    public var dropsLeadingZero: Bool

    public init(decimals: Int, dropsLeadingZero: Bool = false) {
        self.decimals = max(0, min(decimals, 9))
        self.dropsLeadingZero = dropsLeadingZero
    }

    /// `value` rounded half away from zero; never "-0.00"; "∞", "-∞" and "NaN" for non-finite values.
    public func string(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-∞" : "∞") }
        var power = 1
        for _ in 0..<decimals { power *= 10 }
        let scaled = Self.roundedHalfAway(abs(value) * Double(power))
        // Beyond Int's range fixed point means nothing; Swift's shortest form says it plainly.
        guard scaled < 9e15 else { return "\(value)" }
        let units = Int(scaled)
        var text = units == 0 || value > 0 ? "" : "-"
        let whole = units / power
        if !(dropsLeadingZero && whole == 0 && decimals > 0) { text += String(whole) }
        if decimals > 0 {
            let fraction = String(units % power)
            text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return text
    }

    /// Like `string`, except that a value strictly between -1 and 1 which would round to
    /// "1.0" or "-1.00" shows its digits cut one place further instead (0.96 → ".96",
    /// -0.9996 → "-.999"): the same width, and never read as a word with itself.
    /// Values within 1e-9 of ±1 are ±1 (a word with itself, up to rounding error).
    public func stringKeepingOffOne(_ value: Double) -> String {
        var power = 1
        for _ in 0..<decimals { power *= 10 }
        let magnitude = abs(value)
        guard value.isFinite, decimals > 0, decimals < 9, magnitude < 1 - 1e-9,
            Self.roundedHalfAway(magnitude * Double(power)) >= Double(power)
        else { return string(value) }
        // At least 1 - 0.5/power, so exactly `decimals + 1` digits, all below 10^(decimals + 1).
        let digits = Int((magnitude * Double(power * 10)).rounded(.down))
        return (value < 0 ? "-." : ".") + String(digits)
    }

    /// `scaled` (≥ 0) rounded to a whole number, a half upwards — also a half as written in
    /// decimals but a hair below it in binary: 0.105 is 0.10499999999999998, and rounds to 0.11
    /// as 0.405 rounds to 0.41 (within a billionth of the last digit, it is the half).
    static func roundedHalfAway(_ scaled: Double) -> Double {
        let whole = scaled.rounded(.down)
        return abs(scaled - whole - 0.5) <= 1e-9 ? whole + 1 : scaled.rounded()
    }

    /// Columns of the widest of `values` in this format.
    public func width(of values: [Double]) -> Int {
        values.reduce(0) { max($0, DisplayWidth.of(string($1))) }
    }

    /// The most precise format — 2 decimals below 10, 1 below 100, else none — in which
    /// every value fits `columns`; nil when even the shortest does not fit.
    ///
    /// One format for a whole table keeps its columns aligned.
    public static func fitting(_ values: [Double], in columns: Int) -> NumberFormat? {
        // Width grows with magnitude on each side of zero, so the largest and the most
        // negative value decide it: two strings per format instead of one per value.
        var highest = 0.0
        var lowest = 0.0
        for value in values where value.isFinite {
            highest = max(highest, value)
            lowest = min(lowest, value)
        }
        let finite = [highest, lowest]
        let largest = max(highest, -lowest)
        let candidates: [NumberFormat]
        if largest < 9.995 {
            candidates = [
                .init(decimals: 2), .init(decimals: 2, dropsLeadingZero: true), .init(decimals: 1),
                .init(decimals: 1, dropsLeadingZero: true),
            ]
        } else if largest < 99.95 {
            candidates = [.init(decimals: 1), .init(decimals: 0)]
        } else {
            candidates = [.init(decimals: 0)]
        }
        return candidates.first { $0.width(of: finite) <= columns }
    }
}
