// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a file so that a crash or kill at any moment leaves the old file
/// or the new one, never a mix: a temporary file beside it, fsync, rename, fsync of the folder.
public enum AtomicFile {
    /// What failed and the system's reason, as one line.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String

        /// `code` is the `errno` of the failure, read by the caller before any other call can change it.
        public init(_ what: String, errno code: Int32) {
            description = "\(what): \(String(cString: strerror(code)))"
        }
    }

    /// Appends bytes to the temporary file.
    public struct Writer {
        fileprivate let fd: Int32
        public fileprivate(set) var written = 0

        public mutating func write(_ bytes: UnsafeRawBufferPointer) throws(Failure) {
            guard var p = bytes.baseAddress else { return }
            var left = bytes.count
            while left > 0 {
                let n = systemWrite(fd, p, min(left, 1 << 30))
                if n < 0 {
                    let code = errno
                    if code == EINTR { continue }
                    throw Failure("write", errno: code)
                }
                p += n
                left -= n
                written += n
            }
        }

        public mutating func write<T>(array: [T]) throws(Failure) {
            // Array.withUnsafeBytes only rethrows untyped errors: carry the failure out by hand.
            var failure: Failure?
            array.withUnsafeBytes { bytes in
                do throws(Failure) { try write(bytes) } catch { failure = error }
            }
            if let failure { throw failure }
        }
    }

    /// Runs `body` to fill a temporary file beside `path`, then puts it in `path`'s place.
    /// On any failure the temporary file is removed and `path` is left as it was.
    public static func write(to path: String, _ body: (inout Writer) throws(Failure) -> Void) throws(Failure) {
        let temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure("cannot create \(temporary)", errno: errno) }
        var writer = Writer(fd: fd)
        do throws(Failure) {
            try body(&writer)
            guard fsync(fd) == 0 else { throw Failure("cannot write \(temporary)", errno: errno) }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        // close can report a write the kernel deferred (NFS): its failure is the write's.
        guard close(fd) == 0 else {
            let code = errno
            unlink(temporary)
            throw Failure("cannot write \(temporary)", errno: code)
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw Failure("cannot replace \(path)", errno: code)
        }
        syncFolder(of: path)
    }

    /// Deletes the temporary files that `write` left in `folder` when its process was killed
    /// mid-write: those named `NAME.tmp-PID-RANDOM` for a `NAME` that `belongs` accepts,
    /// whose PID no longer runs. A live process's temporary (this one's, or another
    /// instance still writing) is kept; so is anything named otherwise. Best effort: a file
    /// that cannot be listed or removed is left as it is.
    public static func removeAbandonedTemporaries(in folder: String, belongs: (String) -> Bool) {
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        let me = getpid()
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            // NAME.tmp-PID-RANDOM, read from the end (NAME may hold dashes and dots).
            let parts = name.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count >= 3, UInt32(parts[parts.count - 1]) != nil, let pid = pid_t(parts[parts.count - 2]), pid > 0, pid != me
            else { continue }
            let prefix = parts.dropLast(2).joined(separator: "-")
            guard prefix.hasSuffix(".tmp"), belongs(String(prefix.dropLast(4))) else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(folder + "/" + name) }
        }
    }

    /// Makes `path` and its missing parents folders (`mkdir -p`).
    public static func makeFolders(_ path: String) throws(Failure) {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o755) != 0 {
                let code = errno
                if code != EEXIST { throw Failure("cannot create \(current)", errno: code) }
            }
        }
        // mkdir says EEXIST for a file too: only a folder will do.
        var status = stat()
        guard stat(path, &status) == 0 else { throw Failure("cannot create \(path)", errno: errno) }
        guard status.st_mode & S_IFMT == S_IFDIR else { throw Failure("cannot create \(path)", errno: ENOTDIR) }
    }

    private static func syncFolder(of path: String) {
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let fd = open(folder.isEmpty ? "/" : folder, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}

// Inside `Writer`, a bare `write` names the method; this is the system call on either C library.
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.write(fd, bytes, count)
    #else
        Darwin.write(fd, bytes, count)
    #endif
}
