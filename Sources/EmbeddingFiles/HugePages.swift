// SPDX-License-Identifier: Apache-2.0

import AttnMath

#if canImport(Glibc)
    import Glibc
#endif

enum HugePages {
    /// Asks the kernel to back the whole 2 MiB pages of a fresh, large buffer
    /// with huge pages: far fewer page faults while it is first written. A
    /// hint only; nothing changes where the kernel declines.
    static func advise(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
            guard let base = buffer.baseAddress, buffer.count >= 4 << 20 else { return }
            let huge = 2 << 20
            let start = (Int(bitPattern: base) + huge - 1) / huge * huge
            let end = (Int(bitPattern: base) + buffer.count) / huge * huge
            guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
            madvise(aligned, end - start, MADV_HUGEPAGE)
        #endif
    }
}
