// SPDX-License-Identifier: Apache-2.0

import TUIKit

/// A lesson value with its type erased: what the app holds for each lesson of the course.
/// Steps are addressed by position here (the app walks them in order) and turned into the
/// lesson's own `Step` before the lesson sees them; keys and panels likewise.
public struct AnyLesson: Sendable, Equatable {
    public private(set) var base: any Lesson
    /// The steps' names, and each step's task ids, read once: they never change (progress saves
    /// them), and every frame asks for them (the title bar's progress reads every lesson's).
    public let stepIDs: [String]
    private let taskIDsByStep: [[String]]

    public init(_ base: any Lesson) {
        self.base = base
        stepIDs = base.stepIDs
        taskIDsByStep = base.stepIDs.indices.map { base.erasedTaskIDs($0) }
    }

    public static func == (a: AnyLesson, b: AnyLesson) -> Bool { a.base.isSame(as: b.base) }

    public var id: String { type(of: base).id }
    public var script: LessonScript { type(of: base).script }
    public var title: String { script.title }
    public var stepCount: Int { stepIDs.count }
    public var opensUserFiles: Bool { type(of: base).opensUserFiles }

    public func stepIndex(of id: String) -> Int? { stepIDs.firstIndex(of: id) }
    public func stepKind(_ step: Int) -> StepKind { base.erasedKind(step) }
    /// The step's paragraphs as the script has them.
    public func paragraphs(ofStep step: Int) -> [String] { script.paragraphs(of: stepIDs[clamped(step)]) }

    func keys(step: Int) -> [ErasedLessonKey] { base.erasedKeys(clamped(step)) }
    func sharedCommands(step: Int) -> Set<AppCommand> { base.erasedSharedCommands(clamped(step)) }
    func vocabulary(step: Int) -> VocabularyChoice { base.erasedVocabulary(clamped(step)) }
    func panels(step: Int) -> [Focus] { base.erasedPanels(clamped(step)) }
    func layout(step: Int, body: Rect, state: AppState) -> LessonLayout { base.erasedLayout(clamped(step), body, state) }
    func draw(_ panel: PanelName, step: Int, state: AppState, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        base.erasedDraw(panel, clamped(step), state, colorMode, &buffer, area)
    }
    func explain(_ panel: PanelName, step: Int, state: AppState) -> Explanation? { base.erasedExplain(panel, clamped(step), state) }
    func liveText(step: Int, state: AppState) -> String? { base.erasedLiveText(clamped(step), state) }
    func mapShowsContext(step: Int) -> Bool { base.erasedMapShowsContext(clamped(step)) }
    func isAnimating(step: Int) -> Bool { base.erasedIsAnimating(clamped(step)) }
    func tasks(step: Int) -> [ExerciseTaskInfo] { base.erasedTasks(clamped(step)) }
    /// The ids of an exercise step's tasks (none for an explore step), without building the tasks.
    func taskIDs(step: Int) -> [String] { taskIDsByStep[clamped(step)] }
    /// An exercise step's tasks (none for an explore step), as `lessons --json` lists them.
    public func exerciseTasks(step: Int) -> [ExerciseTaskInfo] { tasks(step: step) }
    func check(task: Int, step: Int, workspace: Workspace) -> TaskCheck? { base.erasedCheck(task, clamped(step), workspace) }
    func judge(_ typed: String, task: Int, step: Int, workspace: Workspace) -> TaskCheck {
        base.erasedJudge(typed, task, clamped(step), workspace)
    }
    func explanation(task: Int, step: Int, workspace: Workspace) -> [String] { base.erasedExplanation(task, clamped(step), workspace) }
    func saved(workspace: Workspace?) -> [String: [String]] { base.saved(workspace: workspace) }

    mutating func enter(step: Int, workspace: inout Workspace) { base.erasedEnter(clamped(step), &workspace) }
    mutating func leave(step: Int, workspace: Workspace) { base.erasedLeave(clamped(step), workspace) }
    mutating func perform(key: Key, step: Int, context: LessonContext, workspace: inout Workspace) -> LessonResponse {
        base.erasedPerform(key, clamped(step), context, &workspace)
    }
    mutating func submit(_ text: String, step: Int, context: LessonContext, workspace: inout Workspace) -> LessonResponse {
        base.erasedSubmit(text, clamped(step), context, &workspace)
    }
    mutating func tick(step: Int, workspace: inout Workspace) -> Bool { base.erasedTick(clamped(step), &workspace) }
    mutating func receive(_ result: any Sendable, step: Int, workspace: inout Workspace) -> LessonResponse {
        base.erasedReceive(result, clamped(step), &workspace)
    }
    mutating func stopAnimating() { base.stopAnimating() }
    mutating func restore(_ saved: [String: [String]], workspace: Workspace) { base.restore(saved, workspace: workspace) }
    mutating func reset(step: Int, workspace: inout Workspace) { base.erasedReset(clamped(step), &workspace) }

    private func clamped(_ step: Int) -> Int { min(max(0, step), stepCount - 1) }
}

/// A lesson key with its action erased: the key table holds these; the lesson finds its action again by key.
struct ErasedLessonKey: Sendable, Equatable {
    let keys: [Key]
    let help: String
    let label: String?
    let short: String
    let showsInStatusBar: Bool
}

// The erased entry points, written once against `Self` so the app can call them on `any Lesson`.
extension Lesson {
    fileprivate func isSame(as other: any Lesson) -> Bool { (other as? Self) == self }

    var stepIDs: [String] { Step.allCases.map(\.rawValue) }

    static func step(_ index: Int) -> Step { Step.allCases[min(max(0, index), Step.allCases.count - 1)] }

    fileprivate func erasedKind(_ index: Int) -> StepKind { Self.step(index).kind }

    fileprivate func erasedKeys(_ index: Int) -> [ErasedLessonKey] {
        keys(at: Self.step(index)).map {
            ErasedLessonKey(keys: $0.keys, help: $0.help, label: $0.label, short: $0.short, showsInStatusBar: $0.showsInStatusBar)
        }
    }

    fileprivate func erasedSharedCommands(_ index: Int) -> Set<AppCommand> { sharedCommands(at: Self.step(index)) }
    fileprivate func erasedVocabulary(_ index: Int) -> VocabularyChoice { vocabulary(at: Self.step(index)) }
    fileprivate func erasedPanels(_ index: Int) -> [Focus] { panels(at: Self.step(index)) }
    fileprivate func erasedLayout(_ index: Int, _ body: Rect, _ state: AppState) -> LessonLayout {
        layout(at: Self.step(index), body: body, state: state)
    }

    fileprivate func erasedDraw(
        _ name: PanelName, _ index: Int, _ state: AppState, _ colorMode: ColorMode, _ buffer: inout Buffer, _ area: Rect
    ) {
        guard let panel = Panel(rawValue: name.rawValue) else { return }
        draw(panel, at: Self.step(index), state: state, colorMode: colorMode, into: &buffer, area: area)
    }

    fileprivate func erasedExplain(_ name: PanelName, _ index: Int, _ state: AppState) -> Explanation? {
        Panel(rawValue: name.rawValue).flatMap { explain($0, at: Self.step(index), state: state) }
    }

    fileprivate func erasedLiveText(_ index: Int, _ state: AppState) -> String? { liveText(at: Self.step(index), state: state) }
    fileprivate func erasedMapShowsContext(_ index: Int) -> Bool { mapShowsContext(at: Self.step(index)) }
    fileprivate func erasedIsAnimating(_ index: Int) -> Bool { isAnimating(at: Self.step(index)) }

    fileprivate func erasedTasks(_ index: Int) -> [ExerciseTaskInfo] {
        let step = Self.step(index)
        guard step.kind == .exercise else { return [] }
        return exercise(at: step)?.tasks.map(\.info) ?? []
    }

    fileprivate func erasedTaskIDs(_ index: Int) -> [String] {
        let step = Self.step(index)
        return step.kind == .exercise ? exerciseTaskIDs(at: step) : []
    }

    private func task(_ task: Int, _ index: Int) -> ExerciseTask<Self>? {
        let step = Self.step(index)
        guard step.kind == .exercise, let tasks = exercise(at: step)?.tasks, tasks.indices.contains(task) else { return nil }
        return tasks[task]
    }

    fileprivate func erasedCheck(_ task: Int, _ index: Int, _ workspace: Workspace) -> TaskCheck? {
        self.task(task, index)?.check(self, workspace)
    }

    fileprivate func erasedJudge(_ typed: String, _ task: Int, _ index: Int, _ workspace: Workspace) -> TaskCheck {
        self.task(task, index)?.judge(typed, self, workspace) ?? TaskCheck(false, "no such task")
    }

    fileprivate func erasedExplanation(_ task: Int, _ index: Int, _ workspace: Workspace) -> [String] {
        self.task(task, index)?.explanation(self, workspace) ?? []
    }

    fileprivate mutating func erasedEnter(_ index: Int, _ workspace: inout Workspace) { enter(Self.step(index), workspace: &workspace) }
    fileprivate mutating func erasedReset(_ index: Int, _ workspace: inout Workspace) { reset(Self.step(index), workspace: &workspace) }
    fileprivate mutating func erasedLeave(_ index: Int, _ workspace: Workspace) { leave(Self.step(index), workspace: workspace) }

    fileprivate mutating func erasedPerform(_ key: Key, _ index: Int, _ context: LessonContext, _ workspace: inout Workspace)
        -> LessonResponse
    {
        let step = Self.step(index)
        guard let binding = keys(at: step).first(where: { $0.keys.contains(key) }) else { return nil }
        return perform(binding.action, at: step, context: context, workspace: &workspace)
    }

    fileprivate mutating func erasedSubmit(_ text: String, _ index: Int, _ context: LessonContext, _ workspace: inout Workspace)
        -> LessonResponse
    {
        submit(text, at: Self.step(index), context: context, workspace: &workspace)
    }

    fileprivate mutating func erasedReceive(_ result: any Sendable, _ index: Int, _ workspace: inout Workspace) -> LessonResponse {
        receive(result, at: Self.step(index), workspace: &workspace)
    }

    fileprivate mutating func erasedTick(_ index: Int, _ workspace: inout Workspace) -> Bool {
        tick(at: Self.step(index), workspace: &workspace)
    }
}
