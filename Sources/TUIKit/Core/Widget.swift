// SPDX-License-Identifier: Apache-2.0

/// Something that draws itself into a rectangle of a buffer.
///
/// Widgets are plain values built fresh for every frame; `render` must stay
/// inside `area` (the buffer clips anyway) and must not crash on an empty or
/// 1×1 area — drawing nothing is a fine answer there.
public protocol Widget {
    func render(into buffer: inout Buffer, area: Rect)
}

extension Buffer {
    /// Draws `widget` into `area`.
    public mutating func render(_ widget: some Widget, in area: Rect) {
        widget.render(into: &self, area: area)
    }
}
