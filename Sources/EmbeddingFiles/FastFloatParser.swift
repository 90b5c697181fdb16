// SPDX-License-Identifier: Apache-2.0

import AttnMath

/// Decimal text to float32, correctly rounded, without a C library call for
/// the numbers embedding files hold.
///
/// The digits are read into an integer mantissa m and a decimal exponent e,
/// and m·10ᵉ is computed with one correctly rounded operation on exact
/// operands (Clinger's fast path): in float32 when m ≤ 2²⁴ and |e| ≤ 10, else
/// in float64 when m ≤ 2⁵³ and |e| ≤ 22, then rounded to float32 unless that
/// second rounding could differ from a direct one (the float64 result lies
/// exactly halfway between two floats). Anything else — more than 19 digits,
/// larger exponents, `inf`, `nan`, hex — goes to `Float(_:)`, so the result
/// always equals `Float(token)`.
public enum FastFloatParser {
    /// The value of a whole token, as `Float(token)` reads it; nil when it is not a number.
    public static func parse(_ token: String) -> Float? {
        var copy = token
        return copy.withUTF8 { bytes -> Float? in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return nil }
            if let (value, next) = parsePrefix(base, base + bytes.count), next == base + bytes.count { return value }
            return Float(token)
        }
    }

    /// Reads a number at `start`, stopping at the first byte that cannot continue it.
    ///
    /// Returns the value and the position after it, or nil when the text is not
    /// a plain decimal number this fast path handles exactly (the caller then
    /// asks `Float(_:)` about the whole token). The caller checks that the
    /// number ends where the token ends.
    @inline(__always)
    static func parsePrefix(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> (Float, UnsafePointer<UInt8>)? {
        var p = start
        var negative = false
        if p < end, p.pointee == UInt8(ascii: "-") || p.pointee == UInt8(ascii: "+") {
            negative = p.pointee == UInt8(ascii: "-")
            p += 1
        }
        var mantissa: UInt64 = 0
        let integerStart = p
        while p < end {
            let digit = p.pointee &- UInt8(ascii: "0")
            if digit > 9 { break }
            mantissa = mantissa &* 10 &+ UInt64(digit)
            p += 1
        }
        var digits = p - integerStart
        var exponent = 0
        if p < end, p.pointee == UInt8(ascii: ".") {
            p += 1
            let fractionStart = p
            while p < end {
                let digit = p.pointee &- UInt8(ascii: "0")
                if digit > 9 { break }
                mantissa = mantissa &* 10 &+ UInt64(digit)
                p += 1
            }
            exponent = fractionStart - p
            digits += p - fractionStart
        }
        // 19 decimal digits always fit in 64 bits; more (rare) go the slow way.
        guard digits > 0, digits <= 19 else { return nil }
        if p < end, p.pointee | 0x20 == UInt8(ascii: "e") {
            p += 1
            var negativeExponent = false
            if p < end, p.pointee == UInt8(ascii: "-") || p.pointee == UInt8(ascii: "+") {
                negativeExponent = p.pointee == UInt8(ascii: "-")
                p += 1
            }
            let exponentStart = p
            var written = 0
            while p < end {
                let digit = p.pointee &- UInt8(ascii: "0")
                if digit > 9 { break }
                written = written * 10 + Int(digit)
                p += 1
                if p - exponentStart > 4 { return nil }
            }
            guard p > exponentStart else { return nil }
            exponent += negativeExponent ? -written : written
        }
        if mantissa == 0 { return (negative ? -0.0 : 0.0, p) }
        if mantissa <= 1 << 24, exponent >= -10, exponent <= 10 {
            let m = Float(mantissa)
            let value = exponent < 0 ? m / floatPowersOfTen[-exponent] : m * floatPowersOfTen[exponent]
            return (negative ? -value : value, p)
        }
        if mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            let m = Double(mantissa)
            let wide = exponent < 0 ? m / doublePowersOfTen[-exponent] : m * doublePowersOfTen[exponent]
            // Here 1e-22 ≤ wide < 1e38: a normal float, whose 24-bit significand
            // leaves 29 of float64's 53 bits; exactly 1 then 28 zeros is a tie.
            if wide.bitPattern & 0x1FFF_FFFF == 0x1000_0000 { return nil }
            let value = Float(wide)
            return (negative ? -value : value, p)
        }
        return nil
    }

    // Every entry is exact: 10ⁿ = 2ⁿ·5ⁿ, and 5¹⁰ < 2²⁴, 5²² < 2⁵³.
    private static let floatPowersOfTen: [Float] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10]
    private static let doublePowersOfTen: [Double] = [
        1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]
}
