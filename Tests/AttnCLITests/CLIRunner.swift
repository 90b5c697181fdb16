// SPDX-License-Identifier: Apache-2.0

import Foundation
import XCTest

/// Runs the built `attn-tui` executable as a user would.
enum CLI {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The folder of the built products: the test bundle sits beside the executable.
    static var productsDirectory: URL {
        #if os(macOS)
            for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
                return bundle.bundleURL.deletingLastPathComponent()
            }
            fatalError("no .xctest bundle found")
        #else
            return Bundle.main.bundleURL
        #endif
    }

    static var executable: URL { productsDirectory.appendingPathComponent("attn-tui") }

    /// Runs `executable` (the built attn-tui unless another, e.g. a wrapper that runs it as another user).
    static func run(_ arguments: [String], environment: [String: String]? = nil, executable: URL = CLI.executable) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes before waiting, so a large output cannot fill a pipe and block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs and parses standard output as JSON, failing the test on a non-zero exit.
    static func json(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> Any {
        let result = try run(arguments)
        XCTAssertEqual(result.status, 0, "attn-tui \(arguments.joined(separator: " ")): \(result.stderr)", file: file, line: line)
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8), options: [.fragmentsAllowed])
    }
}

/// The lexicon as `attn-tui words --json` reports it.
struct LexiconSnapshot {
    let vectors: [String: [Double]]
    let categories: [String: String]

    static func load() throws -> LexiconSnapshot {
        let rows = try XCTUnwrap(try CLI.json(["words", "--json"]) as? [[String: Any]])
        var vectors: [String: [Double]] = [:]
        var categories: [String: String] = [:]
        for row in rows {
            let word = try XCTUnwrap(row["word"] as? String)
            vectors[word] = try XCTUnwrap(row["vector"] as? [Double])
            categories[word] = try XCTUnwrap(row["category"] as? String)
        }
        return LexiconSnapshot(vectors: vectors, categories: categories)
    }

    func words(in category: String) -> [String] { categories.filter { $0.value == category }.map(\.key).sorted() }
}

func distance(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
}

func centroid(_ vectors: [[Double]]) -> [Double] {
    let sum = vectors.dropFirst().reduce(vectors[0]) { zip($0, $1).map { $0 + $1 } }
    return sum.map { $0 / Double(vectors.count) }
}
