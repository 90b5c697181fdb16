// SPDX-License-Identifier: Apache-2.0

import Foundation
import Lessons

// Usage: tiny-transformer-weights OUTPUT        trains the lesson's model to its held-out minimum, writes OUTPUT
//        tiny-transformer-weights --check FILE  trains it again and says whether FILE holds exactly that
//
// The run is `TinyTransformer.trainToMinimum()`, the lesson's own (its corpus, configuration,
// seed and stopping rule), and the file `TinyTransformerAsset.encode`'s: see generate.sh.

let arguments = Array(CommandLine.arguments.dropFirst())
let check = arguments.first == "--check"
guard arguments.count == (check ? 2 : 1), let path = arguments.last else {
    FileHandle.standardError.write(Data("usage: tiny-transformer-weights [--check] FILE\n".utf8))
    exit(2)
}
let clock = ContinuousClock()
let started = clock.now
let run = FinishedRun(trainer: TinyTransformer.trainToMinimum())
let text = TinyTransformerAsset.encode(run)
print(
    "trained \(run.stepsTaken) steps in \(started.duration(to: clock.now)); lowest held-out loss \(run.best.heldOut) at step \(run.best.step)"
)
if check {
    let existing = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    guard existing == text else {
        FileHandle.standardError.write(
            Data("\(path) differs from a fresh run: regenerate it (bash Tools/TinyTransformer/generate.sh)\n".utf8))
        exit(1)
    }
    print("\(path) is what the run writes")
} else {
    do {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        print("wrote \(path) (\(text.utf8.count) bytes)")
    } catch {
        FileHandle.standardError.write(Data("cannot write \(path): \(error)\n".utf8))
        exit(1)
    }
}
