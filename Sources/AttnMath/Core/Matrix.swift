// SPDX-License-Identifier: Apache-2.0

/// A dense row-major matrix of float64, small enough to print on screen:
/// word vectors as rows, Q/K/V transformations, attention scores.
public struct Matrix: Equatable, Sendable, CustomStringConvertible {
    public let rows: Int
    public let columns: Int
    /// Row-major: element (i, j) is `values[i * columns + j]`.
    public private(set) var values: [Double]

    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(rows >= 0 && columns >= 0 && values.count == rows * columns, "Matrix: \(values.count) values for \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        self.init(rows: rows, columns: columns, values: Array(repeating: value, count: rows * columns))
    }

    /// From a list of rows of equal length; `columns` is needed only when there are no rows.
    public init(_ rowVectors: [[Double]], columns: Int? = nil) {
        let width = rowVectors.first?.count ?? columns ?? 0
        precondition(rowVectors.allSatisfy { $0.count == width }, "Matrix: rows of different lengths")
        self.init(rows: rowVectors.count, columns: width, values: rowVectors.flatMap { $0 })
    }

    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    public subscript(row: Int, column: Int) -> Double {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    public func row(_ i: Int) -> [Double] { Array(values[(i * columns)..<((i + 1) * columns)]) }

    public var rowVectors: [[Double]] { (0..<rows).map(row) }

    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for i in 0..<rows { for j in 0..<columns { t[j, i] = self[i, j] } }
        return t
    }

    /// The product self · other, O(rows·columns·other.columns), summed in index order.
    public static func * (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.columns == rhs.rows, "Matrix product: \(lhs.rows)×\(lhs.columns) · \(rhs.rows)×\(rhs.columns)")
        var product = Matrix(rows: lhs.rows, columns: rhs.columns)
        for i in 0..<lhs.rows {
            for j in 0..<rhs.columns {
                var sum = 0.0
                for k in 0..<lhs.columns { sum += lhs[i, k] * rhs[k, j] }
                product[i, j] = sum
            }
        }
        return product
    }

    /// The vector x·M (x as a row vector), how a transformation moves one word.
    public func transform(_ x: [Double]) -> [Double] {
        (Matrix([x], columns: rows) * self).values
    }

    /// Side by side: [self | other], used to concatenate attention heads.
    public func concatenatedHorizontally(with other: Matrix) -> Matrix {
        precondition(rows == other.rows, "concatenation: \(rows) rows vs \(other.rows)")
        return Matrix((0..<rows).map { row($0) + other.row($0) }, columns: columns + other.columns)
    }

    public var description: String {
        rowVectors.map { $0.map { String($0) }.joined(separator: " ") }.joined(separator: "\n")
    }
}
