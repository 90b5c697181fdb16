// SPDX-License-Identifier: Apache-2.0

/// A table of numbers drawn as coloured cells, with row and column labels.
///
/// Cells take their background from a `ColorScale` (shade characters in
/// `.monochrome`); numbers are written inside when every value fits the cell
/// width in one format, and only a value of ±1 ever reads "1.0" (`stringKeepingOffOne`);
/// nil (undefined) cells show `·`. The selected row and
/// column have reversed labels and bold numbers, the cursor cell is reversed.
/// When the table is larger than the area it scrolls to keep the cursor (or the
/// selection) in view; `geometry(in:)` says which part is shown.
public struct Heatmap: Widget, Sendable {
    public struct Position: Hashable, Sendable {
        public var row: Int
        public var column: Int
        public init(row: Int, column: Int) {
            self.row = row
            self.column = column
        }
    }

    /// How the table is laid out in an area.
    public struct Geometry: Hashable, Sendable {
        public var labelWidth: Int
        public var cellWidth: Int
        /// Top-left of the first shown cell.
        public var gridX: Int
        public var gridY: Int
        public var firstRow: Int
        public var firstColumn: Int
        public var visibleRows: Int
        public var visibleColumns: Int
        /// Nil when numbers do not fit the cells (or are turned off).
        public var numberFormat: NumberFormat?
    }

    public var rowLabels: [String]
    public var columnLabels: [String]
    /// Rows of values; a missing or nil entry is undefined.
    public var values: [[Double?]]
    /// Nil fits the values (`ColorScale.fitting`).
    public var scale: ColorScale?
    public var colorMode: ColorMode
    public var selectedRow: Int?
    public var selectedColumn: Int?
    public var cursor: Position?
    /// Nil: up to a quarter of the width, at most the longest label.
    public var rowLabelWidth: Int?
    /// Nil: share the width, between 1 and `maxCellWidth`.
    public var cellWidth: Int?
    public var maxCellWidth: Int
    public var showsNumbers: Bool
    /// Column labels on two rows, every other column on the second: a label may then run left
    /// over its neighbour's cell (up to two cells less a gap), so words longer than a cell are
    /// written whole where one row would cut them.
    public var staggersColumnLabels: Bool
    public var labelStyle: Style
    public var selectedLabelStyle: Style

    public init(
        rowLabels: [String], columnLabels: [String], values: [[Double?]], scale: ColorScale? = nil,
        colorMode: ColorMode = .palette256, selectedRow: Int? = nil, selectedColumn: Int? = nil, cursor: Position? = nil,
        rowLabelWidth: Int? = nil, cellWidth: Int? = nil, maxCellWidth: Int = 7, showsNumbers: Bool = true,
        staggersColumnLabels: Bool = false, labelStyle: Style = .plain,
        selectedLabelStyle: Style = Style(modifiers: [.bold, .reverse])
    ) {
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.values = values
        self.scale = scale
        self.colorMode = colorMode
        self.selectedRow = selectedRow
        self.selectedColumn = selectedColumn
        self.cursor = cursor
        self.rowLabelWidth = rowLabelWidth
        self.cellWidth = cellWidth
        self.maxCellWidth = maxCellWidth
        self.showsNumbers = showsNumbers
        self.staggersColumnLabels = staggersColumnLabels
        self.labelStyle = labelStyle
        self.selectedLabelStyle = selectedLabelStyle
    }

    public var rowCount: Int { max(values.count, rowLabels.count) }
    public var columnCount: Int { values.reduce(columnLabels.count) { max($0, $1.count) } }

    public func value(row: Int, column: Int) -> Double? {
        guard row >= 0, row < values.count, column >= 0, column < values[row].count else { return nil }
        guard let value = values[row][column], value.isFinite else { return nil }
        return value
    }

    public func geometry(in area: Rect) -> Geometry {
        let longestLabel = rowLabels.map { DisplayWidth.of($0) }.max() ?? 0
        let labelWidth = max(0, min(rowLabelWidth ?? min(longestLabel, max(3, area.width / 4)), area.width))
        let gridX = area.x + labelWidth + (labelWidth > 0 ? 1 : 0)
        let gridWidth = max(0, area.right - gridX)
        let headerRows = columnLabels.isEmpty ? 0 : staggersColumnLabels ? 2 : 1
        let gridY = area.y + headerRows
        let gridHeight = max(0, area.bottom - gridY)
        let columns = columnCount
        let rows = rowCount
        let width = max(1, cellWidth ?? min(max(1, gridWidth / max(1, columns)), max(1, maxCellWidth)))
        let visibleColumns = min(columns, gridWidth / width)
        let visibleRows = min(rows, gridHeight)
        let focusRow = cursor?.row ?? selectedRow ?? 0
        let focusColumn = cursor?.column ?? selectedColumn ?? 0
        let firstRow = Self.offset(keeping: focusRow, visible: visibleRows, total: rows)
        let firstColumn = Self.offset(keeping: focusColumn, visible: visibleColumns, total: columns)

        var format: NumberFormat?
        if showsNumbers, width >= 2 {
            // The format depends only on the extremes (`NumberFormat.fitting`): no copy of every value.
            var highest = 0.0
            var lowest = 0.0
            for row in values {
                for case let value? in row where value.isFinite {
                    highest = max(highest, value)
                    lowest = min(lowest, value)
                }
            }
            format = NumberFormat.fitting([highest, lowest], in: width - 1)
        }
        return Geometry(
            labelWidth: labelWidth, cellWidth: width, gridX: gridX, gridY: gridY, firstRow: firstRow, firstColumn: firstColumn,
            visibleRows: visibleRows, visibleColumns: visibleColumns, numberFormat: format)
    }

    private static func offset(keeping focus: Int, visible: Int, total: Int) -> Int {
        guard visible > 0, focus >= visible else { return 0 }
        return min(focus - visible + 1, max(0, total - visible))
    }

    /// The cell under (x, y), for mouse clicks; nil outside the shown cells.
    public func position(atX x: Int, y: Int, in area: Rect) -> Position? {
        let g = geometry(in: area)
        guard x >= g.gridX, y >= g.gridY else { return nil }
        let column = (x - g.gridX) / g.cellWidth
        let row = y - g.gridY
        guard column < g.visibleColumns, row < g.visibleRows else { return nil }
        return Position(row: g.firstRow + row, column: g.firstColumn + column)
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let g = geometry(in: area)
        let scale = scale ?? ColorScale.fitting(values)
        let contentWidth = g.cellWidth > 1 ? g.cellWidth - 1 : 1
        let contentOffset = g.cellWidth - contentWidth

        if !columnLabels.isEmpty {
            for visible in 0..<g.visibleColumns {
                let column = g.firstColumn + visible
                guard column < columnLabels.count else { continue }
                let style = column == selectedColumn ? selectedLabelStyle : labelStyle
                // Staggered: a label may take its left neighbour's cell too (whose label is on the other row).
                let right = g.gridX + visible * g.cellWidth + contentOffset + contentWidth
                let room = staggersColumnLabels ? min(contentWidth + g.cellWidth, right - area.x) : contentWidth
                let text = Self.fit(columnLabels[column], room)
                // Right-aligned, as the numbers under it are.
                let y = area.y + (staggersColumnLabels ? visible % 2 : 0)
                buffer.write(text, x: right - DisplayWidth.of(text), y: y, style: style, clip: area)
            }
        }
        for visibleRow in 0..<g.visibleRows {
            let row = g.firstRow + visibleRow
            let y = g.gridY + visibleRow
            if g.labelWidth > 0, row < rowLabels.count {
                let style = row == selectedRow ? selectedLabelStyle : labelStyle
                let text = Self.fit(rowLabels[row], g.labelWidth)
                buffer.write(text, x: area.x, y: y, style: style, maxWidth: g.labelWidth, clip: area)
            }
            for visibleColumn in 0..<g.visibleColumns {
                let column = g.firstColumn + visibleColumn
                let cellArea = Rect(x: g.gridX + visibleColumn * g.cellWidth, y: y, width: g.cellWidth, height: 1).intersection(area)
                drawCell(
                    into: &buffer, cellArea: cellArea, value: value(row: row, column: column), scale: scale, format: g.numberFormat,
                    emphasised: row == selectedRow || column == selectedColumn, isCursor: cursor == Position(row: row, column: column))
            }
        }
    }

    private func drawCell(
        into buffer: inout Buffer, cellArea: Rect, value: Double?, scale: ColorScale, format: NumberFormat?, emphasised: Bool,
        isCursor: Bool
    ) {
        guard !cellArea.isEmpty else { return }
        var style = Style()
        if emphasised { style = style.adding(.bold) }
        if isCursor { style = style.adding([.reverse, .bold]) }
        let contentWidth = cellArea.width > 1 ? cellArea.width - 1 : 1
        guard let value else {
            buffer.fill(cellArea, style: style)
            let x = cellArea.right - contentWidth + (contentWidth - 1) / 2
            buffer.set(x, cellArea.y, "·", style: isCursor ? style : style.adding(.dim))
            return
        }
        let number = format.map { $0.stringKeepingOffOne(value) }
        if colorMode.hasColor {
            let background = colorMode.displayable(scale.color(for: value, mode: colorMode))
            style = style.background(background).foreground(ColorScale.textColor(on: background, mode: colorMode))
            buffer.fill(cellArea, style: style)
        } else {
            let shade = scale.shade(for: value)
            // With a number the shade takes the gap column; without, it fills the cell.
            buffer.fill(number == nil ? cellArea : Rect(x: cellArea.x, y: cellArea.y, width: 1, height: 1), with: shade, style: style)
            if number != nil { buffer.fill(Rect(x: cellArea.x + 1, y: cellArea.y, width: cellArea.width - 1, height: 1), style: style) }
        }
        if let number {
            let width = DisplayWidth.of(number)
            buffer.write(number, x: cellArea.right - width, y: cellArea.y, style: style, clip: cellArea)
        }
    }

    /// A label cut to `columns`: with "…" when there is room for it to help, else just the prefix.
    static func fit(_ label: String, _ columns: Int) -> String {
        columns >= 4 ? DisplayWidth.truncate(label, to: columns) : DisplayWidth.prefix(label, fitting: columns)
    }
}
