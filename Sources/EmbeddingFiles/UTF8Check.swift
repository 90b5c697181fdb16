// SPDX-License-Identifier: Apache-2.0

import AttnMath

/// Strict UTF-8 validation of raw bytes (no overlong forms, no surrogates, nothing above U+10FFFF).
enum UTF8Check {
    static func isValid(_ p: UnsafePointer<UInt8>, count: Int) -> Bool {
        var i = 0
        while i < count {
            let lead = p[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                high = 0x9F
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                high = 0x8F
            default: return false
            }
            guard i + length <= count, p[i + 1] >= low, p[i + 1] <= high else { return false }
            for k in 2..<length where p[i + k] & 0xC0 != 0x80 { return false }
            i += length
        }
        return true
    }

    static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        return isValid(base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
    }
}
