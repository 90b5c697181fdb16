// SPDX-License-Identifier: Apache-2.0

import AttnMath
import EmbeddingFiles
import Foundation
import XCTest

/// Issue 9.16: bounded fuzzing of the embedding file readers. A seeded mutation
/// test (SwiftPM on Linux builds no libFuzzer target without rebuilding every
/// dependency instrumented): valid and broken files of every format are mutated
/// (bytes flipped, inserted, deleted, repeated, cut, spliced, numbers made
/// extreme) and read as every format, without and with the binary cache.
///
/// Each read must end in a table that holds together or in one error line; a
/// crash ends the test process, and the case being read is then in
/// `$TMPDIR/attn-fuzz-last/` to turn into a regression test.
///
/// Runs for `ATTN_FUZZ_SECONDS` seconds (10 by default; CI gives it 120) from the
/// seed `ATTN_FUZZ_SEED` (fixed by default, so a run is reproducible).
final class FileReaderFuzzTests: XCTestCase {
    func testMutatedFilesAreReadOrRefusedCleanly() throws {
        let environment = ProcessInfo.processInfo.environment
        let seconds = environment["ATTN_FUZZ_SECONDS"].flatMap(Double.init) ?? 10
        let seed = environment["ATTN_FUZZ_SEED"].flatMap(UInt64.init) ?? 9
        let last = NSTemporaryDirectory() + "attn-fuzz-last"
        try? FileManager.default.removeItem(atPath: last)
        try FileManager.default.createDirectory(atPath: last + "/cache", withIntermediateDirectories: true)
        var random = SeededGenerator(seed: seed)
        let seeds = Self.seedFiles()
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(Int(seconds * 1000)))
        var cases = 0
        var loaded = 0
        var refused = 0
        while clock.now < deadline {
            let (name, original) = seeds.randomElement(using: &random)!
            var bytes = original
            for _ in 0..<Int.random(in: 1...2, using: &random) {
                bytes = Self.mutate(bytes, seeds: seeds.map(\.1), using: &random)
            }
            let path = last + "/" + name
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            if name.hasSuffix(".tsv"), Bool.random(using: &random) {
                // A Projector file with a mutated metadata.tsv beside it.
                let metadata = Self.mutate(Array("word\tcategory\napple\tfruit\n".utf8), seeds: [], using: &random)
                _ = FileManager.default.createFile(atPath: last + "/metadata.tsv", contents: Data(metadata))
            } else {
                try? FileManager.default.removeItem(atPath: last + "/metadata.tsv")
            }
            let formats: [EmbeddingFormat?] = [nil] + EmbeddingFormat.allCases.map(Optional.some)
            let format = formats.randomElement(using: &random)!
            let useCache = Int.random(in: 0..<4, using: &random) == 0
            let description = "case \(cases) (seed \(seed)), \(name) as \(format?.rawValue ?? "detected")\(useCache ? ", cached" : "")"
            switch read(path, format: format, cache: useCache ? last + "/cache" : nil, description) {
            case true: loaded += 1
            case false: refused += 1
            }
            if useCache {
                // Read again from the cache it wrote, and once more after damaging that cache.
                _ = read(path, format: format, cache: last + "/cache", description + ", from the cache")
                Self.damageCaches(in: last + "/cache", using: &random)
                _ = read(path, format: format, cache: last + "/cache", description + ", damaged cache", cacheMayBeWrong: true)
                try? FileManager.default.removeItem(atPath: last + "/cache")
                try FileManager.default.createDirectory(atPath: last + "/cache", withIntermediateDirectories: true)
            }
            cases += 1
        }
        print("fuzz: \(cases) mutated files in \(seconds) s from seed \(seed): \(loaded) read, \(refused) refused")
        XCTAssertGreaterThan(cases, 50, "enough cases ran to mean something")
        XCTAssertGreaterThan(loaded, 0, "some mutants are still valid files")
        XCTAssertGreaterThan(refused, 0, "some mutants are refused")
        try? FileManager.default.removeItem(atPath: last)
    }

    // MARK: Regressions found by the fuzzing

    /// Seed 1796063846, case 14644: a word2vec binary file cut short in the vector of a
    /// word that holds a line break gave a two-line error.
    func testATruncatedBinaryWordWithALineBreakIsAOneLineError() throws {
        let folder = NSTemporaryDirectory() + "attn-fuzz-regression-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var bytes = Array("2 3\na ".utf8)
        for value: Float in [1, 2, 3] { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 } }
        // A second word long enough that the size check passes, with a line break in it; its vector is cut short.
        bytes += Array("\nx\nw11-with-a-long-name ".utf8) + [0, 0, 0x80]
        let path = folder + "/cut.bin"
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        XCTAssertThrowsError(try EmbeddingFile.load(path: path, format: .word2vecBinary, cacheDirectory: nil)) { error in
            let line = "\(error)"
            XCTAssertFalse(line.contains("\n"), line)
            XCTAssertTrue(line.contains("\"x\\nw11-with-a-long-name\""), line)
        }
    }

    /// Reads one file; true when it loaded. Any outcome but a sound table or one error line fails the test.
    private func read(_ path: String, format: EmbeddingFormat?, cache: String?, _ description: String, cacheMayBeWrong: Bool = false)
        -> Bool
    {
        do {
            let loaded = try EmbeddingFile.load(path: path, format: format, cacheDirectory: cache)
            let table = loaded.table
            XCTAssertGreaterThan(table.count, 0, description)
            XCTAssertGreaterThan(table.dimension, 0, description)
            for i in 0..<table.count {
                let vector = table.vector(at: i)
                XCTAssertEqual(vector.count, table.dimension, description)
                if !cacheMayBeWrong {
                    XCTAssertTrue(vector.allSatisfy(\.isFinite), "\(description): a non-finite value in row \(i)")
                }
            }
            if let metadata = loaded.metadata {
                XCTAssertFalse(metadata.path.isEmpty, description)
            }
            return true
        } catch {
            let line = error.description
            XCTAssertFalse(line.isEmpty, description)
            XCTAssertFalse(line.contains("\n"), "\(description): a multi-line error: \(line)")
            let metadata = String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) + "/metadata.tsv"
            XCTAssertTrue(line.hasPrefix(path) || line.hasPrefix(metadata), "\(description): the error names the file: \(line)")
            return false
        }
    }

    // MARK: Seeds and mutations

    static func seedFiles() -> [(String, [UInt8])] {
        let rows = (0..<12).map { i in
            ("w\(i)" + (i % 3 == 0 ? "é" : ""), (0..<5).map { j in Float((i * 7 + j * 3) % 11 - 5) / 3 })
        }
        let glove = rows.map { "\($0.0) " + $0.1.map { "\($0)" }.joined(separator: " ") }.joined(separator: "\n") + "\n"
        let projector = rows.map { $0.1.map { "\($0)" }.joined(separator: "\t") }.joined(separator: "\n") + "\n"
        var binary = Array("\(rows.count) 5\n".utf8)
        for (word, values) in rows {
            binary += Array(word.utf8) + [32]
            for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { binary += $0 } }
            binary.append(10)
        }
        return [
            ("vectors.txt", Array(glove.utf8)),
            ("vectors.vec", Array("\(rows.count) 5\n\(glove)".utf8)),
            ("vectors.bin", binary),
            ("vectors.tsv", Array(projector.utf8)),
            ("crlf.txt", Array(glove.replacingOccurrences(of: "\n", with: "\r\n").utf8)),
            ("bom.txt", [0xEF, 0xBB, 0xBF] + Array(glove.utf8)),
            ("broken.txt", Array("a 1 2 3\nb 4 5\nc nan 1 2\n\n\nd 1e999 0 0\n".utf8)),
            ("header.vec", Array("999999999999 99999999\na 1 2\n".utf8)),
            ("short.bin", Array(binary.prefix(40))),
        ]
    }

    private static let interesting: [[UInt8]] = [
        [0], [0xFF], [10], [13], [32], [9], Array("-".utf8), Array("e".utf8), Array("1e999".utf8), Array("nan".utf8),
        Array("-0".utf8), Array("0x1p3".utf8), Array(String(repeating: "9", count: 400).utf8), [0xC3], [0xE2, 0x80, 0xAE],
        Array("\u{1B}]0;x\u{07}".utf8), Array("4294967296 3\n".utf8), Array("\t\t".utf8),
    ]

    static func mutate(_ bytes: [UInt8], seeds: [[UInt8]], using random: inout SeededGenerator) -> [UInt8] {
        var bytes = bytes
        let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
        switch Int.random(in: 0..<8, using: &random) {
        case 0 where !bytes.isEmpty:
            bytes[position] ^= UInt8(1 << Int.random(in: 0..<8, using: &random))
        case 1:
            bytes.insert(contentsOf: interesting.randomElement(using: &random)!, at: position)
        case 2 where !bytes.isEmpty:
            bytes.removeSubrange(position..<min(bytes.count, position + Int.random(in: 1...16, using: &random)))
        case 3 where !bytes.isEmpty:
            let piece = Array(bytes[position..<min(bytes.count, position + Int.random(in: 1...64, using: &random))])
            bytes.insert(contentsOf: piece, at: Int.random(in: 0...bytes.count, using: &random))
        case 4:
            bytes = Array(bytes.prefix(position))
        case 5 where !seeds.isEmpty:
            let other = seeds.randomElement(using: &random)!
            bytes = Array(bytes.prefix(position)) + Array(other.suffix(Int.random(in: 0...other.count, using: &random)))
        case 6 where !bytes.isEmpty:
            bytes[position] = UInt8.random(in: 0...255, using: &random)
        default:
            // A number token replaced by an extreme one.
            if let space = bytes[position...].firstIndex(of: 32) {
                let end = bytes[(space + 1)...].firstIndex { $0 == 32 || $0 == 10 || $0 == 9 } ?? bytes.count
                bytes.replaceSubrange((space + 1)..<end, with: interesting.randomElement(using: &random)!)
            }
        }
        return bytes
    }

    /// Flips a byte in every cache file, anywhere in it.
    static func damageCaches(in folder: String, using random: inout SeededGenerator) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            let path = folder + "/" + name
            guard var bytes = FileManager.default.contents(atPath: path).map(Array.init), !bytes.isEmpty else { continue }
            let position = Int.random(in: 0..<bytes.count, using: &random)
            bytes[position] ^= UInt8(1 << Int.random(in: 0..<8, using: &random))
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        }
    }
}
