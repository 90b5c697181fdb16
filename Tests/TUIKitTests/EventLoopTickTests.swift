// SPDX-License-Identifier: Apache-2.0

import XCTest

@testable import TUIKit

final class EventLoopTickTests: XCTestCase {
    func testTheTickIntervalIsAskedBeforeEveryWait() {
        // Ticks while the interval says so (an animation), then none: the ended input stops the loop.
        let terminal = RecordingTerminal(size: Size(width: 4, height: 1), keys: [.character("a")])
        var asked = 0
        var seen: [InputEvent] = []
        EventLoop.run(
            terminal: terminal,
            tickInterval: {
                asked += 1
                return asked <= 3 ? 100 : nil
            },
            view: { size, _ in Buffer(size: size) },
            handle: { event in
                seen.append(event)
                return true
            })
        XCTAssertEqual(seen, [.key(.character("a")), .tick, .tick])
        XCTAssertEqual(asked, 4)
        XCTAssertEqual(terminal.frames.count, 4, "a first frame and one after each event")
    }
}
