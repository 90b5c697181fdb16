import TUIKit

/// One run of the app on a terminal: the state, where it is saved, and the
/// update-and-draw cycle shared by the interactive screen and `render`.
public final class Session {
    public private(set) var state: AppState
    public let colorMode: ColorMode
    /// nil: nothing is read or written (a fresh `render`).
    public let store: StateStore?
    /// Problems met while loading saved state, to show once.
    public private(set) var warnings: [String] = []
    /// Why the last save failed; nil once a save succeeds. The caller reports it after the
    /// terminal is restored, so unsaved words never go unmentioned.
    public private(set) var saveError: String?

    /// - Parameters:
    ///   - stateDir: where state lives; nil uses the default directory when `persist` is true.
    ///   - persist: false starts fresh and saves nothing.
    public init(
        vocabulary: Vocabulary, lesson: Int?, step: Int? = nil, stateDir: String?, persist: Bool, colorMode: ColorMode,
        startWords: [String]? = nil
    ) {
        self.colorMode = colorMode
        store = persist ? StateStore(directory: stateDir ?? StateStore.defaultDirectory()) : nil
        let loaded = store?.load()
        if let warning = loaded?.warning { warnings.append(warning) }
        let environment = AppEnvironment(
            vocabulary: vocabulary, startWords: startWords, initialLesson: lesson, initialStep: step, colorMode: colorMode)
        state = AppState(environment: environment, saved: loaded?.state)
        if let warning = warnings.first { _ = state.update(.loaded(warning: warning)) }
    }

    /// Draws a frame after every event until the state says it is finished or the events end.
    /// With `animates`, a lesson's auto-play gets ticks from the terminal's timeout (the
    /// interactive screen); without, only the given events arrive (`render`, whose input ends).
    public func run(on terminal: some Terminal, animates: Bool = false) {
        handle(.resize(terminal.size))
        EventLoop.run(
            terminal: terminal,
            tickInterval: { [unowned self] in animates ? self.state.tickInterval : nil },
            view: { [unowned self] size, mode in
                AppView.render(self.state, size: size, colorMode: mode)
            },
            handle: { [unowned self] event in
                self.handle(event)
                return !self.state.isFinished
            })
    }

    /// Applies one event and performs the effects it asks for.
    public func handle(_ event: InputEvent) {
        for effect in state.update(event) {
            switch effect {
            case .save: save()
            }
        }
    }

    private func save() {
        guard let store else { return }
        var snapshot = state.saved
        // Another attn-tui on the same folder may have placed words since we loaded: keep
        // theirs too (ours win for a word both placed), so no placed word is ever lost.
        if let onDisk = store.peek() {
            for word in onDisk.customWords where !snapshot.customWords.contains(where: { $0.word == word.word }) {
                snapshot.customWords.append(word)
            }
        }
        do {
            try store.save(snapshot)
            saveError = nil
        } catch {
            saveError = error.description
            _ = state.update(.saveFailed(error.description))
        }
    }
}
