// SPDX-License-Identifier: Apache-2.0

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
