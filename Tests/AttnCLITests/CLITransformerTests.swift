// SPDX-License-Identifier: Apache-2.0

import Foundation
import XCTest

/// `attn-tui train` and `attn-tui predict` as SPEC.md shapes them. Short runs: a debug
/// build trains far slower than the release one.
final class CLITransformerTests: XCTestCase {
    func testTrainReportsTheLossesAtEachListedStepAndTheBaselines() throws {
        let object = try XCTUnwrap(try CLI.json(["train", "--steps", "50", "--json"]) as? [String: Any])
        XCTAssertEqual(
            Set(object.keys), ["vocabulary", "parameters", "seed", "steps", "train_loss", "heldout_loss", "baselines", "best_step"])
        let vocabulary = try XCTUnwrap(object["vocabulary"] as? Int)
        XCTAssertGreaterThan(vocabulary, 100)
        XCTAssertGreaterThan(try XCTUnwrap(object["parameters"] as? Int), 30_000)
        XCTAssertEqual(object["seed"] as? Int, 1)
        let steps = try XCTUnwrap(object["steps"] as? [Int])
        XCTAssertEqual(steps, [0, 20, 40, 50], "every 20 steps, and the last")
        let training = try XCTUnwrap(object["train_loss"] as? [Double])
        let heldOut = try XCTUnwrap(object["heldout_loss"] as? [Double])
        XCTAssertEqual(training.count, steps.count)
        XCTAssertEqual(heldOut.count, steps.count)
        let baselines = try XCTUnwrap(object["baselines"] as? [String: Double])
        XCTAssertEqual(Set(baselines.keys), ["uniform", "unigram", "bigram"])
        XCTAssertEqual(try XCTUnwrap(baselines["uniform"]), log(Double(vocabulary)), accuracy: 1e-12)
        // Before training: about ln V; then falling, and the best held-out loss beats word frequencies.
        XCTAssertEqual(heldOut[0] / log(Double(vocabulary)), 1, accuracy: 0.05)
        XCTAssertLessThan(training.last!, training[0] - 1)
        let best = try XCTUnwrap(object["best_step"] as? Int)
        let bestLoss = heldOut[try XCTUnwrap(steps.firstIndex(of: best))]
        XCTAssertEqual(bestLoss, heldOut.min())
        XCTAssertLessThan(bestLoss, try XCTUnwrap(baselines["unigram"]))
    }

    func testBothHelpsSayWhichOptionsReproduceTheCoursesModel() throws {
        // The defaults (seed 1, 400 steps) are a shorter run; the course's model is seed 3 trained to step 780, kept at 600.
        for command in ["train", "predict"] {
            let help = try CLI.run([command, "--help"])
            let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            XCTAssertTrue(text.contains("--seed 3 --steps 780") && text.contains("step 600"), "\(command): \(help.stdout)")
        }
    }

    func testTrainingTwiceGivesTheSameAnswerAndAnotherSeedAnother() throws {
        let first = try CLI.run(["train", "--steps", "20", "--json"])
        let again = try CLI.run(["train", "--steps", "20", "--seed", "1", "--json"])
        let other = try CLI.run(["train", "--steps", "20", "--seed", "2", "--json"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(first.stdout, again.stdout)
        XCTAssertNotEqual(first.stdout, other.stdout)
        XCTAssertTrue(other.stdout.contains("\"seed\": 2"))
        // Numbers keep their full precision.
        let losses = try XCTUnwrap(
            (try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])?["train_loss"] as? [Double])
        XCTAssertTrue(first.stdout.contains("\(losses[1])"), "shortest round-trip form")
        let text = try CLI.run(["train", "--steps", "20"])
        XCTAssertTrue(text.stdout.contains("held-out loss") && text.stdout.contains("word frequencies"), text.stdout)
    }

    func testPredictGivesTheLikeliestNextWordsAndEveryHeadsWeights() throws {
        let object = try XCTUnwrap(
            try CLI.json(["predict", "plug the old speaker", "into", "the", "-k", "4", "--steps", "20", "--json"]) as? [String: Any])
        XCTAssertEqual(Set(object.keys), ["prompt", "predictions", "attention"])
        let prompt = try XCTUnwrap(object["prompt"] as? [String])
        XCTAssertEqual(prompt, ["<s>", "plug", "the", "old", "speaker", "into", "the"], "the sentence boundary comes first")
        let predictions = try XCTUnwrap(object["predictions"] as? [[String: Any]])
        XCTAssertEqual(predictions.count, 4)
        let probabilities = predictions.compactMap { $0["probability"] as? Double }
        XCTAssertEqual(probabilities, probabilities.sorted(by: >))
        XCTAssertTrue(probabilities.allSatisfy { $0 > 0 && $0 < 1 })
        XCTAssertEqual(predictions.compactMap { $0["word"] as? String }.count, 4)
        let attention = try XCTUnwrap(object["attention"] as? [[[[Double]]]])
        XCTAssertEqual(attention.count, 2, "layers")
        for heads in attention {
            XCTAssertEqual(heads.count, 2, "heads")
            for weights in heads {
                XCTAssertEqual(weights.count, prompt.count)
                for (i, row) in weights.enumerated() {
                    XCTAssertEqual(row.count, prompt.count)
                    XCTAssertEqual(row.reduce(0, +), 1, accuracy: 1e-12)
                    XCTAssertTrue(row[(i + 1)...].allSatisfy { $0 == 0 }, "a word reads only the words before it")
                }
            }
        }
        // A temperature spreads the same ranking; the same seed gives the same answer.
        let hot = try XCTUnwrap(
            try CLI.json(["predict", "plug the old speaker into the", "-k", "4", "--steps", "20", "--temperature", "3", "--json"])
                as? [String: Any])
        let hotPredictions = try XCTUnwrap(hot["predictions"] as? [[String: Any]])
        XCTAssertEqual(hotPredictions.compactMap { $0["word"] as? String }, predictions.compactMap { $0["word"] as? String })
        XCTAssertLessThan(try XCTUnwrap(hotPredictions[0]["probability"] as? Double), probabilities[0])
    }

    func testALongPromptKeepsItsLastEightTokens() throws {
        let words = "the laptop on the desk is slow and the phone in my bag"
        let object = try XCTUnwrap(try CLI.json(["predict", words, "--steps", "0", "--json"]) as? [String: Any])
        XCTAssertEqual(object["prompt"] as? [String], Array(words.split(separator: " ").map(String.init).suffix(8)))
    }

    func testAnUnknownWordIsNamedWithTheNearestOne() throws {
        let result = try CLI.run(["predict", "the", "Mangoe", "--steps", "0"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(result.stderr, "attn-tui: unknown word 'Mangoe': not in the training corpus (did you mean 'mango'?)\n")
    }

    func testBadOptionsAreOneLineErrors() throws {
        for arguments in [
            ["predict", "the", "-k", "0"], ["predict", "the", "--temperature", "0"], ["predict"], ["train", "--steps", "-1"],
            ["train", "--seed", "-2"], ["train", "--steps", "many"],
        ] {
            let result = try CLI.run(arguments)
            XCTAssertNotEqual(result.status, 0, "\(arguments)")
            XCTAssertEqual(result.stderr.filter { $0 == "\n" }.count, 1, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stdout.isEmpty, "\(arguments)")
        }
    }
}
