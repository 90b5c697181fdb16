// SPDX-License-Identifier: Apache-2.0

import TUIKit

/// An exercise step: keys tasks checked live after every change, number tasks answered in a
/// prompt, a hint and a worked answer on request. Solved tasks are kept in `progress`.
extension AppState {
    /// The first number task not yet solved (else the first number task), where Enter's prompt opens.
    var answerTask: Int? {
        let numbers = tasks.indices.filter { tasks[$0].kind == .number }
        return numbers.first { !isSolved(task: tasks[$0]) } ?? numbers.first
    }

    /// Enter in an exercise step: the answer prompt of `task` (default: the first open number task);
    /// ↑/↓ in the prompt move to the previous or next number task.
    mutating func openAnswer(from task: Int? = nil, moving delta: Int = 0, keeping field: TextField? = nil) {
        let numbers = tasks.indices.filter { tasks[$0].kind == .number }
        guard let start = task ?? answerTask, let position = numbers.firstIndex(of: start) else {
            message = "this exercise is answered with the lesson's keys"
            return
        }
        let chosen = numbers[(position + delta + numbers.count) % numbers.count]
        let info = tasks[chosen]
        let places = info.decimals.map { ", to \($0) decimal\($0 == 1 ? "" : "s")" } ?? ""
        // The status bar says Enter checks and Esc cancels; the line keeps its room for what to type.
        var answer = TextField(
            prompt: "answer \(chosen + 1): ", placeholder: "\(info.quantity ?? "a number")\(places)",
            maxLength: 24)
        for character in field?.text ?? "" { _ = answer.handle(.character(character)) }
        mode = .prompt(Prompt(field: answer, purpose: .answer(task: chosen)))
    }

    mutating func submitAnswer(_ typed: String, task: Int) -> [Effect] {
        guard tasks.indices.contains(task) else { return [] }
        let check = currentLesson.judge(typed, task: task, step: step, workspace: workspace)
        guard check.isSolved else {
            // One line at 80 columns: what was compared; the status bar names i and x.
            message = "Not yet: \(check.compared)."
            return []
        }
        return solved([task])
    }

    /// `i`: the hints of the tasks still open.
    mutating func showHints() {
        let open = tasks.enumerated().filter { !isSolved(task: $0.element) }
        guard !open.isEmpty else {
            message = "every task here is solved"
            return
        }
        let lines = open.flatMap { index, task in ["\(index + 1). \(task.question)", "   \(task.hint)", ""] }.dropLast()
        mode = .detail(.lesson(Explanation(title: "Hints", lines: Array(lines))), scroll: 0)
    }

    /// `x`: each open task's answer, worked out with the live numbers (it does not count as solved).
    mutating func revealAnswers() {
        let open = tasks.enumerated().filter { !isSolved(task: $0.element) }
        let shown = open.isEmpty ? Array(tasks.enumerated()) : open
        guard !shown.isEmpty else { return }
        var lines: [String] = []
        for (index, task) in shown {
            lines.append("\(index + 1). \(task.question)")
            lines += currentLesson.explanation(task: index, step: step, workspace: workspace).map { "   " + $0 }
            lines.append("")
        }
        mode = .detail(.lesson(Explanation(title: "Answers", lines: Array(lines.dropLast()))), scroll: 0)
    }

    /// Keys tasks are checked after every change the learner made in the step (not on arrival,
    /// so a task is never solved by opening it).
    mutating func checkExercise(since before: ExerciseCheckpoint) -> [Effect] {
        guard let before = before.unchanged(position: self), before.lesson != currentLesson || before.workspace != workspace else {
            return []
        }
        let reached = tasks.indices.filter { index in
            tasks[index].kind == .keys && !isSolved(task: tasks[index])
                && currentLesson.check(task: index, step: step, workspace: workspace)?.isSolved == true
        }
        return reached.isEmpty ? [] : solved(reached)
    }

    private mutating func solved(_ indices: [Int]) -> [Effect] {
        for index in indices { progress.markSolved(tasks[index].id, in: lessonID) }
        let open = tasks.filter { !isSolved(task: $0) }.count
        let which = indices.map { "task \($0 + 1)" }.joined(separator: " and ")
        message = "Solved \(which)! " + (open == 0 ? "Exercise done: → goes on." : "\(open) to go.")
        return [.save]
    }
}

/// The exercise step as it was before an event: what a keys task's check compares with.
struct ExerciseCheckpoint {
    let lessonIndex: Int
    let step: Int
    let lesson: AnyLesson?
    let workspace: Workspace?

    init(_ state: AppState) {
        lessonIndex = state.lessonIndex
        step = state.step
        let watches = state.stepKind == .exercise && state.tasks.contains { $0.kind == .keys }
        lesson = watches ? state.currentLesson : nil
        workspace = watches ? state.workspace : nil
    }

    /// Itself when the state is still at the same step (with something to compare), else nil.
    func unchanged(position state: AppState) -> ExerciseCheckpoint? {
        lessonIndex == state.lessonIndex && step == state.step && lesson != nil ? self : nil
    }
}
