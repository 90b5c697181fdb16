// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import AttnApp
import AttnMath
import EmbeddingFiles
import Reports
import Vocabularies

/// `--embeddings PATH [--embeddings-format F] [--metadata M] [--no-cache]`: where a
/// command's words come from, the built-in lexicon or the user's file. One name on every
/// command, `export` included, whose own `--format` names what it writes.
struct VocabularyOptions: ParsableArguments {
    @Option(help: "Your own vectors: GloVe or word2vec/fastText text, word2vec binary, or a Projector vectors.tsv.")
    var embeddings: String?
    @Option(help: "Read --embeddings as this format (default: detected from the file).")
    var embeddingsFormat: EmbeddingFormat?
    @Option(help: "The Projector metadata.tsv for --embeddings (default: the one beside it, if any).") var metadata: String?
    @Flag(help: "Neither read nor write the binary cache ($XDG_CACHE_HOME/attn-tui).") var noCache = false

    func validate() throws {
        if embeddings == nil && (embeddingsFormat != nil || metadata != nil) {
            throw ValidationError("--embeddings-format and --metadata go with --embeddings")
        }
    }

    /// The built-in lexicon (with the word pack for queries: the screen opens it only when
    /// a word needs it), or the file; the file's warnings (duplicate words, …) go to standard error.
    func load(withWordPack: Bool = false) throws(QueryError) -> Vocabulary {
        guard let path = embeddings else { return withWordPack ? .builtInWithPack() : .builtIn() }
        return try load(path: path)
    }

    /// The vocabulary for a query on `words`: a user's file, or the built-in words they need
    /// (the word pack only when the lexicon lacks one of them).
    func load(for words: [String]) throws(QueryError) -> Vocabulary {
        guard let path = embeddings else { return .builtIn(for: words) }
        return try load(path: path)
    }

    private func load(path: String) throws(QueryError) -> Vocabulary {
        let loaded = try Vocabulary.load(
            path: path, format: embeddingsFormat, metadataPath: metadata, cacheDirectory: noCache ? nil : EmbeddingCache.defaultDirectory)
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

// Its `init?(argument:)` takes the aliases too (vec, bin, tsv, …); the help lists the four names.
extension EmbeddingFormat: ExpressibleByArgument {}

/// `--json` for every query.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print JSON (numbers at full precision).") var json = false
}

extension Metric: ExpressibleByArgument {}

/// Prints a report as JSON or text, streamed: a large one is never held whole.
func emit(_ report: some Report, json: Bool) throws(QueryError) {
    var out = StandardOutput()
    try report.write(json: json, to: &out)
    try out.flush()
}

/// `--words`: the sandbox's first words.
struct StartWordsOptions: ParsableArguments {
    @Option(help: "The sandbox's first words, separated by commas or spaces (default: eight of the vocabulary's).")
    var words: String?

    func validate() throws {
        if let words, tokens(words).isEmpty { throw ValidationError("--words needs at least one word, got '\(words)'") }
    }

    /// For the screen (`render`, the interactive program): the words all come into play, so at most
    /// `Workspace.wordLimit` of them, the bound of adding one and of a saved state. Counted as
    /// given (a word given twice is in play twice), before any file is read.
    func validateInPlay() throws {
        guard let words else { return }
        let count = tokens(words).count
        if count > Workspace.wordLimit {
            throw ValidationError(
                "--words gives \(count) words: at most \(Workspace.wordLimit) can be in play at once (as when adding words or loading saved ones)"
            )
        }
    }

    /// Commas or the files' whitespace separate the words (`WordLookup.tokens`).
    private func tokens(_ words: String) -> [String] {
        WordLookup.tokens(words.split(separator: ",").map(String.init))
    }

    /// The words, each checked against `vocabulary` (an unknown one is an error naming it).
    func resolve(in vocabulary: Vocabulary) throws(QueryError) -> [String]? {
        guard let words else { return nil }
        let tokens = tokens(words)
        // The built-in lexicon's sandbox also takes word-pack words (the screen finds them there).
        let searched = vocabulary.lexicon != nil ? Vocabulary.builtInWithPack() : vocabulary
        return try searched.resolve(tokens).map(\.word)
    }
}
