// SPDX-License-Identifier: Apache-2.0

import AttnApp
import AttnMath
import TUIKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension TinyTransformerLesson {
    /// The trained model's likeliest next word after the lesson's sentence with these heads off (T = 1).
    static func topAfterSentence(switchedOff: Set<AttentionHeadID>) -> Prediction? {
        (try? TinyTransformer.finished.model.topPredictions(after: tokens(sentence), count: 1, switchedOff: switchedOff))?.first
    }

    static let topWithEveryHead = topAfterSentence(switchedOff: [])

    /// A sentence after which the trained model is over 0.9 sure of the next word: the typed task's solution.
    static let sureSentence = "plug the old speaker into the"

    /// The trained model's likeliest next word after a sentence, every head on, T = 1.
    static func top(after words: [String]) -> Prediction? {
        (try? TinyTransformer.finished.model.topPredictions(after: tokens(words), count: 1))?.first
    }

    /// −ln p of the likeliest next word as the panel shows it now: the loss if the model is right.
    var topLoss: Double? {
        nextWords(count: 1).first.map { -log($0.probability) }
    }

    /// The typed task's answer as the exercise opens: the trained model on the lesson's sentence, T = 1.
    static let openingLoss: Double? = topWithEveryHead.map { -log($0.probability) }

    /// The one head that, switched off alone, changes the likeliest word after the sentence (four
    /// passes, made when the exercise opens: never for the title bar's count of exercises).
    static let neededHead: Int = heads.indices.first { topAfterSentence(switchedOff: [heads[$0]])?.token != topWithEveryHead?.token } ?? 0

    /// The head the exercise opens on: the one after the needed head, so finding it takes a round of `n`.
    static var exerciseOpeningHead: Int { (neededHead + 1) % heads.count }

    /// The tasks' ids without building them: the number task's solution needs the trained model
    /// (its weights decoded, the corpus parsed, a forward pass: about 3 ms), which the title bar's
    /// count of solved exercises must not pay for on every lesson's first frame.
    func exerciseTaskIDs(at step: Step) -> [String] { Self.taskIDs }

    static let taskIDs = ["switch-off-noun", "top-loss", "sure-sentence"]

    func exercise(at step: Step) -> Exercise<TinyTransformerLesson>? {
        let sentence = "“\(Self.sentence.joined(separator: " "))”"
        let openingLoss = Self.openingLoss
        return Exercise([
            ExerciseTask(
                id: Self.taskIDs[0], question: "Switch off a head so that the likeliest word after \(sentence) changes.",
                answer: .keys { lesson, _ in
                    guard let top = Self.topAfterSentence(switchedOff: lesson.switchedOff) else { return TaskCheck(false, "no prediction") }
                    let off =
                        lesson.switchedOff.isEmpty
                        ? "every head on" : lesson.switchedOff.map(\.description).sorted().joined(separator: ", ") + " off"
                    return TaskCheck(
                        top.token != Self.topWithEveryHead?.token,
                        "\(off): \(Self.next(top.token)) \(NumberFormat.fixed(top.probability, decimals: 2))")
                },
                // From the opening head, a round of `n` to the one head that matters, then `o`.
                solution: String(repeating: "n", count: Self.heads.count - 1) + "o",
                hint: "n shows each head and its label; two look back at the noun: try each",
                explanation: { _, _ in
                    Self.heads.map { head in
                        let top = Self.topAfterSentence(switchedOff: [head])
                        return
                            "\(head) off: \(top.map { "\(Self.next($0.token)) \(NumberFormat.fixed($0.probability, decimals: 2))" } ?? "?")"
                    } + [
                        "Two heads look back at the noun, but fresh needs only one of them:",
                        "where a head looks is not the same as what it is needed for.",
                    ]
                }),
            ExerciseTask(
                id: Self.taskIDs[1],
                question: "At T = 1, if the next word is the likeliest one shown, what is the loss, −ln p? (2 decimals)",
                answer: .number(quantity: "−ln p of the likeliest next word at T = 1", decimals: 2) { lesson, _ in lesson.topLoss },
                solution: "<Enter>\(openingLoss.map { NumberFormat.fixed($0, decimals: 2) } ?? "")<Enter>",
                hint: "ln is the natural logarithm; p is the top bar's number in the next-word panel at T 1.00 (+/- sets T)",
                explanation: { lesson, _ in
                    guard let top = lesson.nextWords(count: 1).first else { return ["No prediction."] }
                    return [
                        "p(\(Self.next(top.token))) = \(NumberFormat.fixed(top.probability, decimals: 4))",
                        "−ln \(NumberFormat.fixed(top.probability, decimals: 4)) = \(NumberFormat.fixed(-log(top.probability), decimals: 4))",
                    ]
                }),
            ExerciseTask(
                id: Self.taskIDs[2],
                question: "Type a sentence after which the trained model gives one word more than 0.9 (T = 1, every head on).",
                answer: .keys { lesson, workspace in
                    // Checked on what the next-word panel shows, so it is never solved under a panel that says otherwise.
                    guard lesson.switchedOff.isEmpty else {
                        let off = lesson.switchedOff.map(\.description).sorted().joined(separator: ", ")
                        return TaskCheck(false, "\(off) off: switch every head on (o)")
                    }
                    guard workspace.temperature == 1 else {
                        return TaskCheck(false, "T = \(NumberFormat.fixed(workspace.temperature, decimals: 2)): set T back to 1 (+/-)")
                    }
                    guard let top = Self.top(after: lesson.words) else { return TaskCheck(false, "no prediction") }
                    return TaskCheck(
                        top.probability > 0.9,
                        "after “\(lesson.words.joined(separator: " "))”: \(Self.next(top.token)) \(NumberFormat.fixed(top.probability, decimals: 2))"
                    )
                },
                solution: "t\(Self.sureSentence)<Enter>",
                hint: "t types a sentence; the corpus has many that end the same way (plug … into the …)",
                explanation: { _, _ in
                    let top = Self.top(after: Self.sureSentence.split(separator: " ").map(String.init))
                    return [
                        "After “\(Self.sureSentence)” the model gives \(top.map { "\(Self.next($0.token)) \(NumberFormat.fixed($0.probability, decimals: 2))" } ?? "?"):",
                        "every “plug the … into the” sentence of the corpus ends with charger.",
                    ]
                }),
        ])
    }
}
