// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

@testable import AssetGen

/// `attn-tui --version` names the word pack's SHA-256 and the commit it was built from, both
/// worked out by AssetGen at build time.
@Suite("Build facts: SHA-256 and the git commit")
struct BuildInfoTests {
    @Test func sha256MatchesFIPS180Examples() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func piecesHashLikeTheWhole() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        // Pieces that end on and off the 64-byte blocks, and the 55/56-byte padding edge.
        for cuts in [[1, 63, 64, 65], [55], [56], [64, 128], [999]] {
            var hash = SHA256()
            var start = 0
            for cut in cuts + [bytes.count] {
                hash.update(bytes[start..<cut])
                start = cut
            }
            #expect(hash.hexDigest() == SHA256.hex(bytes), "cut at \(cuts)")
        }
        for length in 54...66 {
            #expect(SHA256.hex(bytes.prefix(length)).count == 64)
        }
    }

    // MARK: - the commit

    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("assetgen-git-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func write(_ text: String, _ url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    private let commitA = "0123456789abcdef0123456789abcdef01234567"
    private let commitB = "89abcdef0123456789abcdef0123456789abcdef"

    @Test func aBranchLooseOrPacked() throws {
        let package = try folder()
        defer { try? FileManager.default.removeItem(at: package) }
        let git = package.appendingPathComponent(".git")
        try write("ref: refs/heads/main\n", git.appendingPathComponent("HEAD"))
        try write(
            "# pack-refs with: peeled fully-peeled sorted\n\(commitB) refs/heads/other\n\(commitA) refs/heads/main\n",
            git.appendingPathComponent("packed-refs"))
        #expect(GitCommit.current(packageDirectory: package) == commitA)
        // A loose ref is newer than the packed one.
        try write("\(commitB)\n", git.appendingPathComponent("refs/heads/main"))
        #expect(GitCommit.current(packageDirectory: package) == commitB)
    }

    @Test func aDetachedHead() throws {
        let package = try folder()
        defer { try? FileManager.default.removeItem(at: package) }
        try write("\(commitA)\n", package.appendingPathComponent(".git/HEAD"))
        #expect(GitCommit.current(packageDirectory: package) == commitA)
    }

    @Test func aWorktreeFollowsItsGitFileAndCommonDirectory() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let main = root.appendingPathComponent("main/.git")
        let worktree = root.appendingPathComponent("wt")
        try write("ref: refs/heads/main\n", main.appendingPathComponent("HEAD"))
        try write("\(commitA)\n", main.appendingPathComponent("refs/heads/main"))
        try write("\(commitB)\n", main.appendingPathComponent("refs/heads/feature"))
        try write("ref: refs/heads/feature\n", main.appendingPathComponent("worktrees/wt/HEAD"))
        try write("../..\n", main.appendingPathComponent("worktrees/wt/commondir"))
        try write("gitdir: \(main.path)/worktrees/wt\n", worktree.appendingPathComponent(".git"))
        #expect(GitCommit.current(packageDirectory: worktree) == commitB)
        // A relative gitdir as well.
        try write("gitdir: ../main/.git/worktrees/wt\n", worktree.appendingPathComponent(".git"))
        #expect(GitCommit.current(packageDirectory: worktree) == commitB)
    }

    @Test func noCheckoutOrNothingReadableIsNil() throws {
        let package = try folder()
        defer { try? FileManager.default.removeItem(at: package) }
        #expect(GitCommit.current(packageDirectory: package) == nil, "a source tarball")
        try write("ref: refs/heads/main\n", package.appendingPathComponent(".git/HEAD"))
        #expect(GitCommit.current(packageDirectory: package) == nil, "a branch with no commit yet")
        try write("not a commit\n", package.appendingPathComponent(".git/HEAD"))
        #expect(GitCommit.current(packageDirectory: package) == nil)
        #expect(!GitCommit.isCommit(commitA.uppercased()))
        #expect(GitCommit.isCommit(commitA + commitA.prefix(24)), "SHA-256 repositories")
    }

    /// The real word pack: the digest `--version` prints is what `cat Assets/wordpack/* | sha256sum` prints.
    @Test func theWordPackDigestIsTheFilesInPathOrder() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("Assets/wordpack")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(names.count >= 2)
        var hash = SHA256()
        for name in names { hash.update(try Data(contentsOf: folder.appendingPathComponent(name))) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "cat Assets/wordpack/* | sha256sum"]
        process.currentDirectoryURL = root
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(output.hasPrefix(hash.hexDigest() + " "))
    }
}
