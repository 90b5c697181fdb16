// SPDX-License-Identifier: Apache-2.0

import Dispatch
import Synchronization
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
        colorMode: ColorMode, startWords: [String]? = nil, defaultDirectory: () -> String? = { StateStore.defaultDirectory() }
    ) {
        self.colorMode = colorMode
        let directory = stateDir ?? defaultDirectory()
        let store = persist ? directory.map(StateStore.init) : nil
        self.store = store
        let loaded = store?.load(readOnly: readOnly, course: course)
        warnings = loaded?.warnings ?? []
        if persist && directory == nil { warnings.append("not saved: " + StateStore.noDirectoryReason) }
        // This program's state as it last read or saved it: its changes since are what a save
        // replays on the file (another program may have written since).
        let base = Mutex<SavedState?>(loaded?.state)
        saver = store.flatMap { store in
            readOnly
                ? nil
                : BackgroundSaver(write: { (state) throws(StateStoreError) in
                    _ = try store.saveMerging(state, base: base.withLock { $0 }, course: course)
                    base.withLock { $0 = state }
                })
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
        // The interactive screen runs lessons' jobs in the background (keys stay answered);
        // `render` runs them at once, so the frame it prints is the same on every machine.
        jobsInBackground = animates
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

    /// Applies one event and performs the effects it asks for. A save that failed since is
    /// reported after the event, so the frame drawn next shows it (the event's own key would
    /// otherwise clear the message before anyone saw it).
    public func handle(_ event: InputEvent) {
        if case .tick = event { deliverFinishedJobs() }
        perform(state.update(event))
        absorbSaveOutcomes()
    }

    /// Runs jobs in the background (the interactive screen), else at once (`render`, tests).
    public private(set) var jobsInBackground = false

    /// From now on, jobs run in the background, as on the interactive screen (`run(animates: true)`).
    public func runJobsInBackground() { jobsInBackground = true }
    /// Results of background jobs, waiting for the next tick.
    private let finished = FinishedJobs()

    private final class FinishedJobs: Sendable {
        let results = Mutex<[JobResult]>([])
    }

    /// Saves, and runs jobs: at once, one after another (a job's result may ask for the next:
    /// auto-play), or on a background queue whose results the next tick delivers.
    private func perform(_ effects: [Effect]) {
        var queue = effects[...]
        while let effect = queue.popFirst() {
            switch effect {
            case .save: saver?.submit(state.saved)
            case .run(let job):
                if jobsInBackground {
                    let finished = self.finished
                    DispatchQueue.global(qos: .userInitiated).async {
                        let value = job.work.work()
                        finished.results.withLock { $0.append(JobResult(job: job.id, lesson: job.lesson, value: value)) }
                    }
                } else {
                    queue += state.update(.jobFinished(JobResult(job: job.id, lesson: job.lesson, value: job.work.work())))
                }
            }
        }
    }

    /// Hands finished background jobs to the state (on a tick, while jobs run).
    private func deliverFinishedJobs() {
        let results = finished.results.withLock { results in
            defer { results = [] }
            return results
        }
        for result in results { perform(state.update(.jobFinished(result))) }
    }

    /// Blocks until every change so far is written, then reports how the writes went.
    public func waitForSaves() {
        saver?.waitUntilIdle()
        absorbSaveOutcomes()
    }

    /// Waits for the writes so far without reporting them yet (tests: what the next event shows).
    func waitForWrites() { saver?.waitUntilIdle() }

    /// A failed save is shown on the next frame and remembered for the exit.
    private func absorbSaveOutcomes() {
        guard let outcomes = saver?.takeOutcomes(), let last = outcomes.last else { return }
        saveError = last.failure
        if let failure = outcomes.compactMap(\.failure).last {
            _ = state.update(.saveFailed(failure))
        }
    }
}
