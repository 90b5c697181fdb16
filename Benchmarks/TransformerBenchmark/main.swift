// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Foundation

// The tiny transformer's training speed, and a record of a run for the numpy peer.
//
//   transformer-benchmark time [--steps N] [--runs R] [--seed S] [--serial] [--corpus PATH]
//       prints the median wall time of N training steps (no evaluation), R runs
//   transformer-benchmark losses [--steps N] [--seed S] [--every K] [--corpus PATH]
//       prints the training and held-out losses every K steps, and the baselines
//   transformer-benchmark record PATH [--steps N] [--seed S] [--corpus PATH]
//       writes the initial weights and the N batches as JSON, and the losses Swift measured,
//       so the numpy peer trains the same model on the same batches (Benchmarks/transformer.sh)

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

var arguments = Array(CommandLine.arguments.dropFirst())
let mode = arguments.isEmpty ? "time" : arguments.removeFirst()
var steps = 400
var runs = 5
var seed: UInt64 = 1
var every = 20
var serial = false
var corpusPath = "Assets/corpus.txt"
var recordPath: String?
while !arguments.isEmpty {
    let flag = arguments.removeFirst()
    switch flag {
    case "--steps": steps = Int(arguments.removeFirst())!
    case "--runs": runs = Int(arguments.removeFirst())!
    case "--seed": seed = UInt64(arguments.removeFirst())!
    case "--every": every = Int(arguments.removeFirst())!
    case "--serial": serial = true
    case "--corpus": corpusPath = arguments.removeFirst()
    default: recordPath = flag
    }
}
let corpus = NextWordCorpus(text: try String(contentsOfFile: corpusPath, encoding: .utf8))

switch mode {
case "time":
    var times: [Double] = []
    for _ in 0..<runs {
        var trainer = TransformerTrainer(corpus: corpus, seed: seed, evaluationInterval: Int.max, concurrent: !serial)
        times.append(seconds { trainer.train(steps: steps) })
    }
    times.sort()
    let median = times[times.count / 2]
    print("swift, \(serial ? "1 thread" : "2 threads")\t" + String(format: "%.4f\t%.4f", median, times[0]))
case "losses":
    var trainer = TransformerTrainer(corpus: corpus, seed: seed, evaluationInterval: every, concurrent: !serial)
    let time = seconds { trainer.train(steps: steps) }
    let b = trainer.baselines
    print(
        "V \(corpus.vocabulary.count), parameters \(trainer.configuration.parameterCount), training tokens \(corpus.trainingStream.count), held-out \(corpus.heldOutStream.count)"
    )
    print(String(format: "baselines (held-out): uniform %.4f, unigram %.4f, bigram %.4f", b.uniform, b.unigram, b.bigram))
    for record in trainer.history.records {
        print(String(format: "step %4d  training %.4f  held-out %.4f", record.step, record.trainingLoss, record.heldOutLoss))
    }
    if let best = trainer.history.best { print("best step \(best.step)") }
    print(String(format: "%.2f s", time))
    for prompt in ["plug the old speaker into the", "the mango on the table is", "the laptop battery is", "she charged the black"] {
        let tokens = [0] + prompt.split(separator: " ").map { corpus.token(of: String($0))! }
        let top = try trainer.bestModel.topPredictions(after: tokens, count: 3)
        print(prompt, "→", top.map { "\(corpus.vocabulary[$0.token]) \(String(format: "%.2f", $0.probability))" }.joined(separator: ", "))
    }
    // What each head does on the held-out sentences, and how much "is" reads the fruit or gadget before it.
    let nouns = Set(
        [
            "banana", "cherry", "grape", "lemon", "mango", "peach", "pear", "plum", "kiwi", "strawberry", "phone", "laptop", "tablet",
            "camera", "printer", "television", "keyboard", "headphones", "computer", "speaker",
        ].compactMap(corpus.token(of:)))
    let isToNoun = trainer.bestModel.meanAttention(stream: corpus.heldOutStream, from: [corpus.token(of: "is")!], to: nouns) ?? [:]
    for s in trainer.bestModel.headStatistics(stream: corpus.heldOutStream) {
        print(
            "\(s.head): previous word \(String(format: "%.2f", s.previousWord)), itself \(String(format: "%.2f", s.itself)), "
                + "<s> \(String(format: "%.2f", s.sentenceStart)), is → its noun \(String(format: "%.2f", isToNoun[s.head] ?? 0))")
    }
case "record":
    guard let recordPath else { fatalError("record needs a PATH") }
    var trainer = TransformerTrainer(corpus: corpus, seed: seed, evaluationInterval: Int.max, concurrent: !serial)
    let initial = trainer.model.parameters
    var batches: [[[Int]]] = []
    var losses: [Double] = []
    for _ in 0..<steps {
        let batch = trainer.nextBatch()
        batches.append(batch)
        losses.append(trainer.step(on: batch))
    }
    let configuration = trainer.configuration
    let record: [String: Any] = [
        "configuration": [
            "vocabulary_size": configuration.vocabularySize, "model_width": configuration.modelWidth,
            "context_length": configuration.contextLength, "layers": configuration.layerCount, "heads": configuration.headCount,
            "hidden_width": configuration.hiddenWidth,
        ],
        "parameters": Dictionary(uniqueKeysWithValues: initial.tensors.map { ("\($0)", initial[$0].values) }),
        "batches": batches, "losses": losses,
    ]
    try JSONSerialization.data(withJSONObject: record).write(to: URL(fileURLWithPath: recordPath))
default:
    FileHandle.standardError.write(Data("usage: transformer-benchmark time|losses|record …\n".utf8))
    exit(2)
}
