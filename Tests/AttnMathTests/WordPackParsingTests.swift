// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Testing

@Suite("Parsing the word pack and lemmatising")
struct WordPackParsingTests {
    private let features = """
        # comment
        word\tcategory\tfood\ttech
        garlic\tfood\t0.61\t0
        printer\telectronics\t-0.07\t1
        """
    // Scales 0.5 and 0.25; rows (2, -4) and (127, -127) as signed bytes.
    private let vectors = """
        # comment
        0.5 0.25
        Avw=
        f4E=
        """

    private func error(features: String? = nil, vectors: String? = nil) -> LexiconError? {
        do {
            _ = try WordPack.parse(features: features ?? self.features, vectors: vectors ?? self.vectors, source: "pack")
            return nil
        } catch {
            return error
        }
    }

    @Test func parsesFeaturesCategoriesAndDequantisedVectors() throws {
        let pack = try WordPack.parse(features: features, vectors: vectors, source: "pack")
        #expect(pack.featureNames == ["food", "tech"])
        #expect(pack.features.words == ["garlic", "printer"])
        #expect(pack.categories == ["food", "electronics"])
        // The decimal reader gives exactly what Double(String) gives.
        #expect(pack.features.vector(at: 0) == [Double("0.61")!, 0])
        #expect(pack.features.vector(at: 1) == [Double("-0.07")!, 1])
        #expect(pack.vectors.dimension == 2)
        #expect(pack.vectors.vector(at: 0) == [1, -1])
        #expect(pack.vectors.vector(at: 1) == [63.5, -31.75])
        #expect(pack.vectors.index(of: "printer") == 1)
    }

    @Test func crlfLineEndsParseAlike() throws {
        let pack = try WordPack.parse(
            features: features.replacingAll("\n", "\r\n"), vectors: vectors.replacingAll("\n", "\r\n"), source: "pack")
        #expect(pack.features.vector(at: 0) == [0.61, 0])
        #expect(pack.vectors.vector(at: 1) == [63.5, -31.75])
    }

    @Test func problemsNameTheFileAndLine() {
        let header = error(features: "garlic\tfood\t1")
        #expect(header?.description == "pack/features.tsv:1: expected the header 'word<TAB>category<TAB>feature…'")
        #expect(error(features: features + "\nonion\tfood\t0.5")?.line == 5)
        #expect(error(features: features.replacingAll("0.61", "0.6.1"))?.problem == "feature 'food' is not a number: '0.6.1'")
        #expect(error(features: features.replacingAll("0.61", "1e3"))?.line == 3)
        #expect(error(vectors: vectors.replacingAll("Avw=", "Av*="))?.line == 3)
        #expect(error(vectors: vectors.replacingAll("f4E=", "f4Ek"))?.problem == "expected base64 of 2 bytes")
        #expect(error(vectors: "0.5 0.25\nAvw=")?.problem == "1 vectors for 2 words")
        #expect(error(vectors: "0.5 x\nAvw=\nf4E=")?.problem == "expected the per-dimension scales")
        #expect(error(features: features + "\ngarlic\tfood\t0\t0", vectors: vectors + "\nAvw=")?.problem == "duplicate word 'garlic'")
    }

    @Test(arguments: [
        ("berries", "berry"), ("knives", "knife"), ("leaves", "leaf"), ("glasses", "glass"), ("apples", "apple"),
        ("chopped", "chop"), ("baked", "bake"), ("baking", "bake"), ("walked", "walk"), ("cooking", "cook"),
        ("fried", "fry"), ("tomatoes", "tomato"),
    ])
    func lemmaCandidatesIncludeTheBase(_ pair: (String, String)) {
        #expect(EnglishLemma.candidates(for: pair.0).contains(pair.1))
    }

    @Test func lemmaCandidatesLeaveBaseFormsAlone() {
        #expect(EnglishLemma.candidates(for: "glass").isEmpty)
        #expect(EnglishLemma.candidates(for: "garlic").isEmpty)
        #expect(EnglishLemma.candidates(for: "is").isEmpty)
        #expect(!EnglishLemma.candidates(for: "apples").contains("apples"))
    }
}

extension String {
    fileprivate func replacingAll(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
