import TUIKit
import Vocabularies

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
    /// terminal is restored, so unsaved words never go unmentioned. Up to date after
    /// `run` returns or `waitForSaves()`.
    public private(set) var saveError: String?
    /// Writes off the key path; nil when this session never writes.
    private let saver: BackgroundSaver?

    /// - Parameters:
    ///   - stateDir: where state lives; nil uses the default directory when `persist` is true.
    ///   - persist: false starts fresh and saves nothing.
    ///   - readOnly: with `persist`, read the saved state but never write to its folder
    ///     (`render --state-dir`): no save, and a bad file is reported, not moved aside.
    public init(
        course: Course, vocabulary: Vocabulary, lesson: Int?, step: Int? = nil, stateDir: String?, persist: Bool, readOnly: Bool = false,
        colorMode: ColorMode, startWords: [String]? = nil
    ) {
        self.colorMode = colorMode
        let store = persist ? StateStore(directory: stateDir ?? StateStore.defaultDirectory()) : nil
        self.store = store
        let loaded = store?.load(readOnly: readOnly, course: course)
        warnings = loaded?.warnings ?? []
        saver = store.flatMap { store in
            readOnly ? nil : BackgroundSaver(write: { (state) throws(StateStoreError) in try Self.write(state, to: store, course: course) })
        }
        let environment = AppEnvironment(
            course: course, vocabulary: vocabulary, startWords: startWords, initialLesson: lesson, initialStep: step, colorMode: colorMode)
        state = AppState(environment: environment, saved: loaded?.state)
        if !warnings.isEmpty { _ = state.update(.loaded(warning: warnings.joined(separator: "; "))) }
    }

    /// Draws a frame after every event until the state says it is finished or the events end;
    /// returns once the last change is on disk. With `animates`, a lesson's auto-play gets ticks
    /// from the terminal's timeout (the interactive screen); without, only the given events
    /// arrive (`render`, whose input ends).
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
        waitForSaves()
    }

    /// Applies one event and performs the effects it asks for.
    public func handle(_ event: InputEvent) {
        absorbSaveOutcomes()
        for effect in state.update(event) {
            switch effect {
            case .save: saver?.submit(state.saved)
            }
        }
    }

    /// Blocks until every change so far is written, then reports how the writes went.
    public func waitForSaves() {
        saver?.waitUntilIdle()
        absorbSaveOutcomes()
    }

    /// A failed save is shown on the next frame and remembered for the exit.
    private func absorbSaveOutcomes() {
        guard let outcomes = saver?.takeOutcomes(), let last = outcomes.last else { return }
        saveError = last.failure
        if let failure = outcomes.compactMap(\.failure).last {
            _ = state.update(.saveFailed(failure))
        }
    }

    /// Runs on the saver's thread.
    private static func write(_ state: SavedState, to store: StateStore, course: Course) throws(StateStoreError) {
        var snapshot = state
        // Another attn-tui on the same folder may have placed words since we loaded: keep
        // theirs too (ours win for a word both placed), so no placed word is ever lost.
        // A word is the same placed word only in the same vocabulary (the same dimension).
        if let onDisk = store.peek(course: course) {
            for word in onDisk.customWords
            where !snapshot.customWords.contains(where: { $0.word == word.word && $0.vector.count == word.vector.count }) {
                snapshot.customWords.append(word)
            }
        }
        try store.save(snapshot)
    }
}
