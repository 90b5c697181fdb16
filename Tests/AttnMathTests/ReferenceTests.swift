// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Foundation
import Testing

/// The numpy float64 table made by Reference/make_math_reference.py.
private struct MathReference: Decodable {
    struct VectorSet: Decodable {
        let name: String
        let vectors: [[Double]]
        let norms: [Double]
        let dot: [[Double]]
        let cosine: [[Double]]
        let scaledDot: [[Double]]
        let euclidean: [[Double]]
    }
    struct SoftmaxCase: Decodable {
        let scores: [Double]
        let temperature: Double
        let weights: [Double]
    }
    struct AverageCase: Decodable {
        let weights: [Double]
        let vectors: [[Double]]
        let sum: Double
        let normalized: [Double]
        let weightedSum: [Double]
        let average: [Double]
    }
    struct ContextCase: Decodable {
        let vectors: [[Double]]
        let metric: String
        let temperature: Double
        let scores: [[Double]]
        let weights: [[Double]]
        let context: [[Double]]
    }
    struct HeadCase: Decodable {
        let input: [[Double]]
        let wQ: [[Double]]
        let wK: [[Double]]
        let wV: [[Double]]
        let temperature: Double
        let queries: [[Double]]
        let keys: [[Double]]
        let values: [[Double]]
        let scores: [[Double]]
        let weights: [[Double]]
        let output: [[Double]]
    }
    struct Weights: Decodable {
        let wQ: [[Double]]
        let wK: [[Double]]
        let wV: [[Double]]
    }
    struct MultiHeadCase: Decodable {
        let input: [[Double]]
        let heads: [Weights]
        let wO: [[Double]]
        let temperature: Double
        let headOutputs: [[[Double]]]
        let concatenated: [[Double]]
        let output: [[Double]]
    }
    struct PCACase: Decodable {
        let vectors: [[Double]]
        let mean: [Double]
        let variances: [Double]
        let axes: [[Double]]
        let projections: [[Double]]
        let absProjections: [[Double]]
    }

    let seed: Int
    let vectorSets: [VectorSet]
    let softmax: [SoftmaxCase]
    let weightedAverage: [AverageCase]
    let contextAttention: [ContextCase]
    let singleHead: [HeadCase]
    let multiHead: [MultiHeadCase]
    let pca: [PCACase]

    static func load() throws -> MathReference {
        let folder = try #require(
            Bundle.module.url(forResource: "Reference", withExtension: nil), "Reference folder not in the test bundle")
        let data = try Data(contentsOf: folder.appendingPathComponent("math_reference.json"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(MathReference.self, from: data)
    }
}

/// AttnMath against numpy float64: every number within 1e-9 (relative where larger than 1).
@Suite("Agreement with the numpy float64 reference")
struct ReferenceTests {
    private let tolerance = 1e-9
    private let reference: MathReference

    init() throws {
        reference = try MathReference.load()
    }

    @Test func tableIsComplete() {
        #expect(reference.vectorSets.map(\.name) == ["d1", "d3", "d6"])
        #expect(reference.softmax.count == 15)
        #expect(reference.contextAttention.count == 12)
        #expect(reference.singleHead.count == 2 && reference.multiHead.count == 2 && reference.pca.count == 3)
        #expect(reference.weightedAverage.count == 2)
    }

    @Test func vectorFunctionsAndTables() throws {
        for set in reference.vectorSets {
            let vectors = set.vectors
            expectClose(vectors.map(norm), set.norms, tolerance: tolerance, "\(set.name) norms")
            for i in vectors.indices {
                for j in vectors.indices {
                    let pair = "\(set.name)[\(i)][\(j)]"
                    expectClose(dot(vectors[i], vectors[j]), set.dot[i][j], tolerance: tolerance, "\(pair) dot")
                    expectClose(cosineSimilarity(vectors[i], vectors[j]), set.cosine[i][j], tolerance: tolerance, "\(pair) cosine")
                    expectClose(scaledDot(vectors[i], vectors[j]), set.scaledDot[i][j], tolerance: tolerance, "\(pair) scaled dot")
                    expectClose(euclideanDistance(vectors[i], vectors[j]), set.euclidean[i][j], tolerance: tolerance, "\(pair) euclidean")
                }
            }
            for (metric, expected) in [(Metric.dot, set.dot), (.cosine, set.cosine), (.scaledDot, set.scaledDot)] {
                let matrix = SimilarityMatrix(vectors: vectors, metric: metric)
                let scores = try matrix.scores.map { row in try row.map { try #require($0) } }
                expectClose(scores, expected, tolerance: tolerance, "\(set.name) \(metric) table")
            }
        }
    }

    @Test func softmaxAtSeveralTemperatures() throws {
        for (n, item) in reference.softmax.enumerated() {
            expectClose(try softmax(item.scores, temperature: item.temperature), item.weights, tolerance: tolerance, "softmax case \(n)")
        }
    }

    @Test func sumNormalisationAndAverages() {
        for item in reference.weightedAverage {
            let dimension = item.vectors[0].count
            let normalised = SumNormalization(item.weights)
            expectClose(normalised.sum, item.sum, tolerance: tolerance, "sum")
            expectClose(normalised.weights ?? [], item.normalized, tolerance: tolerance, "normalised weights")
            expectClose(
                weightedSum(weights: item.weights, vectors: item.vectors, dimension: dimension), item.weightedSum, tolerance: tolerance)
            expectClose(
                weightedAverage(weights: item.weights, vectors: item.vectors, dimension: dimension) ?? [], item.average,
                tolerance: tolerance)
        }
    }

    @Test func contextAttention() throws {
        for item in reference.contextAttention {
            let metric = try #require(Metric(rawValue: item.metric))
            let attention = try ContextAttention(vectors: item.vectors, metric: metric, temperature: item.temperature)
            let label = "\(item.metric) at T = \(item.temperature)"
            expectClose(attention.scores, item.scores, tolerance: tolerance, "\(label) scores")
            expectClose(attention.weights, item.weights, tolerance: tolerance, "\(label) weights")
            expectClose(attention.context, item.context, tolerance: tolerance, "\(label) context")
        }
    }

    @Test func singleHeadAttention() throws {
        for item in reference.singleHead {
            let head = AttentionHead(query: Matrix(item.wQ), key: Matrix(item.wK), value: Matrix(item.wV))
            let result = try head.attend(Matrix(item.input), temperature: item.temperature)
            expectClose(result.queries, item.queries, tolerance: tolerance, "Q")
            expectClose(result.keys, item.keys, tolerance: tolerance, "K")
            expectClose(result.values, item.values, tolerance: tolerance, "V")
            expectClose(result.scores, item.scores, tolerance: tolerance, "QKᵀ/√d")
            expectClose(result.weights, item.weights, tolerance: tolerance, "weights")
            expectClose(result.output, item.output, tolerance: tolerance, "output")
        }
    }

    @Test func multiHeadAttention() throws {
        for item in reference.multiHead {
            let heads = item.heads.map { AttentionHead(query: Matrix($0.wQ), key: Matrix($0.wK), value: Matrix($0.wV)) }
            let result = try MultiHeadAttention(heads: heads, output: Matrix(item.wO)).attend(
                Matrix(item.input), temperature: item.temperature)
            for (index, expected) in item.headOutputs.enumerated() {
                expectClose(result.heads[index].output, expected, tolerance: tolerance, "head \(index)")
            }
            expectClose(result.concatenated, item.concatenated, tolerance: tolerance, "concatenated")
            expectClose(result.output, item.output, tolerance: tolerance, "output")
        }
    }

    @Test func pcaUpToTheSignOfEachAxis() {
        for (n, item) in reference.pca.enumerated() {
            let dimension = item.mean.count
            let pca = PCA(vectors: item.vectors, dimension: dimension)
            expectClose(pca.mean, item.mean, tolerance: tolerance, "case \(n) mean")
            expectClose(pca.variances, item.variances, tolerance: tolerance, "case \(n) variances")
            let points = item.vectors.map(pca.project)
            let coordinates = [points.map(\.x), points.map(\.y)]
            for axis in 0..<2 {
                let expected = item.projections.map { $0[axis] }
                expectClose(
                    coordinates[axis].map(abs), item.absProjections.map { $0[axis] }, tolerance: tolerance, "case \(n) |projection \(axis)|"
                )
                // One sign for the whole axis: the map is mirrored or not, never point by point.
                let sign: Double = dot(pca.axes[axis], item.axes[axis]) < 0 ? -1 : 1
                expectClose(scale(coordinates[axis], by: sign), expected, tolerance: tolerance, "case \(n) projection \(axis)")
                expectClose(scale(pca.axes[axis], by: sign), item.axes[axis], tolerance: tolerance, "case \(n) axis \(axis)")
            }
        }
    }
}
