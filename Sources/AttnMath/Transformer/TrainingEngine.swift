// SPDX-License-Identifier: Apache-2.0

/// The workspaces a trainer reuses from step to step, and the two ways it
/// spends them: a batch's loss and gradient, and a stream's loss.
///
/// Work is cut into a fixed number of parts whatever the machine (a batch
/// into two halves, a stream into groups of 16 windows), and the parts' sums
/// are added in the same order, so the numbers never depend on how many cores
/// ran them. `concurrent` only decides whether the parts run on two threads.
final class TrainingEngine: @unchecked Sendable {
    let configuration: TransformerConfiguration
    let concurrent: Bool
    /// Two halves of a batch: one workspace each.
    private var shards: [TransformerWorkspace] = []
    private var shardWindows: [Int] = []
    /// Evaluation: one workspace of `evaluationWindows` full windows per thread, and one for a shorter last window.
    private var evaluators: [TransformerWorkspace] = []
    static let evaluationWindows = 16
    /// The batch's gradient, summed over the shards, and its norm (`Adam.norm`).
    private(set) var gradient: [Double]
    private(set) var gradientNorm = 0.0

    init(configuration: TransformerConfiguration, concurrent: Bool = true) {
        self.configuration = configuration
        self.concurrent = concurrent
        gradient = Array(repeating: 0, count: configuration.parameterCount)
    }

    private func run(_ count: Int, _ body: @Sendable (Int) -> Void) {
        if concurrent {
            ParallelWork.run(count, body)
        } else {
            for i in 0..<count { body(i) }
        }
    }

    /// The mean cross-entropy of the batch (windows of contextLength + 1 tokens), and its gradient in `gradient`.
    func lossAndGradient(of parameters: [Double], windows: [[Int]]) -> Double {
        let length = Transformer.predictionLength(windows, configuration)
        let halves = ParallelWork.ranges(total: windows.count, parts: 2)
        if shardWindows != halves.map(\.count) || shards.first?.lengthCapacity != length {
            shards = halves.map { TransformerWorkspace(configuration: configuration, windows: $0.count, length: length) }
            shardWindows = halves.map(\.count)
        }
        for (shard, range) in zip(shards, halves) { shard.load(Array(windows[range]), length: length) }
        let scale = 1 / Double(windows.count * length)
        var losses = [Double](repeating: 0, count: shards.count)
        let shards = self.shards
        parameters.withUnsafeBufferPointer { p in
            let weights = SharedPointer(UnsafeMutablePointer(mutating: p.baseAddress!))
            losses.withUnsafeMutableBufferPointer { l in
                let results = SharedPointer(l.baseAddress!)
                run(shards.count) { s in
                    let shard = shards[s]
                    shard.forward(parameters: weights.base, windows: shard.windowCapacity, length: length, withLoss: false)
                    results[s] = shard.backward(parameters: weights.base, windows: shard.windowCapacity, length: length, lossScale: scale)
                }
            }
        }
        // The shards' gradients added in order, and the sum's squares, over the two halves of the parameters.
        let pieces = Adam.pieces(gradient.count)
        var squares = [Double](repeating: 0, count: pieces.count)
        gradient.withUnsafeMutableBufferPointer { g in
            squares.withUnsafeMutableBufferPointer { s in
                let total = SharedPointer(g.baseAddress!)
                let partial = SharedPointer(s.baseAddress!)
                run(pieces.count) { piece in
                    let range = pieces[piece]
                    (total.base + range.lowerBound).update(from: shards[0].gradients + range.lowerBound, count: range.count)
                    for shard in shards.dropFirst() {
                        for i in range { total[i] += shard.gradients[i] }
                    }
                    partial[piece] = Adam.sumOfSquares(total.base, range)
                }
            }
        }
        gradientNorm = squares.reduce(0, +).squareRoot()
        return losses.reduce(0, +) * scale
    }

    /// The mean cross-entropy of predicting every token of `stream` after the
    /// first (`Transformer.loss(stream:)`); 0 for fewer than two tokens.
    func loss(of parameters: [Double], stream: [Int]) -> Double {
        let t = configuration.contextLength
        let predictions = stream.count - 1
        guard predictions > 0 else { return 0 }
        // Jobs: groups of up to 16 full windows, then the shorter last window if any.
        let fullWindows = predictions / t
        var jobs: [(first: Int, windows: Int, length: Int)] = stride(from: 0, to: fullWindows, by: Self.evaluationWindows).map {
            ($0, min(Self.evaluationWindows, fullWindows - $0), t)
        }
        if predictions % t > 0 { jobs.append((fullWindows, 1, predictions % t)) }
        let threads = min(2, jobs.count)
        if evaluators.count < threads {
            evaluators = (0..<threads).map { _ in
                TransformerWorkspace(configuration: configuration, windows: Self.evaluationWindows, length: t)
            }
        }
        var losses = [Double](repeating: 0, count: jobs.count)
        let evaluators = self.evaluators
        let jobList = jobs
        parameters.withUnsafeBufferPointer { p in
            let weights = SharedPointer(UnsafeMutablePointer(mutating: p.baseAddress!))
            losses.withUnsafeMutableBufferPointer { l in
                let results = SharedPointer(l.baseAddress!)
                run(threads) { worker in
                    let workspace = evaluators[worker]
                    for j in stride(from: worker, to: jobList.count, by: threads) {
                        let job = jobList[j]
                        let windows = (0..<job.windows).map { w in
                            let start = (job.first + w) * t
                            return Array(stream[start...(start + job.length)])
                        }
                        workspace.load(windows, length: job.length)
                        results[j] = workspace.forward(parameters: weights.base, windows: job.windows, length: job.length, withLoss: true)
                    }
                }
            }
        }
        return losses.reduce(0, +) / Double(predictions)
    }
}
