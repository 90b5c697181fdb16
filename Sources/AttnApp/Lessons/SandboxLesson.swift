import TUIKit

/// The last lesson: free exploration of the whole space with every panel. Its words are
/// the learner's own (saved), or a file's with `--embeddings`.
struct SandboxLesson: Lesson, Equatable {
    let script = LessonScript.load("14-sandbox")

    static let commands: Set<AppCommand> = [.up, .down, .addWord, .removeWord, .cycleMetric, .warmer, .cooler, .open]

    func sharedCommands(step: Int) -> Set<AppCommand> { Self.commands }

    mutating func enter(step: Int, app: inout AppState) {}

    func keys(step: Int) -> [LessonKey] {
        // Only the built-in lexicon has real vectors to switch to; a user's file is real already.
        [
            // Help lists it; the status bar keeps its room for the keys every step uses (the text names `v`).
            LessonKey(
                [.character("v")], "vectors", help: "named features ↔ the words' real GloVe 50-d vectors", short: "vectors",
                showsInStatusBar: false)
        ]
    }

    mutating func perform(_ action: String, step: Int, app: inout AppState) -> String? {
        guard action == "vectors" else { return nil }
        _ = app.toggleRealVectors()
        return app.message
    }

    func panels(step: Int) -> [Focus] { [.map, .heatmap, .weights] }

    func layout(step: Int, body: Rect, state: AppState) -> LessonLayout {
        LessonLayouts.explorer(state, body: body, showsNeighbors: true)
    }

    func liveText(step: Int, state: AppState) -> String? { StepTextPanel.liveFormula(state) }

    func mapShowsContext(step: Int) -> Bool { true }
}
