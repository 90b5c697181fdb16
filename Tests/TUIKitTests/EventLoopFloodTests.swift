// SPDX-License-Identifier: Apache-2.0

import TUIKit
import XCTest

/// Issue 18.22: frames are drawn only when no input is waiting, so a flood of keys costs
/// their updates and one frame, and the frame after the last key is always drawn.
final class EventLoopFloodTests: XCTestCase {
    /// Runs a counter app: `+` adds one, `q` quits; returns the events handled.
    @discardableResult
    private func run(_ terminal: some Terminal, count: inout Int) -> Int {
        var handled = 0
        var value = 0
        EventLoop.run(
            terminal: terminal, tickMilliseconds: nil,
            view: { size, _ in
                var buffer = Buffer(size: size)
                buffer.write("n=\(value)", x: 0, y: 0)
                return buffer
            },
            handle: { event in
                handled += 1
                if event == .key(.character("q")) { return false }
                if event == .key(.character("+")) { value += 1 }
                return true
            })
        count = value
        return handled
    }

    func testAFloodOfKeysIsDrawnOnceItIsHandled() {
        let keys = [Key](repeating: .character("+"), count: 2_000)
        let terminal = RecordingTerminal(size: Size(width: 8, height: 1), keys: keys, arrivesAtOnce: true)
        var value = 0
        XCTAssertEqual(run(terminal, count: &value), 2_000, "every key is handled")
        XCTAssertEqual(terminal.frames.map(\.text), ["n=0", "n=2000"], "the first frame, and one after the flood")
        XCTAssertEqual(terminal.framesDrawn, 2)
    }

    func testKeysTypedOneAtATimeEachGetAFrame() {
        let terminal = RecordingTerminal(size: Size(width: 8, height: 1), keys: [.character("+"), .character("+")])
        var value = 0
        run(terminal, count: &value)
        XCTAssertEqual(terminal.frames.map(\.text), ["n=0", "n=1", "n=2"])
    }

    func testAQuitInAFloodDrawsNothingMore() {
        let keys: [Key] = [.character("+"), .character("+"), .character("q"), .character("+")]
        let terminal = RecordingTerminal(size: Size(width: 8, height: 1), keys: keys, arrivesAtOnce: true)
        var value = 0
        XCTAssertEqual(run(terminal, count: &value), 3)
        XCTAssertEqual(terminal.frames.map(\.text), ["n=0"], "quit ends the loop before the owed frame")
    }

    func testInputThatIsNoEventStillGetsTheLastFrameDrawn() {
        // A key, then bytes that decode to nothing (an ignored escape sequence): the terminal
        // said input was waiting, but reading it yields no event. The key's frame must be drawn
        // before the loop waits, or the screen would lag one key behind until the next one.
        let terminal = TypeAheadTerminal(events: [.key(.character("+"))], junkAfterEach: true)
        var value = 0
        run(terminal, count: &value)
        XCTAssertEqual(terminal.framesBeforeWaiting, ["n=0", "n=1"])
    }

    func testAResizeInAFloodIsDrawnAtTheNewSize() {
        let events: [InputEvent] = [.key(.character("+")), .resize(Size(width: 5, height: 2)), .key(.character("+"))]
        let terminal = RecordingTerminal(size: Size(width: 8, height: 1), events: events, arrivesAtOnce: true)
        var value = 0
        run(terminal, count: &value)
        XCTAssertEqual(terminal.frames.map(\.size), [Size(width: 8, height: 1), Size(width: 5, height: 2)])
        XCTAssertEqual(terminal.frames.last?.lines, ["n=2  ", "     "])
    }
}

/// Plays `events`; after each one it reports pending input that reads as no event (junk),
/// and records which frames were drawn before a blocking wait.
private final class TypeAheadTerminal: Terminal {
    let size = Size(width: 8, height: 1)
    let colorMode = ColorMode.monochrome
    private var events: [InputEvent]
    private let junkAfterEach: Bool
    private var junkWaiting = false
    private var frames: [String] = []
    private(set) var framesBeforeWaiting: [String] = []

    init(events: [InputEvent], junkAfterEach: Bool) {
        self.events = events
        self.junkAfterEach = junkAfterEach
    }

    var hasPendingInput: Bool { junkWaiting || !events.isEmpty }

    func draw(_ buffer: Buffer) { frames.append(buffer.text) }

    func nextEvent(timeoutMilliseconds: Int) -> InputEvent? {
        if junkWaiting {
            // Reading the junk yields nothing; with no time to wait, that is the answer.
            junkWaiting = false
            if timeoutMilliseconds == 0 { return nil }
        }
        if timeoutMilliseconds < 0 && events.isEmpty {
            // A blocking wait with nothing more to come: what the user sees now is final.
            framesBeforeWaiting = frames
            return nil
        }
        guard !events.isEmpty else { return nil }
        junkWaiting = junkAfterEach
        return events.removeFirst()
    }
}
