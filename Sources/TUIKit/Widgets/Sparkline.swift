// SPDX-License-Identifier: Apache-2.0

/// A series of values as a strip of bar glyphs (▁…█), lowest value at the bottom,
/// highest at the top of the area; the newest values at the right.
///
/// With more values than columns, each column shows the mean of its share of
/// the values (oldest columns may take one more), so the whole series stays in
/// view. Non-finite values are skipped; an empty series draws nothing.
public struct Sparkline: Widget, Sendable {
    public var values: [Double]
    public var style: Style
    /// The value an empty column stands for (e.g. 0 for a loss), so bars compare as sizes;
    /// nil spans the values' own range, which makes small wiggles look large.
    public var lowerBound: Double?

    public init(_ values: [Double], style: Style = .plain, lowerBound: Double? = nil) {
        self.values = values
        self.style = style
        self.lowerBound = lowerBound
    }

    static let glyphs: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// The value each column shows, at most `width` of them.
    public func columns(width: Int) -> [Double] {
        let finite = values.filter(\.isFinite)
        guard width > 0, !finite.isEmpty else { return [] }
        guard finite.count > width else { return finite }
        return (0..<width).map { column in
            let start = column * finite.count / width
            let end = (column + 1) * finite.count / width
            return finite[start..<end].reduce(0, +) / Double(end - start)
        }
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let shown = columns(width: area.width)
        guard area.height > 0, let lowest = shown.min(), let high = shown.max() else { return }
        let low = min(lowest, lowerBound ?? lowest)
        let levels = area.height * 8
        for (offset, value) in shown.enumerated() {
            // At least one eighth, so the lowest value still shows as a bar.
            let level = high > low ? 1 + Int(((value - low) / (high - low) * Double(levels - 1)).rounded()) : levels / 2
            for row in 0..<area.height {
                let filled = min(8, level - row * 8)
                guard filled > 0 else { break }
                buffer.set(area.x + offset, area.bottom - 1 - row, Self.glyphs[filled - 1], style: style)
            }
        }
    }
}
