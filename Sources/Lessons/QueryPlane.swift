// SPDX-License-Identifier: Apache-2.0

import AttnApp
import AttnMath
import TUIKit

/// The hand-sized plane of the weighted-average and softmax lessons: three words with two features and a
/// direction q that `t` turns by 45°. Integer coordinates keep every score exact, so
/// the sum of the raw weights is exactly 0 where q is perpendicular to apple + banana + phone.
struct QueryPlane: Equatable, Sendable {
    struct Word: Equatable, Sendable {
        let name: String
        let vector: [Double]
        let category: String
    }

    static let words = [
        Word(name: "apple", vector: [2, 2], category: "ambiguous"),
        Word(name: "banana", vector: [-1, 3], category: "fruit"),
        Word(name: "phone", vector: [4, 0], category: "electronics"),
    ]

    /// q's eight directions, counter-clockwise from (1, 0).
    static let directions: [[Double]] = [[1, 0], [1, 1], [0, 1], [-1, 1], [-1, 0], [-1, -1], [0, -1], [1, -1]]

    var direction: Int
    /// The q's `turn` goes through, counter-clockwise: the eight directions, unless a lesson
    /// sets its own (weighted-average's exercise adds (2, 1) between (1, 0) and (1, 1): a q whose
    /// average no step has worked out).
    var stops: [[Double]] = QueryPlane.directions

    var q: [Double] { stops[direction] }

    mutating func turn() { direction = (direction + 1) % stops.count }

    static var vectors: [[Double]] { words.map(\.vector) }

    /// The raw scores q·vᵢ, the weights weighted-average divides by their sum.
    var scores: [Double] { Self.vectors.map { dot(q, $0) } }

    /// Σ wᵢ·vᵢ / Σ wᵢ with the raw scores as weights; nil where they sum to 0.
    var rawAverage: [Double]? { weightedAverage(weights: scores, vectors: Self.vectors, dimension: 2) }

    static func vectorText(_ v: [Double], decimals: Int = 0) -> String {
        "(" + v.map { NumberFormat.fixed($0, decimals: decimals) }.joined(separator: ", ") + ")"
    }

    /// The plane with its axes through the origin, the three words, q as an arrow from the
    /// origin, and the given extra points (the averages), highlighted. With `namesWordsFirst`
    /// (the softmax lesson) the words' labels are placed first, so a mark beside a word never
    /// hides its name, and a mark in a word's very cell joins that word's label
    /// ("phone (4, 0) ✚raw c") instead of covering its marker.
    ///
    /// `fitsLabels` (the weighted-average lesson): q's label beside its arrowhead rather than
    /// over it, and each word named without its coordinates where the full labels would not
    /// all fit (a word's label is never left out for a mark's).
    func render(
        title: String, marks: [(label: String, point: [Double], color: Color)], namesWordsFirst: Bool = false, focused: Bool,
        colorMode: ColorMode, into buffer: inout Buffer, area: Rect, fitsLabels: Bool = false
    ) {
        let frame = Frame(title: title, isFocused: focused)
        let inner = frame.draw(into: &buffer, area: area)
        let qStyle = Style(foreground: colorMode.displayable(.cube(5, 5, 1)), modifiers: [.bold])
        let arrows = [ScatterMap.Arrow(from: WorldPoint(x: 0, y: 0), to: WorldPoint(x: q[0], y: q[1]), style: qStyle)]
        func wordPoints(namingCoordinates: Bool) -> [ScatterMap.Point] {
            var points = Self.words.map { word in
                ScatterMap.Point(
                    namingCoordinates ? "\(word.name) \(Self.vectorText(word.vector))" : word.name, x: word.vector[0], y: word.vector[1],
                    style: CategoryStyle.style(word.category, mode: colorMode), marker: CategoryStyle.marker(word.category))
            }
            points.append(
                fitsLabels
                    ? ScatterMap.Point("q", x: q[0], y: q[1], style: qStyle, marker: ArrowHead.glyph(q[0], q[1]))
                    : ScatterMap.Point("q", x: q[0] * 1.15, y: q[1] * 1.15, style: qStyle, marker: " "))
            for mark in marks {
                let style = Style(foreground: colorMode.displayable(mark.color), modifiers: [.bold])
                points.append(
                    ScatterMap.Point(
                        mark.label, x: mark.point[0], y: mark.point[1], style: style, isSelected: !namesWordsFirst, marker: "✚"))
            }
            return points
        }
        let map = { (points: [ScatterMap.Point]) in
            ScatterMap(
                points: points, arrows: arrows, xCaption: "feature 1 →", yCaption: "↑ feature 2",
                bounds: WorldBounds(minX: -2, maxX: 5.5, minY: -1.5, maxY: 3.5), equalScale: true, showsOrigin: true,
                showsOmittedCount: namesWordsFirst)
        }
        let fixed = Self.words.count + 1
        var points = wordPoints(namingCoordinates: true)
        if fitsLabels && map(points).layout(in: inner).omittedLabels > 0 { points = wordPoints(namingCoordinates: false) }
        guard namesWordsFirst else { return map(points).render(into: &buffer, area: inner) }
        // A mark in a word's very cell is named in the word's label: its marker would hide the word's.
        let cells = map(points).layout(in: inner).pointCells
        var dropped: Set<Int> = []
        for index in fixed..<points.count {
            guard let cell = cells[index], let word = Self.words.indices.first(where: { cells[$0] == cell }) else { continue }
            points[word].label += " ✚" + points[index].label
            dropped.insert(index)
        }
        points = points.indices.filter { !dropped.contains($0) }.map { points[$0] }
        // A word whose name finds no room beside it (marks on both sides) is highlighted: its
        // label is placed before every other, above or below it if need be.
        let placed = map(points).layout(in: inner).labels
        for index in Self.words.indices where placed[index] == nil { points[index].isSelected = true }
        // Then a mark whose name is left out likewise (after the words: they are placed first).
        let marked = map(points).layout(in: inner).labels
        for index in fixed..<points.count where marked[index] == nil { points[index].isSelected = true }
        map(points).render(into: &buffer, area: inner)
    }

}
