// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

@testable import EmbeddingFiles

/// Issue 18 item 3: a mapped file that shrinks while it is read must not end the process with SIGBUS.
@Suite("Mapped files cut short while read")
struct MappedFileTests {
    @Test func pagesCutOffWhileReadingReadAsZerosAndTheFileIsMarkedChanged() throws {
        let folder = ScratchFolder()
        let page = MappedFile.pageSize
        let path = folder.write("v.txt", bytes: [UInt8](repeating: 0x61, count: 3 * page))
        let file = try MappedFile(path: path)
        #expect(!file.changed)
        #expect(!file.changedSinceOpened)
        #expect(truncate(path, off_t(page)) == 0)
        // The first page is still the file's; the two cut off would raise SIGBUS: they read as zeros.
        let bytes = file.bytes
        var sum = 0
        for i in 0..<bytes.count { sum += Int(bytes.base[i]) }
        #expect(sum == 0x61 * page)
        #expect(file.changed)
        #expect(file.changedSinceOpened)
        #expect(
            file.changedError.description == path
                + ": file changed while reading (truncated or rewritten during the load): nothing was loaded")
    }

    @Test func aFileRewrittenInPlaceAfterOpeningIsChanged() throws {
        let folder = ScratchFolder()
        let path = folder.write("v.txt", "a 1 2\n")
        let file = try MappedFile(path: path)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.write(Data("b 1 2\nc 3 4\n".utf8))
        handle.closeFile()
        #expect(!file.changed, "nothing was cut off")
        #expect(file.changedSinceOpened, "but the size and times moved")
    }
}
