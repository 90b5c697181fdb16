import AttnMath

/// A fast checksum of the binary cache: Fletcher-style sums over 64-bit
/// words in four lanes per 1 MiB block, the blocks combined in order. It is
/// there to notice a damaged or foreign file, not to resist an attacker.
enum Checksum {
    static let blockSize = 1 << 20

    /// The checksum of one block (at most `blockSize` bytes).
    static func block(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var a = SIMD4<UInt64>(1, 2, 3, 4)
        var b = SIMD4<UInt64>(repeating: 0)
        var i = 0
        let count = bytes.count
        if let base = bytes.baseAddress {
            while i + 32 <= count {
                a &+= base.loadUnaligned(fromByteOffset: i, as: SIMD4<UInt64>.self)
                b &+= a
                i += 32
            }
            var tail = SIMD4<UInt64>(repeating: 0)
            withUnsafeMutableBytes(of: &tail) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[i...])) }
            a &+= tail
            b &+= a
        }
        var hash = UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15
        for lane in 0..<4 {
            hash = mix(hash ^ a[lane])
            hash = mix(hash ^ b[lane])
        }
        return hash
    }

    /// Combines the block checksums of consecutive blocks, in order.
    static func combine(_ blocks: [UInt64]) -> UInt64 {
        blocks.reduce(0x243F_6A88_85A3_08D3) { mix($0 ^ $1) }
    }

    /// The checksum of all of `bytes`, computed over the cores.
    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let blocks = (bytes.count + blockSize - 1) / blockSize
        var sums = [UInt64](repeating: 0, count: blocks)
        let source = SharedBytes(
            base: (bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 8)!).assumingMemoryBound(to: UInt8.self), count: bytes.count)
        sums.withUnsafeMutableBufferPointer { sums in
            let out = SharedPointer(sums.baseAddress ?? UnsafeMutablePointer(bitPattern: 8)!)
            ParallelWork.run(blocks) { k in
                let start = k * blockSize
                out[k] = block(UnsafeRawBufferPointer(start: source.base + start, count: min(blockSize, source.count - start)))
            }
        }
        return combine(sums)
    }

    static let samplePage = 4096
    static let sampleStride = 64

    /// The checksum of a sample of `bytes`: the first and last 4 KiB pages and
    /// every 64th page between. For the float block of the cache, where
    /// reading all of it on every reload would cost more than the rest of the
    /// reload together; with the length check it catches a truncated, zeroed
    /// or overwritten block, though not every flipped bit.
    static func sampled(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let pages = (bytes.count + samplePage - 1) / samplePage
        var chosen = Array(stride(from: 0, to: pages, by: sampleStride))
        if pages > 0, chosen.last != pages - 1 { chosen.append(pages - 1) }
        return combine(
            chosen.map { page in
                let start = page * samplePage
                return block(UnsafeRawBufferPointer(rebasing: bytes[start..<min(bytes.count, start + samplePage)]))
            })
    }

    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var x = value
        x ^= x >> 30
        x = x &* 0xBF58_476D_1CE4_E5B9
        x ^= x >> 27
        x = x &* 0x94D0_49BB_1331_11EB
        x ^= x >> 31
        return x
    }
}
