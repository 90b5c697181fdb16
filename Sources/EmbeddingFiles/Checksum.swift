// SPDX-License-Identifier: Apache-2.0

import AttnMath

/// The checksums of the binary cache: XXH64 (Yann Collet's 64-bit xxHash,
/// bit-for-bit the published algorithm), over every byte. A large buffer is
/// hashed in 1 MiB blocks over the cores and the blocks' digests are hashed
/// again, seeded with the length, so a flipped bit anywhere changes the
/// result. It is there to notice a damaged or foreign file, not to resist an
/// attacker.
enum Checksum {
    static let blockSize = 1 << 20

    /// The checksum of all of `bytes`: XXH64 itself up to `blockSize`, the hash of the block digests above.
    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        guard bytes.count > blockSize else { return XXH64.hash(bytes) }
        let blocks = (bytes.count + blockSize - 1) / blockSize
        var digests = [UInt64](repeating: 0, count: blocks)
        let source = SharedBytes(base: bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        digests.withUnsafeMutableBufferPointer { digests in
            let out = SharedPointer(digests.baseAddress!)
            ParallelWork.run(blocks) { k in
                let start = k * blockSize
                out[k] =
                    XXH64.hash(UnsafeRawBufferPointer(start: source.base + start, count: min(blockSize, source.count - start))).littleEndian
            }
        }
        return digests.withUnsafeBytes { XXH64.hash($0, seed: UInt64(bytes.count)) }
    }
}

/// XXH64, https://github.com/Cyan4973/xxHash/blob/dev/doc/xxhash_spec.md: about
/// one multiply per 8 bytes in four independent lanes.
enum XXH64 {
    private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    @inline(__always)
    private static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }

    @inline(__always)
    private static func round(_ accumulator: UInt64, _ lane: UInt64) -> UInt64 {
        rotl(accumulator &+ lane &* prime2, 31) &* prime1
    }

    @inline(__always)
    private static func merge(_ hash: UInt64, _ accumulator: UInt64) -> UInt64 {
        (hash ^ round(0, accumulator)) &* prime1 &+ prime4
    }

    static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        let count = bytes.count
        guard let p = bytes.baseAddress else { return finish(seed &+ prime5) }
        @inline(__always) func load64(_ at: Int) -> UInt64 { UInt64(littleEndian: p.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
        var i = 0
        var hash: UInt64
        if count >= 32 {
            var v1 = seed &+ prime1 &+ prime2
            var v2 = seed &+ prime2
            var v3 = seed
            var v4 = seed &- prime1
            while i + 32 <= count {
                v1 = round(v1, load64(i))
                v2 = round(v2, load64(i + 8))
                v3 = round(v3, load64(i + 16))
                v4 = round(v4, load64(i + 24))
                i += 32
            }
            hash = rotl(v1, 1) &+ rotl(v2, 7) &+ rotl(v3, 12) &+ rotl(v4, 18)
            hash = merge(merge(merge(merge(hash, v1), v2), v3), v4)
        } else {
            hash = seed &+ prime5
        }
        hash &+= UInt64(count)
        while i + 8 <= count {
            hash = rotl(hash ^ round(0, load64(i)), 27) &* prime1 &+ prime4
            i += 8
        }
        if i + 4 <= count {
            let word = UInt64(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt32.self)))
            hash = rotl(hash ^ (word &* prime1), 23) &* prime2 &+ prime3
            i += 4
        }
        while i < count {
            hash = rotl(hash ^ (UInt64(p.load(fromByteOffset: i, as: UInt8.self)) &* prime5), 11) &* prime1
            i += 1
        }
        return finish(hash)
    }

    @inline(__always)
    private static func finish(_ value: UInt64) -> UInt64 {
        var hash = value
        hash ^= hash >> 33
        hash = hash &* prime2
        hash ^= hash >> 29
        hash = hash &* prime3
        hash ^= hash >> 32
        return hash
    }
}
