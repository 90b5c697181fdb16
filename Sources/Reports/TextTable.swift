// SPDX-License-Identifier: Apache-2.0

import AttnMath
import TUIKit
import Vocabularies

/// Plain-text tables for the command line's human output.
enum TextTable {
    /// Columns padded to their widest cell; the first column left-aligned, the rest right-aligned.
    static func grid(header: [String], rows: [[String]]) -> String {
        var sink = StringSink()
        // A string sink never fails.
        try? writeGrid(header: header, count: rows.count, row: { rows[$0] }, to: &sink)
        return sink.text
    }

    /// `grid`'s text written row by row, never held whole: `row(i)` is asked for twice,
    /// once to measure the columns and once to write. Linear in the cells, so a row of
    /// 5 million numbers costs what 5 million short rows do.
    static func writeGrid<Sink: ReportSink>(header: [String], count: Int, row: (Int) -> [String], to sink: inout Sink)
        throws(QueryError)
    {
        var widths: [Int] = []
        func measure(_ cells: [String]) {
            if cells.count > widths.count { widths += repeatElement(0, count: cells.count - widths.count) }
            for (c, cell) in cells.enumerated() { widths[c] = max(widths[c], shown(cell).width) }
        }
        if !header.isEmpty { measure(header) }
        for i in 0..<count { measure(row(i)) }

        var out = ChunkedWriter<Sink>()
        var first = true
        func emit(_ cells: [String]) throws(QueryError) {
            if !first { try out.append("\n", to: &sink) }
            first = false
            for (c, cell) in cells.enumerated() {
                let (text, width) = shown(cell)
                let padding = String(repeating: " ", count: widths[c] - width)
                try out.append(c == 0 ? text + padding : "  " + padding + text, to: &sink)
            }
        }
        if !header.isEmpty { try emit(header) }
        for i in 0..<count { try emit(row(i)) }
        try out.flush(to: &sink)
    }

    /// A cell as shown (escaped: a token with control characters keeps its column) and its width.
    private static func shown(_ cell: String) -> (text: String, width: Int) {
        // Numbers and plain words: printable ASCII, shown as they are, one column a byte.
        if cell.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return (cell, cell.utf8.count) }
        let text = ControlEscaping.escaped(cell)
        return (text, DisplayWidth.of(text))
    }

    static func matrix(title: String, labels: [String], values: [[Double?]]) -> String {
        var sink = StringSink()
        try? writeMatrix(title: title, labels: labels, row: { values[$0] }, to: &sink)
        return sink.text
    }

    static func matrix(title: String, labels: [String], values: [[Double]]) -> String {
        matrix(title: title, labels: labels, values: values.map { $0.map(Optional.some) })
    }

    /// `matrix` written row by row (`row(i)` asked for twice).
    static func writeMatrix<Sink: ReportSink>(title: String, labels: [String], row: (Int) -> [Double?], to sink: inout Sink)
        throws(QueryError)
    {
        try sink.write(ControlEscaping.escaped(title) + "\n")
        try writeGrid(
            header: [""] + labels, count: labels.count, row: { [labels[$0]] + row($0).map { NumberFormat.fixed($0) } }, to: &sink)
    }

    static func rows(title: String, labels: [String], rows: [[Double]]) -> String {
        var sink = StringSink()
        try? writeRows(title: title, labels: labels, row: { rows[$0] }, to: &sink)
        return sink.text
    }

    /// `rows` written row by row (`row(i)` asked for twice).
    static func writeRows<Sink: ReportSink>(title: String, labels: [String], row: (Int) -> [Double], to sink: inout Sink)
        throws(QueryError)
    {
        try sink.write(ControlEscaping.escaped(title) + "\n")
        try writeGrid(header: [], count: labels.count, row: { [labels[$0]] + row($0).map { NumberFormat.fixed($0) } }, to: &sink)
    }
}
