// SPDX-License-Identifier: Apache-2.0

/// One entry of a key table: the keys, how the status bar names them, what they do.
///
/// Declared once and used for dispatch (`matches`), the status bar and the help overlay,
/// so the help can never disagree with what the keys do.
public struct KeyBinding: Hashable, Sendable {
    public var keys: [Key]
    /// The keys as shown to people, e.g. "←/→".
    public var label: String
    /// What the keys do, for the help overlay, e.g. "previous/next lesson".
    public var help: String
    /// A word or two after the label in the status bar, e.g. "lesson"; nil shows the label alone.
    public var short: String?
    public var showsInStatusBar: Bool

    public init(keys: [Key], label: String? = nil, help: String, short: String? = nil, showsInStatusBar: Bool = true) {
        self.keys = keys
        self.label = label ?? keys.map { KeyNotation.symbol($0) }.joined(separator: "/")
        self.help = help
        self.short = short
        self.showsInStatusBar = showsInStatusBar
    }

    /// Keys in vim notation, e.g. `KeyBinding(notation: "<Left><Right>hl", label: "←/→", help: "previous/next lesson")`.
    public init(notation: String, label: String? = nil, help: String, short: String? = nil, showsInStatusBar: Bool = true)
        throws(KeyNotationError)
    {
        self.init(keys: try KeyNotation.parse(notation), label: label, help: help, short: short, showsInStatusBar: showsInStatusBar)
    }

    public func matches(_ key: Key) -> Bool { keys.contains(key) }

    /// The status bar text: label and short description.
    var statusText: String { short.map { "\(label) \($0)" } ?? label }
}

extension Array where Element == KeyBinding {
    /// The first binding that `key` triggers.
    public func binding(for key: Key) -> KeyBinding? { first { $0.matches(key) } }
}
