// SPDX-License-Identifier: Apache-2.0

import AttnAssets

/// The course's terms, each with a one-line definition and the lesson that teaches it
/// (`Assets/glossary.txt`): the glossary overlay lists them, Enter opens that lesson.
public struct Glossary: Sendable, Equatable {
    public struct Term: Sendable, Equatable {
        public let term: String
        /// The id of the lesson that teaches it.
        public let lesson: String
        public let definition: String
    }

    public let terms: [Term]

    /// `TERM <tab> LESSON-ID <tab> DEFINITION` a line; blank lines and `#` comments skipped;
    /// a malformed line is a build mistake the tests catch, and is left out here.
    public static func parse(_ text: String) -> Glossary {
        Glossary(
            terms: text.split(separator: "\n").compactMap { line in
                guard !line.hasPrefix("#") else { return nil }
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard fields.count == 3, fields.allSatisfy({ !$0.isEmpty }) else { return nil }
                return Term(term: fields[0], lesson: fields[1], definition: fields[2])
            })
    }

    /// The glossary compiled into the binary.
    public static let builtIn = parse(Assets.text("glossary.txt") ?? "")
}
