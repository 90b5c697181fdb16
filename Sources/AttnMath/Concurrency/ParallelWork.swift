// SPDX-License-Identifier: Apache-2.0

import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A pointer shared by parallel workers that each read or write their own,
/// disjoint part of the memory behind it. The caller keeps the memory alive
/// and guarantees the parts do not overlap; that is what makes it `Sendable`.
package struct SharedPointer<Element>: @unchecked Sendable {
    package let base: UnsafeMutablePointer<Element>

    package init(_ base: UnsafeMutablePointer<Element>) { self.base = base }

    package subscript(i: Int) -> Element {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }
}

/// Read-only bytes shared by parallel workers (a memory map or a buffer the caller keeps alive).
package struct SharedBytes: @unchecked Sendable {
    package let base: UnsafePointer<UInt8>
    package let count: Int

    package init(base: UnsafePointer<UInt8>, count: Int) {
        self.base = base
        self.count = count
    }
}

package enum ParallelWork {
    /// The number of cores this process may use.
    package static var cores: Int {
        #if canImport(Glibc)
            let online = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
            let online = Int(sysconf(_SC_NPROCESSORS_ONLN))
        #endif
        return max(1, online)
    }

    /// Runs `body(0..<count)` over the cores, or inline when there is one job.
    package static func run(_ count: Int, _ body: @Sendable (Int) -> Void) {
        if count <= 0 { return }
        if count == 1 || cores == 1 {
            for i in 0..<count { body(i) }
        } else {
            DispatchQueue.concurrentPerform(iterations: count, execute: body)
        }
    }

    /// `total` items cut into `parts` nearly equal contiguous ranges.
    package static func ranges(total: Int, parts: Int) -> [Range<Int>] {
        let parts = max(1, min(parts, total))
        guard total > 0 else { return [] }
        return (0..<parts).map { p in (total * p / parts)..<(total * (p + 1) / parts) }
    }
}

extension SharedPointer {
    /// Initializes element `i` of uninitialized memory.
    package func initialize(at i: Int, to value: Element) { (base + i).initialize(to: value) }
}

/// A mutual-exclusion lock (pthread), for the few values computed once on first use.
package final class Lock: @unchecked Sendable {
    // The mutex lives on the heap at a fixed address, as pthread requires.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    package init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    package func withLock<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body()
    }
}
