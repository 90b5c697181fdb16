import AttnMath
import TUIKit

/// The selected word's nearest words by cosine in the original space; a word on
/// the map is marked `●` (the title says so), and "far on map" when the map
/// shows it far away (where the projection distorts).
struct NeighborsPanel: Widget {
    let state: AppState
    let colorMode: ColorMode

    func render(into buffer: inout Buffer, area: Rect) {
        let word = state.selectedWord?.word ?? "—"
        let frame = Frame(title: "Nearest to \(word) · cosine in \(state.spaceName) · ● on the map")
        let inner = frame.draw(into: &buffer, area: area)
        guard inner.height > 0 else { return }
        let neighbors = state.neighbors(count: inner.height)
        guard !neighbors.isEmpty else {
            buffer.write("no neighbours", x: inner.x, y: inner.y, style: Style(modifiers: [.dim]), maxWidth: inner.width)
            return
        }
        let labelWidth = min(16, neighbors.map { DisplayWidth.of($0.word) }.max() ?? 0)
        for (row, neighbor) in neighbors.enumerated() {
            let label = NumberFormat.padRight(DisplayWidth.truncate(neighbor.word, to: labelWidth), labelWidth)
            var text = StyledText(NumberFormat.pad("\(row + 1).", 3) + " ")
            text.append(label, style: CategoryStyle.style(neighbor.category, mode: colorMode))
            text.append(" " + NumberFormat.fixed(neighbor.cosine, decimals: 3))
            if neighbor.inPlay { text.append(" ●", style: Style(modifiers: [.bold])) }
            if neighbor.farOnMap { text.append(" far on map", style: Style(foreground: colorMode.displayable(.cube(5, 2, 0)))) }
            buffer.write(text, x: inner.x, y: inner.y + row, maxWidth: inner.width)
        }
    }
}

/// What the cached neighbours were searched for.
struct NeighborQuery: Equatable, Sendable {
    let word: String
    let vector: [Double]
    /// The lesson decides the vocabulary searched (the sandbox may have a user's file).
    let lesson: Int
}

/// One line of the neighbours panel.
struct NeighborLine: Equatable {
    let word: String
    let category: String
    let cosine: Double
    /// On the map now.
    let inPlay: Bool
    /// On the map, and farther there from the selected word than half of the words in
    /// play are, though near it in the original space. False for words not on the map.
    let farOnMap: Bool
}

extension AppState {
    /// How many neighbours `update` finds for the selected word: more than any panel shows.
    static let neighborCount = 24

    /// The selected word's nearest vocabulary words, searched once per change of selection
    /// (a search over a 400,000-word file takes milliseconds: not on every frame).
    mutating func refreshNeighbors() {
        guard let word = selectedWord else {
            nearestToSelected = []
            nearestQuery = nil
            return
        }
        // A new metric or temperature keeps the selected word: nothing to search again.
        let query = NeighborQuery(word: word.word, vector: word.vector, lesson: lesson)
        guard query != nearestQuery else { return }
        nearestQuery = query
        let own = space.vocabulary.table.index(of: word.word).map { Set([$0]) } ?? []
        nearestToSelected = space.neighborIndex.nearest(to: word.vector, k: Self.neighborCount, excluding: own)
    }

    /// The selected word's `count` nearest vocabulary words (itself left out).
    func neighbors(count: Int) -> [NeighborLine] {
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
