// SPDX-License-Identifier: Apache-2.0

import AttnMath

/// Why an embedding file could not be loaded, and where.
///
/// `description` is one line, `FILE:LINE: problem`, or `FILE: problem` when no
/// line applies (a missing file, a word2vec binary, which has no lines).
public struct EmbeddingFileError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The kinds of problem, for callers that react differently to some of them.
    public enum Kind: String, Sendable {
        case missing, unreadable, directory, empty
        /// A row with the wrong number of values, an empty line, a word missing.
        case raggedRow
        /// A value that is not a number.
        case notANumber
        /// A NaN or infinite value.
        case notFinite
        /// A header (`count dim`) that does not match the rows, or is not a header.
        case header
        case invalidUTF8
        /// A word2vec binary file that ends in the middle of a word or vector.
        case truncated
        /// A metadata file that does not match its vectors.
        case metadata
        /// The format asked for does not fit the file, or cannot be told.
        case format
        /// Writing (export) failed.
        case write
        /// The file changed (shrank, was rewritten in place) while it was read.
        case changed
    }

    /// The file as the user named it.
    public let file: String
    /// 1-based line number, when the problem sits on one line.
    public let line: Int?
    public let kind: Kind
    public let problem: String

    public init(file: String, line: Int? = nil, kind: Kind, problem: String) {
        self.file = file
        self.line = line
        self.kind = kind
        self.problem = problem
    }

    public var description: String {
        if let line { return "\(file):\(line): \(problem)" }
        return "\(file): \(problem)"
    }
}

/// How a token from a file is shown inside an error message: quoted, escaped
/// (`ControlEscaping`, the one escaper of every output) so the message stays one
/// line, and cut short when long.
func quotedToken(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    let limit = 40
    let shown = String(decoding: UnsafeBufferPointer(rebasing: bytes.prefix(limit)), as: UTF8.self)
    return "\"" + ControlEscaping.escaped(shown) + (bytes.count > limit ? "…\"" : "\"")
}

func quotedToken(_ text: String) -> String {
    var copy = text
    return copy.withUTF8 { quotedToken($0) }
}
