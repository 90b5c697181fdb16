// SPDX-License-Identifier: Apache-2.0

import AttnMath
import EmbeddingFiles
import Foundation
import Testing

/// `FastFloatParser` must give exactly what `Float(_:)` gives (bit for bit).
@Suite("Fast float parser: equal to Float(_:)")
struct FastFloatParserTests {
    private func expectSame(_ token: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = Float(token)
        let parsed = FastFloatParser.parse(token)
        #expect(
            parsed?.bitPattern == expected?.bitPattern || (parsed?.isNaN == true && expected?.isNaN == true),
            "\(token): \(String(describing: parsed)) vs Float() \(String(describing: expected))", sourceLocation: sourceLocation)
    }

    @Test func typicalTokens() {
        for token in [
            "0.418", "-0.0067245", "0.24968", "-0.41242", "1", "-1", "0", "-0", "0.0", "-0.0", "+1.5", ".5", "-.5", "5.", "1e-05",
            "1E+3", "3.4028235e38", "1.17549435e-38", "1e-45", "123456789", "16777217", "0.1", "0.2", "0.3", "2.5e-3", "-9.99999",
            "0.000001", "99999.999", "1.000000059604644775390625", "0.30000001192092896",
        ] {
            expectSame(token)
        }
    }

    @Test func numbersAsFilesPrintThem() {
        // GloVe and word2vec print 5–9 significant digits with %f, %g or %e.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<40_000 {
            let magnitude = Double.random(in: -6...3, using: &generator)
            let value = (Bool.random(using: &generator) ? -1 : 1) * pow(10, magnitude) * Double.random(in: 1..<10, using: &generator)
            let digits = Int.random(in: 1...9, using: &generator)
            for format in ["%.\(digits)f", "%.\(digits)g", "%.\(digits)e", "%.\(digits)E"] {
                expectSame(String(format: format, value))
            }
            expectSame("\(Float(value))")
        }
    }

    @Test func randomDigitStrings() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<40_000 {
            let integer = String((0..<Int.random(in: 0...8, using: &generator)).map { _ in "0123456789".randomElement(using: &generator)! })
            let fraction = String(
                (0..<Int.random(in: 0...12, using: &generator)).map { _ in "0123456789".randomElement(using: &generator)! })
            var token = (Bool.random(using: &generator) ? "-" : "") + integer + (fraction.isEmpty ? "" : "." + fraction)
            if Int.random(in: 0..<4, using: &generator) == 0 { token += "e\(Int.random(in: -40...38, using: &generator))" }
            if integer.isEmpty && fraction.isEmpty { continue }
            expectSame(token)
        }
    }

    @Test func decimalsNextToAHalfwayPoint() {
        // The exact midpoint between two floats, cut to 16 significant digits: not the midpoint
        // itself, yet (for these magnitudes) its nearest float64 is. Rounding that float64 to
        // float32 would go the wrong way half the time; the parser must notice the tie.
        var generator = SystemRandomNumberGenerator()
        for decade in [1e-6, 1e-3, 1e-2] {
            for _ in 0..<5_000 {
                let low = Float(Double.random(in: decade...(8 * decade), using: &generator))
                let midpoint = (Double(low) + Double(low.nextUp)) / 2
                expectSame(String(format: "%.15e", midpoint))
                expectSame(String(format: "%.14e", midpoint))
            }
        }
    }

    @Test func notNumbers() {
        for token in ["", "abc", "1.2.3", "--1", "1e", "1e+", ".", "-", "+", "1,5", "0x", "1 2", "١٢"] {
            #expect(FastFloatParser.parse(token) == nil, "\(token)")
            #expect(Float(token) == nil, "\(token)")
        }
        // Not finite, but numbers to Float(_:): the readers reject them separately.
        for token in ["nan", "NaN", "inf", "-inf", "1e39", "infinity"] { expectSame(token) }
    }
}
