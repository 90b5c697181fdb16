// SPDX-License-Identifier: Apache-2.0

/// A drawing surface with 2×4 dots per cell, shown with the braille characters U+2800–U+28FF.
///
/// Dot (0, 0) is the top-left dot of the top-left cell. Dots outside the
/// canvas are ignored. Each cell keeps the style of the last dot drawn in it
/// (a terminal cell has one colour); cells without dots are transparent when
/// rendered, so whatever was under them stays.
public struct BrailleCanvas: Widget, Sendable {
    /// Size in cells.
    public let width: Int
    public let height: Int
    private var patterns: [UInt8]
    private var styles: [Style]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        patterns = Array(repeating: 0, count: self.width * self.height)
        styles = Array(repeating: .plain, count: self.width * self.height)
    }

    public init(size: Size) { self.init(width: size.width, height: size.height) }

    public var dotWidth: Int { width * 2 }
    public var dotHeight: Int { height * 4 }

    /// Bit of each dot in a braille pattern, indexed [row][column] inside the cell.
    private static let bits: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]

    public mutating func setDot(x: Int, y: Int, style: Style = .plain) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let index = (y / 4) * width + x / 2
        patterns[index] |= Self.bits[y % 4][x % 2]
        styles[index] = style
    }

    public func isDotSet(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return false }
        return patterns[(y / 4) * width + x / 2] & Self.bits[y % 4][x % 2] != 0
    }

    /// A straight line of dots between two dots, both ends included (Bresenham).
    public mutating func drawLine(fromX x0: Int, fromY y0: Int, toX x1: Int, toY y1: Int, style: Style = .plain) {
        let dx = abs(x1 - x0)
        let dy = -abs(y1 - y0)
        let stepX = x0 < x1 ? 1 : -1
        let stepY = y0 < y1 ? 1 : -1
        var error = dx + dy
        var (x, y) = (x0, y0)
        while true {
            setDot(x: x, y: y, style: style)
            if x == x1 && y == y1 { break }
            let doubled = 2 * error
            if doubled >= dy {
                error += dy
                x += stepX
            }
            if doubled <= dx {
                error += dx
                y += stepY
            }
        }
    }

    /// The braille character of a cell, or nil when the cell has no dots.
    public func character(column: Int, row: Int) -> Character? {
        guard column >= 0, row >= 0, column < width, row < height else { return nil }
        let pattern = patterns[row * width + column]
        guard pattern != 0, let scalar = Unicode.Scalar(0x2800 + UInt32(pattern)) else { return nil }
        return Character(scalar)
    }

    /// Whether a cell has at least one dot.
    public func hasDots(column: Int, row: Int) -> Bool { character(column: column, row: row) != nil }

    /// Draws the cells that have dots, the canvas's top-left cell at the area's top-left, clipped to `area`.
    public func render(into buffer: inout Buffer, area: Rect) {
        for row in 0..<min(height, area.height) {
            for column in 0..<min(width, area.width) {
                guard let character = character(column: column, row: row) else { continue }
                buffer.set(area.x + column, area.y + row, character, style: styles[row * width + column], clip: area)
            }
        }
    }
}

/// A point in world (data) coordinates; y grows upwards.
public struct WorldPoint: Hashable, Sendable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    public var isFinite: Bool { x.isFinite && y.isFinite }
}

/// The rectangle of world coordinates a canvas shows, and the mapping to its dots.
public struct WorldBounds: Hashable, Sendable {
    public var minX: Double
    public var maxX: Double
    public var minY: Double
    public var maxY: Double

    public init(minX: Double, maxX: Double, minY: Double, maxY: Double) {
        self.minX = minX
        self.maxX = maxX
        self.minY = minY
        self.maxY = maxY
    }

    /// The smallest bounds holding every finite point, widened by `padding` × the span on each side.
    ///
    /// A zero span (one point, or all points on a line) is widened around the
    /// value so nothing divides by zero; no finite points give −1…1 on both axes.
    public static func fitting(_ points: [WorldPoint], padding: Double = 0.05) -> WorldBounds {
        let finite = points.filter(\.isFinite)
        guard let first = finite.first else { return WorldBounds(minX: -1, maxX: 1, minY: -1, maxY: 1) }
        var bounds = WorldBounds(minX: first.x, maxX: first.x, minY: first.y, maxY: first.y)
        for point in finite.dropFirst() { bounds = bounds.including(point) }
        return bounds.padded(by: padding)
    }

    /// Grown just enough to contain `point` (ignored when not finite).
    public func including(_ point: WorldPoint) -> WorldBounds {
        guard point.isFinite else { return self }
        return WorldBounds(minX: min(minX, point.x), maxX: max(maxX, point.x), minY: min(minY, point.y), maxY: max(maxY, point.y))
    }

    /// Each side moved out by `fraction` of its span; a zero span first becomes a non-zero one.
    public func padded(by fraction: Double) -> WorldBounds {
        let (x0, x1) = Self.widen(minX, maxX, fraction)
        let (y0, y1) = Self.widen(minY, maxY, fraction)
        return WorldBounds(minX: x0, maxX: x1, minY: y0, maxY: y1)
    }

    private static func widen(_ low: Double, _ high: Double, _ fraction: Double) -> (Double, Double) {
        var span = high - low
        if !(span > 1e-12) || !span.isFinite {
            let half = max(abs(low), 1) * 0.5
            return (low - half, low + half)
        }
        span *= max(0, fraction)
        return (low - span, high + span)
    }

    /// Widened on one axis so that a world unit covers as many dots across as down,
    /// keeping angles true (braille dots are about square on a 1:2 cell).
    public func withEqualScale(dotWidth: Int, dotHeight: Int) -> WorldBounds {
        guard dotWidth > 1, dotHeight > 1 else { return self }
        let perDotX = (maxX - minX) / Double(dotWidth - 1)
        let perDotY = (maxY - minY) / Double(dotHeight - 1)
        let scale = max(perDotX, perDotY)
        guard scale.isFinite, scale > 0 else { return self }
        let halfX = scale * Double(dotWidth - 1) / 2
        let halfY = scale * Double(dotHeight - 1) / 2
        let centreX = (minX + maxX) / 2
        let centreY = (minY + maxY) / 2
        return WorldBounds(minX: centreX - halfX, maxX: centreX + halfX, minY: centreY - halfY, maxY: centreY + halfY)
    }

    /// The dot of a `dotWidth` × `dotHeight` canvas that shows `point`; nil when the point is not finite.
    /// Points outside the bounds give dots outside the canvas (clamped far enough away to stay cheap).
    public func dot(for point: WorldPoint, dotWidth: Int, dotHeight: Int) -> (x: Int, y: Int)? {
        guard point.isFinite else { return nil }
        let spanX = maxX - minX
        let spanY = maxY - minY
        let fx = spanX > 0 ? (point.x - minX) / spanX : 0.5
        let fy = spanY > 0 ? (maxY - point.y) / spanY : 0.5
        guard fx.isFinite, fy.isFinite else { return nil }
        let limit = 100_000.0
        let x = min(max((fx * Double(max(0, dotWidth - 1))).rounded(), -limit), limit)
        let y = min(max((fy * Double(max(0, dotHeight - 1))).rounded(), -limit), limit)
        return (Int(x), Int(y))
    }
}
