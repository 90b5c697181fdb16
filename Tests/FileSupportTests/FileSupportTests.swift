// SPDX-License-Identifier: Apache-2.0

import FileSupport
import Foundation
import Testing

@Suite("Atomic writes: the old file or the new one, and the system's reason on failure")
struct AtomicFileTests {
    private let folder: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("attn-atomic-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    private func contents(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    private var entries: [String] { (try? FileManager.default.contentsOfDirectory(atPath: folder))?.sorted() ?? [] }

    @Test func aWriteReplacesTheFileAndLeavesNothingElse() throws {
        let path = folder + "/state.json"
        try AtomicFile.write(to: path) { (writer) throws(AtomicFile.Failure) in try writer.write(array: Array("old".utf8)) }
        try AtomicFile.write(to: path) { (writer) throws(AtomicFile.Failure) in
            try writer.write(array: Array("new ".utf8))
            try writer.write(array: Array("state".utf8))
            #expect(writer.written == 9)
        }
        #expect(contents(path) == "new state")
        #expect(entries == ["state.json"])
    }

    @Test func aFailureHalfwayKeepsTheOldFile() {
        let path = folder + "/state.json"
        try? AtomicFile.write(to: path) { (writer) throws(AtomicFile.Failure) in try writer.write(array: Array("old".utf8)) }
        #expect(throws: AtomicFile.Failure.self) {
            try AtomicFile.write(to: path) { (writer) throws(AtomicFile.Failure) in
                try writer.write(array: Array("half of the new".utf8))
                throw AtomicFile.Failure("stopped", errno: ENOSPC)
            }
        }
        #expect(contents(path) == "old")
        #expect(entries == ["state.json"], "the temporary file is gone")
    }

    @Test func aFailedRenameSaysWhy() {
        let path = folder + "/taken"
        try! FileManager.default.createDirectory(atPath: path + "/inside", withIntermediateDirectories: true)
        do {
            try AtomicFile.write(to: path) { (writer) throws(AtomicFile.Failure) in try writer.write(array: [1, 2, 3] as [UInt8]) }
            Issue.record("a folder was replaced by a file")
        } catch {
            #expect(error.description == "cannot replace \(path): \(String(cString: strerror(EISDIR)))")
        }
        #expect(entries == ["taken"])
    }

    @Test func makeFoldersMakesParentsAndRefusesAFileInTheWay() throws {
        try AtomicFile.makeFolders(folder + "/a/b/c")
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: folder + "/a/b/c", isDirectory: &isFolder) && isFolder.boolValue)
        try AtomicFile.makeFolders(folder + "/a/b/c")  // Already there: fine.
        #expect(FileManager.default.createFile(atPath: folder + "/file", contents: Data()))
        #expect(throws: AtomicFile.Failure.self) { try AtomicFile.makeFolders(folder + "/file") }
        do {
            try AtomicFile.makeFolders(folder + "/file/below")
            Issue.record("a folder was made below a file")
        } catch {
            #expect(error.description == "cannot create \(folder)/file/below: \(String(cString: strerror(ENOTDIR)))")
        }
    }
}

@Suite("XDG folders")
struct XDGFolderTests {
    @Test func theVariableWinsWhenAbsolute() {
        let environment = ["XDG_DATA_HOME": "/data", "XDG_CACHE_HOME": "/cache", "HOME": "/home/u"]
        #expect(XDGFolder.data.path(for: "attn-tui") { environment[$0] } == "/data/attn-tui")
        #expect(XDGFolder.cache.path(for: "attn-tui") { environment[$0] } == "/cache/attn-tui")
    }

    @Test func aRelativeOrMissingVariableFallsBackToHome() {
        let environment = ["XDG_DATA_HOME": "relative", "HOME": "/home/u"]
        #expect(XDGFolder.data.path(for: "attn-tui") { environment[$0] } == "/home/u/.local/share/attn-tui")
        #expect(XDGFolder.cache.path(for: "attn-tui") { environment[$0] } == "/home/u/.cache/attn-tui")
    }

    @Test func withoutHomeThePasswordDatabaseAnswers() throws {
        let home = String(cString: try #require(getpwuid(getuid())?.pointee.pw_dir))
        #expect(XDGFolder.cache.path(for: "x") { _ in nil } == home + "/.cache/x")
    }
}
