// SPDX-License-Identifier: Apache-2.0

/// A 2D map of labelled points (the embedding space) with optional arrows and axis captions.
///
/// Bounds fit the points and arrow ends unless given. Each point is a marker
/// glyph in its cell; arrows are braille lines ending in a direction glyph.
/// Labels go right or left of their point, whichever is free first, touching it, with
/// a blank cell between their far end and any other label, point or arrow head (so
/// each label reads as its own marker's); they are left out rather than crowded,
/// and counted (`showsOmittedCount`);
/// the selected point is drawn on top, highlighted, and its label is always shown:
/// placed first, right or left, else centred above or below it (highlighted like its
/// marker, so it still reads as its own), else cut to the free room beside it, and only
/// when both neighbouring cells are taken does it cover what lies to its right.
public struct ScatterMap: Widget, Sendable {
    public struct Point: Hashable, Sendable {
        public var label: String
        public var position: WorldPoint
        /// The category colour chosen by the caller; also used for the label.
        public var style: Style
        public var isSelected: Bool
        public var marker: Character

        public init(_ label: String, x: Double, y: Double, style: Style = .plain, isSelected: Bool = false, marker: Character = "•") {
            self.label = label
            self.position = WorldPoint(x: x, y: y)
            self.style = style
            self.isSelected = isSelected
            self.marker = marker
        }
    }

    public struct Arrow: Hashable, Sendable {
        public var from: WorldPoint
        public var to: WorldPoint
        public var style: Style
        /// The glyph at the tip; nil picks one of → ↗ ↑ ↖ ← ↙ ↓ ↘ from the direction.
        public var head: Character?

        public init(from: WorldPoint, to: WorldPoint, style: Style = .plain, head: Character? = nil) {
            self.from = from
            self.to = to
            self.style = style
            self.head = head
        }
    }

    /// Where everything landed in an area: for hit-testing clicks and for saying what was left out.
    public struct Placement: Sendable {
        /// The area points are drawn in (the area less the caption rows).
        public var plotArea: Rect
        public var bounds: WorldBounds
        /// The cell of each point, by index into `points`; nil for a point that is not finite.
        public var pointCells: [CellPosition?]
        /// The cells of each shown label (its first cell and width), by index into `points`.
        public var labels: [LabelPlacement?]
        /// Points whose label had no room.
        public var omittedLabels: Int

        public struct CellPosition: Hashable, Sendable {
            public var x: Int
            public var y: Int
        }

        public struct LabelPlacement: Hashable, Sendable {
            public var x: Int
            public var y: Int
            public var text: String
            public var width: Int { DisplayWidth.of(text) }
        }
    }

    public var points: [Point]
    public var arrows: [Arrow]
    /// Shown in the bottom row, centred (e.g. "fruit ← x → tech").
    public var xCaption: String?
    /// Shown in the top row, at the left (e.g. "↑ sweet").
    public var yCaption: String?
    /// The world rectangle shown; nil fits the points and arrows with `padding`.
    public var bounds: WorldBounds?
    /// Fraction of the data span added on each side when fitting.
    public var padding: Double
    /// Keep one world unit the same length across and down (true angles, e.g. for cosine).
    public var equalScale: Bool
    /// Dotted axes through x = 0 and y = 0 when they are in view.
    public var showsOrigin: Bool
    public var axisStyle: Style
    /// Added to the selected point's style, for its marker and label.
    public var selectedModifiers: Modifiers
    /// Says "N labels hidden" after the x caption (or at the bottom right) when labels were left out.
    public var showsOmittedCount: Bool

    public init(
        points: [Point], arrows: [Arrow] = [], xCaption: String? = nil, yCaption: String? = nil,
        bounds: WorldBounds? = nil, padding: Double = 0.05, equalScale: Bool = false, showsOrigin: Bool = false,
        axisStyle: Style = Style(modifiers: [.dim]), selectedModifiers: Modifiers = [.reverse, .bold],
        showsOmittedCount: Bool = false
    ) {
        self.points = points
        self.arrows = arrows
        self.xCaption = xCaption
        self.yCaption = yCaption
        self.bounds = bounds
        self.padding = padding
        self.equalScale = equalScale
        self.showsOrigin = showsOrigin
        self.axisStyle = axisStyle
        self.selectedModifiers = selectedModifiers
        self.showsOmittedCount = showsOmittedCount
    }

    // MARK: Layout

    private enum Occupant { case empty, line, point, head, label }

    private struct Grid {
        let area: Rect
        var cells: [Occupant]
        init(_ area: Rect) {
            self.area = area
            cells = Array(repeating: .empty, count: area.width * area.height)
        }
        subscript(x: Int, y: Int) -> Occupant {
            get { area.contains(x: x, y: y) ? cells[(y - area.y) * area.width + x - area.x] : .empty }
            set { if area.contains(x: x, y: y) { cells[(y - area.y) * area.width + x - area.x] = newValue } }
        }
    }

    private struct Drawing {
        var placement: Placement
        var arrowCanvas: BrailleCanvas
        var axisCanvas: BrailleCanvas
        var heads: [(x: Int, y: Int, glyph: Character, style: Style)]
    }

    /// Where points, labels and arrows go in `area`, without drawing.
    public func layout(in area: Rect) -> Placement { makeDrawing(in: area).placement }

    private func plotArea(in area: Rect) -> (plot: Rect, yCaptionRow: Int?, xCaptionRow: Int?) {
        var plot = area
        var top: Int?
        var bottom: Int?
        // Captions give way to points when the area is too short to hold both.
        if let yCaption, !yCaption.isEmpty, plot.height >= 4 {
            top = plot.y
            plot = Rect(x: plot.x, y: plot.y + 1, width: plot.width, height: plot.height - 1)
        }
        if let xCaption, !xCaption.isEmpty, plot.height >= 3 {
            bottom = plot.bottom - 1
            plot = Rect(x: plot.x, y: plot.y, width: plot.width, height: plot.height - 1)
        }
        return (plot, top, bottom)
    }

    private func makeDrawing(in area: Rect) -> Drawing {
        let plot = plotArea(in: area).plot
        let dotWidth = plot.width * 2
        let dotHeight = plot.height * 4
        var world = bounds ?? WorldBounds.fitting(points.map(\.position) + arrows.flatMap { [$0.from, $0.to] }, padding: padding)
        if equalScale { world = world.withEqualScale(dotWidth: dotWidth, dotHeight: dotHeight) }

        var grid = Grid(plot)
        var axisCanvas = BrailleCanvas(width: plot.width, height: plot.height)
        var arrowCanvas = BrailleCanvas(width: plot.width, height: plot.height)
        var heads: [(x: Int, y: Int, glyph: Character, style: Style)] = []

        if showsOrigin, !plot.isEmpty {
            if world.minX <= 0, world.maxX >= 0,
                let origin = world.dot(for: WorldPoint(x: 0, y: world.minY), dotWidth: dotWidth, dotHeight: dotHeight)
            {
                for y in stride(from: 0, to: dotHeight, by: 2) { axisCanvas.setDot(x: origin.x, y: y, style: axisStyle) }
            }
            if world.minY <= 0, world.maxY >= 0,
                let origin = world.dot(for: WorldPoint(x: world.minX, y: 0), dotWidth: dotWidth, dotHeight: dotHeight)
            {
                for x in stride(from: 0, to: dotWidth, by: 2) { axisCanvas.setDot(x: x, y: origin.y, style: axisStyle) }
            }
        }

        for arrow in arrows {
            guard let tail = world.dot(for: arrow.from, dotWidth: dotWidth, dotHeight: dotHeight),
                let tip = world.dot(for: arrow.to, dotWidth: dotWidth, dotHeight: dotHeight)
            else { continue }
            let tipCell = (x: plot.x + tip.x / 2, y: plot.y + tip.y / 4)
            let tailCell = (x: plot.x + tail.x / 2, y: plot.y + tail.y / 4)
            if tipCell != tailCell {
                arrowCanvas.drawLine(fromX: tail.x, fromY: tail.y, toX: tip.x, toY: tip.y, style: arrow.style)
            }
            let glyph = arrow.head ?? Self.arrowHead(dx: tip.x - tail.x, dy: tail.y - tip.y)
            if plot.contains(x: tipCell.x, y: tipCell.y) { heads.append((tipCell.x, tipCell.y, glyph, arrow.style)) }
        }
        for row in 0..<plot.height {
            for column in 0..<plot.width where arrowCanvas.hasDots(column: column, row: row) {
                grid[plot.x + column, plot.y + row] = .line
            }
        }
        for head in heads { grid[head.x, head.y] = .head }

        var pointCells: [Placement.CellPosition?] = []
        for point in points {
            guard let dot = world.dot(for: point.position, dotWidth: dotWidth, dotHeight: dotHeight) else {
                pointCells.append(nil)
                continue
            }
            let cell = Placement.CellPosition(x: plot.x + dot.x / 2, y: plot.y + dot.y / 4)
            pointCells.append(cell)
            if plot.contains(x: cell.x, y: cell.y) { grid[cell.x, cell.y] = .point }
        }

        var labels = [Placement.LabelPlacement?](repeating: nil, count: points.count)
        var omitted = 0
        let order = points.indices.filter { points[$0].isSelected } + points.indices.filter { !points[$0].isSelected }
        for index in order {
            let point = points[index]
            guard let cell = pointCells[index], plot.contains(x: cell.x, y: cell.y), !point.label.isEmpty else {
                if !point.label.isEmpty { omitted += 1 }
                continue
            }
            let placed =
                Self.placeLabel(point.label, at: cell, grid: grid, allowLines: false)
                ?? Self.placeLabel(point.label, at: cell, grid: grid, allowLines: true)
                ?? (point.isSelected
                    ? Self.placeLabelAcross(point.label, at: cell, grid: grid) ?? Self.forceLabel(point.label, at: cell, grid: grid) : nil)
            guard let placed else {
                omitted += 1
                continue
            }
            labels[index] = placed
            for x in placed.x..<(placed.x + placed.width) { grid[x, placed.y] = .label }
        }

        let placement = Placement(plotArea: plot, bounds: world, pointCells: pointCells, labels: labels, omittedLabels: omitted)
        return Drawing(placement: placement, arrowCanvas: arrowCanvas, axisCanvas: axisCanvas, heads: heads)
    }

    /// The first free spot right or left of the point, touching it; the label's far end keeps
    /// one blank cell from any other label, point or arrow head.
    private static func placeLabel(_ label: String, at cell: Placement.CellPosition, grid: Grid, allowLines: Bool) -> Placement
        .LabelPlacement?
    {
        let width = DisplayWidth.of(label)
        guard width > 0 else { return nil }
        if fits(x: cell.x + 1, y: cell.y, width: width, grid: grid, allowLines: allowLines, farEnd: cell.x + 1 + width) {
            return Placement.LabelPlacement(x: cell.x + 1, y: cell.y, text: label)
        }
        if fits(x: cell.x - width, y: cell.y, width: width, grid: grid, allowLines: allowLines, farEnd: cell.x - width - 1) {
            return Placement.LabelPlacement(x: cell.x - width, y: cell.y, text: label)
        }
        return nil
    }

    /// For the selected point: on the row above or below, over its marker's column (centred, or
    /// shifted to stay inside the area), clear of labels, points and heads on both ends.
    private static func placeLabelAcross(_ label: String, at cell: Placement.CellPosition, grid: Grid) -> Placement.LabelPlacement? {
        let width = DisplayWidth.of(label)
        guard width > 0, width <= grid.area.width else { return nil }
        let x = min(max(cell.x - (width - 1) / 2, grid.area.x), grid.area.right - width)
        for y in [cell.y - 1, cell.y + 1]
        where fits(x: x, y: y, width: width, grid: grid, allowLines: true, farEnd: x - 1) && isGap(grid[x + width, y]) {
            return Placement.LabelPlacement(x: x, y: y, text: label)
        }
        return nil
    }

    private static func fits(x: Int, y: Int, width: Int, grid: Grid, allowLines: Bool, farEnd: Int) -> Bool {
        guard grid.area.contains(x: x, y: y), grid.area.contains(x: x + width - 1, y: y) else { return false }
        for column in x..<(x + width) {
            switch grid[column, y] {
            case .empty: continue
            case .line where allowLines: continue
            default: return false
            }
        }
        return isGap(grid[farEnd, y])
    }

    /// A cell that may sit at a label's far end without seeming to belong to it.
    private static func isGap(_ occupant: Occupant) -> Bool { occupant == .empty || occupant == .line }

    /// For the selected point: the longest free run right or left, the label cut to it;
    /// with no free cell at all, straight to the right over whatever is there.
    private static func forceLabel(_ label: String, at cell: Placement.CellPosition, grid: Grid) -> Placement.LabelPlacement? {
        var right = 0
        while grid.area.contains(x: cell.x + 1 + right, y: cell.y), isGap(grid[cell.x + 1 + right, cell.y]) { right += 1 }
        var left = 0
        while grid.area.contains(x: cell.x - 1 - left, y: cell.y), isGap(grid[cell.x - 1 - left, cell.y]) { left += 1 }
        // A run that ends at another marker or label leaves a blank cell before it.
        if right > 1, grid.area.contains(x: cell.x + 1 + right, y: cell.y) { right -= 1 }
        if left > 1, grid.area.contains(x: cell.x - 1 - left, y: cell.y) { left -= 1 }
        if max(right, left) >= 1 {
            if right >= left {
                return Placement.LabelPlacement(x: cell.x + 1, y: cell.y, text: shortened(label, to: right))
            }
            let text = shortened(label, to: left)
            return Placement.LabelPlacement(x: cell.x - DisplayWidth.of(text), y: cell.y, text: text)
        }
        let room = grid.area.right - cell.x - 1
        guard room > 0 else { return nil }
        return Placement.LabelPlacement(x: cell.x + 1, y: cell.y, text: shortened(label, to: room))
    }

    private static func shortened(_ text: String, to columns: Int) -> String {
        columns >= 4 ? DisplayWidth.truncate(text, to: columns) : DisplayWidth.prefix(text, fitting: columns)
    }

    static func omittedNote(_ count: Int) -> String { count == 1 ? "1 label hidden" : "\(count) labels hidden" }

    /// One of eight arrows for a direction in dots (dy grows upwards).
    static func arrowHead(dx: Int, dy: Int) -> Character {
        if dx == 0 && dy == 0 { return "•" }
        // tan(22.5°) ≈ 0.4142 splits the circle into eight equal sectors.
        let ax = Double(abs(dx))
        let ay = Double(abs(dy))
        if ay <= 0.4142 * ax { return dx > 0 ? "→" : "←" }
        if ax <= 0.4142 * ay { return dy > 0 ? "↑" : "↓" }
        switch (dx > 0, dy > 0) {
        case (true, true): return "↗"
        case (false, true): return "↖"
        case (true, false): return "↘"
        case (false, false): return "↙"
        }
    }

    // MARK: Drawing

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let drawing = makeDrawing(in: area)
        let placement = drawing.placement
        let plot = placement.plotArea
        let rows = plotArea(in: area)

        if let row = rows.yCaptionRow, let yCaption {
            buffer.write(yCaption, x: area.x, y: row, style: axisStyle, maxWidth: area.width, clip: area)
        }
        let omitted = showsOmittedCount && placement.omittedLabels > 0 ? Self.omittedNote(placement.omittedLabels) : nil
        if let row = rows.xCaptionRow, let xCaption {
            // The count of hidden labels is kept; it says "N hidden" before the caption (a legend) is cut.
            let long = omitted.map { " · " + $0 } ?? ""
            let short = " · \(placement.omittedLabels) hidden"
            let note = omitted == nil || DisplayWidth.of(xCaption + long) <= area.width ? long : short
            let room = area.width - DisplayWidth.of(note)
            let text =
                room >= 4 ? DisplayWidth.truncate(xCaption, to: room) + note : DisplayWidth.truncate(omitted ?? xCaption, to: area.width)
            buffer.write(text, x: Alignment.center.start(of: DisplayWidth.of(text), in: area), y: row, style: axisStyle, clip: area)
        }

        drawing.axisCanvas.render(into: &buffer, area: plot)
        drawing.arrowCanvas.render(into: &buffer, area: plot)
        for head in drawing.heads { buffer.set(head.x, head.y, head.glyph, style: head.style, clip: plot) }

        let drawOrder = points.indices.filter { !points[$0].isSelected } + points.indices.filter { points[$0].isSelected }
        for index in drawOrder {
            guard let cell = placement.pointCells[index] else { continue }
            let point = points[index]
            let style = point.isSelected ? point.style.adding(selectedModifiers) : point.style
            buffer.set(cell.x, cell.y, point.marker, style: style, clip: plot)
        }
        for index in points.indices {
            guard let label = placement.labels[index] else { continue }
            let point = points[index]
            let style = point.isSelected ? point.style.adding(selectedModifiers) : point.style
            buffer.write(label.text, x: label.x, y: label.y, style: style, clip: plot)
        }

        if let note = omitted, rows.xCaptionRow == nil || xCaption == nil {
            // No caption row: at the bottom right, where it and a blank before it are free.
            let width = DisplayWidth.of(note)
            let row = rows.xCaptionRow ?? plot.bottom - 1
            let x = area.right - width
            let free = (x - 1..<area.right).allSatisfy { !area.contains(x: $0, y: row) || buffer[$0, row].symbol == " " }
            if free && x >= area.x { buffer.write(note, x: x, y: row, style: axisStyle, clip: area) }
        }
    }

    /// The point under a click at (x, y): its marker or label, else the nearest marker
    /// within two cells; nil when nothing is near.
    public func pointIndex(atX x: Int, y: Int, in area: Rect) -> Int? {
        let placement = layout(in: area)
        if let selected = points.indices.first(where: {
            points[$0].isSelected && placement.pointCells[$0] == Placement.CellPosition(x: x, y: y)
        }) {
            return selected
        }
        if let hit = points.indices.last(where: { placement.pointCells[$0] == Placement.CellPosition(x: x, y: y) }) { return hit }
        if let hit = points.indices.first(where: { index in
            guard let label = placement.labels[index] else { return false }
            return label.y == y && x >= label.x && x < label.x + label.width
        }) {
            return hit
        }
        var best: (index: Int, distance: Int)?
        for index in points.indices {
            guard let cell = placement.pointCells[index] else { continue }
            let distance = max(abs(cell.x - x), abs(cell.y - y))
            if distance <= 2, distance < (best?.distance ?? .max) { best = (index, distance) }
        }
        return best?.index
    }
}
