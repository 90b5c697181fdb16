import AttnApp
import AttnMath
import ArgumentParser

/// `--embeddings PATH`: whose vectors to use (default: the built-in lexicon).
struct VocabularyOptions: ParsableArguments {
    @Option(help: "A GloVe, word2vec/fastText or Projector file of your own vectors.") var embeddings: String?

    func load() throws(QueryError) -> Vocabulary {
        guard let path = embeddings else { return .builtIn() }
        return try Vocabulary.load(path: path)
    }
}

/// `--json` for every query.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print JSON (numbers at full precision).") var json = false
}

extension Metric: ExpressibleByArgument {}

/// Prints a report as JSON or text.
func emit(_ report: some Report, json: Bool) {
    print(json ? report.json.serialized() : report.text)
}
