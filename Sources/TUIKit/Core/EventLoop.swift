// SPDX-License-Identifier: Apache-2.0

/// The one update-and-draw cycle shared by the interactive screen, `render --keys` and tests.
public enum EventLoop {
    /// Draws a first frame, then for every event calls `handle` and draws a full new frame,
    /// except while more input is already waiting (`Terminal.hasPendingInput`): frames
    /// nobody would see are skipped, and the frame after the last of the input is always drawn.
    /// So a flood of keys costs their updates and one frame, not a frame each.
    ///
    /// Stops when `handle` returns false (quit; no frame is drawn after it) or when
    /// the terminal has no more events. With `tickMilliseconds`, waiting that long
    /// without input sends `.tick`, so the input can only end through `handle`;
    /// without it the loop waits for input and a nil event means the input ended.
    /// `view` gets the terminal's size and colour mode as they are at each frame,
    /// so a resize is drawn at the new size.
    public static func run(
        terminal: some Terminal, tickMilliseconds: Int? = nil,
        view: (Size, ColorMode) -> Buffer, handle: (InputEvent) -> Bool
    ) {
        run(terminal: terminal, tickInterval: { tickMilliseconds }, view: view, handle: handle)
    }
}
