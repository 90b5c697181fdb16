// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import AttnApp
import AttnMath
import Lessons
import Reports

/// `attn-tui export --format projector DIR`: the current words for the TensorFlow Embedding Projector.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the current words as vectors.tsv + metadata.tsv for the TensorFlow Embedding Projector.",
        discussion: """
            The current words are those given with --words, else the sandbox's saved words (--state-dir), \
            else the whole vocabulary. metadata.tsv holds each word, its category and its current 2D map \
            coordinates (PCA of the exported words) as columns. Existing files in DIR are replaced only with \
            --force, and the files the words were read from (--embeddings, --metadata) never.
            """)

    enum Format: String, ExpressibleByArgument { case projector }

    @Option(help: "The export format (projector).") var format: Format = .projector
    @Argument(help: "The folder to write into (created if needed).") var directory: String
    @OptionGroup var vocabulary: VocabularyOptions
    @OptionGroup var startWords: StartWordsOptions
    @Option(help: "Where saved words live (default: $XDG_DATA_HOME/attn-tui).") var stateDir: String?
    @Flag(help: "Replace vectors.tsv and metadata.tsv if DIR has them (never the files the words were read from).")
    var force = false

    func validate() throws {
        try StateDirOption.validate(stateDir)
        if directory.isEmpty { throw ValidationError("export needs a folder name (DIR), got an empty string") }
    }

    func run() throws {
        let words = try vocabulary.load()
        let chosen = try startWords.resolve(in: words)
        // Without --words: the words the learner left in play in the lesson that explores files, on the built-in words.
        let course = Course.standard
        let saved = (stateDir ?? StateStore.defaultDirectory()).flatMap { StateStore(directory: $0).load(course: course).state }
        let explorer = course.userFileLesson.map { course.lessons[$0].id }
        let savedWords = explorer.flatMap { saved?.words(ofLesson: $0, space: SavedState.lexiconSpace) }
        let export = try ProjectorSelection(vocabulary: words, words: chosen, savedWords: savedWords)
        try export.write(to: directory, inputs: words.inputFiles, replacing: force)
        try Output.line(
            "wrote \(export.table.count) words (\(export.table.dimension) dimensions) to \(directory)/vectors.tsv and metadata.tsv")
    }
}
