import AttnMath

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What identifies one version of a file: a cache built from it is valid while these stay the same.
struct FileStamp: Equatable, Sendable {
    var size: UInt64
    var modifiedSeconds: Int64
    var modifiedNanoseconds: Int64
    var inode: UInt64

    static let none = FileStamp(size: 0, modifiedSeconds: 0, modifiedNanoseconds: 0, inode: 0)
}

/// The status of a path that must be a readable regular file, or the error naming what it is instead.
enum FileCheck {
    static func stamp(of path: String) throws(EmbeddingFileError) -> FileStamp {
        var status = stat()
        guard stat(path, &status) == 0 else { throw openError(path: path, errno: errno) }
        return try stamp(status, path: path)
    }

    static func stamp(_ status: stat, path: String) throws(EmbeddingFileError) -> FileStamp {
        let type = status.st_mode & S_IFMT
        if type == S_IFDIR { throw EmbeddingFileError(file: path, kind: .directory, problem: "is a directory, not an embedding file") }
        guard type == S_IFREG else { throw EmbeddingFileError(file: path, kind: .unreadable, problem: "not a regular file") }
        #if canImport(Glibc)
            let modified = status.st_mtim
        #else
            let modified = status.st_mtimespec
        #endif
        return FileStamp(
            size: UInt64(status.st_size), modifiedSeconds: Int64(modified.tv_sec), modifiedNanoseconds: Int64(modified.tv_nsec),
            inode: UInt64(status.st_ino))
    }

    static func openError(path: String, errno code: Int32) -> EmbeddingFileError {
        switch code {
        case ENOENT: EmbeddingFileError(file: path, kind: .missing, problem: "no such file")
        case ENOTDIR: EmbeddingFileError(file: path, kind: .missing, problem: "no such file (a folder in the path is a file)")
        case EACCES, EPERM: EmbeddingFileError(file: path, kind: .unreadable, problem: "permission denied")
        case EISDIR: EmbeddingFileError(file: path, kind: .directory, problem: "is a directory, not an embedding file")
        default: EmbeddingFileError(file: path, kind: .unreadable, problem: "cannot read: \(String(cString: strerror(code)))")
        }
    }

    /// The absolute path with symbolic links resolved, or `path` itself when that fails.
    static func absolutePath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// A whole regular file mapped read-only into memory.
///
/// Reading a page the kernel has not loaded yet costs a page fault, not a
/// copy; `release(_:)` drops pages already parsed from this process's
/// resident set (they stay in the page cache), so parsing a file larger than
/// memory does not keep it all resident.
final class MappedFile: @unchecked Sendable {
    // Immutable after init; the mapping is read-only, so sharing it between threads is safe.
    let path: String
    let stamp: FileStamp
    let count: Int
    private let mapping: UnsafeMutableRawPointer?

    init(path: String) throws(EmbeddingFileError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw FileCheck.openError(path: path, errno: errno) }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw FileCheck.openError(path: path, errno: errno) }
        stamp = try FileCheck.stamp(status, path: path)
        self.path = path
        count = Int(status.st_size)
        guard count > 0 else { throw EmbeddingFileError(file: path, kind: .empty, problem: "empty file") }
        let address = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let address, address != MAP_FAILED else { throw FileCheck.openError(path: path, errno: errno) }
        mapping = address
    }

    deinit {
        if let mapping { munmap(mapping, count) }
    }

    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    var bytes: SharedBytes { SharedBytes(base: UnsafePointer(mapping!.assumingMemoryBound(to: UInt8.self)), count: count) }

    /// Where the text starts: after a UTF-8 byte order mark, if the file has one (some Windows tools write it).
    var textStart: Int {
        count >= 3 && bytes.base[0] == 0xEF && bytes.base[1] == 0xBB && bytes.base[2] == 0xBF ? 3 : 0
    }

    /// Drops the whole pages inside `range` from this process's resident memory; they are read again if touched.
    func release(_ range: Range<Int>) {
        guard let mapping else { return }
        let page = Self.pageSize
        let start = (range.lowerBound + page - 1) / page * page
        let end = range.upperBound / page * page
        guard end > start else { return }
        madvise(mapping + start, end - start, MADV_DONTNEED)
    }
}
