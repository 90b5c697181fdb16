import AttnMath

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads the cache's float32 matrix into a `[Float]` without copying it.
///
/// A large array's elements start at the same offset within a memory page
/// each time (`pageOffset`: glibc's 16-byte chunk header plus the array's
/// 32-byte header). The cache stores the matrix at that offset within a page,
/// so the whole pages of the array's storage line up with pages of the
/// file, and are replaced by a private mapping of it (MAP_FIXED |
/// MAP_PRIVATE): no zero-filling, no copy; the kernel shares the page-cache
/// pages until someone writes (copy-on-write). The partial first and last
/// pages are read with `pread`. The array is still an ordinary array: it
/// frees its memory (mapping included) as usual. When the offsets do not
/// line up (another allocator) or the mapping fails, the block is read with
/// `pread` over the cores instead. Either way the block's length is checked
/// and a sample of its pages checksummed (`Checksum.sampled`).
enum FloatBlock {
    /// Where a large `[Float]`'s first element sits within its memory page (measured once).
    static let pageOffset: Int = {
        // Large enough that malloc always maps it fresh; never touched, so it costs no memory.
        let probe = [Float](unsafeUninitializedCapacity: 16 << 20) { _, initialized in initialized = 0 }
        return probe.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) } % pageSize
    }()

    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// `count` floats from `offset` in the open file `fd`, or nil if a read fails or the checksum differs.
    static func read(_ fd: Int32, at offset: Int, count: Int, checksum: UInt64) -> [Float]? {
        let length = count * 4
        var intact = false
        let values = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = count
            guard let base = buffer.baseAddress.map(UnsafeMutableRawPointer.init) else {
                intact = Checksum.sampled(UnsafeRawBufferPointer(start: nil, count: 0)) == checksum
                return
            }
            let block = UnsafeMutableRawBufferPointer(start: base, count: length)
            let read = map(block, fd: fd, at: offset) || readOverCores(block, fd: fd, at: offset)
            intact = read && Checksum.sampled(UnsafeRawBufferPointer(block)) == checksum
        }
        return intact ? values : nil
    }

    /// Maps the file over the whole pages of `block`; false (with `block` still ordinary memory) when it cannot.
    private static func map(_ block: UnsafeMutableRawBufferPointer, fd: Int32, at offset: Int) -> Bool {
        #if os(Linux)
            let start = Int(bitPattern: block.baseAddress)
            let first = (start + pageSize - 1) / pageSize * pageSize
            let last = (start + block.count) / pageSize * pageSize
            guard block.count >= 16 << 20, last > first, (offset + first - start) % pageSize == 0,
                let target = UnsafeMutableRawPointer(bitPattern: first)
            else { return false }
            let mapped = mmap(target, last - first, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, fd, off_t(offset + first - start))
            guard mapped == target else {
                // A failed MAP_FIXED may have unmapped the range: put fresh memory back before anything touches it.
                let restored = mmap(target, last - first, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1, 0)
                precondition(restored == target, "FloatBlock: cannot restore the array's memory")
                return false
            }
            let head = UnsafeMutableRawBufferPointer(start: block.baseAddress, count: first - start)
            let tail = UnsafeMutableRawBufferPointer(start: target + (last - first), count: start + block.count - last)
            return readFully(fd, into: head, at: offset) && readFully(fd, into: tail, at: offset + last - start)
        #else
            return false
        #endif
    }

    private static func readOverCores(_ block: UnsafeMutableRawBufferPointer, fd: Int32, at offset: Int) -> Bool {
        let size = Checksum.blockSize
        let blocks = (block.count + size - 1) / size
        var failures = [Bool](repeating: false, count: blocks)
        let base = SharedPointer(block.baseAddress!.assumingMemoryBound(to: UInt8.self))
        let total = block.count
        failures.withUnsafeMutableBufferPointer { failures in
            let out = SharedPointer(failures.baseAddress!)
            ParallelWork.run(blocks) { k in
                let part = UnsafeMutableRawBufferPointer(start: base.base + k * size, count: min(size, total - k * size))
                out[k] = !readFully(fd, into: part, at: offset + k * size)
            }
        }
        return !failures.contains(true)
    }

    static func readFully(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Bool {
        guard var p = buffer.baseAddress else { return true }
        var left = buffer.count
        var position = offset
        while left > 0 {
            let n = pread(fd, p, left, off_t(position))
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return false }
            p += n
            left -= n
            position += n
        }
        return true
    }
}
