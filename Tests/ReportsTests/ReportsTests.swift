// SPDX-License-Identifier: Apache-2.0

import AttnApp
import AttnMath
import Foundation
import Lessons
import TUIKit
import Vocabularies
import XCTest

@testable import Reports

/// The built-in lexicon, parsed once.
private let lexicon = Vocabulary.builtIn()

/// The command line's reports: JSON shapes exactly as SPEC.md lists them, numbers, CSV, errors.
final class ReportsTests: XCTestCase {
    // MARK: JSON shapes

    func testSimilarityShape() throws {
        let report = try SimilarityReport(vocabulary: lexicon, arguments: ["apple", "orange"])
        let json = report.json
        XCTAssertEqual(keys(json), ["a", "b", "dim", "cosine", "dot", "scaled_dot"])
        let decoded = try decode(SimilarityJSON.self, json)
        let a = try vector("apple")
        let b = try vector("orange")
        XCTAssertEqual(decoded.a, "apple")
        XCTAssertEqual(decoded.b, "orange")
        XCTAssertEqual(decoded.dim, a.count)
        // Full precision: the JSON reads back as exactly the report's numbers, which match the math core.
        XCTAssertEqual(decoded.cosine, report.cosine)
        XCTAssertEqual(decoded.dot, report.dot)
        XCTAssertEqual(decoded.scaledDot, report.scaledDot)
        XCTAssertEqual(report.cosine!, cosineSimilarity(a, b)!, accuracy: 1e-12)
        XCTAssertEqual(report.dot, dot(a, b), accuracy: 1e-12)
        XCTAssertEqual(report.scaledDot, scaledDot(a, b), accuracy: 1e-12)
        XCTAssertEqual(report.scaledDot, report.dot / Double(a.count).squareRoot(), accuracy: 1e-12)
        XCTAssertTrue(json.serialized().hasPrefix("{\"a\": \"apple\", \"b\": \"orange\", \"dim\": \(a.count), \"cosine\": "))
    }

    func testSimilarityTakesExactlyTwoWords() {
        XCTAssertThrowsError(try SimilarityReport(vocabulary: lexicon, arguments: ["apple"])) { error in
            XCTAssertEqual((error as? QueryError)?.description, "similarity takes exactly two words, got 1")
        }
        // A quoted sentence is split on whitespace.
        XCTAssertEqual(try SimilarityReport(vocabulary: lexicon, arguments: ["apple orange"]).b, "orange")
    }

    func testSimilarityOfAZeroVectorHasANullCosine() throws {
        let vocabulary = Vocabulary(table: EmbeddingTable(words: ["zero", "one"], vectors: [[0, 0], [1, 0]]), source: "test")
        let json = try SimilarityReport(vocabulary: vocabulary, arguments: ["zero", "one"]).json.serialized()
        XCTAssertEqual(json, "{\"a\": \"zero\", \"b\": \"one\", \"dim\": 2, \"cosine\": null, \"dot\": 0.0, \"scaled_dot\": 0.0}")
    }

    func testMatrixShape() throws {
        let words = ["apple", "orange", "phone"]
        let vectors = try words.map(vector)
        for metric in Metric.allCases {
            let report = try MatrixReport(vocabulary: lexicon, arguments: words, metric: metric)
            XCTAssertEqual(keys(report.json), ["words", "metric", "matrix"])
            let decoded = try decode(MatrixJSON.self, report.json)
            XCTAssertEqual(decoded.words, words)
            XCTAssertEqual(decoded.metric, metric.rawValue)
            XCTAssertEqual(decoded.matrix, report.matrix.scores, "full precision")
            for (i, u) in vectors.enumerated() {
                for (j, v) in vectors.enumerated() {
                    XCTAssertEqual(try XCTUnwrap(decoded.matrix[i][j]), metric.score(u, v)!, accuracy: 1e-12)
                }
            }
        }
        XCTAssertEqual(Metric.allCases.map(\.rawValue).sorted(), ["cosine", "dot", "scaled-dot"], "as --metric spells them")
    }

    func testAttentionShapeAndMeaning() throws {
        let words = ["apple", "orange", "banana", "phone"]
        let report = try AttentionReport(vocabulary: lexicon, arguments: words, metric: .cosine, temperature: 0.5)
        XCTAssertEqual(keys(report.json), ["words", "metric", "temperature", "scores", "weights", "context"])
        let decoded = try decode(AttentionJSON.self, report.json)
        XCTAssertEqual(decoded.words, words)
        XCTAssertEqual(decoded.metric, "cosine")
        XCTAssertEqual(decoded.temperature, 0.5)
        // Row by row, bit for bit what the whole-matrix ContextAttention gives.
        let vectors = try words.map(vector)
        let attention = try ContextAttention(vectors: vectors, metric: .cosine, temperature: 0.5)
        XCTAssertEqual(decoded.scores, attention.scores, "full precision")
        XCTAssertEqual(decoded.weights, attention.weights, "full precision")
        XCTAssertEqual(decoded.context, attention.context, "full precision")
        for i in words.indices {
            for j in words.indices {
                XCTAssertEqual(decoded.scores[i][j], cosineSimilarity(vectors[i], vectors[j])!, accuracy: 1e-12, "metric(vᵢ, vⱼ)")
            }
            XCTAssertEqual(decoded.scores[i][i], 1, accuracy: 1e-12, "self included")
            let expectedWeights = try softmax(decoded.scores[i].map { $0 / 0.5 })
            for (w, e) in zip(decoded.weights[i], expectedWeights) { XCTAssertEqual(w, e, accuracy: 1e-12, "softmax(scores[i] / T)") }
            let expected = vectors.indices.reduce([Double](repeating: 0, count: vectors[0].count)) {
                add($0, scale(vectors[$1], by: decoded.weights[i][$1]))
            }
            for (x, y) in zip(decoded.context[i], expected) { XCTAssertEqual(x, y, accuracy: 1e-12, "Σ weights · vectors") }
        }
    }

    func testAttentionOfAZeroVectorUnderCosineIsAnErrorNamingIt() throws {
        let vocabulary = Vocabulary(table: EmbeddingTable(words: ["zero", "one"], vectors: [[0, 0], [1, 0]]), source: "test")
        XCTAssertNoThrow(try AttentionReport(vocabulary: vocabulary, arguments: ["one", "zero"], metric: .dot, temperature: 1))
        XCTAssertThrowsError(try AttentionReport(vocabulary: vocabulary, arguments: ["zero", "one"], metric: .cosine, temperature: 1)) {
            XCTAssertEqual(($0 as? QueryError)?.description, "'zero' has a zero vector: its cosine score is undefined")
        }
        var message = ""
        XCTAssertThrowsError(try AttentionReport(vocabulary: vocabulary, arguments: ["one", "zero"], metric: .cosine, temperature: 1)) {
            message = ($0 as? QueryError)?.description ?? ""
        }
        XCTAssertEqual(message, "'zero' has a zero vector: its cosine score is undefined")
    }

    func testNeighborsShapeForOneAndForSeveralWords() throws {
        let one = try NeighborsReport(vocabulary: lexicon, arguments: ["kiwi"], k: 3)
        // Issue 19 item 10: an array even for one word.
        guard case .array(let answers) = one.json, answers.count == 1 else { return XCTFail("an array for one word") }
        XCTAssertEqual(keys(answers[0]), ["word", "metric", "neighbors"])
        guard case .object(let members) = answers[0], case .array(let list) = members[2].1 else {
            return XCTFail("neighbors is an array")
        }
        for entry in list { XCTAssertEqual(keys(entry), ["word", "cosine"]) }
        let decoded = try XCTUnwrap(try decode([NeighborsJSON].self, one.json).first)
        XCTAssertEqual(decoded.word, "kiwi")
        XCTAssertEqual(decoded.metric, "cosine")
        XCTAssertEqual(decoded.neighbors.count, 3)
        let names = decoded.neighbors.map(\.word)
        let cosines = decoded.neighbors.map(\.cosine)
        XCTAssertFalse(names.contains("kiwi"), "the word itself is excluded")
        XCTAssertEqual(cosines, cosines.sorted(by: >), "best first")
        let kiwi = try vector("kiwi")
        for (name, cosine) in zip(names, cosines) {
            XCTAssertEqual(cosine, cosineSimilarity(kiwi, try vector(name))!, accuracy: 1e-12)
        }
        // The best is truly the best of the whole lexicon.
        let best = lexicon.table.words.filter { $0 != "kiwi" }
            .compactMap { word in (try? vector(word)).flatMap { cosineSimilarity(kiwi, $0) } }.max()
        XCTAssertEqual(cosines.first!, best!, accuracy: 1e-12)

        let several = try NeighborsReport(vocabulary: lexicon, arguments: ["phone", "apple"], k: 2)
        guard case .array(let objects) = several.json else { return XCTFail("an array for several words") }
        for object in objects { XCTAssertEqual(keys(object), ["word", "metric", "neighbors"]) }
        let array = try decode([NeighborsJSON].self, several.json)
        XCTAssertEqual(array.map(\.word), ["phone", "apple"], "in the order given")
        XCTAssertEqual(array.map(\.neighbors.count), [2, 2])
    }

    func testNeighborsNeedsAPositiveK() {
        XCTAssertThrowsError(try NeighborsReport(vocabulary: lexicon, arguments: ["kiwi"], k: 0)) {
            XCTAssertEqual(($0 as? QueryError)?.description, "-k must be at least 1, got 0")
        }
    }

    func testWordsShape() throws {
        let json = WordsReport(vocabulary: lexicon).json
        guard case .array(let entries) = json else { return XCTFail("an array") }
        XCTAssertEqual(entries.count, lexicon.table.count)
        for entry in entries { XCTAssertEqual(keys(entry), ["word", "vector", "category", "features", "estimated", "source"]) }
        for entry in entries {
            guard case .object(let members) = entry else { continue }
            XCTAssertEqual(keys(members[3].1), lexicon.lexicon!.featureNames, "features in the lexicon's order")
        }
        let array = try decode([WordJSON].self, json)
        XCTAssertEqual(array.map(\.word), lexicon.table.words)
        let kiwi = try XCTUnwrap(array.first { $0.word == "kiwi" })
        XCTAssertEqual(kiwi.vector, try vector("kiwi"))
        XCTAssertEqual(kiwi.category, "fruit")
        let features = try XCTUnwrap(kiwi.features)
        for (name, value) in zip(lexicon.lexicon!.featureNames, try vector("kiwi")) { XCTAssertEqual(features[name], value) }
        XCTAssertTrue(Set(array.compactMap(\.category)).isSuperset(of: ["fruit", "electronics", "ambiguous"]))

        // A user's file: word and vector only.
        let file = Vocabulary(table: EmbeddingTable(words: ["x"], vectors: [[1, 2]]), source: "f.txt")
        XCTAssertEqual(WordsReport(vocabulary: file).json.serialized(), "[{\"word\": \"x\", \"vector\": [1.0, 2.0]}]")
    }

    func testLessonsShape() throws {
        let json = LessonCatalog.shared.json
        guard case .array(let entries) = json else { return XCTFail("an array") }
        for entry in entries {
            XCTAssertEqual(keys(entry), ["number", "id", "title", "steps"])
            guard case .object(let fields) = entry, case .array(let steps)? = fields.first(where: { $0.0 == "steps" })?.1 else {
                return XCTFail("steps")
            }
            for step in steps {
                guard case .object(let stepFields) = step else { return XCTFail("a step is an object") }
                let kind = stepFields.first { $0.0 == "kind" }?.1
                XCTAssertEqual(
                    stepFields.map(\.0), ["id", "kind", "text"] + (kind == .string("exercise") ? ["exercise"] : []),
                    "a step: id, kind, text (and an exercise step's tasks)")
            }
        }
        let lessons = try decode([LessonJSON].self, json)
        let course = Course.standard
        XCTAssertEqual(lessons.map(\.number), Array(1...course.count))
        XCTAssertEqual(lessons.map(\.id), course.ids)
        for (index, lesson) in lessons.enumerated() {
            XCTAssertFalse(lesson.steps.isEmpty, "lesson \(lesson.id) has steps")
            XCTAssertEqual(lesson.steps.map(\.id), course.lessons[index].stepIDs)
            for step in lesson.steps {
                XCTAssertFalse(step.text.isEmpty)
                XCTAssertFalse(step.text.contains("\n"), "a step's text has no line breaks")
                XCTAssertFalse(step.text.contains("{lesson:"), "a reference to a lesson reads 'lesson N'")
                XCTAssertTrue(["explore", "exercise"].contains(step.kind))
                XCTAssertEqual(step.exercise != nil, step.kind == "exercise")
                for task in step.exercise?.tasks ?? [] {
                    XCTAssertFalse(task.question.isEmpty)
                    XCTAssertTrue(["number", "keys"].contains(task.answer))
                    XCTAssertNoThrow(try KeyNotation.parse(task.solution), "\(lesson.id): the solution is in --keys notation")
                }
            }
        }
        XCTAssertEqual(lessons.first?.title, "Words as vectors")
        XCTAssertEqual(lessons.last?.id, "sandbox")
    }

    // MARK: JSONValue

    func testStringEscaping() throws {
        let tricky =
            "quote \" backslash \\ slash / newline \n return \r tab \t bell \u{07} escape \u{1B} nul \u{0} del \u{7F} é 日本 🍎 \u{2028}"
        let serialized = JSONValue.string(tricky).serialized()
        XCTAssertEqual(
            serialized,
            "\"quote \\\" backslash \\\\ slash / newline \\n return \\r tab \\t bell \\u0007 escape \\u001b nul \\u0000 del \\u007f é 日本 🍎 \\u2028\""
        )
        // It reads back as the same string.
        XCTAssertEqual(try JSONDecoder().decode([String].self, from: Data("[\(serialized)]".utf8)), [tricky])
        // Keys are escaped the same way.
        XCTAssertEqual(JSONValue.object([("a\"b", .null)]).serialized(), "{\"a\\\"b\": null}")
    }

    func testNumbersKeepFullPrecision() throws {
        let values: [Double] = [
            0, -0.0, 1, -1, 0.1, 1.0 / 3, 2.0 / 3, 0.1 + 0.2, 1e-5, 1e-300, .leastNonzeroMagnitude, 123456789.123456789, 1e20, 1e22,
            -2.5e-8, .pi, -.pi, Double.greatestFiniteMagnitude, Double.leastNormalMagnitude, 0.987654321012345,
        ]
        for value in values {
            let text = JSONValue.number(value).serialized()
            let parsed = try XCTUnwrap(try JSONDecoder().decode([Double].self, from: Data("[\(text)]".utf8)).first, text)
            XCTAssertEqual(parsed, value, "\(text) reads back exactly")
            XCTAssertEqual(parsed.sign, value.sign, text)
            XCTAssertFalse(text.contains("inf") || text.contains("nan"), text)
        }
        XCTAssertEqual(JSONValue.number(0.1).serialized(), "0.1")
        XCTAssertEqual(JSONValue.number(1.0 / 3).serialized(), "0.3333333333333333")
        XCTAssertEqual(JSONValue.number(3).serialized(), "3.0")
        XCTAssertEqual(JSONValue.integer(3).serialized(), "3")
        XCTAssertGreaterThanOrEqual(
            JSONValue.number(0.123456789123).serialized().filter(\.isNumber).count, 10, "at least 9 significant digits")
    }

    func testNonFiniteNumbersAreNull() {
        XCTAssertEqual(JSONValue.numbers([1, .nan, .infinity, -.infinity]).serialized(), "[1.0, null, null, null]")
        XCTAssertEqual(JSONValue.optionalNumbers([nil, 0.5]).serialized(), "[null, 0.5]")
        XCTAssertEqual(JSONValue.bool(true).serialized(), "true")
        XCTAssertEqual(JSONValue.array([]).serialized(), "[]")
        XCTAssertEqual(JSONValue.object([]).serialized(), "{}")
    }

    func testObjectsKeepTheirKeyOrder() {
        let json = JSONValue.object([("z", .integer(1)), ("a", .integer(2)), ("m", .array([.integer(3), .null]))])
        XCTAssertEqual(json.serialized(), "{\"z\": 1, \"a\": 2, \"m\": [3, null]}")
        XCTAssertEqual(keys(json), ["z", "a", "m"])
    }

    // MARK: CSV

    func testCSVQuoting() {
        XCTAssertEqual(CSV.field("plain"), "plain")
        XCTAssertEqual(CSV.field("a,b"), "\"a,b\"")
        XCTAssertEqual(CSV.field("say \"hi\""), "\"say \"\"hi\"\"\"")
        // Line breaks and other controls are escaped (the one escaper), so a record stays one line.
        XCTAssertEqual(CSV.field("two\nlines"), "two\\nlines")
        XCTAssertEqual(CSV.field("cr\r"), "cr\\r")
        XCTAssertEqual(CSV.field("esc\u{1B}[2J,x"), "\"esc\\u{1b}[2J,x\"")
        XCTAssertEqual(CSV.field("'s"), "'s")
        XCTAssertEqual(CSV.field(""), "")
    }

    func testMatrixCSV() throws {
        let table = EmbeddingTable(words: ["a,b", "o\"k", "zero", "plain"], vectors: [[1, 0], [0.5, 0.25], [0, 0], [1.0 / 3, 1]])
        let vocabulary = Vocabulary(table: table, source: "test")
        let report = try MatrixReport(vocabulary: vocabulary, arguments: ["a,b", "o\"k", "zero", "plain"], metric: .cosine)
        let rows = parseCSV(report.csv)
        XCTAssertEqual(rows.first, ["cosine", "a,b", "o\"k", "zero", "plain"], report.csv)
        XCTAssertEqual(rows.map { $0.first }, ["cosine", "a,b", "o\"k", "zero", "plain"])
        XCTAssertTrue(rows.allSatisfy { $0.count == 5 }, report.csv)
        for (i, row) in rows.dropFirst().enumerated() {
            for (j, cell) in row.dropFirst().enumerated() {
                if let value = report.matrix[i, j] {
                    XCTAssertEqual(Double(cell), value, "full precision at \(i),\(j)")
                } else {
                    XCTAssertEqual(cell, "", "an undefined cosine is an empty cell")
                }
            }
        }
        XCTAssertEqual(rows[3], ["zero", "", "", "", ""])
        XCTAssertTrue(report.csv.hasPrefix("cosine,\"a,b\",\"o\"\"k\",zero,plain\n"))
    }

    // MARK: Errors

    func testUnknownWordsAreNamedInOneError() {
        let makers: [() throws -> Any] = [
            { try SimilarityReport(vocabulary: lexicon, arguments: ["apple", "zzqx"]) as Any },
            { try MatrixReport(vocabulary: lexicon, arguments: ["zzqx", "apple", "qqzz"], metric: .dot) as Any },
            { try AttentionReport(vocabulary: lexicon, arguments: ["apple zzqx"], metric: .dot, temperature: 1) as Any },
            { try NeighborsReport(vocabulary: lexicon, arguments: ["zzqx"], k: 3) as Any },
        ]
        for make in makers {
            XCTAssertThrowsError(try make()) { error in
                let message = (error as? QueryError)?.description ?? ""
                XCTAssertTrue(message.contains("'zzqx'"), message)
                XCTAssertTrue(message.contains("the built-in lexicon"), message)
                XCTAssertFalse(message.contains("\n"), "one line")
            }
        }
        XCTAssertThrowsError(try MatrixReport(vocabulary: lexicon, arguments: ["zzqx", "apple", "qqzz"], metric: .dot)) {
            XCTAssertEqual(($0 as? QueryError)?.description, "unknown words 'zzqx', 'qqzz': not in the built-in lexicon")
        }
        XCTAssertThrowsError(try MatrixReport(vocabulary: lexicon, arguments: ["  "], metric: .dot)) {
            XCTAssertEqual(($0 as? QueryError)?.description, "no words given")
        }
    }

    func testWordsAreLookedUpForgivingly() throws {
        let report = try MatrixReport(vocabulary: lexicon, arguments: ["Apple,", "\"kiwi\"", "PHONE."], metric: .dot)
        XCTAssertEqual(report.words, ["apple", "kiwi", "phone"])
    }

    // MARK: Streamed output (issue 18 items 11 and 22)

    /// The table layout as it was before reports were streamed: every cell escaped and measured,
    /// the first column left-aligned, the rest right-aligned, two spaces between.
    private func wholeGrid(header: [String], rows: [[String]]) -> String {
        let all = (header.isEmpty ? rows : [header] + rows).map { $0.map { ControlEscaping.escaped($0) } }
        let columns = all.map(\.count).max() ?? 0
        let widths = (0..<columns).map { c in all.map { c < $0.count ? DisplayWidth.of($0[c]) : 0 }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { c, cell in
                let padding = String(repeating: " ", count: widths[c] - DisplayWidth.of(cell))
                return c == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    private func wholeMatrix(_ title: String, _ labels: [String], _ values: [[Double?]]) -> String {
        title + "\n" + wholeGrid(header: [""] + labels, rows: zip(labels, values).map { [$0] + $1.map { NumberFormat.fixed($0) } })
    }

    private func streamed(_ report: some Report, json: Bool) throws -> String {
        var sink = StringSink()
        try report.write(json: json, to: &sink)
        return sink.text
    }

    func testStreamedReportsAreTheBytesTheWholeReportsWere() throws {
        let words = ["apple", "orange", "banana", "phone", "\u{1B}[31mred"]
        var table = lexicon.table.words.prefix(20).map { ($0, lexicon.table.vector(at: lexicon.table.index(of: $0)!)) }
        table.append((words[4], [Double](repeating: 0.25, count: 13)))
        table.append(("zero", [Double](repeating: 0, count: 13)))
        let vocabulary = Vocabulary(table: EmbeddingTable(words: table.map(\.0), vectors: table.map(\.1)), source: "test")
        let arguments = words.filter { vocabulary.table.index(of: $0) != nil } + ["zero"]
        for metric in Metric.allCases {
            let matrix = try MatrixReport(vocabulary: vocabulary, arguments: arguments, metric: metric)
            XCTAssertEqual(try streamed(matrix, json: true), matrix.json.serialized() + "\n")
            XCTAssertEqual(
                try streamed(matrix, json: false), wholeMatrix(metric.title, matrix.words, matrix.matrix.scores) + "\n")
            var csv = StringSink()
            try matrix.writeCSV(to: &csv)
            XCTAssertEqual(csv.text, matrix.csv + "\n")
            guard metric != .cosine else { continue }
            let attention = try AttentionReport(vocabulary: vocabulary, arguments: arguments, metric: metric, temperature: 0.7)
            let whole = try ContextAttention(
                vectors: arguments.map { vocabulary.table.vector(at: vocabulary.table.index(of: $0)!) },
                metric: metric, temperature: 0.7)
            let json = JSONValue.object([
                ("words", .array(attention.words.map(JSONValue.string))), ("metric", .string(metric.rawValue)),
                ("temperature", .number(0.7)), ("scores", .array(whole.scores.map(JSONValue.numbers))),
                ("weights", .array(whole.weights.map(JSONValue.numbers))), ("context", .array(whole.context.map(JSONValue.numbers))),
            ])
            XCTAssertEqual(try streamed(attention, json: true), json.serialized() + "\n")
            let text = [
                wholeMatrix("\(metric.title) scores", attention.words, whole.scores.map { $0.map(Optional.some) }),
                wholeMatrix("softmax weights (temperature 0.7)", attention.words, whole.weights.map { $0.map(Optional.some) }),
                "context vectors (Σ weight · vector)\n"
                    + wholeGrid(header: [], rows: zip(attention.words, whole.context).map { [$0] + $1.map { NumberFormat.fixed($0) } }),
            ].joined(separator: "\n\n")
            XCTAssertEqual(try streamed(attention, json: false), text + "\n")
        }
        let words20 = WordsReport(vocabulary: vocabulary)
        XCTAssertEqual(try streamed(words20, json: true), words20.json.serialized() + "\n")
        let lines = (0..<vocabulary.table.count).map { i in
            [vocabulary.table.word(at: i)] + vocabulary.table.vector(at: i).map { NumberFormat.fixed($0, decimals: 4) }
        }
        XCTAssertEqual(
            try streamed(words20, json: false),
            wholeGrid(header: ["word"] + (1...13).map { "v\($0)" }, rows: lines) + "\n22 words, 13 dimensions, from test\n")
        for json in [true, false] {
            let neighbours = try NeighborsReport(vocabulary: lexicon, arguments: ["kiwi", "phone"], k: 4)
            XCTAssertEqual(try streamed(neighbours, json: json), (json ? neighbours.json.serialized() : neighbours.text) + "\n")
        }
    }

    func testAVeryLongRowIsLaidOutAsAShortOneIs() throws {
        // One row of 20,000 values (a 5-million-dimension row took 38 s as text: now linear).
        let dimension = 20_000
        let values = (0..<dimension).map { Double($0 % 17) / 7 - 1 }
        let vocabulary = Vocabulary(table: EmbeddingTable(words: ["long", "x"], vectors: [values, values.reversed()]), source: "f")
        let header = ["word"] + (1...dimension).map { "v\($0)" }
        let rows = [
            ["long"] + values.map { NumberFormat.fixed($0, decimals: 4) },
            ["x"] + values.reversed().map { NumberFormat.fixed($0, decimals: 4) },
        ]
        XCTAssertEqual(
            try streamed(WordsReport(vocabulary: vocabulary), json: false),
            wholeGrid(header: header, rows: rows) + "\n2 words, \(dimension) dimensions, from f\n")
    }

    // MARK: Neighbours over the whole vocabulary (issue 19 item 5)

    func testTheTypicalLengthAndTheDirectionThreshold() {
        let pack = Vocabulary.builtInWithPack()
        // The hand-made rows decide it (most pack rows sit near zero): their median length.
        let handMade = (0..<pack.handMadeCount).map { norm(pack.table.vector(at: $0)) }.sorted()
        let middle = handMade.count / 2
        let median = handMade.count % 2 == 1 ? handMade[middle] : (handMade[middle - 1] + handMade[middle]) / 2
        XCTAssertEqual(pack.typicalLength, median)
        XCTAssertEqual(pack.minimumDirectionLength, 0.1 * median)
        // Every hand-made word has a direction.
        XCTAssertGreaterThan(handMade.first!, pack.minimumDirectionLength)
        let file = Vocabulary(
            table: EmbeddingTable(words: ["a", "b", "c", "z"], vectors: [[3, 4], [0, 1], [0, 2], [0, 0]]), source: "f")
        XCTAssertEqual(file.typicalLength, 2, "the median of 5, 1, 2; the zero row left out")
    }

    func testAVectorWithNoDirectionIsNeitherAskedNorAnswered() throws {
        let vocabulary = Vocabulary(
            table: EmbeddingTable(words: ["a", "b", "c", "tiny", "zero"], vectors: [[1, 0], [0.9, 0.1], [0, 1], [0.01, 0], [0, 0]]),
            source: "f")
        let report = try NeighborsReport(vocabulary: vocabulary, arguments: ["a", "tiny", "zero"], k: 10)
        XCTAssertEqual(report.entries.map(\.neighbors.count), [2, 0, 0], "tiny is nobody's neighbour")
        XCTAssertNil(report.entries[0].reason)
        XCTAssertEqual(
            report.entries[1].reason,
            "'tiny' has no direction: its length 0.010 is under 0.095 (a tenth of a typical word's length): its cosines would be noise")
        XCTAssertEqual(report.entries[2].reason, "'zero' has a zero vector: it has no direction, so no cosine with any word")
        XCTAssertEqual(
            report.json.serialized(),
            "[{\"word\": \"a\", \"metric\": \"cosine\", \"neighbors\": [{\"word\": \"b\", \"cosine\": \(cosineSimilarity([1, 0], [0.9, 0.1])!)}, "
                + "{\"word\": \"c\", \"cosine\": 0.0}]}, {\"word\": \"tiny\", \"metric\": \"cosine\", \"neighbors\": [], \"reason\": \""
                + report.entries[1].reason! + "\"}, {\"word\": \"zero\", \"metric\": \"cosine\", \"neighbors\": [], \"reason\": \""
                + report.entries[2].reason! + "\"}]")
    }

    func testNeighboursSearchTheWordPack() throws {
        let report = try NeighborsReport(vocabulary: .builtInWithPack(), arguments: ["violin", "brave", "bread"], k: 10)
        let pack = Vocabulary.builtInWithPack()
        let violin = report.entries[0].neighbors.map(\.word)
        XCTAssertTrue(violin.contains { pack.isEstimated(pack.table.index(of: $0)!) }, "pack words are searched: \(violin)")
        XCTAssertNotNil(report.entries[1].reason)
        XCTAssertFalse(report.entries[2].neighbors.map(\.word).contains("brave"))
    }

    // MARK: Helpers

    /// The keys of a JSON object, in the order written.
    private func keys(_ json: JSONValue) -> [String] {
        guard case .object(let members) = json else {
            XCTFail("not an object: \(json.serialized())")
            return []
        }
        return members.map(\.0)
    }

    /// The serialized JSON read back by Foundation's decoder, which also proves it is valid JSON.
    /// (Not JSONSerialization: on Linux it reads numbers as NSDecimalNumber and loses the last digit.)
    private func decode<T: Decodable>(_ type: T.Type, _ json: JSONValue) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.serialized().utf8))
    }

    private struct SimilarityJSON: Decodable {
        let a: String
        let b: String
        let dim: Int
        let cosine: Double?
        let dot: Double
        let scaledDot: Double

        enum CodingKeys: String, CodingKey {
            case a, b, dim, cosine, dot
            case scaledDot = "scaled_dot"
        }
    }

    private struct MatrixJSON: Decodable {
        let words: [String]
        let metric: String
        let matrix: [[Double?]]
    }

    private struct AttentionJSON: Decodable {
        let words: [String]
        let metric: String
        let temperature: Double
        let scores: [[Double]]
        let weights: [[Double]]
        let context: [[Double]]
    }

    private struct NeighborsJSON: Decodable {
        struct Neighbor: Decodable {
            let word: String
            let cosine: Double
        }
        let word: String
        let metric: String
        let neighbors: [Neighbor]
    }

    private struct WordJSON: Decodable {
        let word: String
        let vector: [Double]
        let category: String?
        let features: [String: Double]?
    }

    private struct LessonJSON: Decodable {
        struct Step: Decodable {
            let id: String
            let kind: String
            let text: String
            let exercise: Exercise?
        }
        struct Exercise: Decodable { let tasks: [Task] }
        struct Task: Decodable {
            let question: String
            let answer: String
            let solution: String
        }
        let number: Int
        let id: String
        let title: String
        let steps: [Step]
    }

    private func vector(_ word: String) throws -> [Double] {
        lexicon.table.vector(at: try XCTUnwrap(lexicon.table.index(of: word), "\(word) in the lexicon"))
    }

    /// A small RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks.
    private func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text)[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" {
                        field.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field)
                field = ""
            } else if c == "\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.append(c)
            }
        }
        row.append(field)
        rows.append(row)
        return rows
    }
}
