// SPDX-License-Identifier: Apache-2.0

import AttnAssets

/// `attn-tui --licenses`: the project's licence and the notice of everything the binary
/// carries or runs with. The static release binary links the Swift runtime, Foundation,
/// libdispatch, argument-parser and GCC's runtime into itself, and the Apache License
/// (libdispatch's C sources have no Runtime Library Exception) and WordNet's licence ask
/// that their notices travel with every copy.
public enum LicenseNotices {
    /// One part of the binary, or of what it runs with.
    public struct Component: Sendable {
        /// How `--licenses` names it (the release's end-to-end test looks for these names).
        public let name: String
        /// Its licence, as an SPDX expression where one exists.
        public let licence: String
        public let use: Use
        /// Its notice: a file of `Assets/licenses/`.
        public let notice: String
    }

    public enum Use: String, Sendable {
        case program = "the program"
        case linked = "in the binary"
        case system = "system library, dynamic"
        case data = "word pack data"
    }

    /// Everything, in the order `--licenses` prints it.
    public static let components: [Component] = [
        Component(
            name: "attn-tui (program, lexicon, lessons, corpus)", licence: "Apache-2.0", use: .program,
            notice: "apache-2.0.txt"),
        Component(
            name: "Swift standard library and runtime", licence: "Apache-2.0 WITH Swift-exception", use: .linked,
            notice: "swift.txt"),
        Component(
            name: "Foundation (FoundationEssentials)", licence: "Apache-2.0 WITH Swift-exception", use: .linked,
            notice: "swift-foundation.txt"),
        Component(name: "libdispatch", licence: "Apache-2.0", use: .linked, notice: "libdispatch.txt"),
        Component(
            name: "swift-argument-parser", licence: "Apache-2.0 WITH Swift-exception", use: .linked,
            notice: "swift-argument-parser.txt"),
        Component(
            name: "GCC runtime libraries (libstdc++, libgcc)", licence: "GPL-3.0-or-later WITH GCC-exception-3.1",
            use: .linked, notice: "gcc-runtime.txt"),
        Component(name: "ncurses", licence: "X11-distribute-modifications-variant", use: .system, notice: "ncurses.txt"),
        Component(name: "GNU C Library (glibc)", licence: "LGPL-2.1-or-later", use: .system, notice: "glibc.txt"),
        Component(name: "GloVe 6B 50-d vectors", licence: "PDDL-1.0", use: .data, notice: "glove.txt"),
        Component(name: "WordNet 3.0", licence: "WordNet", use: .data, notice: "wordnet.txt"),
        Component(name: "SCOWL and VarCon", licence: "SCOWL's own notices (permissive)", use: .data, notice: "scowl.txt"),
    ]

    /// A table of the components, then each notice under a heading.
    public static var text: String {
        let nameWidth = components.map { $0.name.count }.max() ?? 0
        let licenceWidth = components.map { $0.licence.count }.max() ?? 0
        func padded(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        let table = components.map { "  " + padded($0.name, nameWidth) + "  " + padded($0.licence, licenceWidth) + "  " + $0.use.rawValue }
        let intro = """
            attn-tui is licensed under the Apache License, Version 2.0 (its text follows, as
            licenses/apache-2.0.txt). The binary carries, or runs with, these parts of others, each
            under its own licence; their notices follow.

            """
        let notices = components.map { component in
            let path = "licenses/" + component.notice
            let notice = Assets.text(path) ?? "(missing)"
            return "==> \(path) <==\n\(notice.hasSuffix("\n") ? String(notice.dropLast()) : notice)"
        }
        let wordPack = """
            The word pack (Assets/wordpack/) is derived from the data above: its words from SCOWL's
            lists, their categories from WordNet 3.0, their vectors and estimated features from GloVe.
            """
        return ([intro + "\n" + table.joined(separator: "\n"), wordPack] + notices).joined(separator: "\n\n")
    }
}
