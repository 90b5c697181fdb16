// SPDX-License-Identifier: Apache-2.0

import TUIKit
import XCTest

final class BufferRenderingTests: XCTestCase {
    private let escape = "\u{1B}"

    private func sample() -> Buffer {
        var buffer = Buffer(size: Size(width: 6, height: 2))
        buffer.write("a", x: 0, y: 0, style: Style(foreground: .indexed(196), modifiers: [.bold]))
        buffer.write("b", x: 1, y: 0)
        buffer.write("日", x: 0, y: 1, style: Style(background: .brightWhite, modifiers: [.underline, .reverse]))
        buffer.write(" ", x: 5, y: 1, style: Style(background: .blue))
        return buffer
    }

    func testAnsi256() {
        XCTAssertEqual(
            sample().ansiText(colorMode: .palette256),
            "\(escape)[0;1;38;5;196ma\(escape)[0mb\n\(escape)[0;4;7;48;5;15m日\(escape)[0m   \(escape)[0;48;5;4m \(escape)[0m")
    }

    func testAnsi16And8ReduceColours() {
        XCTAssertEqual(
            sample().ansiText(colorMode: .ansi16),
            "\(escape)[0;1;91ma\(escape)[0mb\n\(escape)[0;4;7;107m日\(escape)[0m   \(escape)[0;44m \(escape)[0m")
        XCTAssertEqual(
            sample().ansiText(colorMode: .ansi8),
            "\(escape)[0;1;31ma\(escape)[0mb\n\(escape)[0;4;7;47m日\(escape)[0m   \(escape)[0;44m \(escape)[0m")
    }

    func testMonochromeKeepsOnlyModifiers() {
        XCTAssertEqual(
            sample().ansiText(colorMode: .monochrome),
            "\(escape)[0;1ma\(escape)[0mb\n\(escape)[0;4;7m日\(escape)[0m   \(escape)[0m \(escape)[0m")
    }

    func testDebugDumpShowsLinesThenStyleRuns() {
        XCTAssertEqual(
            sample().debugDump,
            """
            "ab    "
            "日    "
            styles:
            0,0..0: fg=196, mods=bold
            0,1..1: bg=brightWhite, mods=underline|reverse
            5,1..5: bg=blue
            """)
    }

    func testPlainBufferHasNoEscapesAndNoTrailingBlanks() {
        var buffer = Buffer(size: Size(width: 5, height: 2))
        buffer.write("hi", x: 1, y: 0)
        XCTAssertEqual(buffer.ansiText(colorMode: .palette256), " hi\n")
        XCTAssertEqual(buffer.debugDump, "\" hi  \"\n\"     \"")
    }
}

final class EventLoopTests: XCTestCase {
    /// A counter app: `+` counts, `q` quits; the view shows the count and the size.
    private func run(_ terminal: RecordingTerminal, tick: Int? = nil, stopOnTick: Bool = false) -> [InputEvent] {
        var count = 0
        var seen: [InputEvent] = []
        EventLoop.run(
            terminal: terminal, tickMilliseconds: tick,
            view: { size, _ in
                var buffer = Buffer(size: size)
                buffer.write("n=\(count)", x: 0, y: 0)
                return buffer
            },
            handle: { event in
                seen.append(event)
                switch event {
                case .key(.character("+")): count += 1
                case .key(.character("q")): return false
                case .tick: return !stopOnTick
                default: break
                }
                return true
            })
        return seen
    }

    func testOneFullFramePerEventAndQuitDrawsNoMore() throws {
        let terminal = RecordingTerminal(size: Size(width: 4, height: 1), keys: try KeyNotation.parse("++q+"))
        _ = run(terminal)
        XCTAssertEqual(terminal.frames.map(\.text), ["n=0", "n=1", "n=2"])
        XCTAssertEqual(terminal.pendingEvents, [.key(.character("+"))])
    }

    func testEndOfScriptEndsTheLoop() {
        let terminal = RecordingTerminal(size: Size(width: 4, height: 1), keys: [.character("+")], keepsAllFrames: false)
        _ = run(terminal)
        XCTAssertEqual(terminal.frames.count, 1)
        XCTAssertEqual(terminal.lastFrame?.text, "n=1")
    }

    func testResizeIsDrawnAtTheNewSize() {
        let terminal = RecordingTerminal(size: Size(width: 4, height: 1), events: [.resize(Size(width: 2, height: 3))])
        _ = run(terminal)
        XCTAssertEqual(terminal.frames.map(\.size), [Size(width: 4, height: 1), Size(width: 2, height: 3)])
        XCTAssertEqual(terminal.lastFrame?.lines, ["n=", "  ", "  "])
    }

    func testTicksWhenNoInputArrives() {
        let terminal = RecordingTerminal(size: Size(width: 4, height: 1), keys: [.character("+")])
        let seen = run(terminal, tick: 10, stopOnTick: true)
        XCTAssertEqual(seen, [.key(.character("+")), .tick])
        XCTAssertEqual(terminal.frames.count, 2)
    }
}
