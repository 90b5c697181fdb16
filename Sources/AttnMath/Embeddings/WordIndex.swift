// SPDX-License-Identifier: Apache-2.0

/// Finds a word's row by its exact UTF-8 bytes: an open-addressing hash table
/// (linear probing) of row numbers, built in one pass and stored as is in the binary cache.
///
/// The hash is fixed (not seeded per process, unlike `Hasher`), so a table
/// written by one run is valid in the next. A word that occurs twice keeps
/// its first row; `build` reports the later rows.
package struct WordIndex: @unchecked Sendable {
    // Read-only after init; `owner` keeps the slots' memory alive.
    private let owner: AnyObject
    /// Row numbers, −1 for an empty slot; the count is a power of two, at least twice the rows.
    package let slots: UnsafeBufferPointer<Int32>

    package static let empty: Int32 = -1

    /// Slots held in memory that `owner` keeps alive (a mapped cache file).
    package init(slots: UnsafeBufferPointer<Int32>, owner: AnyObject) {
        self.slots = slots
        self.owner = owner
    }

    private final class Storage {
        let pointer: UnsafeMutablePointer<Int32>

        init(count: Int) {
            pointer = .allocate(capacity: count)
            pointer.initialize(repeating: WordIndex.empty, count: count)
        }

        deinit { pointer.deallocate() }
    }

    /// The slot count for `rows` words.
    package static func capacity(for rows: Int) -> Int {
        var capacity = 16
        while capacity < rows * 2 { capacity *= 2 }
        return capacity
    }

    /// Indexes `words` (with their `WordHash`es when known) and lists each
    /// later occurrence of a word as (row, the first row of that word).
    package static func build(words: [String], hashes: [UInt64]? = nil) -> (index: WordIndex, duplicates: [(row: Int, first: Int)]) {
        precondition(words.count < Int(Int32.max), "WordIndex: too many words")
        let hashes = hashes ?? words.map(WordHash.of)
        let capacity = capacity(for: words.count)
        let mask = capacity - 1
        let storage = Storage(count: capacity)
        let slots = storage.pointer
        var duplicates: [(row: Int, first: Int)] = []
        for row in words.indices {
            let hash = hashes[row]
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let occupant = Int(slots[slot])
                if occupant < 0 {
                    slots[slot] = Int32(row)
                    break
                }
                if hashes[occupant] == hash, sameBytes(words[occupant], words[row]) {
                    duplicates.append((row, occupant))
                    break
                }
                slot = (slot + 1) & mask
            }
        }
        return (WordIndex(slots: UnsafeBufferPointer(start: slots, count: capacity), owner: storage), duplicates)
    }

    /// The row whose word has exactly these bytes, if any; `matches(row, bytes)` compares a row's word.
    package func find(_ bytes: UnsafeBufferPointer<UInt8>, matches: (Int, UnsafeBufferPointer<UInt8>) -> Bool) -> Int? {
        guard !slots.isEmpty else { return nil }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: WordHash.of(bytes)) & mask
        while true {
            let occupant = Int(slots[slot])
            if occupant < 0 { return nil }
            if matches(occupant, bytes) { return occupant }
            slot = (slot + 1) & mask
        }
    }

    /// Byte equality: unlike `==`, it does not treat canonically equivalent spellings (é as one or two scalars) as equal.
    package static func sameBytes(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && a.utf8.elementsEqual(b.utf8)
    }
}

/// A fixed 64-bit hash of UTF-8 bytes (8 bytes per step; stable across runs and machines).
package enum WordHash {
    package static func of(_ word: String) -> UInt64 {
        if let hash = word.utf8.withContiguousStorageIfAvailable(of) { return hash }
        return Array(word.utf8).withUnsafeBufferPointer(of)
    }

    package static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        of(bytes.baseAddress, count: bytes.count)
    }

    @inline(__always)
    package static func of(_ p: UnsafePointer<UInt8>?, count: Int) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: count)
        if count > 0, let p {
            var i = 0
            while i + 8 <= count {
                let word = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
                hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
                hash ^= hash >> 31
                i += 8
            }
            if i < count {
                var word: UInt64 = 0
                var shift: UInt64 = 0
                while i < count {
                    word |= UInt64(p[i]) << shift
                    shift += 8
                    i += 1
                }
                hash = (hash ^ word) &* 0x94D0_49BB_1331_11EB
                hash ^= hash >> 29
            }
        }
        hash ^= hash >> 32
        hash = hash &* 0xD6E8_FEB8_6659_FD93
        hash ^= hash >> 32
        return hash
    }
}
