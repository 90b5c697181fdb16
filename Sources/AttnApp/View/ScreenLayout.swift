// SPDX-License-Identifier: Apache-2.0

import TUIKit

/// Where each panel goes for a terminal size. Pure, so `update` can hit-test
/// mouse clicks against the same rectangles the view draws.
public struct ScreenLayout: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// Every panel of the step, from 80×24.
        case full
        /// One panel at a time (the focused one, the text among them), from 40×12.
        case compact
        /// Below 40×12: only a message.
        case tooSmall
    }

    public static let fullMinimum = Size(width: 80, height: 24)
    public static let compactMinimum = Size(width: 40, height: 12)

    public let kind: Kind
    public var title = Rect(x: 0, y: 0, width: 0, height: 0)
    /// The panels of the body, as the lesson placed them.
    public var placements: [PanelPlacement] = []
    /// The line for the prompt and messages.
    public var message = Rect(x: 0, y: 0, width: 0, height: 0)
    public var status = Rect(x: 0, y: 0, width: 0, height: 0)
    /// Cosine and dot product side by side, else one toggled by `m`.
    public var heatmapsSideBySide = false

    public func rect(of panel: Focus) -> Rect? { placements.first { $0.panel == panel }?.rect }
    public var map: Rect? { rect(of: .map) }
    public var heatmap: Rect? { rect(of: .heatmap) }
    public var weights: Rect? { rect(of: .weights) }
    /// The step's text (and, while a word is placed, its feature editor).
    public var lesson: Rect? { rect(of: .text) }
    public var neighbors: Rect? { rect(of: .neighbors) }

    public init(size: Size, state: AppState) {
        let screen = Rect(size: size)
        if size.width < Self.compactMinimum.width || size.height < Self.compactMinimum.height {
            kind = .tooSmall
            return
        }
        let rows = Layout.split(screen, .vertical, [.length(1), .fill(1), .length(1), .length(1)])
        title = rows[0]
        message = rows[2]
        status = rows[3]
        let body = rows[1]
        var placing = false
        if case .placing = state.mode { placing = true }
        guard size.width >= Self.fullMinimum.width && size.height >= Self.fullMinimum.height else {
            kind = .compact
            if placing {
                // The map shows where the new word lands; the editor below sets its features.
                let parts = Layout.split(body, .vertical, [.fill(1), .length(min(8, (body.height + 1) / 2))])
                placements = [PanelPlacement(.map, parts[0]), PanelPlacement(.text, parts[1])]
                return
            }
            let order = state.focusOrder(compact: true)
            placements = [PanelPlacement(order.contains(state.focus) ? state.focus : .text, body)]
            return
        }
        kind = .full
        guard placing else {
            let layout = state.currentLesson.layout(step: state.step, body: body, state: state)
            placements = layout.placements
            heatmapsSideBySide = layout.heatmapsSideBySide
            return
        }
        // The feature editor goes on top, whole; the lesson's panels share the rest (its text waits).
        let editorHeight = min(body.height / 2, StepTextPanel.placementHeight(state, width: body.width))
        let parts = Layout.split(body, .vertical, [.length(editorHeight), .fill(1)])
        let layout = state.currentLesson.layout(step: state.step, body: parts[1], state: state)
        placements = [PanelPlacement(.text, parts[0])] + layout.placements.filter { $0.panel != .text }
        if let text = layout.rect(of: .text) {
            // The panels under the text take its place too, so they keep their size.
            for index in placements.indices.dropFirst() {
                let rect = placements[index].rect
                guard rect.y == text.bottom, rect.x >= text.x, rect.right <= text.right else { continue }
                placements[index].rect = Rect(x: rect.x, y: text.y, width: rect.width, height: rect.bottom - text.y)
            }
        }
        heatmapsSideBySide = layout.heatmapsSideBySide
    }
}
