import AttnMath

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a file so that a crash or kill at any moment leaves the old file
/// or the new one, never a mix: a temporary file beside it, fsync, rename, fsync of the folder.
enum AtomicFile {
    struct Failure: Error, CustomStringConvertible {
        let description: String

        init(_ what: String, errno code: Int32) {
            description = "\(what): \(String(cString: strerror(code)))"
        }
    }

    /// Appends bytes to the temporary file.
    struct Writer {
        fileprivate let fd: Int32
        fileprivate(set) var written = 0

        mutating func write(_ bytes: UnsafeRawBufferPointer) throws(Failure) {
            guard var p = bytes.baseAddress else { return }
            var left = bytes.count
            while left > 0 {
                let n = Glibc.write(fd, p, min(left, 1 << 30))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw Failure("write", errno: errno)
                }
                p += n
                left -= n
                written += n
            }
        }

        mutating func write<T>(array: [T]) throws(Failure) {
            var failure: Failure?
            array.withUnsafeBytes { bytes in
                do throws(Failure) { try write(bytes) } catch { failure = error }
            }
            if let failure { throw failure }
        }
    }

    static func write(to path: String, _ body: (inout Writer) throws(Failure) -> Void) throws(Failure) {
        let temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure("cannot create \(temporary)", errno: errno) }
        var writer = Writer(fd: fd)
        do throws(Failure) {
            try body(&writer)
            guard fsync(fd) == 0 else { throw Failure("fsync", errno: errno) }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw Failure("cannot rename to \(path)", errno: code)
        }
        syncFolder(of: path)
    }

    /// Makes `path` and its missing parents folders.
    static func makeFolders(_ path: String) throws(Failure) {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o755) != 0, errno != EEXIST { throw Failure("cannot create \(current)", errno: errno) }
        }
    }

    private static func syncFolder(of path: String) {
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let fd = open(folder.isEmpty ? "/" : folder, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
