// SPDX-License-Identifier: Apache-2.0

/// The float32 values of a table, in one contiguous block: either an array of
/// the process's own or read-only memory that an owner keeps alive (a cache
/// file mapped as it is, so a reload neither copies nor allocates the matrix).
public struct Float32Values: RandomAccessCollection, ExpressibleByArrayLiteral, @unchecked Sendable {
    // Immutable: the array is a value, and the borrowed memory is read-only and kept alive by `owner`.
    private enum Backing {
        case array([Float])
        case borrowed(UnsafeBufferPointer<Float>, owner: AnyObject)
    }

    private let backing: Backing

    public init(_ values: [Float]) { backing = .array(values) }

    public init(arrayLiteral elements: Float...) { backing = .array(elements) }

    /// Values in memory `owner` keeps alive and nobody writes to while this lives.
    package init(borrowing values: UnsafeBufferPointer<Float>, owner: AnyObject) {
        backing = .borrowed(values, owner: owner)
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch backing {
        case .array(let values): values.count
        case .borrowed(let values, _): values.count
        }
    }

    public subscript(position: Int) -> Float {
        switch backing {
        case .array(let values): values[position]
        case .borrowed(let values, _): values[position]
        }
    }

    /// Calls `body` with the values' memory, valid only during the call.
    public func withUnsafeBufferPointer<R, E: Error>(_ body: (UnsafeBufferPointer<Float>) throws(E) -> R) throws(E) -> R {
        switch backing {
        case .array(let values):
            return try values.withUnsafeBufferPointer(body)
        case .borrowed(let values, let owner):
            defer { withExtendedLifetime(owner) {} }
            return try body(values)
        }
    }
}
