// SPDX-License-Identifier: Apache-2.0

import AttnMath
import TUIKit
import Vocabularies

/// What the screen is doing besides showing the panels.
public enum Mode: Equatable, Sendable {
    case browsing
    /// Typing into a prompt: a word to add, an exercise's answer, or the lesson's own.
    case prompt(Prompt)
    /// Placing an unknown word by setting its feature values.
    case placing(Placement)
    /// The key list, scrolled by `scroll` lines.
    case help(scroll: Int)
    /// The computation behind one number, opened with Enter.
    case detail(Detail, scroll: Int)
    /// The first run's one-screen welcome, over the first step.
    case welcome
    /// The course map (`g`): every lesson and its steps, the cursor on one step.
    case courseMap(lesson: Int, step: Int)
    /// The glossary (`/`): every term, the cursor on one.
    case glossary(term: Int)
    /// After the last step of the last lesson: what the learner can do now, where to go next.
    case end
}

/// A prompt on the message line and what its text is for.
public struct Prompt: Equatable, Sendable {
    public var field: TextField
    public var purpose: Purpose

    public enum Purpose: Equatable, Sendable {
        /// A word to add to play.
        case addWord
        /// The answer to the exercise task at this position in the step.
        case answer(task: Int)
        /// The lesson in front asked for it (`LessonResponse.prompt`); the text goes back to it.
        case lesson
    }
}

/// An unknown word being placed: its vector so far and the feature being edited.
public struct Placement: Equatable, Sendable {
    public var word: String
    public var vector: [Double]
    public var feature: Int
}

/// Which number's computation is open.
public enum Detail: Equatable, Sendable {
    /// The score of row word against column word under a metric.
    case score(row: Int, column: Int, metric: Metric)
    /// The softmax weight of `column` in the selected word's context.
    case weight(row: Int, column: Int)
    /// A number of a lesson's own panel, explained by the lesson (or a hint or an answer).
    case lesson(Explanation)
}

/// Everything the screen shows is a function of this value; only `update` changes it.
///
/// Equatable, so a test can compare whole states. The inputs are the course position, the
/// lessons' own values, the workspace, focus, mode and progress; the derived numbers
/// (`analysis`, the neighbours) follow from them and are recomputed once at the end of
/// `update` when an input they depend on changed.
public struct AppState: Sendable, Equatable {
    public let environment: AppEnvironment
    /// The lesson in front: its position in the course, from 0.
    public internal(set) var lessonIndex: Int
    /// The step of that lesson, from 0.
    public internal(set) var step: Int
    /// Every lesson's own state, in course order; `lessons[lessonIndex]` is in front.
    public internal(set) var lessons: [AnyLesson]
    /// The words in play, selection, metric and temperature: what lessons and panels share.
    public internal(set) var workspace: Workspace
    public internal(set) var focus: Focus
    public internal(set) var mode: Mode {
        didSet { explainOpenDetail(after: oldValue) }
    }
    /// The open detail's computation (`Mode.detail`), built once when it opens, never per frame
    /// nor per scroll: a score's table is as long as the dimension allows.
    public private(set) var openExplanation: ComputationDetail?
    /// The last message for the user (added, removed, errors); cleared by the next key.
    public internal(set) var message: String?
    public internal(set) var isFinished: Bool
    /// The terminal size of the last frame, for mouse hit-testing and Tab order.
    public internal(set) var size: Size
    /// The exercise tasks the learner solved.
    public internal(set) var progress: CourseProgress
    /// The lessons' jobs still running, by number (the screen polls for their results meanwhile).
    public internal(set) var runningJobs: Set<Int> = []
    /// The number of the last job started.
    var nextJob = 0

    /// The derived numbers (projection, matrices, weights) for the words in play.
    public private(set) var analysis = Analysis.empty
    /// The selected word's nearest words in its vocabulary.
    public private(set) var nearestToSelected: [Neighbor] = []
    /// The nearest vocabulary words to the word being placed.
    public private(set) var placementNearest: [Neighbor] = []
    /// What the derived numbers were computed from.
    private var derivedFrom: DerivedInputs?

    public init(environment: AppEnvironment, saved: SavedState? = nil) {
        self.environment = environment
        let course = environment.course
        lessons = course.lessons
        workspace = Workspace(lexicon: environment.lexicon, file: environment.file, customWords: saved?.customWords ?? [])
        progress = CourseProgress(saved: saved)
        // A practitioner's file opens the lesson that explores it; otherwise the course resumes.
        let savedLesson = saved?.lesson.flatMap(course.index(of:))
        let opening = environment.file != nil ? course.userFileLesson : nil
        let front = environment.initialLesson ?? opening ?? savedLesson ?? 0
        let resumes = environment.initialLesson == nil && opening == nil && savedLesson == front
        let savedStep = resumes ? saved?.step.flatMap(course.lessons[front].stepIndex(of:)) : nil
        step = min(max(0, environment.initialStep ?? savedStep ?? 0), course.lessons[front].stepCount - 1)
        lessonIndex = front
        focus = .text
        // A first run (nothing saved, no lesson asked for) opens on the welcome.
        mode = saved == nil && environment.initialLesson == nil && environment.file == nil ? .welcome : .browsing
        isFinished = false
        size = Size(width: 80, height: 24)
        for index in lessons.indices {
            if let lists = saved?.lessons[lessons[index].id]?.lists, !lists.isEmpty {
                lessons[index].restore(lists, workspace: workspace)
            }
        }
        enterStep()
        refreshDerived()
    }

    /// Builds the explanation of a detail that just opened (another number, or the first), and
    /// drops it when the detail closes.
    private mutating func explainOpenDetail(after previous: Mode) {
        guard case .detail(let detail, _) = mode else {
            openExplanation = nil
            return
        }
        if case .detail(let before, _) = previous, before == detail, openExplanation != nil { return }
        openExplanation = ComputationDetail(detail, state: self)
    }

    // MARK: Reading

    public var course: Course { environment.course }
    /// The lesson in front.
    public var currentLesson: AnyLesson { lessons[lessonIndex] }
    public var lessonID: String { currentLesson.id }
    public var stepID: String { currentLesson.stepIDs[step] }
    public var stepKind: StepKind { currentLesson.stepKind(step) }

    public var words: [WordInPlay] { workspace.words }
    public var selected: Int { workspace.selected }
    public var column: Int { workspace.column }
    public var weightCursor: Int { workspace.weightCursor }
    public var metric: Metric { workspace.metric }
    public var temperature: Double { workspace.temperature }
    public var customWords: [WordInPlay] { workspace.customWords }
    public var selectedWord: WordInPlay? { workspace.selectedWord }
    /// The vocabulary of the words in play.
    public var space: VocabularySpace { workspace.space }
    public var featureNames: [String] { workspace.featureNames }

    /// Finds a word by name in the current vocabulary (the learner's own placed words first).
    public func lookUp(_ token: String) -> WordInPlay? { workspace.lookUp(token) }

    /// A lexicon word's vector by name (for lessons' own panels).
    public func vector(of name: String) -> [Double]? { workspace.vector(of: name) }

    /// The built-in words shown with their real GloVe vectors instead of the named features.
    public var showsRealVectors: Bool { workspace.vocabulary == .realVectors && environment.file == nil }

    /// What the map and neighbour titles say about the space shown.
    public var spaceName: String { showsRealVectors ? "GloVe \(space.dimension)D" : "\(space.dimension)D" }

    /// The exercise tasks of the step in front (none in an explore step).
    public var tasks: [ExerciseTaskInfo] { currentLesson.tasks(step: step) }

    public func isSolved(task: ExerciseTaskInfo) -> Bool { progress.isSolved(task.id, in: lessonID) }

    /// The tasks of every exercise step of a lesson.
    func allTasks(ofLesson index: Int) -> [ExerciseTaskInfo] {
        let lesson = lessons[index]
        return (0..<lesson.stepCount).flatMap { lesson.tasks(step: $0) }
    }

    /// The ids of the tasks of every exercise step of a lesson (its tasks are not built).
    func allTaskIDs(ofLesson index: Int) -> [String] {
        let lesson = lessons[index]
        return (0..<lesson.stepCount).flatMap { lesson.taskIDs(step: $0) }
    }

    /// Whether every task of a lesson's exercise is solved (nil: the lesson has no exercise).
    public func isComplete(lesson index: Int) -> Bool? {
        let ids = allTaskIDs(ofLesson: index)
        guard !ids.isEmpty else { return nil }
        return ids.allSatisfy { progress.isSolved($0, in: lessons[index].id) }
    }

    /// Lessons whose exercise is solved, of those that have one: the title bar's progress.
    public var courseProgress: (complete: Int, of: Int) {
        let states = lessons.indices.compactMap(isComplete(lesson:))
        return (states.filter { $0 }.count, states.count)
    }

    /// What is worth keeping across sessions.
    public var saved: SavedState {
        var lessonsSaved: [String: SavedLesson] = [:]
        for (index, lesson) in lessons.enumerated() {
            let entry = SavedLesson(
                solved: progress.solved(in: lesson.id), lists: lesson.saved(workspace: index == lessonIndex ? workspace : nil))
            if !entry.isEmpty { lessonsSaved[lesson.id] = entry }
        }
        return SavedState(lesson: lessonID, step: stepID, customWords: workspace.customWords, lessons: lessonsSaved)
    }

    // MARK: Derived numbers, in one place

    /// Recomputes what follows from the inputs, once, when one of them changed: the analysis
    /// (words, metric, temperature, vocabulary, the word being placed), the selected word's
    /// neighbours and the placed word's. `update` calls it at its end; nothing else sets them.
    mutating func refreshDerived() {
        let inputs = DerivedInputs(self)
        guard inputs != derivedFrom else { return }
        let previous = derivedFrom
        derivedFrom = inputs
        var preview: WordInPlay?
        if let vector = inputs.placement, case .placing(let placement) = mode {
            preview = WordInPlay(word: placement.word, vector: vector, origin: .custom)
            if vector != previous?.placement || inputs.vocabulary != previous?.vocabulary {
                placementNearest = space.neighborIndex.nearest(to: vector, k: 5, excluding: [])
            }
        } else {
            placementNearest = []
        }
        if inputs.analysisInputs != previous?.analysisInputs {
            // Another vocabulary (another dimension) keeps no orientation from the last.
            let keepsOrientation =
                inputs.vocabulary == previous?.vocabulary && analysis.words.first?.vector.count == words.first?.vector.count
            analysis = Analysis(
                words: words, preview: preview, metric: metric, temperature: temperature, previous: keepsOrientation ? analysis : nil,
                dimension: space.dimension)
        }
        if inputs.selectedWord != previous?.selectedWord || inputs.vocabulary != previous?.vocabulary {
            nearestToSelected =
                selectedWord.map { word in
                    let own = space.vocabulary.table.index(of: word.word).map { Set([$0]) } ?? []
                    return space.neighborIndex.nearest(to: word.vector, k: Self.neighborCount, excluding: own)
                } ?? []
        }
    }

    /// How many neighbours `update` finds for the selected word: more than any panel shows.
    static let neighborCount = 24
}

/// What the derived numbers depend on: cheap to compare on every event.
private struct DerivedInputs: Equatable {
    /// The workspace's count of changes of words, metric, temperature and vocabulary.
    let revision: Int
    let vocabulary: VocabularyChoice
    let selectedWord: String?
    /// The vector of the word being placed, if any.
    let placement: [Double]?

    init(_ state: AppState) {
        revision = state.workspace.revision
        vocabulary = state.workspace.vocabulary
        selectedWord = state.selectedWord.map { $0.word + "\u{0}" + String($0.vector.count) }
        if case .placing(let placement) = state.mode { self.placement = placement.vector } else { placement = nil }
    }

    struct AnalysisInputs: Equatable {
        let revision: Int
        let vocabulary: VocabularyChoice
        let placement: [Double]?
    }

    var analysisInputs: AnalysisInputs { AnalysisInputs(revision: revision, vocabulary: vocabulary, placement: placement) }
}

/// The exercise tasks solved, by lesson id: the course map's ticks.
public struct CourseProgress: Sendable, Equatable {
    private var solvedTasks: [String: Set<String>]

    init(saved: SavedState?) {
        solvedTasks = [:]
        for (id, lesson) in saved?.lessons ?? [:] where !lesson.solved.isEmpty { solvedTasks[id] = Set(lesson.solved) }
    }

    public func isSolved(_ task: String, in lesson: String) -> Bool { solvedTasks[lesson]?.contains(task) ?? false }

    /// The solved tasks of a lesson, sorted (as saved).
    public func solved(in lesson: String) -> [String] { (solvedTasks[lesson] ?? []).sorted() }

    mutating func markSolved(_ task: String, in lesson: String) { solvedTasks[lesson, default: []].insert(task) }
}
