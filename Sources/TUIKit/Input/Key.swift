// SPDX-License-Identifier: Apache-2.0

/// A key the user pressed, independent of the terminal library.
public enum Key: Hashable, Sendable {
    /// A printable character (letters, digits, punctuation, any Unicode).
    case character(Character)
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, pageUp, pageDown, home, end
    /// Control plus a letter, lower-case (`.control("c")` is Ctrl-C).
    case control(Character)
    case function(Int)
}

/// A mouse press in cell coordinates.
public struct MouseEvent: Hashable, Sendable {
    public enum Button: Hashable, Sendable { case left, middle, right, scrollUp, scrollDown }
    public var x: Int
    public var y: Int
    public var button: Button
    public init(x: Int, y: Int, button: Button) {
        self.x = x
        self.y = y
        self.button = button
    }
}

/// Everything that can happen to the program from outside.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    case resize(Size)
    case mouse(MouseEvent)
    /// Text pasted in one go (a bracketed paste): typed where text is typed, never run as keys.
    case paste(String)
    case tick
}

/// What the program draws on: the ncurses screen, or a recording one in tests.
public protocol Terminal: AnyObject {
    /// The current size in cells.
    var size: Size { get }
    /// What the terminal can show.
    var colorMode: ColorMode { get }
    /// Shows `buffer`; implementations redraw only what changed since the last call.
    func draw(_ buffer: Buffer)
    /// Waits up to `timeoutMilliseconds` (−1: forever) for the next event; nil on timeout.
    func nextEvent(timeoutMilliseconds: Int) -> InputEvent?
    /// Whether more input has already arrived (keys typed ahead, a flood): then the event
    /// loop handles it before drawing, instead of drawing a frame nobody would see.
    ///
    /// May say true for input that turns out to be no event (an ignored escape sequence):
    /// the loop then reads with a zero timeout and draws when nothing comes. Never true
    /// when nothing at all is there. Without an implementation: false (a frame per event).
    var hasPendingInput: Bool { get }
}

extension Terminal {
    public var hasPendingInput: Bool { false }
}
