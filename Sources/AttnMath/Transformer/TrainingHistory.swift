// SPDX-License-Identifier: Apache-2.0

/// The losses of one evaluation during training: on the whole training set
/// and on the held-out set, after `step` steps (0: before any).
public struct LossRecord: Equatable, Sendable {
    public let step: Int
    public let trainingLoss: Double
    public let heldOutLoss: Double
}

/// Every evaluation of a training run, in order, and the best so far: the
/// lowest held-out loss (the earliest on a tie), where a model that goes on
/// learning its training sentences by heart stops getting better at new ones.
public struct TrainingHistory: Equatable, Sendable {
    public private(set) var records: [LossRecord] = []
    /// Each step's batch loss, measured before that step's update.
    public private(set) var batchLosses: [Double] = []

    public var best: LossRecord? {
        records.reduce(nil) { best, record in
            guard let best else { return record }
            return record.heldOutLoss < best.heldOutLoss ? record : best
        }
    }

    /// Whether the held-out loss has not improved on its best for more than
    /// `patience` evaluations: the minimum is behind us.
    public func isPastMinimum(patience: Int) -> Bool {
        guard let best, let index = records.lastIndex(of: best) else { return false }
        return records.count - 1 - index > patience
    }

    mutating func append(_ record: LossRecord) { records.append(record) }
    mutating func appendBatchLoss(_ loss: Double) { batchLosses.append(loss) }
}
