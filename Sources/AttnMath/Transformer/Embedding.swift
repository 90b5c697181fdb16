// SPDX-License-Identifier: Apache-2.0

/// The transformer's input: each token's learnt word vector plus the learnt
/// vector of its position in the window, x = E[token] + P[position].
enum Embedding {
    /// Rows are tokens, window after window, `length` each; position = row mod length.
    static func forward(
        tokens: UnsafePointer<Int>, tokenEmbedding e: UnsafePointer<Double>, positionEmbedding p: UnsafePointer<Double>,
        output x: UnsafeMutablePointer<Double>, rows: Int, length: Int, width: Int
    ) {
        for i in 0..<rows {
            let word = e + tokens[i] * width
            let position = p + (i % length) * width
            let xi = x + i * width
            for j in 0..<width { xi[j] = word[j] + position[j] }
        }
    }

    /// Adds each row's gradient to its token's and its position's rows.
    static func backward(
        outputGradient dx: UnsafePointer<Double>, tokens: UnsafePointer<Int>,
        tokenGradient de: UnsafeMutablePointer<Double>, positionGradient dp: UnsafeMutablePointer<Double>,
        rows: Int, length: Int, width: Int
    ) {
        for i in 0..<rows {
            let dxi = dx + i * width
            let word = de + tokens[i] * width
            let position = dp + (i % length) * width
            for j in 0..<width {
                word[j] += dxi[j]
                position[j] += dxi[j]
            }
        }
    }
}
