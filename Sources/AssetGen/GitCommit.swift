// SPDX-License-Identifier: Apache-2.0

import Foundation

/// The commit a package folder's git checkout is at, read from the files of `.git`
/// itself (no `git` program is run): HEAD, then the branch it names, loose or packed.
/// A worktree's `.git` file and its `commondir` are followed. Nil when the folder
/// is not a checkout (a source tarball) or anything is unreadable.
enum GitCommit {
    static func current(packageDirectory: URL) -> String? {
        guard let folders = folders(packageDirectory: packageDirectory),
            let head = text(folders.gitDirectory.appendingPathComponent("HEAD"))
        else { return nil }
        guard head.hasPrefix("ref: ") else { return isCommit(head) ? head : nil }
        let reference = String(head.dropFirst(5))
        for folder in [folders.gitDirectory, folders.commonDirectory] {
            if let loose = text(folder.appendingPathComponent(reference)), isCommit(loose) { return loose }
        }
        guard let packed = text(folders.commonDirectory.appendingPathComponent("packed-refs")) else { return nil }
        for line in packed.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("^") {
            let fields = line.split(separator: " ", maxSplits: 1)
            if fields.count == 2, fields[1] == reference, isCommit(String(fields[0])) { return String(fields[0]) }
        }
        return nil
    }

    /// The checkout's git folder (a worktree's own) and the folder its refs are shared in.
    static func folders(packageDirectory: URL) -> (gitDirectory: URL, commonDirectory: URL)? {
        let dotGit = packageDirectory.appendingPathComponent(".git")
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isFolder) else { return nil }
        var gitDirectory = dotGit
        if !isFolder.boolValue {
            // A worktree or submodule: ".git" is a file saying "gitdir: PATH".
            guard let pointer = text(dotGit), pointer.hasPrefix("gitdir: ") else { return nil }
            gitDirectory = resolve(String(pointer.dropFirst(8)), against: packageDirectory)
        }
        var commonDirectory = gitDirectory
        if let common = text(gitDirectory.appendingPathComponent("commondir")) {
            commonDirectory = resolve(common, against: gitDirectory)
        }
        return (gitDirectory, commonDirectory)
    }

    private static func resolve(_ path: String, against base: URL) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path).standardizedFileURL
    }

    private static func text(_ url: URL) -> String? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// 40 (SHA-1) or 64 (SHA-256) lower-case hex digits.
    static func isCommit(_ text: String) -> Bool {
        (text.count == 40 || text.count == 64) && text.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }
}
