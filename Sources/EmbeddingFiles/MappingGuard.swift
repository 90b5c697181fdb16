// SPDX-License-Identifier: Apache-2.0

import AttnMath

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Keeps a file that shrinks under its memory map from killing the process.
///
/// Reading a page of a mapped file beyond its end raises SIGBUS; a file truncated by another
/// process while it is read (or a cache file truncated while the screen uses it) used to end
/// attn-tui with a bus error and a register dump. Every `MappedFile` registers its range here,
/// and one SIGBUS handler looks the faulting address up:
///
/// - a mapping being **read** (a load: parsing, checking a cache) gets anonymous zero pages in
///   place of what is gone, and is marked changed; the load then sees `MappedFile.changed` and
///   reports "file changed while reading", or a cache simply fails its checksums;
/// - a mapping **kept for life** (a cache table a program uses in place) cannot be read on:
///   one line naming the file goes to standard error and the process exits with status 1 (the
///   terminal's own handler, installed later, runs first and restores the screen);
/// - a fault anywhere else is not ours: the previous handler is put back and the fault recurs
///   there (the Swift runtime's backtrace, or the default action).
///
/// The table is fixed-size static memory, so the handler neither allocates nor locks.
enum MappingGuard {
    /// How a fault in a mapping is answered.
    enum Mode: Int {
        case reading = 1
        case keptForLife = 2
    }

    private static let capacity = 64
    /// Per slot: start, end (exclusive), mode (0: free), changed flag.
    private static let fields = 4
    /// The file name of each slot, NUL-terminated, for the message of a kept mapping.
    private static let nameLength = 1024
    // Written under `lock`, read by the handler; static for the life of the process.
    nonisolated(unsafe) private static let slots: UnsafeMutablePointer<Int> = {
        let pointer = UnsafeMutablePointer<Int>.allocate(capacity: capacity * fields)
        pointer.initialize(repeating: 0, count: capacity * fields)
        return pointer
    }()
    nonisolated(unsafe) private static let names: UnsafeMutablePointer<UInt8> = {
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * nameLength)
        pointer.initialize(repeating: 0, count: capacity * nameLength)
        return pointer
    }()
    nonisolated(unsafe) private static let previous: UnsafeMutablePointer<sigaction> = {
        let pointer = UnsafeMutablePointer<sigaction>.allocate(capacity: 1)
        pointer.initialize(to: sigaction())
        return pointer
    }()
    nonisolated(unsafe) private static var installed = false
    /// Set before the handler is installed, so the handler reads a plain value.
    nonisolated(unsafe) private static var pageSize = 4096
    private static let lock = Lock()

    /// Registers `[start, start + count)`; returns its slot, or nil when the table is full
    /// (the mapping is then read unguarded, as before).
    static func register(_ start: UnsafeRawPointer, count: Int, path: String) -> Int? {
        lock.withLock { () -> Int? in
            installHandler()
            for slot in 0..<capacity where slots[slot * fields + 2] == 0 {
                let name = names + slot * nameLength
                let bytes = Array(path.utf8.prefix(nameLength - 1))
                for (i, byte) in bytes.enumerated() { name[i] = byte }
                name[bytes.count] = 0
                slots[slot * fields] = Int(bitPattern: start)
                slots[slot * fields + 1] = Int(bitPattern: start) + count
                slots[slot * fields + 3] = 0
                slots[slot * fields + 2] = Mode.reading.rawValue
                return slot
            }
            return nil
        }
    }

    static func set(_ slot: Int, to mode: Mode) {
        lock.withLock { slots[slot * fields + 2] = mode.rawValue }
    }

    /// Whether a fault in this slot's mapping was answered with zero pages.
    static func changed(_ slot: Int) -> Bool { slots[slot * fields + 3] != 0 }

    static func unregister(_ slot: Int) {
        lock.withLock {
            slots[slot * fields + 2] = 0
            slots[slot * fields] = 0
            slots[slot * fields + 1] = 0
        }
    }

    private static func installHandler() {
        guard !installed else { return }
        installed = true
        pageSize = MappedFile.pageSize
        var action = sigaction()
        #if canImport(Glibc)
            action.__sigaction_handler.sa_sigaction = onBusError
        #else
            action.__sigaction_u.__sa_sigaction = onBusError
        #endif
        action.sa_flags = SA_SIGINFO | SA_ONSTACK
        sigemptyset(&action.sa_mask)
        sigaction(SIGBUS, &action, previous)
    }

    /// The SIGBUS handler (only async-signal-safe calls: mmap, write, _exit, sigaction).
    private static let onBusError: @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void = {
        _, info, _ in
        guard let info else { return }
        let code = info.pointee.si_code
        // Sent, not faulted: by another process (kill), end by the previous action; by this one
        // (the terminal's handler, passing the fault on after restoring the screen), return:
        // the faulting instruction runs again and faults to us with its address.
        if code == SI_USER {
            sigaction(SIGBUS, MappingGuard.previous, nil)
            raise(SIGBUS)
            return
        }
        if code <= 0 { return }
        #if canImport(Glibc)
            let address = Int(bitPattern: info.pointee._sifields._sigfault.si_addr)
        #else
            let address = Int(bitPattern: info.pointee.si_addr)
        #endif
        for slot in 0..<MappingGuard.capacity {
            let base = MappingGuard.slots + slot * MappingGuard.fields
            let mode = base[2]
            guard mode != 0, address >= base[0], address < base[1] else { continue }
            if mode == Mode.reading.rawValue {
                // Zero pages from the faulting page to the end: the read goes on, the load fails after.
                let page = address & ~(MappingGuard.pageSize - 1)
                let replaced = mmap(
                    UnsafeMutableRawPointer(bitPattern: page), base[1] - page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)
                if replaced != MAP_FAILED {
                    base[3] = 1
                    return
                }
            }
            let name = MappingGuard.names + slot * MappingGuard.nameLength
            let prefix: StaticString = "attn-tui: "
            let suffix: StaticString = ": file changed while reading (truncated or rewritten in place while in use)\n"
            _ = write(2, prefix.utf8Start, prefix.utf8CodeUnitCount)
            _ = write(2, name, strlen(name))
            _ = write(2, suffix.utf8Start, suffix.utf8CodeUnitCount)
            _exit(1)
        }
        // Not one of ours: the previous handler takes the fault when it recurs.
        sigaction(SIGBUS, MappingGuard.previous, nil)
    }
}
