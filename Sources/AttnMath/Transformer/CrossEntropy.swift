// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Softmax cross-entropy of each row of logits against its target class:
/// −log softmax(zᵢ)[tᵢ] = log Σⱼ exp(zᵢⱼ − mᵢ) − (zᵢₜ − mᵢ), with mᵢ the row's
/// largest logit, so nothing overflows and a confident right answer costs ≈ 0
/// rather than log(1 − tiny). Its gradient with respect to the logits is
/// softmax(zᵢ) − onehot(tᵢ).
enum CrossEntropy {
    /// The sum of the rows' losses. When `gradient` is given it receives
    /// (softmax(zᵢ) − onehot(tᵢ)) · `gradientScale`, row by row (1/rows for a mean loss).
    static func loss(
        logits z: UnsafePointer<Double>, targets: UnsafePointer<Int>, rows: Int, classes: Int,
        gradient: UnsafeMutablePointer<Double>? = nil, gradientScale: Double = 1
    ) -> Double {
        var total = 0.0
        for i in 0..<rows {
            let zi = z + i * classes
            var largest = -Double.infinity
            for j in 0..<classes { largest = max(largest, zi[j]) }
            var sum = 0.0
            let target = targets[i]
            if let gradient {
                // The exponentials are kept in the gradient's row: exp runs once per logit.
                let gi = gradient + i * classes
                for j in 0..<classes {
                    gi[j] = exp(zi[j] - largest)
                    sum += gi[j]
                }
                let inverse = gradientScale / sum
                for j in 0..<classes { gi[j] *= inverse }
                gi[target] -= gradientScale
            } else {
                for j in 0..<classes { sum += exp(zi[j] - largest) }
            }
            total += log(sum) - (zi[target] - largest)
        }
        return total
    }
}
