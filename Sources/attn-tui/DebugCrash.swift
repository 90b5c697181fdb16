// SPDX-License-Identifier: Apache-2.0

import TUIKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A hidden switch for the end-to-end tests: with `ATTN_TUI_DEBUG_CRASH` set to
/// `trap`, `segv` or `abort`, the first key pressed crashes the program that way,
/// so a test can check that a real crash, with the screen up, restores the
/// terminal before anything (Swift's message, a backtrace) is printed.
final class DebugCrashTerminal<Base: Terminal>: Terminal {
    enum Kind: String { case trap, segv, abort }

    let base: Base
    let kind: Kind

    init(base: Base, kind: Kind) {
        self.base = base
        self.kind = kind
    }

    /// The kind asked for in the environment, or nil (the normal case).
    static func requested() -> Kind? {
        getenv("ATTN_TUI_DEBUG_CRASH").flatMap { Kind(rawValue: String(cString: $0)) }
    }

    var size: Size { base.size }
    var colorMode: ColorMode { base.colorMode }
    var hasPendingInput: Bool { base.hasPendingInput }
    func draw(_ buffer: Buffer) { base.draw(buffer) }

    func nextEvent(timeoutMilliseconds: Int) -> InputEvent? {
        let event = base.nextEvent(timeoutMilliseconds: timeoutMilliseconds)
        if case .key = event { crash() }
        return event
    }

    private func crash() {
        switch kind {
        case .trap: fatalError("crash requested by ATTN_TUI_DEBUG_CRASH=trap")
        case .segv:
            // A write through an address no page maps: a real SIGSEGV, not one sent by kill.
            let address = UnsafeMutablePointer<Int>(bitPattern: 8)
            address?.pointee = 1
        case .abort: abort()
        }
    }
}
