// SPDX-License-Identifier: Apache-2.0

/// The tasks of a lesson's exercise step: 1–3 questions the learner answers with the lesson's
/// keys or by typing a number, each checked against the math core on the live state (never a
/// fixed letter).
public struct Exercise<L: Lesson>: Sendable {
    public let tasks: [ExerciseTask<L>]

    public init(_ tasks: [ExerciseTask<L>]) { self.tasks = tasks }
}

/// One task of an exercise.
public struct ExerciseTask<L: Lesson>: Sendable {
    /// Stable within the lesson (progress saves it).
    public let id: String
    /// What the learner is asked, one sentence.
    public let question: String
    public let answer: Answer
    /// Keys that solve it from the step as it opens, in `render --keys` notation. Worked out only
    /// when asked for: some are searched for (a training run, an edit of a head), while the title
    /// bar's progress builds every lesson's exercise for its task ids on the first frame.
    public var solution: String { makeSolution() }
    private let makeSolution: @Sendable () -> String
    /// A nudge, without the answer.
    public let hint: String
    /// The answer worked out with the live numbers (the reveal key shows it).
    public let explanation: @Sendable (L, Workspace) -> [String]

    public enum Answer: Sendable {
        /// Reached with the lesson's keys: checked after every change, live.
        case keys(@Sendable (L, Workspace) -> TaskCheck)
        /// A number worked out by hand and typed: right within one unit of the last of `decimals`
        /// places of the live value (`nil`: there is none now). `quantity` names it ("apple·orange").
        case number(quantity: String, decimals: Int, value: @Sendable (L, Workspace) -> Double?)
    }

    public init(
        id: String, question: String, answer: Answer, solution: @autoclosure @escaping @Sendable () -> String, hint: String,
        explanation: @escaping @Sendable (L, Workspace) -> [String]
    ) {
        self.id = id
        self.question = question
        self.answer = answer
        makeSolution = solution
        self.hint = hint
        self.explanation = explanation
    }
}

/// How a keys task stands now, and what was compared to decide it ("phone 0.15 < orange 0.34").
public struct TaskCheck: Sendable, Equatable {
    public let isSolved: Bool
    public let compared: String

    public init(_ isSolved: Bool, _ compared: String) {
        self.isSolved = isSolved
        self.compared = compared
    }
}

/// The kind of answer a task takes, as `lessons --json` names it.
public enum AnswerKind: String, Sendable, Equatable {
    case number, keys
}

/// A task with the lesson's type erased: what the app shows, checks and saves.
public struct ExerciseTaskInfo: Sendable, Equatable {
    public let id: String
    public let question: String
    public let kind: AnswerKind
    public let solution: String
    public let hint: String
    /// For a number task: what is asked for and to how many decimals.
    public let quantity: String?
    public let decimals: Int?
}

extension ExerciseTask {
    var info: ExerciseTaskInfo {
        switch answer {
        case .keys:
            ExerciseTaskInfo(id: id, question: question, kind: .keys, solution: solution, hint: hint, quantity: nil, decimals: nil)
        case .number(let quantity, let decimals, _):
            ExerciseTaskInfo(
                id: id, question: question, kind: .number, solution: solution, hint: hint, quantity: quantity, decimals: decimals)
        }
    }

    /// Whether a keys task holds now (nil for a number task: only a typed answer decides those).
    func check(_ lesson: L, _ workspace: Workspace) -> TaskCheck? {
        guard case .keys(let check) = answer else { return nil }
        return check(lesson, workspace)
    }

    /// A typed answer to a number task, against the live value.
    func judge(_ typed: String, _ lesson: L, _ workspace: Workspace) -> TaskCheck {
        guard case .number(let quantity, let decimals, let value) = answer else { return TaskCheck(false, "not a number task") }
        let shown = typed.isEmpty ? "nothing" : typed
        guard let number = TypedNumber.parse(typed) else {
            return TaskCheck(false, "'\(shown)' is not a number; \(quantity), to \(decimals) decimal\(decimals == 1 ? "" : "s")")
        }
        guard let expected = value(lesson, workspace) else { return TaskCheck(false, "\(quantity) has no value now") }
        var unit = 1.0
        for _ in 0..<decimals { unit /= 10 }
        // One unit in the last place: a learner who rounds each product first lands that close.
        let solved = abs(number - expected) <= unit * 1.000_001
        return TaskCheck(solved, "\(shown) against \(quantity), to \(decimals) decimal\(decimals == 1 ? "" : "s")")
    }
}

/// A number as a learner types it: "0.62", "-1.5", ".5", "0,62".
enum TypedNumber {
    static func parse(_ text: String) -> Double? {
        let trimmed = String(text.filter { !$0.isWhitespace }).replacingComma()
        guard !trimmed.isEmpty, trimmed.count <= 32, let value = Double(trimmed), value.isFinite else { return nil }
        return value
    }
}

extension String {
    fileprivate func replacingComma() -> String {
        String(map { $0 == "," ? "." : $0 })
    }
}
