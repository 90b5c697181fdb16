// SPDX-License-Identifier: Apache-2.0

import FileSupport

// FoundationEssentials where there is one: the full Foundation brings ICU's data (tens of MB) into a static binary.
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads and writes `state.json` in the state directory.
///
/// Writes are atomic (`AtomicFile`): a crash at any moment leaves the old or
/// the new file. A file that cannot be read is moved aside (never overwritten) and
/// reported as a warning.
public struct StateStore: Sendable {
    public let directory: String
    public var file: String { directory + "/state.json" }

    public init(directory: String) { self.directory = directory }

    /// `$XDG_DATA_HOME/attn-tui`, else `~/.local/share/attn-tui` (the home from `HOME`, else the
    /// password database); nil when there is no home at all: never a folder under the current
    /// one, where words would be kept by accident and never found again.
    public static func defaultDirectory(
        environment: [String: String] = ProcessInfo.processInfo.environment, passwordHome: () -> String? = XDGFolder.passwordHome
    ) -> String? {
        XDGFolder.data.path(for: "attn-tui", environment: { environment[$0] }, passwordHome: passwordHome)
    }

    /// Why there is no default folder, for the one-line error.
    public static let noDirectoryReason =
        "cannot tell where to keep your words and progress: set HOME or XDG_DATA_HOME, or give --state-dir DIR"

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

    /// The largest state file read: 1,000 placed words of 300 features each take about 6 MB.
    public static let sizeLimit = 16_000_000

    /// The file's size in bytes, nil when there is none.
    func fileSize() -> Int? {
        var info = stat()
        guard stat(file, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    /// The saved state as it is on disk now, without moving anything aside; nil when unreadable.
    public func peek(course: Course) -> SavedState? {
        guard (fileSize() ?? 0) <= Self.sizeLimit, let data = FileManager.default.contents(atPath: file) else { return nil }
        let version = (try? JSONDecoder().decode(VersionOnly.self, from: data))?.version ?? 1
        guard version <= SavedState.currentVersion else { return nil }
        if version < SavedState.currentVersion {
            return (try? JSONDecoder().decode(SavedStateVersion1.self, from: data))?.migrated(course: course)
        }
        return try? JSONDecoder().decode(SavedState.self, from: data)
    }

    /// The saved state; nil when there is none yet.
    ///
    /// A file that cannot be read, or that a newer release wrote, is moved aside
    /// (never rewritten) and reported; absurd values are refused or clamped and
    /// reported (`SavedState.checked()`).
    /// - Parameter readOnly: leave the folder exactly as it is (`render`): the
    ///   problems are reported, nothing is moved.
    /// - Parameter course: names the steps of a format-1 file (saved by position) when it is migrated.
    public func load(readOnly: Bool = false, course: Course) -> Loaded {
        // The size first: a state file is kilobytes, and decoding tens of megabytes would keep the
        // learner waiting seconds for a file that is damaged anyway.
        if let size = fileSize(), size > Self.sizeLimit {
            let problem = "is \(size / 1_000_000) MB, more than a state file can be (at most \(Self.sizeLimit / 1_000_000) MB)"
            return Loaded(state: nil, warnings: [moveAside("too-large", problem: problem, readOnly: readOnly)])
        }
        guard let data = FileManager.default.contents(atPath: file) else { return Loaded(state: nil) }
        let version = (try? JSONDecoder().decode(VersionOnly.self, from: data))?.version
        if let version, version > SavedState.currentVersion {
            let problem = "was written by a newer attn-tui (format \(version); this one reads \(SavedState.currentVersion))"
            return Loaded(state: nil, warnings: [moveAside("newer-v\(version)", problem: problem, readOnly: readOnly)])
        }
        do {
            let decoded =
                (version ?? 1) < SavedState.currentVersion
                ? try JSONDecoder().decode(SavedStateVersion1.self, from: data).migrated(course: course)
                : try JSONDecoder().decode(SavedState.self, from: data)
            let (state, warnings) = decoded.checked()
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
        // AtomicFile names them "state.json.tmp-PID-RANDOM": a dead PID's file is a killed writer's.
        for name in names where name.hasPrefix("state.json.tmp-") {
            guard let pid = name.dropFirst("state.json.tmp-".count).split(separator: "-").first.flatMap({ pid_t($0) }) else { continue }
            if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH { unlink(directory + "/" + name) }
        }
    }

    /// Saves `mine` merged with what is on disk now (`SavedState.merging`), holding the folder's
    /// lock from the read to the rename, so two programs never interleave; returns what was
    /// written. A file a newer attn-tui wrote meanwhile, or one that cannot be read, is never
    /// overwritten: that is an error, and the caller says "not saved".
    public func saveMerging(_ mine: SavedState, base: SavedState?, course: Course) throws(StateStoreError) -> SavedState {
        let result: Result<SavedState, StateStoreError>
        do throws(AtomicFile.Failure) {
            try AtomicFile.makeFolders(directory)
            result = try FolderLock.withLock(in: directory, name: "state.lock") { () throws(StateStoreError) -> SavedState in
                let disk = try onDiskForMerging(course: course)
                let merged = SavedState.merging(mine, base: base, disk: disk)
                try save(merged)
                return merged
            }
        } catch {
            throw StateStoreError(error.description)
        }
        return try result.get()
    }

    /// What is on disk now, for a merge: nil for no file; an error for one this program must not overwrite.
    private func onDiskForMerging(course: Course) throws(StateStoreError) -> SavedState? {
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        let version = (try? JSONDecoder().decode(VersionOnly.self, from: data))?.version
        if let version, version > SavedState.currentVersion {
            throw StateStoreError("\(file) was written by a newer attn-tui (format \(version)) meanwhile; it is left as it is")
        }
        guard let state = peek(course: course) else {
            throw StateStoreError("\(file) changed and cannot be read now; it is left as it is")
        }
        return state
    }

    /// Saves atomically. Throws a one-line message on failure.
    public func save(_ state: SavedState) throws(StateStoreError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(state) else { throw StateStoreError("cannot encode the state") }
        do throws(AtomicFile.Failure) {
            try AtomicFile.makeFolders(directory)
            removeAbandonedTemporaries()
            try AtomicFile.write(to: file) { (writer) throws(AtomicFile.Failure) in try writer.write(array: Array(data)) }
        } catch {
            throw StateStoreError(error.description)
        }
    }
}

public struct StateStoreError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
