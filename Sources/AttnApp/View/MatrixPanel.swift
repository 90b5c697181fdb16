// SPDX-License-Identifier: Apache-2.0

import AttnMath
import TUIKit

/// A matrix as a labelled grid of numbers in a frame that names it and its shape
/// ("Q = X·W_Q · 5×2"). The cursor cell is reversed when the panel has the focus; a grid
/// too big for the panel scrolls to the cursor, and its last row says which part is shown.
public struct MatrixPanel: Widget {
    var title: String
    var matrix: Matrix
    var rowLabels: [String]
    var columnLabels: [String]
    var cursor: Heatmap.Position?
    /// A row to emphasise besides the cursor's (e.g. the word the text talks about).
    var highlightedRow: Int?
    var isFocused: Bool
    var colorMode: ColorMode
    /// The colour scale; nil fits this matrix's own values.
    var scale: ColorScale?
    /// How the cursor's number is computed, shown under the grid when every line fits whole
    /// (else nothing: Enter shows it).
    var details: [String] = []

    public init(
        title: String, matrix: Matrix, rowLabels: [String], columnLabels: [String], cursor: Heatmap.Position?, highlightedRow: Int?,
        isFocused: Bool, colorMode: ColorMode, scale: ColorScale? = nil, details: [String] = []
    ) {
        self.title = title
        self.matrix = matrix
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.cursor = cursor
        self.highlightedRow = highlightedRow
        self.isFocused = isFocused
        self.colorMode = colorMode
        self.scale = scale
        self.details = details
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let frame = Frame(
            title: "\(title) · \(matrix.rows)×\(matrix.columns)", trailingTitle: isFocused ? "Enter why" : nil, isFocused: isFocused)
        let inner = frame.draw(into: &buffer, area: area)
        guard !inner.isEmpty else { return }
        let heatmap = self.heatmap(width: inner.width)
        var grid = inner
        var geometry = heatmap.geometry(in: grid)
        if geometry.visibleRows < matrix.rows || geometry.visibleColumns < matrix.columns, grid.height >= 3 {
            // Never a silent part: the last row says which rows and columns are on screen.
            grid.height -= 1
            geometry = heatmap.geometry(in: grid)
            let note = Self.shownPart(geometry, rows: matrix.rows, columns: matrix.columns)
            buffer.write(note, x: inner.x, y: inner.bottom - 1, style: Style(modifiers: [.dim]), maxWidth: inner.width)
        }
        let gridHeight = matrix.rows + (columnLabels.isEmpty ? 0 : 1)
        if !details.isEmpty, grid.height >= gridHeight + 1 + details.count,
            details.allSatisfy({ DisplayWidth.of($0) <= inner.width })
        {
            grid.height = gridHeight
            for (index, line) in details.enumerated() {
                buffer.write(line, x: inner.x, y: grid.bottom + 1 + index, style: Style(modifiers: [.dim]), maxWidth: inner.width)
            }
        }
        heatmap.render(into: &buffer, area: grid)
    }

    func heatmap(width: Int) -> Heatmap {
        let values = matrix.rowVectors.map { $0.map { Optional($0) } }
        let longest = rowLabels.map { DisplayWidth.of($0) }.max() ?? 0
        let labelWidth = min(longest, max(6, width / 3))
        // Cells keep room for a number ("-.02"): a wide matrix scrolls rather than hiding its numbers.
        let cellWidth = max(5, min(7, (width - labelWidth - 1) / max(1, matrix.columns)))
        return Heatmap(
            rowLabels: rowLabels, columnLabels: columnLabels, values: values, scale: scale ?? ColorScale.fitting(values),
            colorMode: colorMode, selectedRow: highlightedRow ?? cursor?.row, selectedColumn: isFocused ? cursor?.column : nil,
            cursor: isFocused ? cursor : nil, rowLabelWidth: labelWidth, cellWidth: cellWidth)
    }

    /// "rows 1–4 of 5 · cols 1–6 of 13" ("row 2 of 5" for one), only the axes that are cut.
    public static func shownPart(_ geometry: Heatmap.Geometry, rows: Int, columns: Int) -> String {
        func range(_ name: String, first: Int, count: Int, of total: Int) -> String {
            count == 1 ? "\(name) \(first + 1) of \(total)" : "\(name)s \(first + 1)–\(first + count) of \(total)"
        }
        var parts: [String] = []
        if geometry.visibleRows < rows { parts.append(range("row", first: geometry.firstRow, count: geometry.visibleRows, of: rows)) }
        if geometry.visibleColumns < columns {
            parts.append(range("col", first: geometry.firstColumn, count: geometry.visibleColumns, of: columns))
        }
        return parts.joined(separator: " · ")
    }
}
