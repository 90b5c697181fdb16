// SPDX-License-Identifier: Apache-2.0

import TUIKit
import XCTest

/// Draws `widget` into a fresh buffer of `width` × `height` filling the whole buffer.
func draw(_ widget: some Widget, width: Int, height: Int) -> Buffer {
    var buffer = Buffer(size: Size(width: width, height: height))
    widget.render(into: &buffer, area: buffer.area)
    return buffer
}

/// Compares screens line by line, printing both in full on failure so a diff is easy to read.
func assertLines(_ buffer: Buffer, _ expected: [String], file: StaticString = #filePath, line: UInt = #line) {
    if buffer.lines != expected {
        let got = buffer.lines.map { "\"\($0)\"" }.joined(separator: "\n")
        let want = expected.map { "\"\($0)\"" }.joined(separator: "\n")
        XCTFail("screen differs\n--- got\n\(got)\n--- expected\n\(want)", file: file, line: line)
    }
}
