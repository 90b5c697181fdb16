// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import AttnApp
import AttnMath
import Reports
import Vocabularies

/// The words of the arguments as every query splits them (a quoted sentence is several words):
/// a wrong number of them is a usage error (exit 64), found before anything is loaded.
enum WordCount {
    static func validate(_ arguments: [String], exactly: Int? = nil, command: String) throws {
        let count = WordLookup.tokens(arguments).count
        if let exactly, count != exactly {
            throw ValidationError("\(command) takes exactly \(exactly == 2 ? "two words" : "\(exactly) words"), got \(count)")
        }
        if count == 0 { throw ValidationError("\(command) needs at least one word, got none") }
    }
}

struct LessonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lessons", abstract: "List the lessons of the course.")
    @OptionGroup var output: OutputOptions

    func run() throws {
        try Output.line(output.json ? LessonCatalog.shared.json.serialized() : LessonCatalog.shared.text)
    }
}

struct WordsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "words", abstract: "List every word with its vector, or just the words given.")
    @Argument(help: "Only these words (default: every word).") var words: [String] = []
    @OptionGroup var vocabulary: VocabularyOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if !words.isEmpty { try WordCount.validate(words, command: "words") }
    }

    func run() throws {
        let loaded = try vocabulary.load(withWordPack: true)
        let report = words.isEmpty ? WordsReport(vocabulary: loaded) : try WordsReport(vocabulary: loaded, words: words)
        try emit(report, json: output.json)
    }
}

struct SimilarityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similarity", abstract: "Cosine, dot product and scaled dot product of two words.",
        discussion: "A zero vector has no cosine: JSON gives \"cosine\": null, text shows a dash.")
    @Argument(help: "Two words.") var words: [String]
    @OptionGroup var vocabulary: VocabularyOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        try WordCount.validate(words, exactly: 2, command: "similarity")
    }

    func run() throws {
        try emit(try SimilarityReport(vocabulary: try vocabulary.load(for: words), arguments: words), json: output.json)
    }
}

struct MatrixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matrix", abstract: "The pairwise score table of the words.",
        discussion: "A cosine with a zero vector is undefined: null in JSON, an empty cell in CSV, a dash in text.")
    @Argument(help: "The words.") var words: [String]
    @Option(help: "cosine, dot or scaled-dot.") var metric: Metric = .cosine
    @OptionGroup var vocabulary: VocabularyOptions
    @OptionGroup var output: OutputOptions
    @Flag(help: "Print CSV.") var csv = false

    func validate() throws {
        if csv && output.json { throw ValidationError("choose one of --json and --csv") }
        try WordCount.validate(words, command: "matrix")
    }

    func run() throws {
        let report = try MatrixReport(vocabulary: try vocabulary.load(for: words), arguments: words, metric: metric)
        if csv {
            var out = StandardOutput()
            try report.writeCSV(to: &out)
            try out.flush()
        } else {
            try emit(report, json: output.json)
        }
    }
}

struct AttentionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attention",
        abstract: "Scores, softmax weights and context vectors of the words attending to each other.")
    @Argument(help: "The words (a quoted sentence is split on whitespace).") var words: [String]
    @Option(help: "cosine, dot or scaled-dot.") var metric: Metric = .scaledDot
    // Unconditional, so `--temperature -1` is read as a number and then refused for what it is.
    @Option(parsing: .unconditional, help: "Softmax temperature (> 0): lower is sharper.") var temperature: Double = 1
    @OptionGroup var vocabulary: VocabularyOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard temperature > 0, temperature.isFinite else {
            throw ValidationError("--temperature must be a finite number greater than 0, got \(temperature)")
        }
        try WordCount.validate(words, command: "attention")
    }

    func run() throws {
        let report = try AttentionReport(
            vocabulary: try vocabulary.load(for: words), arguments: words, metric: metric, temperature: temperature)
        try emit(report, json: output.json)
    }
}

struct NeighborsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "neighbors", abstract: "The nearest words by cosine (several words: one answer each).",
        discussion: """
            Searches the whole vocabulary: the built-in lexicon and word pack (--space features, the 13 \
            named features), the word pack's 50-d GloVe vectors (--space glove), or your file. A vector \
            shorter than a tenth of the vocabulary's typical length has no direction: it gets no \
            neighbours and a sentence saying why (JSON: "neighbors": [] and a "reason"), and is never \
            anyone's neighbour. --json always gives an array, one object per word in the order given.
            """)

    enum Space: String, ExpressibleByArgument, CaseIterable {
        case features, glove
    }

    @Argument(help: "One or more words.") var words: [String]
    @Option(name: [.customShort("k"), .customLong("count")], parsing: .unconditional, help: "How many neighbours.")
    var k: Int = 10
    @Option(help: "features (the 13 named features, default) or glove (the word pack's 50-d GloVe vectors).")
    var space: Space?
    @OptionGroup var vocabulary: VocabularyOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard k >= 1 else { throw ValidationError("-k (--count) must be at least 1, got \(k)") }
        if space != nil && vocabulary.embeddings != nil {
            throw ValidationError("--space chooses among the built-in spaces: leave it out with --embeddings")
        }
        try WordCount.validate(words, command: "neighbors")
    }

    func run() throws {
        // The whole built-in vocabulary is searched, so the word pack is always read.
        let searched = space == .glove ? Vocabulary.builtInGloVe() : try vocabulary.load(withWordPack: true)
        try emit(try NeighborsReport(vocabulary: searched, arguments: words, k: k), json: output.json)
    }
}
