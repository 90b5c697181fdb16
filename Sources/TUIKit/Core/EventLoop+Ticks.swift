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
        while true {
            let event: InputEvent
            if let tick = tickInterval() {
                event = terminal.nextEvent(timeoutMilliseconds: max(0, tick)) ?? .tick
            } else {
                guard let next = terminal.nextEvent(timeoutMilliseconds: -1) else { return }
                event = next
            }
            guard handle(event) else { return }
            terminal.draw(view(terminal.size, terminal.colorMode))
        }
    }
}
