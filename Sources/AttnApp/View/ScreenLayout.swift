import TUIKit

/// Where each panel goes for a terminal size. Pure, so `update` can hit-test
/// mouse clicks against the same rectangles the view draws.
public struct ScreenLayout: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// Every panel, from 80×24.
        case full
        /// One panel at a time (the focused one), from 40×12.
        case compact
        /// Below 40×12: only a message.
        case tooSmall
    }

    public static let fullMinimum = Size(width: 80, height: 24)
    public static let compactMinimum = Size(width: 40, height: 12)

    public let kind: Kind
    public var title = Rect(x: 0, y: 0, width: 0, height: 0)
    public var map: Rect?
    public var heatmap: Rect?
    public var weights: Rect?
    public var lesson: Rect?
    public var neighbors: Rect?
    /// The line for the prompt and messages.
    public var message = Rect(x: 0, y: 0, width: 0, height: 0)
    public var status = Rect(x: 0, y: 0, width: 0, height: 0)
    /// Cosine and dot product side by side (from 100×30), else one toggled by `m`.
    public var heatmapsSideBySide = false

    /// - Parameter showsNeighbors: give part of the lesson's place to the neighbours panel.
    /// - Parameter placing: a word is being placed; its editor (in the lesson's place) must be on screen.
    public init(size: Size, focus: Focus, wordCount: Int, showsNeighbors: Bool = false, placing: Bool = false) {
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
        guard size.width >= Self.fullMinimum.width && size.height >= Self.fullMinimum.height else {
            kind = .compact
            if placing {
                // The map shows where the new word lands; the editor below sets its features.
                let parts = Layout.split(body, .vertical, [.fill(1), .length(min(8, (body.height + 1) / 2))])
                map = parts[0]
                lesson = parts[1]
                return
            }
            switch focus {
            case .map: map = body
            case .heatmap: heatmap = body
            case .weights: weights = body
            }
            return
        }
        kind = .full
        heatmapsSideBySide = size.width >= 100 && size.height >= 30
        if heatmapsSideBySide {
            // Wide: both heatmaps across the bottom at full width, so their cells hold numbers;
            // above them the map beside the weights and the lesson.
            let heatmapHeight = min(wordCount + 5, body.height * 45 / 100)
            let rows = Layout.split(body, .vertical, [.fill(1), .length(heatmapHeight)])
            heatmap = rows[1]
            let columns = Layout.split(rows[0], .horizontal, [.percentage(50), .fill(1)])
            map = columns[0]
            let right = Layout.split(columns[1], .vertical, [.length(min(wordCount + 2, columns[1].height / 2)), .fill(1)])
            weights = right[0]
            lesson = right[1]
            if showsNeighbors, right[1].height >= 10 {
                let parts = Layout.split(right[1], .vertical, [.length(min(9, right[1].height / 2)), .fill(1)])
                neighbors = parts[0]
                lesson = parts[1]
            }
        } else {
            let columns = Layout.split(body, .horizontal, [.percentage(50), .fill(1)])
            let lessonHeight = max(8, min(14, body.height / 3))
            let left = Layout.split(columns[0], .vertical, [.fill(1), .length(lessonHeight)])
            map = left[0]
            lesson = left[1]
            // The heatmap takes what its rows need (border, header, legend), leaving the weights at least 40 %.
            let heatmapHeight = min(wordCount + 4, body.height * 6 / 10)
            let right = Layout.split(columns[1], .vertical, [.length(heatmapHeight), .fill(1)])
            heatmap = right[0]
            weights = right[1]
        }
    }
}
