// SPDX-License-Identifier: Apache-2.0

import AttnApp
import AttnMath
import TUIKit

/// The queries-keys lesson's plane: two features moved by a 2×2 matrix W (x ↦ x·W, word
/// vectors as rows). Each word sits at its new place with an arrow from its old one (∘); the
/// unit square (every word's features are in 0…1) is drawn sent through W, four clean lines
/// that show what W does to the whole plane: stretched, turned, flattened, mirrored.
///
/// The words' labels come first: the ∘ marks are drawn after them, only where they cover
/// nothing, and a label with no room for the whole word gets its first three letters.
struct QueryKeyPlane: Widget {
    struct Word {
        var label: String
        var vector: [Double]
        var category: String
    }

    var title: String
    var transform: Matrix
    var words: [Word]
    var axisNames: (x: String, y: String)
    var selected: Int?
    var isFocused: Bool
    var colorMode: ColorMode

    /// The unit square's corners, in order round it: (0, 0), (1, 0), (1, 1), (0, 1).
    static let square: [[Double]] = [[0, 0], [1, 0], [1, 1], [0, 1]]

    /// Where W sends each word.
    var moved: [[Double]] { words.map { transform.transform($0.vector) } }

    /// The square's corners sent through W.
    var movedSquare: [[Double]] { Self.square.map { transform.transform($0) } }

    /// The map of the words' new places, labelled `labels`, with the arrows from their old ones.
    func map(labels: [String]) -> ScatterMap {
        let moved = self.moved
        let arrowStyle = Style(foreground: colorMode.displayable(.cube(3, 3, 3)))
        let points = zip(words, moved).enumerated().map { index, pair in
            ScatterMap.Point(
                labels[index], x: pair.1[0], y: pair.1[1], style: CategoryStyle.style(pair.0.category, mode: colorMode),
                isSelected: index == selected, marker: CategoryStyle.marker(pair.0.category))
        }
        let arrows = zip(words, moved).compactMap { word, to -> ScatterMap.Arrow? in
            guard euclideanDistance(word.vector, to) > 1e-9 else { return nil }
            return ScatterMap.Arrow(
                from: WorldPoint(x: word.vector[0], y: word.vector[1]), to: WorldPoint(x: to[0], y: to[1]), style: arrowStyle)
        }
        // Everything in view: the words before and after, and the square before and after.
        let everything = words.map(\.vector) + moved + Self.square + movedSquare
        var bounds = WorldBounds.fitting(everything.map { WorldPoint(x: $0[0], y: $0[1]) }, padding: 0.08)
        // Labels go beside their words, right first: room for them beyond the outermost words.
        let span = bounds.maxX - bounds.minX
        bounds.maxX += span * 0.2
        bounds.minX -= span * 0.1
        return ScatterMap(
            points: points, arrows: arrows, xCaption: "\(axisNames.x) →   ∘ before", yCaption: "↑ \(axisNames.y)",
            bounds: bounds, equalScale: true, showsOrigin: true, showsOmittedCount: true)
    }

    /// The labels the map shows: words that land in one cell share one label ("phone/laptop");
    /// a label with no room for its words whole gets their first three letters, then two.
    func labels(in area: Rect) -> [String] {
        let names = words.map(\.label)
        let cells = map(labels: names).layout(in: area).pointCells
        // The words of each label: a word sharing a cell with an earlier one joins that one's label.
        var groups: [[Int]] = names.indices.map { [$0] }
        for index in names.indices {
            guard let cell = cells[index],
                let first = names.indices.first(where: { $0 < index && cells[$0] == cell && !groups[$0].isEmpty })
            else { continue }
            groups[first].append(index)
            groups[index] = []
        }
        let text = { (group: [Int], letters: Int) in group.map { String(names[$0].prefix(letters)) }.joined(separator: "/") }
        var labels = groups.map { text($0, .max) }
        for letters in [3, 2] {
            let placed = map(labels: labels).layout(in: area).labels
            for index in names.indices where placed[index] == nil && !groups[index].isEmpty {
                labels[index] = text(groups[index], letters)
            }
        }
        return labels
    }

    func render(into buffer: inout Buffer, area: Rect) {
        let frame = Frame(title: title, trailingTitle: isFocused ? "Enter why" : nil, isFocused: isFocused)
        let inner = frame.draw(into: &buffer, area: area)
        guard !inner.isEmpty else { return }
        let map = self.map(labels: labels(in: inner))
        let placement = map.layout(in: inner)
        drawSquare(into: &buffer, plot: placement.plotArea, world: placement.bounds)
        map.render(into: &buffer, area: inner)
        drawOldPlaces(into: &buffer, plot: placement.plotArea, world: placement.bounds)
    }

    /// The unit square sent through W: four solid lines, faint.
    private func drawSquare(into buffer: inout Buffer, plot: Rect, world: WorldBounds) {
        guard !plot.isEmpty else { return }
        var canvas = BrailleCanvas(width: plot.width, height: plot.height)
        let style = Style(foreground: colorMode.displayable(.cube(1, 3, 4)))
        let corners = movedSquare
        for (from, to) in zip(corners, corners.dropFirst() + corners.prefix(1)) {
            guard let a = world.dot(for: WorldPoint(x: from[0], y: from[1]), dotWidth: canvas.dotWidth, dotHeight: canvas.dotHeight),
                let b = world.dot(for: WorldPoint(x: to[0], y: to[1]), dotWidth: canvas.dotWidth, dotHeight: canvas.dotHeight)
            else { continue }
            canvas.drawLine(fromX: a.x, fromY: a.y, toX: b.x, toY: b.y, style: style)
        }
        canvas.render(into: &buffer, area: plot)
    }

    /// Each moved word's old place, ∘, where its cell holds nothing but lines: never over a label or a marker.
    private func drawOldPlaces(into buffer: inout Buffer, plot: Rect, world: WorldBounds) {
        let style = Style(modifiers: [.dim])
        for (word, to) in zip(words, moved) where euclideanDistance(word.vector, to) > 1e-9 {
            guard
                let dot = world.dot(
                    for: WorldPoint(x: word.vector[0], y: word.vector[1]), dotWidth: plot.width * 2, dotHeight: plot.height * 4)
            else { continue }
            let (x, y) = (plot.x + dot.x / 2, plot.y + dot.y / 4)
            guard plot.contains(x: x, y: y), Self.isBlankOrLine(buffer[x, y].symbol) else { continue }
            buffer.set(x, y, "∘", style: style)
        }
    }

    /// A cell with nothing but braille dots (lines, axes) or nothing at all.
    static func isBlankOrLine(_ symbol: String) -> Bool {
        guard let scalar = symbol.unicodeScalars.first, symbol.unicodeScalars.count == 1 else { return false }
        return scalar == " " || (0x2800...0x28FF).contains(scalar.value)
    }
}
