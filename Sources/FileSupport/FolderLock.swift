// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive advisory lock on a folder (`flock` on a lock file in it), held while a process
/// reads, merges and writes the folder's state, so two processes never interleave those steps.
///
/// The lock belongs to the open file: it is released when `withLock` returns, and also when the
/// process dies, so a killed writer never leaves the folder locked.
public enum FolderLock {
    /// Runs `body` holding the lock on `folder/name` (the file is created if needed).
    public static func withLock<T, E: Error>(
        in folder: String, name: String = ".lock", _ body: () throws(E) -> T
    ) throws(AtomicFile.Failure) -> Result<T, E> {
        let path = folder + "/" + name
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw AtomicFile.Failure("cannot open the lock \(path)", errno: errno) }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw AtomicFile.Failure("cannot lock \(path)", errno: errno) }
        }
        defer { _ = flock(fd, LOCK_UN) }
        do throws(E) {
            return .success(try body())
        } catch {
            return .failure(error)
        }
    }
}
