// SPDX-License-Identifier: Apache-2.0

extension EventLoop {
    /// As `run(terminal:tickMilliseconds:view:handle:)`, with the tick interval asked
    /// again before every wait: nil waits for input without ticks (and a nil event
    /// then means the input ended), a number sends `.tick` after that long without
    /// input. So ticks run only while the app animates.
    public static func run(
        terminal: some Terminal, tickInterval: () -> Int?,
        view: (Size, ColorMode) -> Buffer, handle: (InputEvent) -> Bool
    ) {
        terminal.draw(view(terminal.size, terminal.colorMode))
        // A frame is owed while events were handled without drawing (more input was waiting).
        var frameOwed = false
        while true {
            let event: InputEvent
            if frameOwed {
                // Only input that is already there; when it turns out to be none (or no event),
                // draw what the user has not seen yet before waiting.
                guard let next = terminal.nextEvent(timeoutMilliseconds: 0) else {
                    terminal.draw(view(terminal.size, terminal.colorMode))
                    frameOwed = false
                    continue
                }
                event = next
            } else if let tick = tickInterval() {
                event = terminal.nextEvent(timeoutMilliseconds: max(0, tick)) ?? .tick
            } else {
                guard let next = terminal.nextEvent(timeoutMilliseconds: -1) else { return }
                event = next
            }
            guard handle(event) else { return }
            if terminal.hasPendingInput {
                frameOwed = true
            } else {
                terminal.draw(view(terminal.size, terminal.colorMode))
                frameOwed = false
            }
        }
    }
}
