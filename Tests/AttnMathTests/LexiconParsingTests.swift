// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Testing

@Suite("Parsing the lexicon text")
struct LexiconParsingTests {
    private let valid = """
        # Built-in lexicon for the tests.
        word\tcategory\tfruit\ttech\tsweet

        apple\tambiguous\t0.8\t0.6\t0.7
        # electronics below
        phone\telectronics\t0\t1\t-0.25
        banana\tfruit\t1e0\t0.05\t0.9
        """

    /// The error `text` raises, or nil when it parses.
    private func parseError(_ text: String, source: String = "lexicon.tsv") -> LexiconError? {
        do {
            _ = try Lexicon.parse(text, source: source)
            return nil
        } catch {
            return error
        }
    }

    @Test func parsesWordsCategoriesAndFeatures() throws {
        let lexicon = try Lexicon.parse(valid, source: "test")
        #expect(lexicon.featureNames == ["fruit", "tech", "sweet"])
        #expect(lexicon.table.words == ["apple", "phone", "banana"])
        #expect(lexicon.table.dimension == 3)
        #expect(lexicon.categories == ["ambiguous", "electronics", "fruit"])
        #expect(lexicon.table.vector(at: 0) == [0.8, 0.6, 0.7])
        #expect(lexicon.table.vector(at: 1) == [0, 1, -0.25])
        #expect(lexicon.table.vector(at: 2) == [1, 0.05, 0.9])
        #expect(lexicon.category(of: "phone") == "electronics")
        #expect(lexicon.category(of: "pear") == nil)
    }

    @Test func valuesAreReadAsFloat64Exactly() throws {
        // 0.1 must be the float64 nearest 0.1, not a float32 widened.
        let lexicon = try Lexicon.parse("word\tcategory\tx\ny\tc\t0.1\nz\tc\t-123.456789012345678\n", source: "s")
        #expect(lexicon.table.vector(at: 0) == [0.1])
        #expect(lexicon.table.vector(at: 1) == [-123.456789012345678])
    }

    @Test func windowsLineEndingsParseLikeUnixOnes() throws {
        let crlf = valid.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n") + "\r\n"
        let lexicon = try Lexicon.parse(crlf, source: "crlf.tsv")
        let unix = try Lexicon.parse(valid, source: "unix.tsv")
        #expect(lexicon.featureNames == unix.featureNames)
        #expect(lexicon.table.words == unix.table.words)
        #expect(lexicon.categories == unix.categories)
        for i in 0..<unix.table.count { #expect(lexicon.table.vector(at: i) == unix.table.vector(at: i)) }
        // Line numbers in errors count CRLF lines the same way.
        #expect(parseError("word\tcategory\tx\r\n\r\nbad\tc\tnope\r\n")?.line == 3)
    }

    @Test func headerOnlyGivesAnEmptyLexicon() throws {
        let lexicon = try Lexicon.parse("word\tcategory\ta\tb\n", source: "s")
        #expect(lexicon.table.count == 0)
        #expect(lexicon.featureNames == ["a", "b"])
    }

    // MARK: Errors name the source and the line

    @Test func errorDescriptionIsSourceColonLineColonProblem() {
        let error = parseError("word\tcategory\tf\nw\tc\t1\tx\n", source: "Assets/lexicon.tsv")
        #expect(error?.description == "Assets/lexicon.tsv:2: expected 3 fields, found 4")
    }

    @Test func missingHeader() {
        let error = parseError("# only a comment\napple\tfruit\t1\t2\n", source: "Assets/words.tsv")
        #expect(error?.source == "Assets/words.tsv")
        #expect(error?.line == 2)
        #expect(error?.problem.contains("header") == true)
        #expect(error?.description.hasPrefix("Assets/words.tsv:2: ") == true)
    }

    @Test func headerWithoutFeatures() {
        let error = parseError("word\tcategory\n")
        #expect(error?.line == 1)
        #expect(error?.problem.contains("header") == true)
    }

    @Test func emptyTextOrOnlyComments() {
        let empty = parseError("")
        #expect(empty?.line == 1)
        #expect(empty?.problem == "no header line")
        let comments = parseError("# a\n# b\n\n# c")
        #expect(comments?.line == 4)
        #expect(comments?.problem == "no header line")
    }

    @Test func wrongNumberOfFields() {
        let text = "word\tcategory\ta\tb\nx\tc\t1\t2\ny\tc\t1\n"
        let error = parseError(text)
        #expect(error?.line == 3)
        #expect(error?.problem == "expected 4 fields, found 3")
        #expect(parseError("word\tcategory\ta\nx\tc\t1\t2\n")?.problem == "expected 3 fields, found 4")
    }

    @Test func valueThatIsNotANumber() {
        let error = parseError("word\tcategory\tfruit\ttech\n\nkiwi\tfruit\t0.9\tlots\n", source: "lex")
        #expect(error?.line == 3)
        #expect(error?.problem.contains("'kiwi'") == true)
        #expect(error?.problem.contains("'tech'") == true)
        #expect(error?.problem.contains("'lots'") == true)
        #expect(error?.description.hasPrefix("lex:3: ") == true)
    }

    @Test(arguments: ["nan", "NaN", "inf", "-inf", "infinity", "", " 1", "1,5", "0x"])
    func nonFiniteOrMalformedValuesAreRejected(field: String) {
        let error = parseError("word\tcategory\tf\nw\tc\t\(field)\n")
        #expect(error?.line == 2, "'\(field)' accepted")
    }

    @Test func emptyWord() {
        let error = parseError("word\tcategory\tf\n\tc\t1\n")
        #expect(error?.line == 2)
        #expect(error?.problem == "empty word")
    }

    @Test func duplicatedWord() {
        let error = parseError("word\tcategory\tf\npear\tfruit\t1\nplum\tfruit\t2\npear\tfruit\t3\n")
        #expect(error?.line == 4)
        #expect(error?.problem == "duplicate word 'pear'")
    }
}
