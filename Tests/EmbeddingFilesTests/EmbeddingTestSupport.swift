// SPDX-License-Identifier: Apache-2.0

import AttnMath
import EmbeddingFiles
import Foundation
import Testing

/// A fresh folder under the system's temporary folder, removed when the value is dropped.
final class ScratchFolder {
    let path: String

    init(_ name: String = "attn-embeddings") {
        path = NSTemporaryDirectory() + "/\(name)-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` (as UTF-8) to `name` in the folder; returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        write(name, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) -> String {
        let file = path + "/" + name
        precondition(FileManager.default.createFile(atPath: file, contents: Data(bytes)), "cannot write \(file)")
        return file
    }

    func file(_ name: String) -> String { path + "/" + name }

    /// The names in a subfolder (or the folder itself).
    func contents(_ subfolder: String = "") -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: subfolder.isEmpty ? path : path + "/" + subfolder))?.sorted() ?? []
    }
}

/// The float32 values of a loaded table.
func float32Values(_ table: EmbeddingTable) -> [Float] {
    guard case .float32(let values) = table.storage else {
        Issue.record("expected float32 storage")
        return []
    }
    return Array(values)
}

/// Loads without a cache, failing the test on an error.
func loadWithoutCache(
    _ path: String, format: EmbeddingFormat? = nil, metadataPath: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
) -> LoadedEmbeddings? {
    do {
        return try EmbeddingFile.load(path: path, format: format, metadataPath: metadataPath, cacheDirectory: nil)
    } catch {
        Issue.record("unexpected error: \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// The error loading `path` gives (nil, and a failed test, if it loads).
func loadError(
    _ path: String, format: EmbeddingFormat? = nil, metadataPath: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
) -> EmbeddingFileError? {
    do {
        let loaded = try EmbeddingFile.load(path: path, format: format, metadataPath: metadataPath, cacheDirectory: nil)
        Issue.record("expected an error, loaded \(loaded.table.count) words", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// A word2vec binary file: header, then each word, a space, little-endian float32 values and (optionally) a newline.
func word2vecBinary(_ rows: [(String, [Float])], newline: Bool = true, header: String? = nil) -> [UInt8] {
    var bytes = Array((header ?? "\(rows.count) \(rows.first?.1.count ?? 0)\n").utf8)
    for (word, values) in rows {
        bytes += Array(word.utf8) + [32]
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 } }
        if newline { bytes.append(10) }
    }
    return bytes
}

/// Words with punctuation, numbers and non-ASCII letters, as real files have them.
let messyWords = [",", ".", "'s", "1990", "café", "日本", "naïve", "--", "apple", "ünïcödé"]

/// `messyWords` with reproducible values printed the way GloVe prints them.
func messyRows(dimension: Int = 4) -> [(word: String, tokens: [String])] {
    messyWords.enumerated().map { i, word in
        (
            word,
            (0..<dimension).map { j in
                let value = Double((i * 37 + j * 11) % 97 - 48) / 61.0
                return String(format: "%.6f", value)
            }
        )
    }
}
