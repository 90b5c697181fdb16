import ArgumentParser
import AttnApp
import AttnMath
import Reports

struct LessonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lessons", abstract: "List the lessons of the course.")
    @OptionGroup var output: OutputOptions

    func run() throws {
        try Output.line(output.json ? LessonCatalog.shared.json.serialized() : LessonCatalog.shared.text)
    }
}

struct WordsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "words", abstract: "List every word with its vector.")
    @OptionGroup var vocabulary: VocabularyOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try emit(WordsReport(vocabulary: try vocabulary.load(withWordPack: true)), json: output.json)
    }
}

struct SimilarityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similarity", abstract: "Cosine, dot product and scaled dot product of two words.")
    @Argument(help: "Two words.") var words: [String]
    @OptionGroup var vocabulary: VocabularyOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try emit(try SimilarityReport(vocabulary: try vocabulary.load(for: words), arguments: words), json: output.json)
    }
}

struct MatrixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "matrix", abstract: "The pairwise score table of the words.")
    @Argument(help: "The words.") var words: [String]
    @Option(help: "cosine, dot or scaled-dot.") var metric: Metric = .cosine
    @OptionGroup var vocabulary: VocabularyOptions
    @OptionGroup var output: OutputOptions
    @Flag(help: "Print CSV.") var csv = false

    func validate() throws {
        if csv && output.json { throw ValidationError("choose one of --json and --csv") }
    }

    func run() throws {
        let report = try MatrixReport(vocabulary: try vocabulary.load(for: words), arguments: words, metric: metric)
        if csv { try Output.line(report.csv) } else { try emit(report, json: output.json) }
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
    }

    func run() throws {
        let report = try AttentionReport(
            vocabulary: try vocabulary.load(for: words), arguments: words, metric: metric, temperature: temperature)
        try emit(report, json: output.json)
    }
}

struct NeighborsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "neighbors", abstract: "The nearest words by cosine (several words: one answer each).")
    @Argument(help: "One or more words.") var words: [String]
    @Option(name: .short, parsing: .unconditional, help: "How many neighbours.") var k: Int = 10
    @OptionGroup var vocabulary: VocabularyOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard k >= 1 else { throw ValidationError("-k must be at least 1, got \(k)") }
    }

    func run() throws {
        try emit(try NeighborsReport(vocabulary: try vocabulary.load(for: words), arguments: words, k: k), json: output.json)
    }
}
