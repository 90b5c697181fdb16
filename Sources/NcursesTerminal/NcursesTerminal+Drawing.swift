// SPDX-License-Identifier: Apache-2.0

import CNcursesShim
import TUIKit

extension NcursesTerminal {
    /// Shows `buffer`, writing only the glyphs that changed since the last frame
    /// (everything after a resize, `invalidate()` or a change of buffer size).
    ///
    /// Cells outside the screen are clipped; screen cells outside the buffer are blank.
    public func draw(_ buffer: Buffer) {
        guard isOpen else { return }
        let screen = size
        let previous = previousFrame.flatMap { $0.size == buffer.size ? $0 : nil }
        if previous == nil { werase(window) }
        if clearBeforeNextDraw {
            // After a resize the terminal's own idea of the screen cannot be trusted.
            clearok(window, true)
            clearBeforeNextDraw = false
        }
        let cells = buffer.cells
        let old = previous?.cells
        let stride = buffer.size.width
        for y in 0..<min(buffer.size.height, screen.height) {
            for x in 0..<min(stride, screen.width) {
                let index = y * stride + x
                let cell = cells[index]
                // The right half of a wide glyph is drawn with its left half, never on its own.
                if cell.isContinuation { continue }
                let wide = x + 1 < stride && cells[index + 1].isContinuation
                // A glyph is rewritten when any of its cells changed; a change of glyph
                // boundaries always shows as a changed cell ("" against a symbol).
                if let old, cell == old[index], !wide || cells[index + 1] == old[index + 1] { continue }
                putGlyph(cell, width: wide ? 2 : 1, x: x, y: y, screen: screen)
            }
        }
        _ = attn_nc_refresh(window)
        previousFrame = buffer
    }

    /// Writes one glyph so that it takes exactly `width` cells on screen, whatever
    /// libc's `wcwidth` (which ncurses and the terminal use) thinks of it.
    private func putGlyph(_ cell: Cell, width: Int, x: Int, y: Int, screen: Size) {
        let style = styles.resolve(cell.style)
        if width == 2 && x + 1 >= screen.width {
            // Never split a wide glyph at the right edge: ncurses would wrap it to the next line.
            putCharacters([0x20], style, x: x, y: y, screen: screen)
            return
        }
        if asciiOnly {
            // Without UTF-8 only ASCII shows: the stand-in, padded to the cluster's width.
            let glyph = ASCIIFallback.glyph(for: cell.symbol).unicodeScalars.first?.value ?? 0x3F
            putCharacters([wchar_t(bitPattern: glyph)], style, x: x, y: y, screen: screen)
            if width == 2 { putCharacters([0x20], style, x: x + 1, y: y, screen: screen) }
            return
        }
        // A spacing character and up to four combining marks (CCHARW_MAX is 5); never a joiner.
        let characters = DisplayWidth.drawableScalars(of: cell.symbol).map { wchar_t(bitPattern: $0.value) }
        let cursesWidth = characters.first.map { Int(attn_nc_wcwidth($0)) } ?? 0
        if cursesWidth == width {
            if putCharacters(characters, style, x: x, y: y, screen: screen) { return }
        } else if cursesWidth == 1 && width == 2 {
            if putCharacters(characters, style, x: x, y: y, screen: screen) {
                putCharacters([0x20], style, x: x + 1, y: y, screen: screen)
                return
            }
        }
        // Unknown to libc, or wider than the buffer thinks: a visible stand-in keeps columns aligned.
        putCharacters([0x3F], style, x: x, y: y, screen: screen)
        if width == 2 { putCharacters([0x20], style, x: x + 1, y: y, screen: screen) }
    }

    /// Returns false when ncurses refused the character; the bottom-right cell
    /// always reports ERR (the cursor cannot advance) but is drawn, so it counts as done.
    @discardableResult
    private func putCharacters(_ characters: [wchar_t], _ style: StyleTable.Resolved, x: Int, y: Int, screen: Size) -> Bool {
        let result = (characters + [0]).withUnsafeBufferPointer { pointer in
            attn_nc_put(window, Int32(y), Int32(x), pointer.baseAddress, style.attributes, style.pair)
        }
        if result == ATTN_NC_OK { return true }
        return y == screen.height - 1 && x + max(1, Int(attn_nc_wcwidth(characters.first ?? 0x20))) >= screen.width
    }
}
