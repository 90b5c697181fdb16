// SPDX-License-Identifier: Apache-2.0

import Vocabularies

/// Where a report's output goes, a piece at a time: standard output for the command line,
/// a string in tests. A large report (attention over 4,000 words: 417 MB of JSON) is written
/// row by row and never held whole.
public protocol ReportSink {
    mutating func write(_ text: String) throws(QueryError)
}

/// Collects the pieces in one string.
public struct StringSink: ReportSink {
    public private(set) var text = ""

    public init() {}

    public mutating func write(_ text: String) { self.text += text }
}

/// Gathers small pieces and hands them on in chunks of about `limit` bytes, so that a row of
/// 5 million numbers costs one write per chunk, not one per number.
struct ChunkedWriter<Sink: ReportSink> {
    private(set) var pending = ""
    let limit = 1 << 16

    mutating func append(_ text: String, to sink: inout Sink) throws(QueryError) {
        pending += text
        if pending.utf8.count >= limit { try flush(to: &sink) }
    }

    mutating func flush(to sink: inout Sink) throws(QueryError) {
        guard !pending.isEmpty else { return }
        try sink.write(pending)
        pending.removeAll(keepingCapacity: true)
    }
}
