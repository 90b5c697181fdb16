// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension SeededGenerator {
    /// A standard normal draw (Box–Muller, one value from two uniform draws).
    public mutating func nextGaussian() -> Double {
        let u = 1 - nextUnit()  // in (0, 1]: never log(0)
        let angle = 2 * Double.pi * nextUnit()
        return (-2 * log(u)).squareRoot() * cos(angle)
    }
}
