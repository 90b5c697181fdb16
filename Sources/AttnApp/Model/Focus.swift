// SPDX-License-Identifier: Apache-2.0

/// Which panel the arrow keys and Enter act on; below 80×24, the one panel on screen.
public enum Focus: Hashable, Sendable {
    /// The step's text (a Tab stop only where panels are shown one at a time).
    case text
    case map, heatmap, weights, neighbors
    /// One of the lesson's own panels, by name (`Focus.panel(_:)` makes one from the lesson's type).
    case own(PanelName)

    /// The lesson's own panel `panel`.
    public static func panel<P: LessonPanel>(_ panel: P) -> Focus { .own(PanelName(panel.rawValue)) }
}

/// A lesson panel's name, as the app holds it (the lesson turns it back into its own `Panel`).
public struct PanelName: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
}
