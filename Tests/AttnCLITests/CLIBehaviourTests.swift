// SPDX-License-Identifier: Apache-2.0

import Foundation
import XCTest

/// The command line as SPEC.md shapes it, checked on the built executable.
final class CLIBehaviourTests: XCTestCase {
    func testAttentionWeightsSumToOneAndContextIsWeightedSum() throws {
        let lexicon = try LexiconSnapshot.load()
        let object = try XCTUnwrap(try CLI.json(["attention", "apple", "orange", "banana", "--json"]) as? [String: Any])
        XCTAssertEqual(Set(object.keys), ["words", "metric", "temperature", "scores", "weights", "context"])
        let words = try XCTUnwrap(object["words"] as? [String])
        let weights = try XCTUnwrap(object["weights"] as? [[Double]])
        let context = try XCTUnwrap(object["context"] as? [[Double]])
        XCTAssertEqual(words, ["apple", "orange", "banana"])
        for (i, row) in weights.enumerated() {
            XCTAssertEqual(row.reduce(0, +), 1, accuracy: 1e-12)
            let expected = words.indices.map { j in lexicon.vectors[words[j]]!.map { $0 * row[j] } }
                .reduce([Double](repeating: 0, count: context[i].count)) { zip($0, $1).map { $0 + $1 } }
            for (a, b) in zip(context[i], expected) { XCTAssertEqual(a, b, accuracy: 1e-12) }
        }
    }

    func testAppleMovesTowardsItsContext() throws {
        let lexicon = try LexiconSnapshot.load()
        let fruits = centroid(lexicon.words(in: "fruit").map { lexicon.vectors[$0]! })
        let electronics = centroid(lexicon.words(in: "electronics").map { lexicon.vectors[$0]! })
        func appleContext(_ words: [String]) throws -> [Double] {
            let object = try XCTUnwrap(try CLI.json(["attention"] + words + ["--json"]) as? [String: Any])
            return try XCTUnwrap((object["context"] as? [[Double]])?.first)
        }
        let amongFruit = try appleContext(["apple", "orange", "banana"])
        XCTAssertLessThan(distance(amongFruit, fruits), distance(amongFruit, electronics))
        let amongDevices = try appleContext(["apple", "phone", "laptop"])
        XCTAssertLessThan(distance(amongDevices, electronics), distance(amongDevices, fruits))
    }

    func testNeighboursStayInTheirCluster() throws {
        let lexicon = try LexiconSnapshot.load()
        func neighbours(_ word: String) throws -> [String] {
            let array = try XCTUnwrap(try CLI.json(["neighbors", word, "-k", "5", "--json"]) as? [[String: Any]])
            XCTAssertEqual(array.count, 1, "an array, even for one word")
            let object = try XCTUnwrap(array.first)
            XCTAssertEqual(object["word"] as? String, word)
            XCTAssertEqual(object["metric"] as? String, "cosine")
            let list = try XCTUnwrap(object["neighbors"] as? [[String: Any]])
            XCTAssertEqual(list.count, 5)
            let cosines = list.compactMap { $0["cosine"] as? Double }
            XCTAssertEqual(cosines, cosines.sorted(by: >), "best first")
            return list.compactMap { $0["word"] as? String }
        }
        // The whole vocabulary is searched (the word pack too, whose WordNet categories are coarser
        // than the lexicon's and whose estimates can be short): the cluster shows in the direction,
        // fruit (the first feature) or tech (the fifth) among a word's largest.
        func leans(_ word: String, to feature: Int) -> Bool {
            guard let vector = lexicon.vectors[word], let largest = vector.map(abs).max() else { return false }
            return vector[feature] >= 0.5 * largest
        }
        let banana = try neighbours("banana")
        XCTAssertFalse(banana.contains("banana"))
        XCTAssertGreaterThanOrEqual(banana.filter { leans($0, to: 0) }.count, 4, "\(banana)")
        let laptop = try neighbours("laptop")
        XCTAssertGreaterThanOrEqual(laptop.filter { leans($0, to: 4) }.count, 4, "\(laptop)")
    }

    func testSeveralNeighbourQueriesGiveAnArrayInOrder() throws {
        let array = try XCTUnwrap(try CLI.json(["neighbors", "banana", "laptop", "-k", "3", "--json"]) as? [[String: Any]])
        XCTAssertEqual(array.compactMap { $0["word"] as? String }, ["banana", "laptop"])
    }

    func testSimilarityShape() throws {
        let object = try XCTUnwrap(try CLI.json(["similarity", "apple", "orange", "--json"]) as? [String: Any])
        XCTAssertEqual(Set(object.keys), ["a", "b", "dim", "cosine", "dot", "scaled_dot"])
        let dim = try XCTUnwrap(object["dim"] as? Int)
        let dot = try XCTUnwrap(object["dot"] as? Double)
        XCTAssertEqual(try XCTUnwrap(object["scaled_dot"] as? Double), dot / Double(dim).squareRoot(), accuracy: 1e-15)
    }

    func testQuotedSentenceAndSpellingVariantsResolve() throws {
        let object = try XCTUnwrap(try CLI.json(["matrix", "Apple, orange", "Banana.", "--json"]) as? [String: Any])
        XCTAssertEqual(object["words"] as? [String], ["apple", "orange", "banana"])
        XCTAssertEqual(object["metric"] as? String, "cosine")
        let matrix = try XCTUnwrap(object["matrix"] as? [[Double]])
        for i in 0..<3 { XCTAssertEqual(matrix[i][i], 1, accuracy: 1e-12) }
    }

    func testMatrixCSV() throws {
        let result = try CLI.run(["matrix", "apple", "phone", "--metric", "dot", "--csv"])
        XCTAssertEqual(result.status, 0)
        let lines = result.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 3)
        XCTAssertEqual(lines[0], "dot,apple,phone")
        XCTAssertTrue(lines[1].hasPrefix("apple,"))
        XCTAssertEqual(lines[1].split(separator: ",").count, 3)
    }

    func testUnknownWordIsOneLineNamingIt() throws {
        let result = try CLI.run(["similarity", "apple", "zzyzx", "--json"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertEqual(result.stdout, "")
        let lines = result.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("zzyzx"), result.stderr)
    }

    func testBadOptionsFailCleanly() throws {
        for arguments in [
            ["attention", "apple", "orange", "--temperature", "0"],
            ["attention", "apple", "orange", "--metric", "euclid"],
            ["neighbors", "apple", "-k", "0"],
            ["similarity", "apple"],
            ["render", "--size", "0x5"],
            ["--lesson", "99"],
            ["--lesson", "no-such-lesson"],
            ["render", "--lesson", "softmax", "--step", "no-such-step"],
        ] {
            let result = try CLI.run(arguments)
            XCTAssertNotEqual(result.status, 0, arguments.joined(separator: " "))
            XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, "\(arguments): \(result.stderr)")
        }
    }

    func testOptionErrorsAreOneLineWithoutThePrefix() throws {
        for (arguments, named) in [
            (["render", "--size", "0x5"], "--size"), (["render", "--size", "wide"], "--size"),
            (["similarity", "apple", "pear", "--embeddings", "x.txt", "--embeddings-format", "csv"], "--embeddings-format"),
            (["similarity", "apple", "pear", "--embeddings-format", "glove"], "--embeddings-format"),
            (["attention", "apple", "pear", "--metric", "euclid"], "--metric"),
        ] {
            let result = try CLI.run(arguments)
            XCTAssertNotEqual(result.status, 0, "\(arguments)")
            let lines = result.stderr.split(separator: "\n")
            XCTAssertEqual(lines.count, 1, "\(arguments): \(result.stderr)")
            XCTAssertTrue(lines.first?.hasPrefix("attn-tui: ") == true, result.stderr)
            XCTAssertFalse(result.stderr.contains("Error:"), result.stderr)
            XCTAssertTrue(result.stderr.contains(named), "\(arguments): \(result.stderr)")
        }
        let format = try CLI.run(["similarity", "apple", "pear", "--embeddings", "x.txt", "--embeddings-format", "csv"])
        XCTAssertTrue(format.stderr.contains("'glove', 'word2vec', 'word2vec-binary' or 'projector'"), format.stderr)
    }

    func testTheFileFormatOptionHasOneNameOnEveryCommand() throws {
        for command in ["words", "similarity", "matrix", "attention", "neighbors", "render", "export", "start"] {
            let help = try CLI.run([command, "--help"]).stdout
            XCTAssertTrue(help.contains("--embeddings-format <embeddings-format>"), "\(command): \(help)")
            XCTAssertTrue(help.contains("word2vec-binary"), "\(command) lists the formats")
        }
        // `--format` is export's own (what it writes), nobody else's.
        XCTAssertNotEqual(try CLI.run(["similarity", "apple", "pear", "--format", "glove"]).status, 0)
        XCTAssertTrue(try CLI.run(["export", "--help"]).stdout.contains("--format <format>"))
    }

    func testLessonsList() throws {
        let lessons = try XCTUnwrap(try CLI.json(["lessons", "--json"]) as? [[String: Any]])
        XCTAssertGreaterThanOrEqual(lessons.count, 14)
        XCTAssertEqual(lessons.compactMap { $0["number"] as? Int }, Array(1...lessons.count))
        let ids = lessons.compactMap { $0["id"] as? String }
        XCTAssertEqual(ids.count, lessons.count, "every lesson has an id")
        XCTAssertEqual(Set(ids).count, ids.count, "ids are unique")
        XCTAssertEqual(ids.last, "sandbox")
        for lesson in lessons {
            let steps = try XCTUnwrap(lesson["steps"] as? [[String: Any]])
            for step in steps {
                XCTAssertNotNil(step["id"] as? String)
                XCTAssertTrue(["explore", "exercise"].contains(step["kind"] as? String), "\(step)")
            }
        }
    }

    /// Keys that are all dashes are keys, whichever way the option is written.
    func testKeysThatLookLikeAnOptionAreKeys() throws {
        let spaced = try CLI.run(["render", "--lesson", "softmax", "--step", "3", "--keys", "---", "--size", "80x24"])
        let joined = try CLI.run(["render", "--lesson", "softmax", "--step", "3", "--keys=---", "--size", "80x24"])
        XCTAssertEqual(spaced.status, 0, spaced.stderr)
        XCTAssertEqual(spaced.stdout, joined.stdout)
        let none = try CLI.run(["render", "--lesson", "softmax", "--step", "3", "--size", "80x24"])
        XCTAssertNotEqual(spaced.stdout, none.stdout, "the three presses of - lowered the temperature")
    }

    /// A lesson is named by its id or its number: both open the same step.
    func testRenderOpensALessonByIdOrByNumber() throws {
        let lessons = try XCTUnwrap(try CLI.json(["lessons", "--json"]) as? [[String: Any]])
        let softmax = try XCTUnwrap(lessons.first { $0["id"] as? String == "softmax" })
        let number = try XCTUnwrap(softmax["number"] as? Int)
        let byID = try CLI.run(["render", "--lesson", "softmax", "--step", "2", "--size", "100x30"])
        let byNumber = try CLI.run(["render", "--lesson", String(number), "--step", "2", "--size", "100x30"])
        let byStepName = try CLI.run(["render", "--lesson", "softmax", "--step", "beside-raw", "--size", "100x30"])
        XCTAssertEqual(byID.status, 0, byID.stderr)
        XCTAssertEqual(byID.stdout, byNumber.stdout)
        XCTAssertEqual(byID.stdout, byStepName.stdout)
        XCTAssertTrue(byID.stdout.contains("Lesson \(number)/\(lessons.count) · Softmax · step 2/"), byID.stdout)
    }

    func testJSONKeepsFullPrecision() throws {
        let result = try CLI.run(["similarity", "apple", "phone", "--json"])
        // At least 9 significant digits for a cosine that is not a short decimal.
        let cosineText = try XCTUnwrap(result.stdout.split(separator: ",").first { $0.contains("\"cosine\"") })
        let digits = cosineText.filter(\.isNumber).drop { $0 == "0" }
        XCTAssertGreaterThanOrEqual(digits.count, 9, String(cosineText))
    }

    func testEveryCommandHasHelp() throws {
        for command in ["lessons", "words", "similarity", "matrix", "attention", "neighbors", "render"] {
            let result = try CLI.run([command, "--help"])
            XCTAssertEqual(result.status, 0, command)
            XCTAssertTrue(result.stdout.contains("USAGE"), command)
        }
    }
}

/// The word pack on the command line: no file needed.
final class CLIWordPackTests: XCTestCase {
    func testNeighboursOfAPackWordAndOfAFruit() throws {
        let mango = try XCTUnwrap((try CLI.json(["neighbors", "mango", "-k", "5", "--json"]) as? [[String: Any]])?.first)
        let neighbours = try XCTUnwrap(mango["neighbors"] as? [[String: Any]]).compactMap { $0["word"] as? String }
        XCTAssertEqual(neighbours.count, 5)
        XCTAssertTrue(neighbours.contains("banana") || neighbours.contains("papaya"), "\(neighbours)")
        let garlic = try XCTUnwrap((try CLI.json(["neighbors", "garlic", "-k", "10", "--json"]) as? [[String: Any]])?.first)
        XCTAssertEqual(garlic["word"] as? String, "garlic")
    }

    func testSimilarityOfTwoVehicles() throws {
        let object = try XCTUnwrap(try CLI.json(["similarity", "truck", "car", "--json"]) as? [String: Any])
        XCTAssertEqual(Set(object.keys), ["a", "b", "dim", "cosine", "dot", "scaled_dot"])
        XCTAssertEqual(object["a"] as? String, "truck")
        XCTAssertGreaterThan(try XCTUnwrap(object["cosine"] as? Double), 0.8)
    }

    func testLicencesArePrinted() throws {
        let result = try CLI.run(["--licenses"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("WordNet 3.0 Copyright 2006 by Princeton University"))
        XCTAssertTrue(result.stdout.contains("GloVe"))
    }
}
