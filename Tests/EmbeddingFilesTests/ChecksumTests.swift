// SPDX-License-Identifier: Apache-2.0

import Testing

@testable import EmbeddingFiles

/// The cache's checksum against Python's `xxhash` package (the reference implementation, in C).
@Suite("Cache checksum: XXH64 as published")
struct ChecksumTests {
    private func xxh64(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
        bytes.withUnsafeBytes { XXH64.hash($0, seed: seed) }
    }

    @Test func smallInputsMatchTheReference() {
        // xxhash.xxh64(data, seed).intdigest() for each length class: empty, under 4, under 32, 32 and more.
        #expect(xxh64([]) == 0xEF46_DB37_51D8_E999)
        #expect(xxh64([], seed: 7) == 0x95F0_626F_6F0A_4409)
        #expect(xxh64(Array("a".utf8)) == 0xD24E_C4F1_A98C_6E5B)
        #expect(xxh64(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
        #expect(xxh64(Array("abc".utf8), seed: 7) == 0x9E75_5206_1566_76D7)
        let text = Array("0123456789abcdef0123456789abcdef0123".utf8)
        #expect(xxh64(text) == 0xC425_5BA3_D1AF_5461)
        #expect(xxh64(text, seed: 7) == 0x64BA_AAA0_88A3_A7E2)
        let ramp = (0..<1280).map { UInt8($0 % 256) }
        #expect(xxh64(ramp) == 0xAFC1_84AD_7938_A354)
        #expect(xxh64(ramp, seed: 7) == 0x133C_F6CA_9D1C_1256)
    }

    @Test func largeInputsHashTheBlockDigestsAgain() {
        // Python: digests = b''.join(pack('<Q', xxh64(data[k:k+2**20]).intdigest()) for each 1 MiB block);
        //         xxh64(digests, seed=len(data)).
        let count = 3 << 20 + 5
        let data = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        data.withUnsafeBytes { bytes in
            #expect(Checksum.of(bytes) == 0x574C_B2B3_982A_E8DD)
            #expect(Checksum.of(UnsafeRawBufferPointer(rebasing: bytes[0..<(1 << 20)])) == 0x292C_C494_F5A2_E5EC)
        }
    }
}
