// SPDX-License-Identifier: Apache-2.0

/// A terminal that plays a scripted list of events and keeps every frame drawn.
///
/// For tests and the headless `render` command. A scripted `.resize` changes
/// `size` as it is delivered, like a real terminal; after the script,
/// `nextEvent` returns nil (the input has ended). By default the events come one
/// at a time, as typed, so a frame is drawn after each; with `arrivesAtOnce` they
/// are all waiting from the start, like a paste of keys or a flood, and the event
/// loop draws only once they are handled.
public final class RecordingTerminal: Terminal {
    public private(set) var size: Size
    public let colorMode: ColorMode
    /// The scripted events not delivered yet.
    public var pendingEvents: ArraySlice<InputEvent> { script[delivered...] }
    private let script: [InputEvent]
    private var delivered = 0
    /// Every frame drawn, oldest first (only the last when `keepsAllFrames` is false).
    public private(set) var frames: [Buffer] = []
    public let keepsAllFrames: Bool
    /// How many frames were drawn, also those not kept.
    public private(set) var framesDrawn = 0
    /// Whether every scripted event is waiting from the start (`hasPendingInput`).
    public let arrivesAtOnce: Bool

    public init(
        size: Size, colorMode: ColorMode = .palette256, events: [InputEvent] = [], keepsAllFrames: Bool = true,
        arrivesAtOnce: Bool = false
    ) {
        self.size = size
        self.colorMode = colorMode
        self.script = events
        self.keepsAllFrames = keepsAllFrames
        self.arrivesAtOnce = arrivesAtOnce
    }

    /// Scripted key presses, e.g. from `KeyNotation.parse`.
    public convenience init(
        size: Size, colorMode: ColorMode = .palette256, keys: [Key], keepsAllFrames: Bool = true, arrivesAtOnce: Bool = false
    ) {
        self.init(
            size: size, colorMode: colorMode, events: keys.map { .key($0) }, keepsAllFrames: keepsAllFrames,
            arrivesAtOnce: arrivesAtOnce)
    }

    public var hasPendingInput: Bool { arrivesAtOnce && delivered < script.count }

    public var lastFrame: Buffer? { frames.last }

    public func draw(_ buffer: Buffer) {
        framesDrawn += 1
        if !keepsAllFrames { frames.removeAll(keepingCapacity: true) }
        frames.append(buffer)
    }

    public func nextEvent(timeoutMilliseconds: Int) -> InputEvent? {
        guard delivered < script.count else { return nil }
        let event = script[delivered]
        delivered += 1
        if case .resize(let newSize) = event { size = newSize }
        return event
    }
}
