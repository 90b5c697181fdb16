// SPDX-License-Identifier: Apache-2.0

/// The words of an `EmbeddingTable` and their index.
///
/// Either Swift strings (from the text readers and `EmbeddingTable.init`), or
/// packed UTF-8 read in place from the binary cache: there, looking a word
/// up compares bytes and never makes a string, and the array of 400,000
/// strings is made (over the cores) only when `all` is first asked for.
package final class WordList: @unchecked Sendable {
    // Everything is immutable after init except `made`, which only changes under `lock`.
    package let count: Int
    package let index: WordIndex
    private let strings: [String]?
    private let packed: PackedWords?
    private let lock = Lock()
    private var made: [String]?

    package init(words: [String], index: WordIndex) {
        count = words.count
        self.index = index
        strings = words
        packed = nil
    }

    package init(packed: PackedWords, index: WordIndex) {
        count = packed.count
        self.index = index
        strings = nil
        self.packed = packed
    }

    /// Every word, in row order.
    package var all: [String] {
        if let strings { return strings }
        return lock.withLock {
            if let made { return made }
            let words = packed!.strings()
            made = words
            return words
        }
    }

    package func word(at row: Int) -> String {
        if let strings { return strings[row] }
        precondition(row >= 0 && row < count, "EmbeddingTable: row \(row) out of 0..<\(count)")
        return packed!.string(at: row)
    }

    /// The first row whose word has exactly the bytes of `word`.
    package func row(of word: String) -> Int? {
        var copy = word
        return copy.withUTF8 { bytes in
            if let packed {
                return index.find(bytes) { row, query in packed.bytes(at: row).elementsEqual(query) }
            }
            let words = strings!
            return index.find(bytes) { row, _ in WordIndex.sameBytes(words[row], word) }
        }
    }
}

/// Words stored as one block of UTF-8 and the end offset of each (little-endian UInt32), in memory `owner` keeps alive.
package struct PackedWords: @unchecked Sendable {
    // Read-only views into `owner`'s memory (the mapped cache file).
    package let owner: AnyObject
    package let bytes: UnsafeBufferPointer<UInt8>
    package let ends: UnsafeRawBufferPointer
    package var count: Int { ends.count / 4 }

    package init(owner: AnyObject, bytes: UnsafeBufferPointer<UInt8>, ends: UnsafeRawBufferPointer) {
        self.owner = owner
        self.bytes = bytes
        self.ends = ends
    }

    private func end(_ row: Int) -> Int {
        Int(UInt32(littleEndian: ends.loadUnaligned(fromByteOffset: row * 4, as: UInt32.self)))
    }

    /// Whether the offsets rise and stay within the bytes (checked once, before any use).
    package var isWellFormed: Bool {
        var previous = 0
        for row in 0..<count {
            let next = end(row)
            if next < previous { return false }
            previous = next
        }
        return previous <= bytes.count
    }

    package func bytes(at row: Int) -> UnsafeBufferPointer<UInt8> {
        let start = row == 0 ? 0 : end(row - 1)
        return UnsafeBufferPointer(rebasing: bytes[start..<end(row)])
    }

    package func string(at row: Int) -> String {
        let word = bytes(at: row)
        return String(unsafeUninitializedCapacity: word.count) { $0.initialize(fromContentsOf: word) }
    }

    /// All words as strings, made over the cores.
    package func strings() -> [String] {
        let rows = count
        let parts = ParallelWork.ranges(total: rows, parts: rows < 10_000 ? 1 : ParallelWork.cores * 8)
        return [String](unsafeUninitializedCapacity: rows) { buffer, initialized in
            let out = SharedPointer(buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: 8)!)
            ParallelWork.run(parts.count) { p in
                for row in parts[p] { out.initialize(at: row, to: string(at: row)) }
            }
            initialized = rows
        }
    }
}
