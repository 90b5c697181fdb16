// SPDX-License-Identifier: Apache-2.0

import TUIKit

/// Layouts the lessons share, so each lesson only says which panels it shows.
public enum LessonLayouts {
    /// The step's text across the top, as tall as it needs (at most half the body), and
    /// `panels` side by side below it, splitting the width by `weights`.
    public static func textOnTop(
        _ state: AppState, body: Rect, panels: [Focus], weights: [Int]? = nil, heatmapsSideBySide: Bool = false
    ) -> LessonLayout {
        let textHeight = min(StepTextPanel.height(state, width: body.width), max(3, body.height / 2))
        let rows = Layout.split(body, .vertical, [.length(textHeight), .fill(1)])
        var placements = [PanelPlacement(.text, rows[0])]
        guard !panels.isEmpty else { return LessonLayout([PanelPlacement(.text, body)]) }
        let shares = weights ?? panels.map { _ in 1 }
        let columns = Layout.split(rows[1], .horizontal, shares.map { .fill($0) })
        placements += zip(panels, columns).map { PanelPlacement($0, $1) }
        return LessonLayout(placements, heatmapsSideBySide: heatmapsSideBySide)
    }

    /// The text on top, then a left column and a right column that holds `right` stacked.
    public static func textOnTop(
        _ state: AppState, body: Rect, left: Focus, right: [Focus], leftShare: Int = 50
    ) -> LessonLayout {
        let textHeight = min(StepTextPanel.height(state, width: body.width), max(3, body.height / 2))
        let rows = Layout.split(body, .vertical, [.length(textHeight), .fill(1)])
        let columns = Layout.split(rows[1], .horizontal, [.percentage(leftShare), .fill(1)])
        var placements = [PanelPlacement(.text, rows[0]), PanelPlacement(left, columns[0])]
        let stacked = Layout.split(columns[1], .vertical, right.map { _ in .fill(1) })
        placements += zip(right, stacked).map { PanelPlacement($0, $1) }
        return LessonLayout(placements)
    }

    /// The explorer's layout: the map beside the weights, the heatmaps and the text, and
    /// (in the sandbox) the nearest words.
    public static func explorer(_ state: AppState, body: Rect, showsNeighbors: Bool) -> LessonLayout {
        let wordCount = state.words.count
        if body.width >= 100 && body.height >= 27 {
            // Wide: both heatmaps across the bottom at full width, so their cells hold numbers;
            // above them the map beside the weights and the text.
            let heatmapHeight = min(wordCount + 5, body.height * 45 / 100)
            let rows = Layout.split(body, .vertical, [.fill(1), .length(heatmapHeight)])
            let columns = Layout.split(rows[0], .horizontal, [.percentage(50), .fill(1)])
            let right = Layout.split(columns[1], .vertical, [.length(min(wordCount + 2, columns[1].height / 2)), .fill(1)])
            var placements = [PanelPlacement(.map, columns[0]), PanelPlacement(.weights, right[0])]
            let textHeight = StepTextPanel.height(state, width: right[1].width)
            if showsNeighbors, right[1].height - textHeight >= 5 {
                // The text whole, the nearest words in what is left.
                let parts = Layout.split(right[1], .vertical, [.fill(1), .length(textHeight)])
                placements += [PanelPlacement(.neighbors, parts[0]), PanelPlacement(.text, parts[1])]
            } else {
                placements.append(PanelPlacement(.text, right[1]))
            }
            placements.append(PanelPlacement(.heatmap, rows[1]))
            return LessonLayout(placements, heatmapsSideBySide: true)
        }
        // Narrow: the text across the top, whole (the live line where there is room); the map
        // beside the heatmap over the weights.
        let full = StepTextPanel.height(state, width: body.width)
        let textHeight = body.height >= 27 ? full : StepTextPanel.height(state, width: body.width, includingLive: false)
        let rows = Layout.split(body, .vertical, [.length(textHeight), .fill(1)])
        let columns = Layout.split(rows[1], .horizontal, [.percentage(50), .fill(1)])
        // The weights take every bar they have (they are the numbers; the heatmap is colour at
        // this width and reads its row out), leaving the heatmap at least a few rows.
        let weightsHeight = min(wordCount + 2, max(5, rows[1].height - 7))
        let heatmapHeight = min(wordCount + 4, rows[1].height - weightsHeight)
        let right = Layout.split(columns[1], .vertical, [.length(heatmapHeight), .fill(1)])
        return LessonLayout([
            PanelPlacement(.text, rows[0]), PanelPlacement(.map, columns[0]), PanelPlacement(.heatmap, right[0]),
            PanelPlacement(.weights, right[1]),
        ])
    }
}
