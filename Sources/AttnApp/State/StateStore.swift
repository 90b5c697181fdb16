import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads and writes `state.json` in the state directory.
///
/// Writes are atomic: a temporary file in the same directory, fsync, rename,
/// fsync of the directory — a crash at any moment leaves the old or the new
/// file. A file that cannot be read is moved aside (never overwritten) and
/// reported as a warning.
public struct StateStore: Sendable {
    public let directory: String
    public var file: String { directory + "/state.json" }

    public init(directory: String) { self.directory = directory }

    /// `--state-dir`, else `$XDG_DATA_HOME/attn-tui`, else `~/.local/share/attn-tui`.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") { return data + "/attn-tui" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/share/attn-tui"
    }

    public struct Loaded: Sendable {
        public var state: SavedState?
        /// Everything worth telling the user: a file moved aside, values refused or clamped.
        public var warnings: [String] = []
        /// The first warning (a corrupt or newer file moved aside comes first).
        public var warning: String? { warnings.first }

        init(state: SavedState?, warnings: [String] = []) {
            self.state = state
            self.warnings = warnings
        }
    }

    /// Just the version, read before the rest so a newer format is never taken for this one.
    private struct VersionOnly: Decodable { var version: Int? }

    /// The saved state as it is on disk now, without moving anything aside; nil when unreadable.
    public func peek() -> SavedState? {
        FileManager.default.contents(atPath: file).flatMap { try? JSONDecoder().decode(SavedState.self, from: $0) }
    }

    /// The saved state; nil when there is none yet.
    ///
    /// A file that cannot be read, or that a newer release wrote, is moved aside
    /// (never rewritten) and reported; absurd values are refused or clamped and
    /// reported (`SavedState.checked()`).
    /// - Parameter readOnly: leave the folder exactly as it is (`render`): the
    ///   problems are reported, nothing is moved.
    public func load(readOnly: Bool = false) -> Loaded {
        guard let data = FileManager.default.contents(atPath: file) else { return Loaded(state: nil) }
        let version = (try? JSONDecoder().decode(VersionOnly.self, from: data))?.version
        if let version, version > SavedState.currentVersion {
            let problem = "was written by a newer attn-tui (format \(version); this one reads \(SavedState.currentVersion))"
            return Loaded(state: nil, warnings: [moveAside("newer-v\(version)", problem: problem, readOnly: readOnly)])
        }
        do {
            let (state, warnings) = try JSONDecoder().decode(SavedState.self, from: data).checked()
            return Loaded(state: state, warnings: warnings.map { "\(file): \($0)" })
        } catch {
            return Loaded(
                state: nil, warnings: [moveAside("corrupt", problem: "could not be read (\(Self.reason(error)))", readOnly: readOnly)])
        }
    }

    /// Moves the file to `state.json.<label>-<seconds>` and says so.
    private func moveAside(_ label: String, problem: String, readOnly: Bool) -> String {
        if readOnly { return "\(file) \(problem); starting fresh (left as it is)" }
        let aside = Self.unusedName(file + ".\(label)-\(Int(Date().timeIntervalSince1970))")
        // link + unlink instead of rename: link never replaces an existing file, so an earlier copy survives.
        let moved = link(file, aside) == 0 && unlink(file) == 0
        return moved
            ? "\(file) \(problem); moved aside to \(aside)"
            : "\(file) \(problem) and could not be moved aside"
    }

    /// `mkdir -p`, with the system's own reason when it fails (not a Foundation error code).
    static func makeDirectories(_ path: String) throws(StateStoreError) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw StateStoreError("cannot create \(prefix): \(String(cString: strerror(errno)))")
            }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StateStoreError("cannot use \(path) for saved state: a part of it is not a folder")
        }
    }

    /// `base`, or `base-2`, `base-3`, … : the first name no file has.
    static func unusedName(_ base: String) -> String {
        var candidate = base
        var number = 1
        while FileManager.default.fileExists(atPath: candidate) {
            number += 1
            candidate = "\(base)-\(number)"
        }
        return candidate
    }

    private static func reason(_ error: Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error { return context.debugDescription }
        return "not a saved state"
    }

    /// Deletes the half-written temporary files of attn-tui processes that no longer
    /// run (killed in the middle of a save), so only whole files stay in the folder.
    func removeAbandonedTemporaries() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(".state.json.") && name.hasSuffix(".tmp") {
            guard let pid = pid_t(name.dropFirst(".state.json.".count).dropLast(".tmp".count)) else { continue }
            if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH { unlink(directory + "/" + name) }
        }
    }

    /// Saves atomically. Throws a one-line message on failure.
    public func save(_ state: SavedState) throws(StateStoreError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(state) else { throw StateStoreError("cannot encode the state") }
        try Self.makeDirectories(directory)
        removeAbandonedTemporaries()
        let temporary = directory + "/.state.json.\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw StateStoreError("cannot write \(temporary): \(String(cString: strerror(errno)))") }
        let written = data.withUnsafeBytes { bytes -> Bool in
            var offset = 0
            while offset < bytes.count {
                let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
        let synced = fsync(fd) == 0
        close(fd)
        guard written, synced else {
            unlink(temporary)
            throw StateStoreError("cannot write \(temporary): \(String(cString: strerror(errno)))")
        }
        guard rename(temporary, file) == 0 else {
            unlink(temporary)
            throw StateStoreError("cannot replace \(file): \(String(cString: strerror(errno)))")
        }
        let directoryFD = open(directory, O_RDONLY)
        if directoryFD >= 0 {
            fsync(directoryFD)
            close(directoryFD)
        }
    }
}

public struct StateStoreError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
