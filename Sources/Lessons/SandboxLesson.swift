// SPDX-License-Identifier: Apache-2.0

import AttnApp
import Synchronization
import TUIKit

/// Free exploration of the whole space with every panel: the learner's own words (saved, one
/// list per vocabulary), or a file's with `--embeddings`; `v` shows the built-in words' real
/// GloVe vectors instead of the named features.
struct SandboxLesson: Lesson, Equatable {
    static let id = "sandbox"
    static let opensUserFiles = true

    enum Step: String, LessonStep {
        case everything, add, explain
    }

    enum Action: Hashable, Sendable {
        case vectors
    }

    /// The words of each vocabulary as the learner left them, by the vocabulary's key
    /// (`Workspace.wordsKey`): the built-in words' and each file's are kept apart.
    var words: [String: [String]] = [:]
    /// The real GloVe vectors are shown instead of the named features (`v`).
    var realVectors = false
    /// Words with no GloVe vector (placed by hand), out of play while `realVectors` is on.
    var setAside: [WordInPlay] = []
    /// In front now: moving between its own steps keeps the words in play.
    var isInFront = false
    /// `v` asked for the GloVe vectors the first time: they are being read off the key path.
    var isLoading = false

    /// Whether the GloVe vectors have been read and indexed in this run (then `v` switches at once).
    static let gloveLoaded = Mutex(false)

    /// What the loading job hands back.
    struct GloveLoaded: Sendable {}

    static let commands: Set<AppCommand> = [.up, .down, .addWord, .removeWord, .cycleMetric, .warmer, .cooler, .open]

    func sharedCommands(at step: Step) -> Set<AppCommand> { Self.commands }

    func vocabulary(at step: Step) -> VocabularyChoice { realVectors ? .realVectors : .explorer }

    func keys(at step: Step) -> [LessonKey<Action>] {
        [
            // In the status bar where the step's Try names it; elsewhere help lists it, and the
            // status bar keeps its room for the keys every step uses.
            LessonKey(
                [.character("v")], .vectors, help: "named features ↔ the words' real GloVe 50-d vectors", short: "GloVe",
                showsInStatusBar: step == .explain)
        ]
    }

    mutating func enter(_ step: Step, workspace: inout Workspace) {
        guard !isInFront else { return }
        isInFront = true
        let space = workspace.explorerSpace
        // As the learner left them, even empty (removing every word is a choice too).
        let names = words[workspace.wordsKey(for: .explorer)] ?? space.startWords
        workspace.setWords(names.compactMap { workspace.lookUp($0) })
    }

    mutating func leave(_ step: Step, workspace: Workspace) {
        words[workspace.wordsKey(for: .explorer)] = shownNames(workspace)
        // The next visit starts on the named features, with every word back.
        realVectors = false
        setAside = []
        isInFront = false
        isLoading = false
    }

    /// `r`: this vocabulary's start words, metric and temperature; the other vocabularies' words
    /// and the learner's placed words stay.
    mutating func reset(_ step: Step, workspace: inout Workspace) {
        words[workspace.wordsKey(for: .explorer)] = nil
        realVectors = false
        setAside = []
        isInFront = true
        isLoading = false
        workspace.useVocabulary(.explorer)
        workspace.show(workspace.explorerSpace.startWords)
    }

    mutating func perform(_ action: Action, at step: Step, context: LessonContext, workspace: inout Workspace) -> LessonResponse {
        guard !workspace.hasUserFile else { return "the sandbox already shows your file's vectors" }
        if realVectors {
            realVectors = false
            workspace.useVocabulary(.explorer)
            workspace.append(contentsOf: setAside)
            setAside = []
            return "named features: \(workspace.space.dimension) dimensions"
        }
        guard !isLoading else { return "still loading the GloVe vectors…" }
        guard Self.gloveLoaded.withLock({ $0 }) else {
            // The first time, reading and indexing 20,000 vectors takes a moment: off the key path, said on the message line.
            isLoading = true
            return LessonResponse(
                message: "loading the GloVe vectors…",
                job: LessonJob { [workspace] in
                    var copy = workspace
                    copy.useVocabulary(.realVectors)
                    Self.gloveLoaded.withLock { $0 = true }
                    return GloveLoaded()
                })
        }
        return showRealVectors(&workspace)
    }

    /// The loaded vectors come back: the words switch to them, unless the learner left or reset meanwhile.
    mutating func receive(_ result: any Sendable, at step: Step, workspace: inout Workspace) -> LessonResponse {
        guard result is GloveLoaded, isLoading else { return nil }
        isLoading = false
        return showRealVectors(&workspace)
    }

    private mutating func showRealVectors(_ workspace: inout Workspace) -> LessonResponse {
        realVectors = true
        setAside = workspace.useVocabulary(.realVectors)
        let aside = setAside.map(\.word)
        let message =
            "real GloVe vectors: \(workspace.space.dimension) dimensions"
            + (aside.isEmpty ? "" : "; set aside (no GloVe vector): " + aside.joined(separator: ", "))
        return LessonResponse(message: message)
    }

    /// The words in play as the named features have them: the set-aside ones count too.
    private func shownNames(_ workspace: Workspace) -> [String] {
        workspace.words.map(\.word) + setAside.map(\.word)
    }

    func saved(workspace: Workspace?) -> [String: [String]] {
        var lists = words
        if let workspace { lists[workspace.wordsKey(for: .explorer)] = shownNames(workspace) }
        return Dictionary(uniqueKeysWithValues: lists.map { (SavedState.wordsKey(space: $0.key), $0.value) })
    }

    mutating func restore(_ saved: [String: [String]], workspace: Workspace) {
        let prefix = SavedState.wordsKey(space: "")
        let chosen = workspace.explorerSpace.startWordsChosen ? workspace.wordsKey(for: .explorer) : nil
        // Words chosen with `--words` win over the saved ones of that vocabulary.
        for (key, names) in saved where key.hasPrefix(prefix) && String(key.dropFirst(prefix.count)) != chosen {
            words[String(key.dropFirst(prefix.count))] = names
        }
    }

    func panels(at step: Step) -> [Focus] { [.map, .heatmap, .weights] }

    func layout(at step: Step, body: Rect, state: AppState) -> LessonLayout {
        LessonLayouts.explorer(state, body: body, showsNeighbors: true)
    }

    func liveText(at step: Step, state: AppState) -> String? { StepTextPanel.liveFormula(state) }

    func mapShowsContext(at step: Step) -> Bool { true }
}
