import AttnMath
import TUIKit

/// One lesson of the course: its steps, its own small state, its keys and its panels.
///
/// The app owns every lesson value (`AppState.lessons`) and routes to the one in front:
/// a key bound by the lesson becomes `perform(_:step:app:)`, arriving at a step calls
/// `enter(step:app:)`, and the view asks `layout` where its panels go and `draw` to
/// draw the ones that are its own. The shared panels (text, map, heatmap, weights,
/// neighbours) are drawn by the app from the shared word list, which a lesson sets up
/// through `AppState`'s lesson helpers. `update` stays the only place state changes:
/// these methods are only ever called from it.
public protocol Lesson: Sendable, Equatable {
    /// The lesson's title and the text of its steps (from `Assets/lessons/NN.txt`).
    var script: LessonScript { get }
    /// The lesson's own keys in this step (help and the status bar list them first).
    func keys(step: Int) -> [LessonKey]
    /// The shared commands (add, remove, metric, temperature, select, Enter) that work in this step.
    func sharedCommands(step: Int) -> Set<AppCommand>
    /// Puts the lesson and the words in play in the state that shows this step's point.
    mutating func enter(step: Int, app: inout AppState)
    /// One of the lesson's own keys; returns a message for the message line, if any.
    mutating func perform(_ action: String, step: Int, app: inout AppState) -> String?
    /// The panels of this step, in Tab order (the text panel is always there besides these).
    func panels(step: Int) -> [Focus]
    /// Where the panels go in the full layout (from 80×24), inside `body`.
    func layout(step: Int, body: Rect, state: AppState) -> LessonLayout
    /// Draws one of the lesson's own panels (`Focus.panel(n)`).
    func draw(panel: Int, step: Int, state: AppState, colorMode: ColorMode, into buffer: inout Buffer, area: Rect)
    /// Enter on one of the lesson's own panels: how its number was computed.
    func explain(panel: Int, step: Int, state: AppState) -> Explanation?
    /// A live line shown above the step text (the sandbox's context formula); nil for none.
    func liveText(step: Int, state: AppState) -> String?
    /// Whether the map draws the arrow from the selected word to its context (from lesson 7 on).
    func mapShowsContext(step: Int) -> Bool
    /// Whether the lesson animates now (auto-play): the terminal then sends `.tick` about every 100 ms.
    func isAnimating(step: Int) -> Bool
    /// One animation tick; returns whether anything changed.
    mutating func tick(step: Int, app: inout AppState) -> Bool
    /// Stops the animation: any key does, so a learner is never fighting a moving screen.
    mutating func stopAnimating()
}

extension Lesson {
    public func keys(step: Int) -> [LessonKey] { [] }
    public func sharedCommands(step: Int) -> Set<AppCommand> { [] }
    public mutating func perform(_ action: String, step: Int, app: inout AppState) -> String? { nil }
    public func draw(panel: Int, step: Int, state: AppState, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {}
    public func explain(panel: Int, step: Int, state: AppState) -> Explanation? { nil }
    public func liveText(step: Int, state: AppState) -> String? { nil }
    public func mapShowsContext(step: Int) -> Bool { false }
    public func isAnimating(step: Int) -> Bool { false }
    public mutating func tick(step: Int, app: inout AppState) -> Bool { false }
    public mutating func stopAnimating() {}

    public var title: String { script.title }
    public var stepCount: Int { script.steps.count }

    /// Whether two lessons are the same type in the same state (so `AppState` can be compared whole).
    func isEqual(to other: any Lesson) -> Bool {
        (other as? Self) == self
    }
}

/// A key of the lesson's own, declared next to its help text: the app's key table takes it in.
public struct LessonKey: Sendable, Equatable {
    public let keys: [Key]
    public let action: String
    public let help: String
    /// Its label in help and the status bar ("s"), and the short word after it ("scale").
    public let label: String?
    public let short: String
    /// False for the second key of a pair the status bar shows once ("↑/↓ word" stands for ↓ too).
    public let showsInStatusBar: Bool

    public init(_ keys: [Key], _ action: String, help: String, label: String? = nil, short: String, showsInStatusBar: Bool = true) {
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
