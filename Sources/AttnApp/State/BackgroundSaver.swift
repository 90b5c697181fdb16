// SPDX-License-Identifier: Apache-2.0

import Dispatch
import Synchronization

/// Writes saved states on a queue of its own, so no key press waits for the disk.
///
/// Saves are coalesced: while one write is under way, newer states replace the
/// one waiting, so a burst of keys costs one write after the current one, and the
/// state on disk is always one the app really had. Each write is as atomic as
/// `write` makes it (`StateStore.save`: temporary file, fsync, rename, fsync of
/// the folder). Dispatch and a Mutex rather than Foundation's threads: the full
/// Foundation would triple the static binary.
final class BackgroundSaver: Sendable {
    typealias Write = @Sendable (SavedState) throws(StateStoreError) -> Void

    /// How a finished write went: nil, or the reason it failed.
    struct Outcome: Equatable, Sendable { var failure: String? }

    private struct Shared: Sendable {
        var pending: SavedState?
        /// A drain is scheduled or running; it ends only once `pending` is empty.
        var working = false
        var outcomes: [Outcome] = []
    }

    private let write: Write
    private let queue = DispatchQueue(label: "attn-tui state saver")
    private let shared = Mutex(Shared())

    init(write: @escaping Write) { self.write = write }

    /// Queues `state` to be written, replacing any state still waiting; returns at once.
    func submit(_ state: SavedState) {
        let startsDrain = shared.withLock { shared in
            shared.pending = state
            guard !shared.working else { return false }
            shared.working = true
            return true
        }
        if startsDrain { queue.async { self.drain() } }
    }

    /// Blocks until everything submitted so far is on disk (or failed).
    func waitUntilIdle() {
        // The queue is serial and a drain runs until nothing is pending: once an empty block
        // has run after it, every state submitted before this call has been written.
        queue.sync {}
    }

    /// The outcomes of the writes finished since the last call, oldest first.
    func takeOutcomes() -> [Outcome] {
        shared.withLock { shared in
            let taken = shared.outcomes
            shared.outcomes.removeAll()
            return taken
        }
    }

    private func drain() {
        while let state = shared.withLock({ shared -> SavedState? in
            guard let state = shared.pending else {
                shared.working = false
                return nil
            }
            shared.pending = nil
            return state
        }) {
            var outcome = Outcome()
            do {
                try write(state)
            } catch {
                outcome.failure = error.description
            }
            shared.withLock { $0.outcomes.append(outcome) }
        }
    }
}
