import ArgumentParser
import AttnApp
import AttnMath
import Foundation

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

/// `--words`: the sandbox's first words.
struct StartWordsOptions: ParsableArguments {
    @Option(help: "The sandbox's first words, separated by commas or spaces (default: eight of the vocabulary's).")
    var words: String?

    /// The words, each checked against `vocabulary` (an unknown one is an error naming it).
    func resolve(in vocabulary: Vocabulary) throws(QueryError) -> [String]? {
        guard let words else { return nil }
        let tokens = words.split { $0 == "," || $0.isWhitespace }.map(String.init)
        return try vocabulary.resolve(tokens).map(\.word)
    }
}

/// https://no-color.org: `NO_COLOR` set to anything but the empty string turns colour off
/// (the ncurses terminal reads it too, so `render` draws what the screen would).
enum NoColor {
    static func requested(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        !(environment["NO_COLOR"] ?? "").isEmpty
    }
}
