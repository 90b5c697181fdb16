// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Vocabularies

/// One line of the neighbours panel.
public struct NeighborLine: Equatable, Sendable {
    public let word: String
    public let category: String
    public let cosine: Double
    /// On the map now.
    public let inPlay: Bool
    /// On the map, and farther there from the selected word than half of the words in
    /// play are, though near it in the original space. False for words not on the map.
    public let farOnMap: Bool

    public init(word: String, category: String, cosine: Double, inPlay: Bool, farOnMap: Bool) {
        self.word = word
        self.category = category
        self.cosine = cosine
        self.inPlay = inPlay
        self.farOnMap = farOnMap
    }
}

extension AppState {
    /// The selected word's `count` nearest vocabulary words (itself left out).
    public func neighbors(count: Int) -> [NeighborLine] {
        guard selectedWord != nil, count > 0, analysis.points.indices.contains(selected) else { return [] }
        let vocabulary = space.vocabulary
        let found = nearestToSelected.prefix(count)
        let origin = analysis.points[selected]
        func mapDistance(_ point: Point2D) -> Double {
            ((point.x - origin.x) * (point.x - origin.x) + (point.y - origin.y) * (point.y - origin.y)).squareRoot()
        }
        let distances = analysis.points.enumerated().filter { $0.offset != selected }.map { mapDistance($0.element) }.sorted()
        let median = distances.isEmpty ? Double.infinity : distances[distances.count / 2]
        return found.map { neighbor in
            let name = WordInPlay.shown(vocabulary.table.word(at: neighbor.index))
            let onMap = words.firstIndex { $0.word == name }.flatMap { analysis.points.indices.contains($0) ? analysis.points[$0] : nil }
            return NeighborLine(
                word: name, category: vocabulary.lexicon?.categories[neighbor.index] ?? "file", cosine: neighbor.cosine,
                inPlay: onMap != nil, farOnMap: onMap.map { mapDistance($0) > median } ?? false)
        }
    }
}
