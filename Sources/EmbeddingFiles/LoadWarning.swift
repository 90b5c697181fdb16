// SPDX-License-Identifier: Apache-2.0

import AttnMath

/// A warning found while reading, kept apart from the file name it is shown
/// with (the cache stores it, and the same file may be named another way next time).
struct LoadWarning: Sendable, Equatable {
    /// Whether it concerns the metadata file rather than the vectors.
    var inMetadata: Bool
    var line: Int?
    var text: String

    func rendered(file: String, metadataFile: String?) -> String {
        let name = inMetadata ? metadataFile ?? file : file
        if let line { return "\(name):\(line): \(text)" }
        return "\(name): \(text)"
    }

    /// One warning per word that occurs more than once, at its second occurrence.
    ///
    /// `line(row)` is the line of a row, nil for a format without lines;
    /// `place(row)` names a row in that case.
    static func duplicates(
        _ duplicates: [(row: Int, first: Int)], words: [String], inMetadata: Bool, line: (Int) -> Int?, place: (Int) -> String
    ) -> [LoadWarning] {
        var extraCopies: [Int: Int] = [:]
        var order: [(row: Int, first: Int)] = []
        for duplicate in duplicates {
            if extraCopies[duplicate.first] == nil { order.append(duplicate) }
            extraCopies[duplicate.first, default: 0] += 1
        }
        return order.map { duplicate in
            let copies = extraCopies[duplicate.first]! + 1
            let times = copies > 2 ? ", \(copies) times in all" : ""
            let first = line(duplicate.first).map { "on line \($0)" } ?? "as \(place(duplicate.first))"
            let prefix = line(duplicate.row) == nil ? "\(place(duplicate.row)): " : ""
            return LoadWarning(
                inMetadata: inMetadata, line: line(duplicate.row),
                text: "\(prefix)duplicate word \(quotedToken(words[duplicate.row])) (first \(first)\(times)); the first vector is kept")
        }
    }
}
