// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

@testable import AssetGen

/// Assets go into the binary as raw string literals: whatever an asset holds, the literal's value is the asset.
@Suite("Asset literals: any text survives as a raw string")
struct RawStringLiteralTests {
    @Test func theDelimiterOutnumbersEveryHashRunAfterAQuoteOrABackslash() {
        #expect(RawStringLiteral.delimiter(for: "plain # text") == "#")
        #expect(RawStringLiteral.delimiter(for: "say \"hi\"# there") == "##")
        #expect(RawStringLiteral.delimiter(for: "a \\#n escape") == "##")
        #expect(RawStringLiteral.delimiter(for: "\\###(x) and \"#") == "####")
        #expect(RawStringLiteral.delimiter(for: "a line that ends in \\#\nand goes on") == "##")
    }

    /// Tricky texts, each compiled by swiftc into a program that prints the literal's value.
    @Test func theCompilerReadsBackExactlyTheText() throws {
        let texts = [
            "plain\nlines\n", "a \\#n escape, a \\#(interpolation) and \\##t", "quotes \"\"\" and \"\"\"# and \"#",
            "ends in a backslash-hash \\#\nnext line", "trailing\\", "tab\there, 日本語, café\r\nwindows line",
            "", "\n\n",
        ]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assetgen-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let lines = texts.map { "print(Array((\(RawStringLiteral.source(for: $0))).utf8))" }
        let program = folder.appendingPathComponent("main.swift")
        try lines.joined(separator: "\n").write(to: program, atomically: true, encoding: .utf8)
        let binary = folder.appendingPathComponent("literals").path
        #expect(try run(["swiftc", "-o", binary, program.path]).status == 0)
        let printed = try run([binary]).output.split(separator: "\n").map(String.init)
        let expected = texts.map { "\(Array($0.replacingOccurrences(of: "\r\n", with: "\n").utf8))" }
        #expect(printed == expected)
    }

    private func run(_ command: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
