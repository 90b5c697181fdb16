// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import Reports

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the tiny transformer on the built-in corpus and print its training and held-out losses.",
        discussion: BuiltInTransformer.courseHelp)
    @Option(parsing: .unconditional, help: "Training steps (batches of 16 windows).") var steps = BuiltInTransformer.defaultSteps
    @Option(parsing: .unconditional, help: "The seed of the random start and the batches.") var seed = Int(BuiltInTransformer.defaultSeed)
    @OptionGroup var output: OutputOptions

    func run() throws {
        try emit(try TrainReport(steps: steps, seed: seed), json: output.json)
    }
}
