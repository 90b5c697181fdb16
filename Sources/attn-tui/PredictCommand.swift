// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import Reports

struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Train the tiny transformer, then print its next-word probabilities after the words, and every head's attention weights.",
        discussion: BuiltInTransformer.courseHelp)
    @Argument(help: "The start of a sentence (a quoted sentence is split on whitespace).") var words: [String] = []
    @Option(name: .short, parsing: .unconditional, help: "How many next words.") var k = 5
    // Unconditional, so `--temperature -1` is read as a number and then refused for what it is.
    @Option(parsing: .unconditional, help: "Softmax temperature (> 0): lower is sharper.") var temperature: Double = 1
    @Option(parsing: .unconditional, help: "Training steps before predicting.") var steps = BuiltInTransformer.defaultSteps
    @Option(parsing: .unconditional, help: "The seed of the random start and the batches.") var seed = Int(BuiltInTransformer.defaultSeed)
    @OptionGroup var output: OutputOptions

    func run() throws {
        let report = try PredictReport(arguments: words, count: k, temperature: temperature, steps: steps, seed: seed)
        try emit(report, json: output.json)
    }
}
