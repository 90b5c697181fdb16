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

    /// `--state-dir`, else `$XDG_DATA_HOME/attn-tui`, else `~/.local/share/attn-tui`.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        // Without any home folder, a folder under the current one rather than none at all.
        XDGFolder.data.path(for: "attn-tui") { environment[$0] } ?? ".local/share/attn-tui"
    }

    public struct Loaded: Sendable {
        public var state: SavedState?
        /// Set when a corrupt file was moved aside.
        public var warning: String?
    }

    /// The saved state as it is on disk now, without moving anything aside; nil when unreadable.
    public func peek() -> SavedState? {
        FileManager.default.contents(atPath: file).flatMap { try? JSONDecoder().decode(SavedState.self, from: $0) }
    }

    /// The saved state; nil when there is none yet.
    public func load() -> Loaded {
        guard let data = FileManager.default.contents(atPath: file) else { return Loaded(state: nil, warning: nil) }
        do {
            return Loaded(state: try JSONDecoder().decode(SavedState.self, from: data), warning: nil)
        } catch {
            let aside = Self.unusedName(file + ".corrupt-\(Int(Date().timeIntervalSince1970))")
            // link + unlink instead of rename: link never replaces an existing file, so an earlier copy survives.
            let moved = link(file, aside) == 0 && unlink(file) == 0
            let warning =
                moved
                ? "\(file) could not be read (\(Self.reason(error))); moved aside to \(aside)"
                : "\(file) could not be read (\(Self.reason(error))) and could not be moved aside"
            return Loaded(state: nil, warning: warning)
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

    /// Saves atomically. Throws a one-line message on failure.
    public func save(_ state: SavedState) throws(StateStoreError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(state) else { throw StateStoreError("cannot encode the state") }
        do throws(AtomicFile.Failure) {
            try AtomicFile.makeFolders(directory)
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
