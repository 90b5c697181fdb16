// SPDX-License-Identifier: Apache-2.0

/// How much of a split one part takes.
public enum Constraint: Hashable, Sendable {
    /// Exactly n cells (less if there is not room).
    case length(Int)
    /// A percentage of the whole.
    case percentage(Int)
    /// At least n cells, then a share of what is left, like `.fill(1)`.
    case min(Int)
    /// A share of what is left after the fixed parts, in proportion to the weight.
    case fill(Int)
}

/// Splits a rectangle into rows or columns. Parts always tile the rectangle
/// exactly (no gaps, no overlap); when space runs out, later parts shrink first.
public enum Layout {
    public enum Direction: Sendable { case horizontal, vertical }

    public static func split(_ rect: Rect, _ direction: Direction, _ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        let total = direction == .horizontal ? rect.width : rect.height
        let gaps = max(0, constraints.count - 1) * spacing
        let available = max(0, total - gaps)
        var sizes = constraints.map { constraint -> Int in
            switch constraint {
            case .length(let n), .min(let n): Swift.max(0, n)
            case .percentage(let p): available * Swift.max(0, p) / 100
            case .fill: 0
            }
        }
        // Fixed parts first; shrink from the end when they do not fit.
        var overflow = sizes.reduce(0, +) - available
        var index = sizes.count - 1
        while overflow > 0 && index >= 0 {
            let cut = Swift.min(sizes[index], overflow)
            sizes[index] -= cut
            overflow -= cut
            index -= 1
        }
        let weights = constraints.map { constraint -> Int in
            switch constraint {
            case .fill(let w): Swift.max(0, w)
            case .min: 1
            default: 0
            }
        }
        let leftover = available - sizes.reduce(0, +)
        let weightSum = weights.reduce(0, +)
        if leftover > 0 && weightSum > 0 {
            var given = 0
            var seen = 0
            for i in sizes.indices where weights[i] > 0 {
                seen += weights[i]
                let share = leftover * seen / weightSum - given
                sizes[i] += share
                given += share
            }
        }
        var offset = direction == .horizontal ? rect.x : rect.y
        return sizes.map { size in
            defer { offset += size + spacing }
            return direction == .horizontal
                ? Rect(x: offset, y: rect.y, width: size, height: rect.height)
                : Rect(x: rect.x, y: offset, width: rect.width, height: size)
        }
    }
}
