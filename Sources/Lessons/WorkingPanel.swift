// SPDX-License-Identifier: Apache-2.0

import AttnApp
import TUIKit

/// A panel under a lesson's tables that works out, live, what Enter would open: on a tall
/// screen the space below short tables shows the computation instead of empty grid.
enum WorkingPanel {
    /// The fewest rows worth a working panel: a frame, a title and a few lines.
    static let minimumHeight = 8

    /// The step's text on top, `panels` side by side below it (`weights` share the width), and
    /// under them `working` when the tables need only `tablesHeight` rows and at least
    /// `minimumHeight` are left; else the tables take the whole height, as `textOnTop` has it.
    static func layout(
        _ state: AppState, body: Rect, panels: [Focus], weights: [Int], tablesHeight: Int, working: Focus?
    ) -> LessonLayout {
        let base = LessonLayouts.textOnTop(state, body: body, panels: panels, weights: weights)
        guard let working, let first = panels.first.flatMap(base.rect(of:)), first.height - tablesHeight >= minimumHeight else {
            return base
        }
        let placements = base.placements.map { placement in
            placement.panel == .text
                ? placement
                : PanelPlacement(
                    placement.panel, Rect(x: placement.rect.x, y: placement.rect.y, width: placement.rect.width, height: tablesHeight))
        }
        let below = Rect(x: body.x, y: first.y + tablesHeight, width: body.width, height: first.height - tablesHeight)
        return LessonLayout(placements + [PanelPlacement(working, below)])
    }

    /// Draws an explanation as "How … is worked out", its lines cut at the panel's foot with a note that Enter shows it whole.
    static func draw(_ explanation: Explanation?, into buffer: inout Buffer, area: Rect) {
        let inner = Frame(title: explanation.map { "How \($0.title) is worked out" } ?? "Working").draw(into: &buffer, area: area)
        let lines = explanation?.lines ?? []
        // A cut explanation keeps its last row for the note.
        let shown = lines.count > inner.height ? inner.height - 1 : lines.count
        for (row, line) in lines.prefix(max(0, shown)).enumerated() {
            buffer.write(line, x: inner.x, y: inner.y + row, maxWidth: inner.width)
        }
        if lines.count > inner.height, inner.height > 0 {
            buffer.write("… Enter shows it whole", x: inner.x, y: inner.bottom - 1, style: Style(modifiers: [.dim]), maxWidth: inner.width)
        }
    }
}
