// SPDX-License-Identifier: Apache-2.0

import AttnMath
import TUIKit

/// One lesson of the course: a part with its own steps, its own small state, its own keys
/// and its own panels, plugged into the app the way a child model is in the Elm architecture.
///
/// The app holds every lesson's value and routes to the one in front: arriving at a step
/// calls `enter`, a key the lesson binds becomes `perform` with the lesson's own `Action`,
/// a prompt the lesson opened comes back as `submit`, and the view asks `layout` where the
/// panels go and `draw` to draw the lesson's own. A lesson changes only its own value and
/// the shared `Workspace` (words in play, selection, metric, temperature) through the
/// workspace's operations; it never sees the app's focus, mode or derived numbers as
/// things it can set. `update` stays the only place state changes: these methods are only
/// ever called from it.
///
/// Steps are named (`Step`), and the script `Assets/lessons/<id>.txt` marks each section
/// `--- step: <name>`; progress is saved by lesson id and step name.
public protocol Lesson: Sendable, Equatable {
    /// The lesson's steps, in order (the script's sections, by name).
    associatedtype Step: LessonStep
    /// What the lesson's own keys do.
    associatedtype Action: Hashable, Sendable = NoAction
    /// The lesson's own panels.
    associatedtype Panel: LessonPanel = NoPanel

    /// The lesson's id: its script's name (`cosine` reads `Assets/lessons/cosine.txt`).
    static var id: String { get }
    /// The lesson's title and steps' text; by default `Assets/lessons/<id>.txt`, compiled in.
    static var script: LessonScript { get }
    /// A fresh lesson, as it first appears (`r` makes a fresh value too).
    init()

    /// The lesson's own keys in this step (help and the status bar list them first).
    func keys(at step: Step) -> [LessonKey<Action>]
    /// The shared commands (add, remove, metric, temperature, select, Enter) that work in this step.
    func sharedCommands(at step: Step) -> Set<AppCommand>
    /// Which words the lesson works on; the app puts the workspace on them before `enter`.
    func vocabulary(at step: Step) -> VocabularyChoice
    /// Puts the lesson and the words in play in the state that shows this step's point.
    mutating func enter(_ step: Step, workspace: inout Workspace)
    /// The learner leaves the lesson (for another one); the workspace is as they left it.
    mutating func leave(_ step: Step, workspace: Workspace)
    /// `r`: the lesson as it first appeared, at this step. The default makes a fresh value and enters the step.
    mutating func reset(_ step: Step, workspace: inout Workspace)
    /// One of the lesson's own keys.
    mutating func perform(_ action: Action, at step: Step, context: LessonContext, workspace: inout Workspace) -> LessonResponse
    /// The text typed into a prompt the lesson opened (`LessonResponse.prompt`).
    mutating func submit(_ text: String, at step: Step, context: LessonContext, workspace: inout Workspace) -> LessonResponse
    /// What a job the lesson asked for (`LessonResponse.job`) computed, off the key path; it
    /// arrives only while the lesson is in front (a lesson left behind starts again anyway).
    mutating func receive(_ result: any Sendable, at step: Step, workspace: inout Workspace) -> LessonResponse
    /// The panels of this step, in Tab order (the text panel is always there besides these);
    /// the first has the focus when the step opens.
    func panels(at step: Step) -> [Focus]
    /// Where the panels go in the full layout (from 80×24), inside `body`.
    func layout(at step: Step, body: Rect, state: AppState) -> LessonLayout
    /// Draws one of the lesson's own panels.
    func draw(_ panel: Panel, at step: Step, state: AppState, colorMode: ColorMode, into buffer: inout Buffer, area: Rect)
    /// Enter on one of the lesson's own panels: how its number was computed.
    func explain(_ panel: Panel, at step: Step, state: AppState) -> Explanation?
    /// A live line shown above the step text (the sandbox's context formula); nil for none.
    func liveText(at step: Step, state: AppState) -> String?
    /// Whether the map draws the arrow from the selected word to its context.
    func mapShowsContext(at step: Step) -> Bool
    /// Whether the lesson animates now (auto-play): the terminal then sends `.tick` about every 100 ms.
    func isAnimating(at step: Step) -> Bool
    /// One animation tick; returns whether anything changed.
    mutating func tick(at step: Step, workspace: inout Workspace) -> Bool
    /// Stops the animation: any key does, so a learner is never fighting a moving screen.
    mutating func stopAnimating()
    /// The tasks of an exercise step (`Step.kind == .exercise`), checked against the live state.
    func exercise(at step: Step) -> Exercise<Self>?
    /// The ids of those tasks, all the title bar's count of solved exercises needs (every frame,
    /// for every lesson): by default `exercise(at:)`'s. A lesson whose tasks cost something to
    /// build (a solution worked out with a trained model) names them here instead, so the first
    /// frame of another lesson never pays for them.
    func exerciseTaskIDs(at step: Step) -> [String]
    /// What the lesson keeps across runs besides progress (the sandbox: its words), as named lists.
    func saved(workspace: Workspace?) -> [String: [String]]
    /// Takes back what `saved` returned in an earlier run.
    mutating func restore(_ saved: [String: [String]], workspace: Workspace)
    /// Whether `attn-tui --embeddings FILE` opens this lesson (the one that explores a user's file).
    static var opensUserFiles: Bool { get }
}

extension Lesson {
    public static var opensUserFiles: Bool { false }
    public func keys(at step: Step) -> [LessonKey<Action>] { [] }
    public func sharedCommands(at step: Step) -> Set<AppCommand> { [] }
    public func vocabulary(at step: Step) -> VocabularyChoice { .lexicon }
    public mutating func leave(_ step: Step, workspace: Workspace) {}
    public mutating func reset(_ step: Step, workspace: inout Workspace) {
        self = Self()
        enter(step, workspace: &workspace)
    }
    public mutating func perform(_ action: Action, at step: Step, context: LessonContext, workspace: inout Workspace)
        -> LessonResponse
    { nil }
    public mutating func submit(_ text: String, at step: Step, context: LessonContext, workspace: inout Workspace)
        -> LessonResponse
    { nil }
    public mutating func receive(_ result: any Sendable, at step: Step, workspace: inout Workspace) -> LessonResponse { nil }
    public func draw(_ panel: Panel, at step: Step, state: AppState, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {}
    public func explain(_ panel: Panel, at step: Step, state: AppState) -> Explanation? { nil }
    public func liveText(at step: Step, state: AppState) -> String? { nil }
    public func mapShowsContext(at step: Step) -> Bool { false }
    public func isAnimating(at step: Step) -> Bool { false }
    public mutating func tick(at step: Step, workspace: inout Workspace) -> Bool { false }
    public mutating func stopAnimating() {}
    public func exercise(at step: Step) -> Exercise<Self>? { nil }
    public func exerciseTaskIDs(at step: Step) -> [String] { exercise(at: step)?.tasks.map(\.id) ?? [] }
    public func saved(workspace: Workspace?) -> [String: [String]] { [:] }
    public mutating func restore(_ saved: [String: [String]], workspace: Workspace) {}

    /// The lesson's script (title and steps), compiled into the binary.
    public static var script: LessonScript { LessonScript.load(id) }
}

/// The steps of a lesson, named; `allCases` is their order.
public protocol LessonStep: RawRepresentable<String>, CaseIterable, Hashable, Sendable where AllCases == [Self] {
    /// Explore (the default) or exercise.
    var kind: StepKind { get }
}

extension LessonStep {
    public var kind: StepKind { .explore }
}

/// What a step is for: showing an idea, or checking the learner can use it.
public enum StepKind: String, Sendable, Equatable {
    case explore, exercise
}

/// A lesson's own panels, by name.
public protocol LessonPanel: RawRepresentable<String>, Hashable, Sendable {}

/// The panels of a lesson that has none of its own.
public enum NoPanel: String, LessonPanel {
    case none
}

/// The actions of a lesson that has no keys of its own.
public enum NoAction: Hashable, Sendable {}

/// Which words a lesson works on.
public enum VocabularyChoice: Hashable, Sendable {
    /// The built-in lexicon's named features (every lesson's words).
    case lexicon
    /// A user's file when the program was started with one, else the built-in lexicon.
    case explorer
    /// The word pack's real 50-d GloVe vectors (the sandbox's `v`).
    case realVectors
}

/// What the lesson may read while it acts, besides the workspace: where the learner is looking.
public struct LessonContext: Sendable, Equatable {
    /// The panel with the focus.
    public let focus: Focus
    /// Whether every panel of the step is on screen (from 80×24), or one at a time.
    public let showsAllPanels: Bool

    public init(focus: Focus, showsAllPanels: Bool) {
        self.focus = focus
        self.showsAllPanels = showsAllPanels
    }

    /// The lesson's own panel that has the focus, if it is one of `P`'s.
    public func focused<P: LessonPanel>(_ type: P.Type) -> P? {
        if case .own(let name) = focus { return P(rawValue: name.rawValue) }
        return nil
    }
}

/// What a lesson answers to a key or a prompt: a message, and what it asks the app to open or run.
public struct LessonResponse: Sendable, ExpressibleByNilLiteral, ExpressibleByStringInterpolation {
    /// For the message line.
    public var message: String?
    /// A text prompt the lesson wants the learner to type into; its text comes back as `submit`.
    public var prompt: LessonPrompt?
    /// A panel the lesson's change is best read in: the app focuses it where every panel shows.
    public var focus: Focus?
    /// Work too long for a key press (training a model): run off the key path, its result back as `receive`.
    public var job: LessonJob?

    public init(message: String? = nil, prompt: LessonPrompt? = nil, focus: Focus? = nil, job: LessonJob? = nil) {
        self.message = message
        self.prompt = prompt
        self.focus = focus
        self.job = job
    }

    public init(nilLiteral: ()) { self.init() }
    public init(stringLiteral value: String) { self.init(message: value) }
    public init(stringInterpolation: DefaultStringInterpolation) { self.init(message: String(stringInterpolation: stringInterpolation)) }
}

/// Work a lesson hands to the app: a pure function of what it captured (a value-type model, say),
/// so it can run on another thread while keys keep being answered. The interactive screen runs it
/// in the background and polls for its result; `render` and the tests run it at once, so their
/// frames stay reproducible.
public struct LessonJob: Sendable {
    public let work: @Sendable () -> any Sendable

    public init(_ work: @escaping @Sendable () -> any Sendable) { self.work = work }
}

/// A prompt a lesson opens (a sentence to type, say).
public struct LessonPrompt: Sendable, Equatable {
    public var label: String
    public var placeholder: String
    public var text: String
    public var maxLength: Int

    public init(label: String, placeholder: String, text: String = "", maxLength: Int = 60) {
        self.label = label
        self.placeholder = placeholder
        self.text = text
        self.maxLength = maxLength
    }
}

/// A key of the lesson's own, declared next to its help text: the app's key table takes it in.
public struct LessonKey<Action: Hashable & Sendable>: Sendable, Equatable {
    public let keys: [Key]
    public let action: Action
    public let help: String
    /// Its label in help and the status bar ("s"), and the short word after it ("scale").
    public let label: String?
    public let short: String
    /// False for the second key of a pair the status bar shows once ("↑/↓ word" stands for ↓ too).
    public let showsInStatusBar: Bool

    public init(_ keys: [Key], _ action: Action, help: String, label: String? = nil, short: String, showsInStatusBar: Bool = true) {
        self.keys = keys
        self.action = action
        self.help = help
        self.label = label
        self.short = short
        self.showsInStatusBar = showsInStatusBar
    }
}

/// Where a lesson's panels go in the body of the screen.
public struct LessonLayout: Equatable, Sendable {
    public var placements: [PanelPlacement]
    /// Cosine and dot heatmaps side by side in the heatmap panel (else the current metric alone).
    public var heatmapsSideBySide: Bool

    public init(_ placements: [PanelPlacement], heatmapsSideBySide: Bool = false) {
        self.placements = placements
        self.heatmapsSideBySide = heatmapsSideBySide
    }

    public func rect(of panel: Focus) -> Rect? { placements.first { $0.panel == panel }?.rect }
}

public struct PanelPlacement: Equatable, Sendable {
    public var panel: Focus
    public var rect: Rect

    public init(_ panel: Focus, _ rect: Rect) {
        self.panel = panel
        self.rect = rect
    }
}

/// How a number on screen was computed, for the Enter popup.
public struct Explanation: Equatable, Sendable {
    public var title: String
    public var lines: [String]

    public init(title: String, lines: [String]) {
        self.title = title
        self.lines = lines
    }
}
