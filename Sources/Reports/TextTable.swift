import AttnMath
import TUIKit
import Vocabularies

/// Plain-text tables for the command line's human output.
enum TextTable {
    /// Columns padded to their widest cell; the first column left-aligned, the rest right-aligned.
    static func grid(header: [String], rows: [[String]]) -> String {
        // Escaped before measuring, so a token with control characters keeps its column.
        let all = (header.isEmpty ? rows : [header] + rows).map { $0.map { ControlEscaping.escaped($0) } }
        let columns = all.map(\.count).max() ?? 0
        let widths = (0..<columns).map { c in all.map { c < $0.count ? DisplayWidth.of($0[c]) : 0 }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { c, cell in
                let padding = String(repeating: " ", count: widths[c] - DisplayWidth.of(cell))
                return c == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    static func matrix(title: String, labels: [String], values: [[Double?]]) -> String {
        ControlEscaping.escaped(title) + "\n"
            + grid(header: [""] + labels, rows: zip(labels, values).map { [$0] + $1.map { NumberFormat.fixed($0) } })
    }

    static func matrix(title: String, labels: [String], values: [[Double]]) -> String {
        matrix(title: title, labels: labels, values: values.map { $0.map(Optional.some) })
    }

    static func rows(title: String, labels: [String], rows: [[Double]]) -> String {
        ControlEscaping.escaped(title) + "\n" + grid(header: [], rows: zip(labels, rows).map { [$0] + $1.map { NumberFormat.fixed($0) } })
    }
}
