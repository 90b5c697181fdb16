// SPDX-License-Identifier: Apache-2.0

import TUIKit

/// Sums of products worked out as a learner would from the numbers on screen: each factor as
/// shown (2 decimals), each product of two such factors exactly (at most 4 decimals, written
/// with the decimals it needs), their sum exactly. So every line adds up by hand, and the
/// unrounded value is named beside it where it rounds otherwise.
enum HandArithmetic {
    /// A number as shown to 2 decimals, in hundredths.
    static func hundredths(_ value: Double) -> Int { Int((value * 100).rounded()) }

    /// The product of two numbers as shown, in ten-thousandths: exact.
    static func product(_ a: Double, _ b: Double) -> Int { hundredths(a) * hundredths(b) }

    /// Ten-thousandths written with as many decimals as they need, at least 2: 0.60, 0.312, -0.0012.
    static func text(tenThousandths value: Int) -> String {
        var text = NumberFormat.fixed(Double(value) / 10_000, decimals: 4)
        while text.hasSuffix("0"), let point = text.firstIndex(of: "."), text.distance(from: point, to: text.endIndex) > 3 {
            text.removeLast()
        }
        return text
    }

    /// "sum = 0.3102", and the unrounded value where the shown factors' sum rounds to another 2 decimals.
    static func sumLine(_ products: [Int], total: Double) -> String {
        let sum = products.reduce(0, +)
        let line = "sum = " + text(tenThousandths: sum)
        let shown = NumberFormat.fixed(Double(sum) / 10_000, decimals: 2)
        let unrounded = NumberFormat.fixed(total, decimals: 2)
        return shown == unrounded ? line : line + " (unrounded factors: \(unrounded))"
    }
}
