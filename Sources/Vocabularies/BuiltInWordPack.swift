// SPDX-License-Identifier: Apache-2.0

import AttnAssets
import AttnMath

/// The word pack compiled into the binary from `Assets/wordpack/`, parsed on
/// first use: a screen that never meets an unknown word never pays for it.
public enum BuiltInWordPack {
    public static let folder = "wordpack"

    /// The pack; a broken asset is a build mistake, caught by the tests, so it traps here.
    public static let shared: WordPack = {
        guard let features = Assets.text(folder + "/features.tsv"), let vectors = Assets.text(folder + "/vectors.txt") else {
            fatalError("Assets/\(folder) is missing from the binary")
        }
        do {
            return try WordPack.parse(features: features, vectors: vectors, source: "Assets/\(folder)")
        } catch {
            fatalError("\(error)")
        }
    }()

    /// The lexicon's hand-made rows, then every pack word the lexicon lacks with its
    /// estimated features: what the command line looks words up in.
    public static let vocabulary: Vocabulary = {
        let lexicon = BuiltInLexicon.shared
        let pack = shared
        var words = lexicon.table.words
        var categories = lexicon.categories
        var values: [Double] = []
        values.reserveCapacity((lexicon.table.count + pack.features.count) * lexicon.table.dimension)
        values += (0..<lexicon.table.count).flatMap(lexicon.table.vector(at:))
        guard case .float64(let estimated) = pack.features.storage, pack.featureNames == lexicon.featureNames else {
            fatalError("Assets/\(folder): the pack's features are not the lexicon's")
        }
        let dimension = lexicon.table.dimension
        for row in 0..<pack.features.count where lexicon.table.index(of: pack.features.word(at: row)) == nil {
            words.append(pack.features.word(at: row))
            categories.append(pack.categories[row])
            values += estimated[(row * dimension)..<((row + 1) * dimension)]
        }
        let table = EmbeddingTable(words: words, dimension: dimension, storage: .float64(values))
        return Vocabulary(
            table: table, source: "the built-in lexicon and word pack",
            lexicon: Lexicon(featureNames: lexicon.featureNames, table: table, categories: categories),
            handMade: lexicon.table, lemmatizes: true)
    }()

    /// The pack's real 50-d GloVe vectors as a space of its own (the sandbox's `v` view);
    /// lexicon words keep their lexicon category, so their colours stay.
    public static let realVectors: Vocabulary = {
        let pack = shared
        let lexicon = BuiltInLexicon.shared
        let categories = (0..<pack.vectors.count).map { row in
            lexicon.category(of: pack.vectors.word(at: row)) ?? screenCategory(pack.categories[row])
        }
        let names = (1...pack.vectors.dimension).map { "d\($0)" }
        return Vocabulary(
            table: pack.vectors, source: "GloVe 6B 50-d (word pack)",
            lexicon: Lexicon(featureNames: names, table: pack.vectors, categories: categories), lemmatizes: true)
    }()

    /// The screen colours a pack word by its WordNet category, on the lexicon's categories where
    /// one fits: computing and machines are tech (`electronics`), the household's things, rooms
    /// and appliances are `furniture`, and the categories about none of the features are "other".
    /// The rest (instrument, tool, container, plant, landform, weather, sound) keep their names.
    public static func screenCategory(_ category: String) -> String {
        screenCategories[category] ?? category
    }

    /// The pack's categories the screen shows as another.
    public static let screenCategories: [String: String] = [
        "digital": "electronics", "machine": "electronics",
        "household": "furniture", "appliance": "furniture",
        "abstract": "other", "none": "other", "body": "other", "place": "other", "weapon": "other",
    ]
}

extension Vocabulary {
    /// The built-in lexicon with the word pack (the command line's words).
    public static func builtInWithPack() -> Vocabulary { BuiltInWordPack.vocabulary }

    /// The word pack's real 50-d GloVe vectors (`neighbors --space glove`, the sandbox's `v`).
    public static func builtInGloVe() -> Vocabulary { BuiltInWordPack.realVectors }

    /// The built-in words a query needs: the lexicon alone when it knows every word asked for,
    /// else the lexicon and the word pack. Parsing the pack costs more than the rest of a whole
    /// query, and a hand-made row wins over the pack's anyway, so the answer is the same.
    public static func builtIn(for arguments: [String]) -> Vocabulary {
        let lexicon = builtIn()
        return (try? lexicon.resolve(arguments)) != nil ? lexicon : builtInWithPack()
    }
}
