// SPDX-License-Identifier: Apache-2.0

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
        for placement in layout.placements {
            drawPanel(placement.panel, state: state, layout: layout, colorMode: colorMode, into: &buffer, area: placement.rect)
        }
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

    /// One panel: the shared ones are drawn here, the lesson's own by the lesson.
    static func drawPanel(
        _ panel: Focus, state: AppState, layout: ScreenLayout, colorMode: ColorMode, into buffer: inout Buffer, area: Rect
    ) {
        switch panel {
        case .text: StepTextPanel(state: state, colorMode: colorMode).render(into: &buffer, area: area)
        case .map: MapPanel(state: state, colorMode: colorMode).render(into: &buffer, area: area)
        case .heatmap:
            HeatmapPanel(state: state, colorMode: colorMode, sideBySide: layout.heatmapsSideBySide).render(into: &buffer, area: area)
        case .weights: WeightsPanel(state: state, colorMode: colorMode).render(into: &buffer, area: area)
        case .neighbors: NeighborsPanel(state: state, colorMode: colorMode).render(into: &buffer, area: area)
        case .own(let name):
            state.currentLesson.draw(name, step: state.step, state: state, colorMode: colorMode, into: &buffer, area: area)
        }
    }

    /// "Lesson 3/14 · Dot product · step 2/4", then the settings at the right: the step marker is never
    /// cut; the lesson's title is cut (to nothing, at worst) before the metric, temperature and word
    /// count are dropped, and those go last-first.
    static func drawTitle(_ state: AppState, into buffer: inout Buffer, area: Rect, colorMode: ColorMode) {
        let style = Style(modifiers: [.reverse])
        buffer.fill(area, style: style)
        let lesson = state.currentLesson
        let position = " Lesson \(state.lessonIndex + 1)/\(state.lessons.count)"
        // The sandbox says which space it shows: the named features or the real vectors (`v`).
        let title = lesson.title + (state.showsRealVectors ? " · real GloVe vectors" : "")
        // The course's progress (exercises solved) goes with the step marker, never cut.
        let progress = state.courseProgress
        let marker = " · step \(state.step + 1)/\(lesson.stepCount)" + (progress.of > 0 ? " · ✓ \(progress.complete)/\(progress.of)" : "")
        // Only the settings the step lets the learner change: a lesson's own numbers do not use
        // the shared metric or temperature, and words in play matter only where they can be added.
        let allowed = lesson.sharedCommands(step: state.step)
        var settings: [String] = []
        if allowed.contains(.cycleMetric) { settings.append(state.metric.title) }
        if allowed.contains(.warmer) { settings.append("T=\(NumberFormat.fixed(state.temperature, decimals: 2))") }
        if allowed.contains(.addWord) || allowed.contains(.removeWord) {
            settings.append("\(state.words.count) word\(state.words.count == 1 ? "" : "s")")
        }
        let vocabulary = allowed.contains(.addWord) ? ["\(state.space.vocabulary.table.count) in vocabulary"] : []
        // Each right-hand side with the title columns it must leave: the vocabulary size only
        // beside a readable title; the settings even if the title has to go, last-first.
        var candidates: [(text: String, titleColumns: Int)] = []
        if !vocabulary.isEmpty { candidates.append(((settings + vocabulary).joined(separator: " · ") + " ", 12)) }
        if !settings.isEmpty { candidates.append((settings.joined(separator: " · ") + " ", 12)) }
        for kept in stride(from: settings.count, through: 1, by: -1) {
            candidates.append((settings.prefix(kept).joined(separator: " · ") + " ", 0))
        }
        candidates.append(("", 0))
        let fixedWidth = DisplayWidth.of(position + marker) + 1
        let right =
            candidates.first {
                fixedWidth + DisplayWidth.of($0.text) + ($0.titleColumns > 0 ? 3 + min($0.titleColumns, DisplayWidth.of(title)) : 0)
                    <= area.width
            }?.text ?? ""
        var titleRoom = max(0, area.width - fixedWidth - DisplayWidth.of(right) - 3)
        // The program's name only where the whole title fits beside it.
        // The program's name from 120 columns, on every step alike (never there on one step and gone on the next).
        let name = " attn-tui │"
        let showsName = area.width >= Self.nameWidth
        if showsName { titleRoom = max(0, titleRoom - DisplayWidth.of(name)) }
        var left = showsName ? name + position : position
        if titleRoom >= 4 { left += " · " + DisplayWidth.truncate(title, to: titleRoom) }
        left += marker
        buffer.write(left, x: area.x, y: area.y, style: style.adding(.bold), maxWidth: area.width)
        if !right.isEmpty, DisplayWidth.of(left) + DisplayWidth.of(right) + 1 <= area.width {
            buffer.write(right, x: area.right - DisplayWidth.of(right), y: area.y, style: style)
        }
    }

    /// The keys that work now: the prompt's and the placement's own while those are open.
    static func drawStatus(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        if let bindings = CourseScreens.statusBindings(state) {
            StatusBar(bindings: bindings, helpHint: nil).render(into: &buffer, area: area)
            return
        }
        switch state.mode {
        case .prompt(let prompt):
            let (bindings, title) =
                switch prompt.purpose {
                case .addWord: (AppKeys.promptStatus, "adding a word")
                case .answer: (AppKeys.answerStatus, "answering")
                case .lesson: (AppKeys.lessonPromptStatus, "typing")
                }
            StatusBar(bindings: bindings, title: title, helpHint: nil).render(into: &buffer, area: area)
        case .placing: StatusBar(bindings: AppKeys.placingStatus, title: "placing", helpHint: nil).render(into: &buffer, area: area)
        default:
            StatusBar(bindings: AppKeys.statusBar(for: state), pinned: AppKeys.statusBarPinned(for: state), compactSeparator: " ")
                .render(into: &buffer, area: area)
        }
    }

    static func drawMessage(_ state: AppState, into buffer: inout Buffer, area: Rect, colorMode: ColorMode) {
        if case .prompt(let prompt) = state.mode {
            prompt.field.render(into: &buffer, area: area)
            return
        }
        if let message = state.message ?? state.analysis.problem {
            buffer.write(" " + message, x: area.x, y: area.y, style: Style(modifiers: [.bold]), maxWidth: area.width)
        }
    }

    static func drawOverlay(_ state: AppState, into buffer: inout Buffer, colorMode: ColorMode) {
        switch state.mode {
        case .help(let scroll): helpOverlay(state, scroll: scroll).render(into: &buffer, area: buffer.area)
        case .detail(_, let scroll): detailPopup(state, scroll: scroll)?.render(into: &buffer, area: buffer.area)
        case .welcome, .end, .courseMap, .glossary: CourseScreens.popup(state, size: buffer.size)?.render(into: &buffer, area: buffer.area)
        default: break
        }
    }

    /// The title bar names the program from this width on.
    static let nameWidth = 120

    static func helpOverlay(_ state: AppState, scroll: Int) -> HelpOverlay {
        HelpOverlay(
            bindings: AppKeys.bindings(for: state).map(\.binding), title: "Keys", scroll: scroll, footer: "↑/↓ scroll · any key closes")
    }

    /// The open detail's popup, from the explanation `update` built when it opened.
    static func detailPopup(_ state: AppState, scroll: Int) -> Popup? {
        guard let explanation = state.openExplanation else { return nil }
        return Popup(
            title: explanation.title, body: StyledText(explanation.lines.joined(separator: "\n")), scroll: scroll,
            footer: "↑/↓ scroll · any key closes")
    }

    /// How far the open overlay can scroll at `size`: `update` clamps to it, so ↑ acts at once after over-scrolling.
    static func overlayMaxScroll(_ state: AppState, size: Size) -> Int {
        switch state.mode {
        case .help: helpOverlay(state, scroll: 0).maxScroll(in: Rect(size: size))
        case .detail: detailPopup(state, scroll: 0)?.maxScroll(in: Rect(size: size)) ?? 0
        default: 0
        }
    }
}
