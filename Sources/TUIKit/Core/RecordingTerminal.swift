/// A terminal that plays a scripted list of events and keeps every frame drawn.
///
/// For tests and the headless `render` command. A scripted `.resize` changes
/// `size` as it is delivered, like a real terminal; after the script,
/// `nextEvent` returns nil (the input has ended).
public final class RecordingTerminal: Terminal {
    public private(set) var size: Size
    public let colorMode: ColorMode
    public private(set) var pendingEvents: [InputEvent]
    /// Every frame drawn, oldest first (only the last when `keepsAllFrames` is false).
    public private(set) var frames: [Buffer] = []
    public let keepsAllFrames: Bool

    public init(size: Size, colorMode: ColorMode = .palette256, events: [InputEvent] = [], keepsAllFrames: Bool = true) {
        self.size = size
        self.colorMode = colorMode
        self.pendingEvents = events
        self.keepsAllFrames = keepsAllFrames
    }

    /// Scripted key presses, e.g. from `KeyNotation.parse`.
    public convenience init(size: Size, colorMode: ColorMode = .palette256, keys: [Key], keepsAllFrames: Bool = true) {
        self.init(size: size, colorMode: colorMode, events: keys.map { .key($0) }, keepsAllFrames: keepsAllFrames)
    }

    public var lastFrame: Buffer? { frames.last }

    public func draw(_ buffer: Buffer) {
        if !keepsAllFrames { frames.removeAll(keepingCapacity: true) }
        frames.append(buffer)
    }

    public func nextEvent(timeoutMilliseconds: Int) -> InputEvent? {
        guard !pendingEvents.isEmpty else { return nil }
        let event = pendingEvents.removeFirst()
        if case .resize(let newSize) = event { size = newSize }
        return event
    }
}
