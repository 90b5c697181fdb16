// SPDX-License-Identifier: Apache-2.0

import AttnMath

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What identifies one version of a file: a cache built from it is valid while these stay the same.
///
/// The status-change time (ctime) is part of it: an edit in place at the same size whose
/// modification time is put back (`touch -d`, `utimensat`) still moves ctime, which no
/// user call can set. Device and inode tell a replaced file (or another disk) apart.
struct FileStamp: Equatable, Sendable {
    var size: UInt64
    var modifiedSeconds: Int64
    var modifiedNanoseconds: Int64
    var inode: UInt64
    var changedSeconds: Int64 = 0
    var changedNanoseconds: Int64 = 0
    var device: UInt64 = 0

    static let none = FileStamp(size: 0, modifiedSeconds: 0, modifiedNanoseconds: 0, inode: 0)

    /// How many header words `words` takes.
    static let wordCount = 7

    /// The stamp as the cache's header stores it.
    var words: [UInt64] {
        [
            size, UInt64(bitPattern: modifiedSeconds), UInt64(bitPattern: modifiedNanoseconds), inode,
            UInt64(bitPattern: changedSeconds), UInt64(bitPattern: changedNanoseconds), device,
        ]
    }

    init(size: UInt64, modifiedSeconds: Int64, modifiedNanoseconds: Int64, inode: UInt64) {
        self.size = size
        self.modifiedSeconds = modifiedSeconds
        self.modifiedNanoseconds = modifiedNanoseconds
        self.inode = inode
    }

    /// - Precondition: `words.count == wordCount`.
    init(words: ArraySlice<UInt64>) {
        let w = Array(words)
        self.init(size: w[0], modifiedSeconds: Int64(bitPattern: w[1]), modifiedNanoseconds: Int64(bitPattern: w[2]), inode: w[3])
        changedSeconds = Int64(bitPattern: w[4])
        changedNanoseconds = Int64(bitPattern: w[5])
        device = w[6]
    }
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
            let changed = status.st_ctim
        #else
            let modified = status.st_mtimespec
            let changed = status.st_ctimespec
        #endif
        var stamp = FileStamp(
            size: UInt64(status.st_size), modifiedSeconds: Int64(modified.tv_sec), modifiedNanoseconds: Int64(modified.tv_nsec),
            inode: UInt64(status.st_ino))
        stamp.changedSeconds = Int64(changed.tv_sec)
        stamp.changedNanoseconds = Int64(changed.tv_nsec)
        stamp.device = UInt64(status.st_dev)
        return stamp
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
/// memory does not keep it all resident. A file that shrinks while mapped
/// cannot kill the process with SIGBUS (`MappingGuard`): while it is read,
/// the missing pages read as zeros and `changed` turns true; once kept for
/// life (`keepForLife`), the process ends with one line naming the file.
final class MappedFile: @unchecked Sendable {
    // Immutable after init; the mapping is read-only, so sharing it between threads is safe.
    let path: String
    let stamp: FileStamp
    let count: Int
    private let mapping: UnsafeMutableRawPointer?
    private let guardSlot: Int?

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
        guardSlot = MappingGuard.register(address, count: count, path: path)
    }

    deinit {
        if let guardSlot { MappingGuard.unregister(guardSlot) }
        if let mapping { munmap(mapping, count) }
    }

    /// Whether part of the file vanished while it was read (it shrank): what was read is not the file.
    var changed: Bool { guardSlot.map(MappingGuard.changed) ?? false }

    /// Whether the file's status (size, times, inode) differs from when it was opened, or it shrank under the map.
    var changedSinceOpened: Bool {
        if changed { return true }
        var status = stat()
        guard stat(path, &status) == 0, let now = try? FileCheck.stamp(status, path: path) else { return true }
        return now != stamp
    }

    /// The error a load reports when the file changed under it.
    var changedError: EmbeddingFileError {
        EmbeddingFileError(
            file: path, kind: .changed, problem: "file changed while reading (truncated or rewritten during the load): nothing was loaded")
    }

    /// From now on the mapping is used in place for as long as the process runs (a cache
    /// table): a fault in it can no longer be papered over, so it ends the process with one line.
    func keepForLife() {
        if let guardSlot { MappingGuard.set(guardSlot, to: .keptForLife) }
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
