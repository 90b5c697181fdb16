// SPDX-License-Identifier: Apache-2.0

import Foundation
import XCTest

/// A file the user may not read: one line naming it and the reason, exit 1. Root reads every
/// file whatever its permissions, so as root the program runs as `nobody` (setpriv): the test
/// runs everywhere, it is never skipped.
final class CLIUnreadableFileTests: XCTestCase {
    func testAnUnreadableEmbeddingFileIsOneClearLine() throws {
        let folder = NSTemporaryDirectory() + "attn-unreadable-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // The folder open to all (nobody must reach the file), the file to no one.
        XCTAssertEqual(chmod(folder, 0o755), 0)
        let path = folder + "/secret.txt"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data("a 1 2\nb 2 1\n".utf8)))
        XCTAssertEqual(chmod(path, 0), 0)
        let arguments = ["similarity", "a", "b", "--embeddings", path, "--no-cache"]
        let result: CLI.Result
        if geteuid() == 0 {
            result = try CLI.run(
                ["--reuid=65534", "--regid=65534", "--clear-groups", CLI.executable.path] + arguments,
                executable: URL(fileURLWithPath: "/usr/bin/setpriv"))
        } else {
            result = try CLI.run(arguments)
        }
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(result.stderr, "attn-tui: \(path): permission denied\n")
        XCTAssertEqual(result.stdout, "")
    }
}
