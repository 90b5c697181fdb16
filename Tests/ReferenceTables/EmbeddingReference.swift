// SPDX-License-Identifier: Apache-2.0

import Foundation

/// The numpy float64 reference for a small user's file, made by
/// `Embeddings/make_embedding_reference.py` beside this file, and the files it
/// describes (`small.glove.txt`, `small.vec`): one schema for every test target
/// that checks numbers against it.
public struct EmbeddingReference: Decodable, Sendable {
    public struct Neighbor: Decodable, Sendable {
        public let word: String
        public let cosine: Double
    }

    public struct Attention: Decodable, Sendable {
        public let words: [String]
        public let metric: String
        public let temperature: Double
        public let scores: [[Double]]
        public let weights: [[Double]]
        public let context: [[Double]]
    }

    public let words: [String]
    public let vectors: [[Double]]
    public let cosine: [[Double]]
    public let dot: [[Double]]
    public let scaledDot: [[Double]]
    /// Each word's five nearest neighbours by cosine, best first, the word itself left out.
    public let neighbors: [String: [Neighbor]]
    public let attention: [Attention]

    /// The folder holding the reference and its embedding files.
    public static let folder = Bundle.module.url(forResource: "Embeddings", withExtension: nil)!

    /// The path of one of the reference's files (`small.glove.txt`, `small.vec`).
    public static func path(of file: String) -> String { folder.appendingPathComponent(file).path }

    public static func load() throws -> EmbeddingReference {
        let data = try Data(contentsOf: folder.appendingPathComponent("embedding_reference.json"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(EmbeddingReference.self, from: data)
    }
}
