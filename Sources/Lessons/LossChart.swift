// SPDX-License-Identifier: Apache-2.0

import TUIKit

/// The training and held-out losses against the steps, as two braille lines, with the losses
/// of simpler guessers as labelled dotted lines across, and optionally a cursor on one
/// measurement. The axes are fixed by the caller (the whole run's steps, losses from 1 to
/// 5), so a curve that grows as training goes on never rescales under the learner's eyes.
struct LossChart {
    struct Reference {
        let name: String
        let value: Double
    }

    var points: [LossPoint]
    /// The step at the right edge.
    var lastStep: Int
    var lowest: Double = 1
    var highest: Double = 5
    var references: [Reference]
    /// The measurement walked to, by its place in `points`: a solid vertical line, "△" and its
    /// step before the legend, which gives its numbers.
    var cursor: Int?
    /// The best measurement, once a run has stopped: a dotted line and "▲" with its step on the
    /// axis, wherever the cursor goes (the legend gives the cursor's numbers, else the last).
    var mark: Int? = nil
    var colorMode: ColorMode

    static let trainingColor = Color.cube(0, 3, 5)
    static let heldOutColor = Color.cube(5, 2, 0)

    func render(into buffer: inout Buffer, area: Rect) {
        guard area.width >= 12, area.height >= 4 else { return }
        let training = Style(foreground: colorMode.displayable(Self.trainingColor))
        let heldOut = Style(foreground: colorMode.displayable(Self.heldOutColor), modifiers: colorMode.hasColor ? [] : [.bold])
        let dim = Style(modifiers: [.dim])
        // The legend with the cursor's (or the last) measurement's numbers, the plot, the step axis.
        let walked = cursor.flatMap { points.indices.contains($0) ? points[$0] : nil }
        let shown = walked ?? points.last
        var legend = StyledText(walked.map { "△\($0.step) " } ?? "", style: Style(modifiers: [.bold]))
        legend.append("━ training", style: training)
        legend.append(shown.map { " " + NumberFormat.fixed($0.training, decimals: 2) } ?? "")
        // Without colour the held-out curve is dashed, and so is its mark.
        legend.append(colorMode.hasColor ? "  ━ held-out" : "  ╍ held-out", style: heldOut)
        legend.append(shown.map { " " + NumberFormat.fixed($0.heldOut, decimals: 2) } ?? "")
        buffer.write(legend, x: area.x, y: area.y, maxWidth: area.width)
        let axisWidth = 2
        let plot = Rect(x: area.x + axisWidth, y: area.y + 1, width: area.width - axisWidth, height: area.height - 2)
        var canvas = BrailleCanvas(width: plot.width, height: plot.height)
        let dotWidth = canvas.dotWidth
        let dotHeight = canvas.dotHeight
        func dotX(_ step: Int) -> Int { Int((Double(step) / Double(max(1, lastStep)) * Double(dotWidth - 1)).rounded()) }
        func dotY(_ loss: Double) -> Int {
            let fraction = (highest - min(max(loss, lowest), highest)) / (highest - lowest)
            return Int((fraction * Double(dotHeight - 1)).rounded())
        }
        for reference in references {
            let y = dotY(reference.value)
            for x in stride(from: 0, to: dotWidth, by: 3) { canvas.setDot(x: x, y: y, style: dim) }
        }
        if let mark, points.indices.contains(mark) {
            let x = dotX(points[mark].step)
            for y in stride(from: 0, to: dotHeight, by: 2) { canvas.setDot(x: x, y: y, style: dim) }
        }
        if let cursor, cursor != mark, points.indices.contains(cursor) {
            let x = dotX(points[cursor].step)
            for y in 0..<dotHeight { canvas.setDot(x: x, y: y, style: dim) }
        }
        for (value, style, dashed) in [(\LossPoint.training, training, false), (\LossPoint.heldOut, heldOut, !colorMode.hasColor)] {
            var curve = BrailleCanvas(width: plot.width, height: plot.height)
            for (a, b) in zip(points, points.dropFirst()) {
                curve.drawLine(
                    fromX: dotX(a.step), fromY: dotY(a[keyPath: value]), toX: dotX(b.step), toY: dotY(b[keyPath: value]), style: style)
            }
            if points.count == 1, let only = points.first { curve.setDot(x: dotX(only.step), y: dotY(only[keyPath: value]), style: style) }
            // Dashed: every other character cell of the curve left out.
            for x in 0..<dotWidth where !dashed || x % 4 < 2 {
                for y in 0..<dotHeight where curve.isDotSet(x: x, y: y) { canvas.setDot(x: x, y: y, style: style) }
            }
        }
        canvas.render(into: &buffer, area: plot)
        // Each reference line's name at its right end, over the line's own row.
        for reference in references {
            let label = "\(reference.name) \(NumberFormat.fixed(reference.value, decimals: 2))"
            let row = plot.y + dotY(reference.value) / 4
            let width = DisplayWidth.of(label)
            guard width < plot.width else { continue }
            buffer.write(label, x: plot.right - width, y: row, style: dim)
        }
        // The loss axis: whole numbers where their row is.
        for value in Int(lowest.rounded(.up))...Int(highest) {
            buffer.write(String(value), x: area.x, y: plot.y + dotY(Double(value)) / 4, style: dim, maxWidth: axisWidth)
        }
        let axis = plot.bottom
        buffer.write("0", x: plot.x, y: axis, style: dim)
        let end = "\(lastStep) steps"
        buffer.write(end, x: plot.right - DisplayWidth.of(end), y: axis, style: dim)
        if let mark, points.indices.contains(mark) {
            let label = "▲\(points[mark].step)"
            let x = min(
                max(plot.x + 2, plot.x + dotX(points[mark].step) / 2), plot.right - DisplayWidth.of(end) - DisplayWidth.of(label) - 1)
            buffer.write(label, x: x, y: axis, style: Style(modifiers: [.bold]))
        }
    }
}
