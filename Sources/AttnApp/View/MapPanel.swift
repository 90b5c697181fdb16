// SPDX-License-Identifier: Apache-2.0

import AttnMath
import TUIKit

/// The 2D map of the words in play: PCA of their vectors, categories in
/// colour, the selected word highlighted, an arrow to its context vector.
struct MapPanel: Widget {
    let state: AppState
    let colorMode: ColorMode

    var map: ScatterMap {
        let analysis = state.analysis
        var points = zip(state.words, analysis.points).enumerated().map { index, pair in
            ScatterMap.Point(
                pair.0.label, x: pair.1.x, y: pair.1.y, style: CategoryStyle.style(pair.0.category, mode: colorMode),
                isSelected: index == state.selected, marker: CategoryStyle.marker(pair.0.category))
        }
        var arrows: [ScatterMap.Arrow] = []
        if showsContext, analysis.contextPoints.indices.contains(state.selected), analysis.points.indices.contains(state.selected) {
            let from = analysis.points[state.selected]
            let to = analysis.contextPoints[state.selected]
            arrows.append(
                ScatterMap.Arrow(
                    from: WorldPoint(x: from.x, y: from.y), to: WorldPoint(x: to.x, y: to.y),
                    style: Style(foreground: colorMode.displayable(.cube(5, 5, 1)), modifiers: [.bold])))
        }
        if case .placing(let placement) = state.mode, let preview = analysis.previewPoint {
            points.append(
                ScatterMap.Point(
                    placement.word + "?", x: preview.x, y: preview.y, style: CategoryStyle.style("custom", mode: colorMode),
                    isSelected: true, marker: CategoryStyle.marker("custom")))
        }
        return ScatterMap(
            points: points, arrows: arrows, xCaption: "PC1 →  " + legend, yCaption: "↑ PC2", padding: 0.08, showsOmittedCount: true)
    }

    /// What the markers mean, for the categories on the map (colour alone is not enough: NO_COLOR).
    var legend: String {
        var seen: [String] = []
        for word in state.words where !seen.contains(word.category) { seen.append(word.category) }
        let names = ["ambiguous": "two senses", "custom": "yours", "electronics": "tech"]
        let estimated = state.words.contains(where: \.isEstimated) ? " ~ estimated" : ""
        return seen.map { "\(CategoryStyle.marker($0)) \(names[$0] ?? $0)" }.joined(separator: " ") + estimated
    }

    var showsContext: Bool { state.currentLesson.mapShowsContext(step: state.step) }

    var title: String {
        guard let word = state.selectedWord else { return "Map" }
        return showsContext
            ? "Map · PCA\(state.showsRealVectors ? " of GloVe \(state.space.dimension)D" : "") · \(word.word) → its context"
            : "Map · PCA of \(state.spaceName) · \(word.word)"
    }

    func render(into buffer: inout Buffer, area: Rect) {
        let frame = Frame(title: title, isFocused: state.focus == .map)
        let inner = frame.draw(into: &buffer, area: area)
        guard !state.words.isEmpty else {
            buffer.write("no words: press a to add one", x: inner.x + 1, y: inner.y, maxWidth: inner.width - 1)
            return
        }
        map.render(into: &buffer, area: inner)
    }

    /// The word at a cell of the map, for mouse clicks.
    func wordIndex(atX x: Int, y: Int, in area: Rect) -> Int? {
        let inner = Frame(title: title).inner(area)
        guard let index = map.pointIndex(atX: x, y: y, in: inner), state.words.indices.contains(index) else { return nil }
        return index
    }
}
