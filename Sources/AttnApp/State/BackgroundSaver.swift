import Foundation

/// Writes saved states on a thread of its own, so no key press waits for the disk.
///
/// Saves are coalesced: while one write is under way, newer states replace the
/// one waiting, so a burst of keys costs one write after the current one, and the
/// state on disk is always one the app really had. Each write is as atomic as
/// `write` makes it (`StateStore.save`: temporary file, fsync, rename, fsync of
/// the folder). The thread exists only while there is something to write.
final class BackgroundSaver: @unchecked Sendable {
    typealias Write = @Sendable (SavedState) throws(StateStoreError) -> Void

    /// How a finished write went: nil, or the reason it failed.
    struct Outcome: Equatable, Sendable { var failure: String? }

    private let write: Write
    // Guards everything below.
    private let condition = NSCondition()
    private var pending: SavedState?
    private var working = false
    private var outcomes: [Outcome] = []

    init(write: @escaping Write) { self.write = write }

    /// Queues `state` to be written, replacing any state still waiting; returns at once.
    func submit(_ state: SavedState) {
        condition.lock()
        defer { condition.unlock() }
        pending = state
        guard !working else { return }
        working = true
        let thread = Thread { [self] in drain() }
        thread.name = "attn-tui state saver"
        thread.start()
    }

    /// Blocks until everything submitted so far is on disk (or failed).
    func waitUntilIdle() {
        condition.lock()
        while working { condition.wait() }
        condition.unlock()
    }

    /// The outcomes of the writes finished since the last call, oldest first.
    func takeOutcomes() -> [Outcome] {
        condition.lock()
        defer { condition.unlock() }
        let taken = outcomes
        outcomes.removeAll()
        return taken
    }

    private func drain() {
        while true {
            condition.lock()
            guard let state = pending else {
                working = false
                condition.broadcast()
                condition.unlock()
                return
            }
            pending = nil
            condition.unlock()
            var outcome = Outcome()
            do {
                try write(state)
            } catch {
                outcome.failure = error.description
            }
            condition.lock()
            outcomes.append(outcome)
            condition.unlock()
        }
    }
}
