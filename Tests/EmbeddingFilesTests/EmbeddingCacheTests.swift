// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Foundation
import Testing

@testable import EmbeddingFiles

/// The binary cache: hit, stale, corrupt, atomic; a reload gives the same table as a parse.
@Suite("Embedding cache: hits, stale and corrupt entries, atomic writes")
struct EmbeddingCacheTests {
    private let folder = ScratchFolder("attn-cache-test")
    private var cache: String { folder.file("cache") }

    private func gloveText(rows: Int = 50, dimension: Int = 6, seed: Int = 1) -> String {
        (0..<rows).map { i in
            (["w\(i)" + (i % 7 == 0 ? "é" : "")]
                + (0..<dimension).map { j in String(format: "%.5f", Double((i * 31 + j * 17 + seed) % 200 - 100) / 37) })
                .joined(separator: " ")
        }.joined(separator: "\n") + "\n"
    }

    private func load(
        _ path: String, format: EmbeddingFormat? = nil, metadataPath: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    )
        -> LoadedEmbeddings?
    {
        do {
            return try EmbeddingFile.load(path: path, format: format, metadataPath: metadataPath, cacheDirectory: cache)
        } catch {
            Issue.record("\(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    private func expectSameTable(_ a: LoadedEmbeddings?, _ b: LoadedEmbeddings?, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let a, let b else { return }
        #expect(a.table.words == b.table.words, sourceLocation: sourceLocation)
        #expect(a.table.dimension == b.table.dimension, sourceLocation: sourceLocation)
        #expect(float32Values(a.table).map(\.bitPattern) == float32Values(b.table).map(\.bitPattern), sourceLocation: sourceLocation)
        #expect(a.format == b.format, sourceLocation: sourceLocation)
        #expect(a.warnings == b.warnings, sourceLocation: sourceLocation)
        #expect(a.metadata == b.metadata, sourceLocation: sourceLocation)
    }

    /// Sets the file's modification time (the kernel's clock may not tick between two quick writes).
    private func setModified(_ path: String, seconds: Int) {
        var times = [timespec(tv_sec: seconds, tv_nsec: 0), timespec(tv_sec: seconds, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
    }

    private func cacheFile(for path: String, format: EmbeddingFormat? = nil) -> String {
        EmbeddingCache.file(for: path, format: format, in: cache)
    }

    private func overwrite(_ path: String, at offset: Int, with bytes: [UInt8]) {
        let handle = FileHandle(forUpdatingAtPath: path)!
        handle.seek(toFileOffset: UInt64(offset))
        handle.write(Data(bytes))
        handle.closeFile()
    }

    @Test func aSecondLoadComesFromTheCache() {
        let path = folder.write("v.txt", gloveText() + "w3 1 2 3 4 5 6\n")
        let first = load(path)
        #expect(first?.fromCache == false)
        #expect(first?.cacheFile == cacheFile(for: path))
        #expect(FileManager.default.fileExists(atPath: cacheFile(for: path)))
        let second = load(path)
        #expect(second?.fromCache == true)
        expectSameTable(first, second)
        // The duplicate warning is kept, and words are found without making every string.
        #expect(second?.warnings.count == 1)
        #expect(second?.table.index(of: "w7é") == 7)
        #expect(second?.table.word(at: 7) == "w7é")
        #expect(second?.table.resolve("W14É") == 14)
        #expect(second?.table.index(of: "w3") == 3)
        #expect(second?.table.index(of: "nothing") == nil)
    }

    @Test func everyFormatIsCached() {
        let words = ["apple", ",", "日本"]
        let bin = folder.write("v.bin", bytes: word2vecBinary(words.enumerated().map { ($1, [Float($0), 0.5, -1]) }))
        let vec = folder.write("v.vec", "3 2\napple 1 2\n, 3 4\n日本 5 6\n")
        let tsv = folder.write("vectors.tsv", "1\t2\n3\t4\n5\t6\n")
        folder.write("metadata.tsv", "word\tcolour\napple\tred\n,\tnone\n日本\twhite\n")
        for path in [bin, vec, tsv] {
            let first = load(path)
            let second = load(path)
            #expect(first?.fromCache == false)
            #expect(second?.fromCache == true)
            #expect(second?.table.words == words)
            expectSameTable(first, second)
        }
        #expect(load(tsv)?.metadata?.columns[1] == ["red", "none", "white"])
    }

    @Test func aChangedFileIsParsedAgain() {
        let path = folder.write("v.txt", gloveText(seed: 1))
        setModified(path, seconds: 1_000_000)
        _ = load(path)
        // Same size, same modification time, new content: only the inode tells (a new file was written).
        folder.write("v.txt", gloveText(seed: 2))
        setModified(path, seconds: 1_000_000)
        let reloaded = load(path)
        #expect(reloaded?.fromCache == false)
        expectSameTable(reloaded, loadWithoutCache(path))
        #expect(load(path)?.fromCache == true)
    }

    @Test func aTouchedFileIsParsedAgain() {
        let path = folder.write("v.txt", gloveText())
        setModified(path, seconds: 1_000_000)
        _ = load(path)
        setModified(path, seconds: 1_000_001)
        #expect(load(path)?.fromCache == false)
        #expect(load(path)?.fromCache == true)
    }

    @Test func aFileEditedInPlaceIsParsedAgain() {
        let text = gloveText()
        let path = folder.write("v.txt", text)
        setModified(path, seconds: 1_000_000)
        _ = load(path)
        // The last digit of the first line becomes another digit.
        let lastDigit = Array(text.utf8).firstIndex(of: 10)! - 1
        overwrite(path, at: lastDigit, with: [Array(text.utf8)[lastDigit] == 0x39 ? 0x31 : 0x39])
        setModified(path, seconds: 1_000_002)
        let reloaded = load(path)
        #expect(reloaded?.fromCache == false)
        expectSameTable(reloaded, loadWithoutCache(path))
    }

    /// Issue 18 item 14: same size, same inode, the modification time put back: only ctime tells.
    @Test func aFileEditedInPlaceWithItsTimePutBackIsParsedAgain() {
        let text = gloveText()
        let path = folder.write("v.txt", text)
        setModified(path, seconds: 1_000_000)
        let changedTime = { () -> timespec in
            var status = stat()
            stat(path, &status)
            return status.st_ctim
        }
        let before = changedTime()
        _ = load(path)
        let lastDigit = Array(text.utf8).firstIndex(of: 10)! - 1
        overwrite(path, at: lastDigit, with: [Array(text.utf8)[lastDigit] == 0x39 ? 0x31 : 0x39])
        setModified(path, seconds: 1_000_000)
        // The kernel's clock ticks coarsely: put the time back again until ctime has moved.
        while changedTime().tv_sec == before.tv_sec && changedTime().tv_nsec == before.tv_nsec {
            usleep(2000)
            setModified(path, seconds: 1_000_000)
        }
        let reloaded = load(path)
        #expect(reloaded?.fromCache == false)
        expectSameTable(reloaded, loadWithoutCache(path))
    }

    @Test func aChangedMetadataFileIsReadAgain() {
        let vectors = folder.write("vectors.tsv", "1\t2\n3\t4\n")
        let metadata = folder.write("metadata.tsv", "a\nb\n")
        setModified(metadata, seconds: 1_000_000)
        #expect(load(vectors)?.table.words == ["a", "b"])
        folder.write("metadata.tsv", "c\nd\n")
        setModified(metadata, seconds: 1_000_001)
        let reloaded = load(vectors)
        #expect(reloaded?.fromCache == false)
        #expect(reloaded?.table.words == ["c", "d"])
        // And a metadata file that disappears.
        try? FileManager.default.removeItem(atPath: metadata)
        #expect(load(vectors)?.table.words == ["0", "1"])
    }

    @Test func aForcedFormatHasItsOwnEntry() {
        let path = folder.write("numbers.txt", "7\t1\t2\n8\t3\t4\n")
        #expect(load(path)?.format == .projector)
        #expect(load(path, format: .glove)?.format == .glove)
        #expect(load(path, format: .glove)?.fromCache == true)
        #expect(load(path)?.format == .projector)
        #expect(cacheFile(for: path) != cacheFile(for: path, format: .glove))
    }

    /// Damages the cache with `damage`, then checks the next load parses again, gives the same table and repairs the cache.
    private func expectRecovery(from damage: (String) -> Void, sourceLocation: SourceLocation = #_sourceLocation) {
        let path = folder.write("v-\(UUID().uuidString).txt", gloveText(rows: 3000, dimension: 20))
        let original = load(path, sourceLocation: sourceLocation)
        damage(cacheFile(for: path))
        let reloaded = load(path, sourceLocation: sourceLocation)
        #expect(reloaded?.fromCache == false, sourceLocation: sourceLocation)
        expectSameTable(original, reloaded, sourceLocation: sourceLocation)
        #expect(load(path, sourceLocation: sourceLocation)?.fromCache == true, sourceLocation: sourceLocation)
    }

    @Test func aCorruptCacheIsIgnoredAndRewritten() {
        let size = { (file: String) in (try! FileManager.default.attributesOfItem(atPath: file)[.size] as! NSNumber).intValue }
        // Garbage in the header, the float block, the words, the word index; cut short; made longer; emptied; replaced by noise.
        expectRecovery { overwrite($0, at: 0, with: Array("garbage!".utf8)) }
        expectRecovery { overwrite($0, at: 24, with: [0xFF, 0xFF, 0xFF, 0x7F]) }
        expectRecovery { overwrite($0, at: 5000, with: [UInt8](repeating: 0xFF, count: 4096)) }
        expectRecovery { file in overwrite(file, at: size(file) - 20_000, with: [UInt8](repeating: 0x55, count: 64)) }
        expectRecovery { file in overwrite(file, at: size(file) - 2_000, with: [UInt8](repeating: 0xAA, count: 8)) }
        expectRecovery { truncate($0, off_t(size($0) / 2)) }
        expectRecovery { file in truncate(file, off_t(size(file) + 100)) }
        expectRecovery { truncate($0, 0) }
        expectRecovery { file in
            var generator = SystemRandomNumberGenerator()
            let noise = (0..<size(file)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(FileManager.default.createFile(atPath: file, contents: Data(noise)))
        }
    }

    @Test func aCacheOfAnotherFileIsNotUsed() {
        // Two sources whose cache files are swapped: each key names its own source.
        let a = folder.write("a.txt", gloveText(seed: 1))
        let b = folder.write("b.txt", gloveText(seed: 2))
        setModified(a, seconds: 1_000_000)
        setModified(b, seconds: 1_000_000)
        _ = load(a)
        _ = load(b)
        let temporary = cache + "/swap"
        try! FileManager.default.moveItem(atPath: cacheFile(for: a), toPath: temporary)
        try! FileManager.default.moveItem(atPath: cacheFile(for: b), toPath: cacheFile(for: a))
        #expect(load(a)?.fromCache == false)
    }

    @Test func writesAreAtomic() throws {
        let path = folder.write("v.txt", gloveText(rows: 2000, dimension: 30))
        setModified(path, seconds: 1_000_000)
        let before = try #require(load(path))
        let cached = try #require(load(path))
        #expect(cached.fromCache)
        let inode = { (file: String) -> UInt64 in
            var status = stat()
            stat(file, &status)
            return UInt64(status.st_ino)
        }
        let oldInode = inode(cacheFile(for: path))
        // A rewrite replaces the file (a new inode, by rename) and leaves no temporary file behind.
        folder.write("v.txt", gloveText(rows: 2000, dimension: 30, seed: 5))
        setModified(path, seconds: 1_000_001)
        let after = try #require(load(path))
        #expect(!after.fromCache)
        #expect(inode(cacheFile(for: path)) != oldInode)
        #expect(folder.contents("cache") == [URL(fileURLWithPath: cacheFile(for: path)).lastPathComponent])
        // The table read from the old cache file still holds its values: its memory maps the old, unlinked file.
        #expect(float32Values(cached.table) == float32Values(before.table))
        #expect(cached.table.words == before.table.words)
        #expect(float32Values(after.table) != float32Values(before.table))
    }

    /// Issue 18 item 5: a load killed while writing the cache left `HASH.embcache.tmp-PID-RANDOM` forever.
    @Test func aKilledLoadsTemporaryIsRemovedByTheNextLoad() throws {
        // A PID that ran and ended: its temporary is a killed writer's.
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let dead = finished.processIdentifier
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        let abandoned = ["0123456789abcdef.embcache.tmp-\(dead)-12345", "fedcba9876543210.embcache.tmp-\(dead)-7"]
        // Kept: a live writer's (PID 1 and this process), and files that are not the cache's temporaries.
        let kept = [
            "0123456789abcdef.embcache.tmp-1-99", "0123456789abcdef.embcache.tmp-\(getpid())-5", "notes.tmp-\(dead)-3",
            "0123456789abcdef.embcache.tmp-\(dead)-x",
        ]
        for name in abandoned + kept { folder.write("cache/" + name, "half a cache") }
        let path = folder.write("v.txt", gloveText())
        _ = load(path)
        #expect(folder.contents("cache") == (kept + [URL(fileURLWithPath: cacheFile(for: path)).lastPathComponent]).sorted())
        // A load from the cache cleans too (the killed load may have been another file's).
        folder.write("cache/" + abandoned[0], "half a cache")
        #expect(load(path)?.fromCache == true)
        #expect(!folder.contents("cache").contains(abandoned[0]))
    }

    @Test func anUnwritableCacheIsAWarningNotAnError() throws {
        let path = folder.write("v.txt", gloveText())
        let blocker = folder.write("not-a-folder", "")
        let loaded = try EmbeddingFile.load(path: path, cacheDirectory: blocker + "/cache")
        #expect(loaded.table.count == 50)
        #expect(loaded.warnings.count == 1)
        #expect(loaded.warnings.first?.hasPrefix(blocker + "/cache/") == true)
        #expect(loaded.warnings.first?.contains("cache not written") == true)
    }

    @Test func noCacheDirectoryMeansNoCache() throws {
        let path = folder.write("v.txt", gloveText())
        let loaded = try EmbeddingFile.load(path: path, cacheDirectory: nil)
        #expect(loaded.cacheFile == nil)
        #expect(!loaded.fromCache)
        #expect(folder.contents() == ["v.txt"])
    }

    /// The offset and length of a section (0 the float block, 7 the row lengths), as the cache's header gives them.
    private func section(_ section: Int, of file: String) throws -> (offset: Int, length: Int) {
        let header = try #require(FileManager.default.contents(atPath: file)).prefix(EmbeddingCache.headerSize)
        let word = { (i: Int) in
            header.withUnsafeBytes { Int(UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))) }
        }
        return (word(EmbeddingCache.firstSectionWord + 3 * section), word(EmbeddingCache.firstSectionWord + 1 + 3 * section))
    }

    private func floatBlock(of file: String) throws -> (offset: Int, length: Int) { try section(0, of: file) }

    @Test func aCachedTableBringsItsRowLengthsAndFindsTheSameNeighbours() throws {
        let path = folder.write("v.txt", gloveText(rows: 3000, dimension: 20))
        setModified(path, seconds: 1_000_000)
        let parsed = try #require(load(path))
        let cached = try #require(load(path))
        #expect(cached.fromCache)
        let stored = try #require(cached.table.rowLengths)
        let fresh = RowLengths(values: Float32Values(float32Values(parsed.table)), dimension: 20)
        #expect(Array(stored.inverse).map(\.bitPattern) == Array(fresh.inverse).map(\.bitPattern))
        #expect(stored.inFloat32Range == fresh.inFloat32Range)
        let queries = (0..<20).map { parsed.table.vector(at: $0 * 150) }
        let plain = NeighborIndex(table: EmbeddingTable(words: parsed.table.words, dimension: 20, storage: parsed.table.storage))
        #expect(NeighborIndex(table: cached.table).nearest(toEach: queries, k: 10) == plain.nearest(toEach: queries, k: 10))
        // A flipped bit in the stored lengths is damage like any other.
        let file = cacheFile(for: path)
        let (offset, length) = try section(7, of: file)
        #expect(length == 3000 * 4)
        let byte = try #require(FileManager.default.contents(atPath: file))[offset + 1234]
        overwrite(file, at: offset + 1234, with: [byte ^ 0x10])
        #expect(load(path)?.fromCache == false)
        #expect(load(path)?.fromCache == true)
    }

    @Test func aFlippedBitAnywhereInTheFloatBlockMakesTheTextBeReadAgain() throws {
        // Over 1 MiB of floats, so the block is hashed in several pieces over the cores.
        let path = folder.write("v.txt", gloveText(rows: 12_000, dimension: 30))
        setModified(path, seconds: 1_000_000)
        let original = try #require(load(path))
        let file = cacheFile(for: path)
        let (offset, length) = try floatBlock(of: file)
        #expect(length == 12_000 * 30 * 4)
        var generator = SeededGenerator(seed: 7)
        let places = [0, length - 1, (1 << 20) - 1, 1 << 20] + (0..<12).map { _ in Int.random(in: 0..<length, using: &generator) }
        for place in places {
            let bit = UInt8(1) << UInt8(place % 8)
            let byte = try #require(FileManager.default.contents(atPath: file))[offset + place]
            overwrite(file, at: offset + place, with: [byte ^ bit])
            let reloaded = try #require(load(path))
            #expect(!reloaded.fromCache, "bit \(place % 8) of byte \(place) of the float block flipped, yet the cache was used")
            expectSameTable(original, reloaded)
            #expect(load(path)?.fromCache == true, "the cache was rewritten after byte \(place)")
        }
    }

    @Test func aLargeCachedTableIsUsedInPlaceAndCopiesAreOrdinaryArrays() throws {
        let rows = 90_000
        let dimension = 50
        var text = ""
        text.reserveCapacity(rows * dimension * 6)
        for i in 0..<rows {
            text += "r\(i)"
            for j in 0..<dimension { text += " \((i + j) % 50).5" }
            text += "\n"
        }
        let path = folder.write("big.txt", text)
        let parsed = try #require(load(path))
        let cached = try #require(load(path))
        #expect(cached.fromCache)
        var values = float32Values(cached.table)
        #expect(values == float32Values(parsed.table))
        // The table's values are the cache file's own bytes, mapped, not a copy.
        let file = try #require(FileManager.default.contents(atPath: cacheFile(for: path)))
        let (offset, length) = try floatBlock(of: cacheFile(for: path))
        guard case .float32(let stored) = cached.table.storage else {
            Issue.record("expected float32 storage")
            return
        }
        stored.withUnsafeBufferPointer { floats in
            #expect(UnsafeRawBufferPointer(floats).elementsEqual(file[offset..<(offset + length)]))
            #expect(Int(bitPattern: floats.baseAddress) % Int(getpagesize()) == 0, "the floats start on a page of the mapping")
        }
        // A copy can be changed without touching the file.
        values[123_456] = -1
        values[values.count - 1] = -2
        #expect(values[123_456] == -1)
        #expect(float32Values(try #require(load(path)).table) == float32Values(parsed.table))
    }

    @Test func defaultDirectoryFollowsXDG() {
        let saved = getenv("XDG_CACHE_HOME").map { String(cString: $0) }
        defer {
            if let saved { setenv("XDG_CACHE_HOME", saved, 1) } else { unsetenv("XDG_CACHE_HOME") }
        }
        setenv("XDG_CACHE_HOME", "/some/where", 1)
        #expect(EmbeddingCache.defaultDirectory == "/some/where/attn-tui")
        // A relative XDG path is ignored, as the XDG specification says.
        setenv("XDG_CACHE_HOME", "relative", 1)
        #expect(EmbeddingCache.defaultDirectory == String(cString: getenv("HOME")) + "/.cache/attn-tui")
    }
}
