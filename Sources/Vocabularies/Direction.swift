// SPDX-License-Identifier: Apache-2.0

import AttnMath

extension Vocabulary {
    /// A vector shorter than this fraction of the vocabulary's typical length has no direction
    /// worth a cosine: `neighbors` gives it none and says why, and never offers it as a neighbour.
    ///
    /// Why a tenth: the word pack's features are estimates, and a word none of the 13 features
    /// describes stays near zero (brave: one feature of 0.01, whose cosine with bread is 0.979 —
    /// noise). The hand-made rows' lengths run from 0.14 to 2.3, median 1.31, so a tenth (0.13)
    /// keeps every hand-made word and leaves out the ~15,000 pack words whose largest features are
    /// a few hundredths. Real learnt vectors (GloVe, a user's file) are rarely under a tenth of
    /// their median length.
    public static let directionFraction = 0.1

    /// The median length of the rows, zero rows left out: the hand-made rows' when the vocabulary
    /// also has estimated ones (most of those sit near zero), else at most 4,096 rows taken at an
    /// even stride (the same rows every time). 0 when every row is zero.
    public var typicalLength: Double {
        let reference = handMadeCount
        guard reference > 0 else { return 0 }
        let stride = max(1, reference / 4096)
        var lengths = Swift.stride(from: 0, to: reference, by: stride).map(length(of:)).filter { $0 > 0 }
        guard !lengths.isEmpty else { return 0 }
        lengths.sort()
        let middle = lengths.count / 2
        return lengths.count % 2 == 1 ? lengths[middle] : (lengths[middle - 1] + lengths[middle]) / 2
    }

    /// Row `i`'s length, read in place (a cached file's table brings its row lengths along).
    private func length(of row: Int) -> Double {
        let d = table.dimension
        switch table.storage {
        case .float64(let values):
            return norm(Array(values[(row * d)..<((row + 1) * d)]))
        case .float32(let values):
            if let lengths = table.rowLengths {
                let inverse = lengths.inverse[row]
                return inverse.isNaN ? 0 : 1 / Double(inverse)
            }
            return values.withUnsafeBufferPointer { values in
                var squares = 0.0
                for j in (row * d)..<((row + 1) * d) { squares += Double(values[j]) * Double(values[j]) }
                return squares.squareRoot()
            }
        }
    }

    /// Vectors shorter than this have no direction here (`directionFraction` of `typicalLength`).
    public var minimumDirectionLength: Double { Self.directionFraction * typicalLength }
}
