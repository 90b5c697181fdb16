import AttnMath
import TUIKit

/// A plane of two features moved by a 2×2 matrix W (x ↦ x·W, word vectors as rows):
/// the image of the square grid, faint; each word's old place, hollow, with an arrow to its new one.
public struct TransformedPlane: Widget {
    public struct Word {
        var label: String
        var vector: [Double]
        var category: String

        public init(label: String, vector: [Double], category: String) {
            self.label = label
            self.vector = vector
            self.category = category
        }
    }

    var title: String
    var transform: Matrix
    var words: [Word]
    var axisNames: (x: String, y: String)
    var selected: Int?
    var isFocused: Bool
    var colorMode: ColorMode

    public init(
        title: String, transform: Matrix, words: [Word], axisNames: (x: String, y: String), selected: Int?, isFocused: Bool,
        colorMode: ColorMode
    ) {
        self.title = title
        self.transform = transform
        self.words = words
        self.axisNames = axisNames
        self.selected = selected
        self.isFocused = isFocused
        self.colorMode = colorMode
    }

    /// Grid lines at these feature values, each drawn from −extent to +extent before it is moved.
    static let gridValues: [Double] = stride(from: -2.0, through: 2.0, by: 0.5).map { $0 }
    static let extent = 2.0

    /// Where W sends each word.
    var moved: [[Double]] { words.map { transform.transform($0.vector) } }

    var map: ScatterMap {
        let moved = self.moved
        let arrowStyle = Style(foreground: colorMode.displayable(.cube(3, 3, 3)))
        var points = words.map { word in
            ScatterMap.Point("", x: word.vector[0], y: word.vector[1], style: Style(modifiers: [.dim]), marker: "∘")
        }
        points += zip(words, moved).enumerated().map { index, pair in
            ScatterMap.Point(
                pair.0.label, x: pair.1[0], y: pair.1[1], style: CategoryStyle.style(pair.0.category, mode: colorMode),
                isSelected: index == selected, marker: CategoryStyle.marker(pair.0.category))
        }
        let arrows = zip(words, moved).compactMap { word, to -> ScatterMap.Arrow? in
            guard euclideanDistance(word.vector, to) > 1e-9 else { return nil }
            return ScatterMap.Arrow(
                from: WorldPoint(x: word.vector[0], y: word.vector[1]), to: WorldPoint(x: to[0], y: to[1]), style: arrowStyle)
        }
        let everything = words.map(\.vector) + moved + [[0, 0]]
        let bounds = WorldBounds.fitting(everything.map { WorldPoint(x: $0[0], y: $0[1]) }, padding: 0.12)
        return ScatterMap(
            points: points, arrows: arrows, xCaption: "\(axisNames.x) →   ∘ before", yCaption: "↑ \(axisNames.y)", bounds: bounds,
            equalScale: true, showsOrigin: true)
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let frame = Frame(title: title, trailingTitle: isFocused ? "Enter why" : nil, isFocused: isFocused)
        let inner = frame.draw(into: &buffer, area: area)
        guard !inner.isEmpty else { return }
        let map = self.map
        let placement = map.layout(in: inner)
        drawGrid(into: &buffer, plot: placement.plotArea, world: placement.bounds)
        map.render(into: &buffer, area: inner)
    }

    /// The moved grid: lines of constant x and of constant y, each sent through W at both ends
    /// (a linear map keeps lines straight, so the ends are enough).
    private func drawGrid(into buffer: inout Buffer, plot: Rect, world: WorldBounds) {
        guard !plot.isEmpty else { return }
        var canvas = BrailleCanvas(width: plot.width, height: plot.height)
        let (dotWidth, dotHeight) = (canvas.dotWidth, canvas.dotHeight)
        for value in Self.gridValues {
            // The moved axes stand out from the other grid lines: they are where the features went.
            let style =
                value == 0
                ? Style(foreground: colorMode.displayable(.cube(2, 4, 5)))
                : Style(foreground: colorMode.displayable(.cube(1, 2, 3)), modifiers: [.dim])
            for ends in [[[value, -Self.extent], [value, Self.extent]], [[-Self.extent, value], [Self.extent, value]]] {
                let from = transform.transform(ends[0])
                let to = transform.transform(ends[1])
                guard let a = world.dot(for: WorldPoint(x: from[0], y: from[1]), dotWidth: dotWidth, dotHeight: dotHeight),
                    let b = world.dot(for: WorldPoint(x: to[0], y: to[1]), dotWidth: dotWidth, dotHeight: dotHeight)
                else { continue }
                // Every other dot, so the grid reads as a grid and not as the words' arrows.
                var dotted = BrailleCanvas(width: plot.width, height: plot.height)
                dotted.drawLine(fromX: a.x, fromY: a.y, toX: b.x, toY: b.y, style: style)
                for y in 0..<dotHeight {
                    for x in 0..<dotWidth where (x + y) % 3 == 0 && dotted.isDotSet(x: x, y: y) { canvas.setDot(x: x, y: y, style: style) }
                }
            }
        }
        canvas.render(into: &buffer, area: plot)
    }
}
