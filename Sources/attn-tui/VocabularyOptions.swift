import ArgumentParser
import AttnApp
import AttnMath
import Foundation

/// Where a command's words come from: the built-in lexicon, or `--embeddings PATH`.
protocol VocabularySource {
    var embeddings: String? { get }
    /// The file's format as named on the command line (nil: detect).
    var fileFormat: String? { get }
    var metadata: String? { get }
    var noCache: Bool { get }
}

extension VocabularySource {
    func validateSource(formatOption: String) throws {
        if let fileFormat, EmbeddingFormat(argument: fileFormat) == nil {
            throw ValidationError("\(formatOption) must be one of glove, word2vec, word2vec-binary, projector (got '\(fileFormat)')")
        }
        if embeddings == nil && (fileFormat != nil || metadata != nil) {
            throw ValidationError("\(formatOption) and --metadata go with --embeddings")
        }
    }

    /// The built-in lexicon, or the file; the file's warnings (duplicate words, …) go to standard error.
    func load() throws(QueryError) -> Vocabulary {
        guard let path = embeddings else { return .builtIn() }
        let loaded = try Vocabulary.load(
            path: path, format: fileFormat.flatMap(EmbeddingFormat.init(argument:)), metadataPath: metadata,
            cacheDirectory: noCache ? nil : EmbeddingCache.defaultDirectory)
        // A messy file can warn thousands of times: the first few, then how many more.
        let shown = 5
        for warning in loaded.warnings.prefix(shown) {
            Output.error("warning: \(warning)")
        }
        if loaded.warnings.count > shown {
            Output.error("warning: … and \(loaded.warnings.count - shown) more warnings")
        }
        return loaded.vocabulary
    }
}

/// `--embeddings PATH [--format F] [--metadata M] [--no-cache]`.
struct VocabularyOptions: ParsableArguments, VocabularySource {
    @Option(help: "Your own vectors: GloVe or word2vec/fastText text, word2vec binary, or a Projector vectors.tsv.")
    var embeddings: String?
    @Option(help: "Read --embeddings as this format: glove, word2vec, word2vec-binary or projector (default: detected).")
    var format: String?
    @Option(help: "The Projector metadata.tsv for --embeddings (default: the one beside it, if any).") var metadata: String?
    @Flag(help: "Neither read nor write the binary cache ($XDG_CACHE_HOME/attn-tui).") var noCache = false

    var fileFormat: String? { format }

    func validate() throws { try validateSource(formatOption: "--format") }
}

/// The same for `export`, whose own `--format` names what it writes.
struct ExportVocabularyOptions: ParsableArguments, VocabularySource {
    @Option(help: "Your own vectors: GloVe or word2vec/fastText text, word2vec binary, or a Projector vectors.tsv.")
    var embeddings: String?
    @Option(help: "Read --embeddings as this format (default: detected).") var embeddingsFormat: String?
    @Option(help: "The Projector metadata.tsv for --embeddings (default: the one beside it, if any).") var metadata: String?
    @Flag(help: "Neither read nor write the binary cache.") var noCache = false

    var fileFormat: String? { embeddingsFormat }

    func validate() throws { try validateSource(formatOption: "--embeddings-format") }
}

/// `--json` for every query.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print JSON (numbers at full precision).") var json = false
}

extension Metric: ExpressibleByArgument {}

/// Prints a report as JSON or text.
func emit(_ report: some Report, json: Bool) throws(QueryError) {
    try Output.line(json ? report.json.serialized() : report.text)
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
