import AttnAssets
import AttnMath
import TUIKit

/// Draws the whole screen: a pure function of the state, the size and the colour mode.
public enum AppView {
    public static func render(_ state: AppState, size: Size, colorMode: ColorMode) -> Buffer {
        var buffer = Buffer(size: size)
        let layout = state.layout(for: size)
        guard layout.kind != .tooSmall else {
            drawTooSmall(into: &buffer)
            return buffer
        }
        drawTitle(state, into: &buffer, area: layout.title, colorMode: colorMode)
        if let area = layout.map { MapPanel(state: state, colorMode: colorMode).render(into: &buffer, area: area) }
        if let area = layout.heatmap {
            HeatmapPanel(state: state, colorMode: colorMode, sideBySide: layout.heatmapsSideBySide).render(into: &buffer, area: area)
        }
        if let area = layout.weights { WeightsPanel(state: state, colorMode: colorMode).render(into: &buffer, area: area) }
        if let area = layout.lesson { LessonPanel(state: state, colorMode: colorMode).render(into: &buffer, area: area) }
        if let area = layout.neighbors { NeighborsPanel(state: state, colorMode: colorMode).render(into: &buffer, area: area) }
        drawMessage(state, into: &buffer, area: layout.message, colorMode: colorMode)
        drawStatus(state, into: &buffer, area: layout.status)
        drawOverlay(state, into: &buffer, colorMode: colorMode)
        if colorMode == .monochrome {
            // Widgets' default styles carry colours (focused frames); without colour, meaning is in shape and bold/reverse.
            buffer.restyle(buffer.area) { Style(modifiers: $0.modifiers) }
        }
        return buffer
    }

    static func drawTooSmall(into buffer: inout Buffer) {
        let need = ScreenLayout.compactMinimum
        let text = "terminal too small (need \(need.width)×\(need.height))"
        let area = buffer.area
        let lines = TextWrap.wrap(text, width: area.width)
        let top = max(0, (area.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            buffer.write(line, x: max(0, (area.width - DisplayWidth.of(line)) / 2), y: top + i, style: Style(modifiers: [.bold]))
        }
    }

    static func drawTitle(_ state: AppState, into buffer: inout Buffer, area: Rect, colorMode: ColorMode) {
        let style = Style(modifiers: [.reverse])
        buffer.fill(area, style: style)
        let catalog = LessonCatalog.shared
        let title = (catalog.title(of: state.lesson) ?? "") + (state.realVectors ? " · real GloVe vectors" : "")
        let left = " attn-tui │ Lesson \(state.lesson)/\(catalog.entries.count) · \(title)"
        let settings = "\(state.metric.title) · T=\(NumberFormat.fixed(state.temperature, decimals: 2))"
        let count = "\(state.words.count) word\(state.words.count == 1 ? "" : "s")"
        // The longest right-hand side that fits: the metric and temperature matter most.
        let candidates = [
            "\(settings) · \(count) · \(state.space.vocabulary.table.count) in vocabulary ", "\(settings) · \(count) ", "\(settings) ",
        ]
        buffer.write(left, x: area.x, y: area.y, style: style.adding(.bold), maxWidth: area.width)
        if let right = candidates.first(where: { DisplayWidth.of(left) + DisplayWidth.of($0) + 1 <= area.width }) {
            buffer.write(right, x: area.right - DisplayWidth.of(right), y: area.y, style: style)
        }
    }

    /// The keys that work now: the prompt's and the placement's own while those are open.
    static func drawStatus(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        switch state.mode {
        case .prompt: StatusBar(bindings: AppKeys.promptStatus, title: "adding a word", helpHint: nil).render(into: &buffer, area: area)
        case .placing: StatusBar(bindings: AppKeys.placingStatus, title: "placing", helpHint: nil).render(into: &buffer, area: area)
        default: StatusBar(bindings: AppKeys.statusBar).render(into: &buffer, area: area)
        }
    }

    static func drawMessage(_ state: AppState, into buffer: inout Buffer, area: Rect, colorMode: ColorMode) {
        if case .prompt(let field) = state.mode {
            field.render(into: &buffer, area: area)
            return
        }
        if let message = state.message ?? state.analysis.problem {
            buffer.write(" " + message, x: area.x, y: area.y, style: Style(modifiers: [.bold]), maxWidth: area.width)
        }
    }

    static func drawOverlay(_ state: AppState, into buffer: inout Buffer, colorMode: ColorMode) {
        switch state.mode {
        case .help(let scroll):
            HelpOverlay(bindings: AppKeys.bindings.map(\.binding), title: "Keys", scroll: scroll, footer: "↑/↓ scroll · any key closes")
                .render(into: &buffer, area: buffer.area)
        case .detail(let detail, let scroll):
            guard let explanation = ComputationDetail(detail, state: state) else { return }
            Popup(
                title: explanation.title, body: StyledText(explanation.lines.joined(separator: "\n")), scroll: scroll,
                footer: "↑/↓ scroll · any key closes"
            ).render(into: &buffer, area: buffer.area)
        default: break
        }
    }
}
