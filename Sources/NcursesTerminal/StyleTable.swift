// SPDX-License-Identifier: Apache-2.0

import CNcursesShim
import TUIKit

/// Turns `Style`s into ncurses attributes and colour pairs, allocating each
/// pair once.
///
/// Colours are first reduced to what the colour mode can show, then clamped
/// below `COLORS`: `alloc_pair` fails (−1) for a colour the terminal does not
/// have, and a failed pair drew rows of `^^^^` under `TERM=screen`.
struct StyleTable {
    struct Resolved {
        var attributes: attr_t
        var pair: Int32
    }

    private struct PairKey: Hashable {
        var foreground: Int32
        var background: Int32
    }

    let colorMode: ColorMode
    /// The terminal's background: every style is mapped for it before it becomes a pair.
    let theme: Theme
    /// `COLORS`, or 0 in monochrome.
    let colors: Int
    /// `COLOR_PAIRS`, or 0 in monochrome.
    let pairLimit: Int
    /// Whether `use_default_colors` succeeded, so that −1 means "the terminal's own colour".
    let defaultColors: Bool

    private var pairs: [PairKey: Int32] = [:]
    private var resolved: [Style: Resolved] = [:]

    init(colorMode: ColorMode, theme: Theme = .dark, colors: Int, pairLimit: Int, defaultColors: Bool) {
        self.colorMode = colorMode
        self.theme = theme
        self.colors = colorMode.hasColor ? colors : 0
        self.pairLimit = colorMode.hasColor ? pairLimit : 0
        self.defaultColors = defaultColors
        // With few pairs (64 under TERM=screen) some combinations will not fit:
        // reserve every foreground on the default background first, so that text
        // keeps its colour when its background cannot be had.
        if self.colors > 0 && self.colors <= 16 && self.pairLimit - 1 < (self.colors + 1) * (self.colors + 1) {
            for foreground in 0..<Int32(self.colors) {
                _ = allocate(PairKey(foreground: foreground, background: defaultBackground))
            }
        }
    }

    private var defaultBackground: Int32 { defaultColors ? -1 : 0 }

    mutating func resolve(_ style: Style) -> Resolved {
        if let known = resolved[style] { return known }
        let result = Resolved(attributes: Self.attributes(style.modifiers), pair: pair(for: theme.mapped(style, colorMode: colorMode)))
        resolved[style] = result
        return result
    }

    private static func attributes(_ modifiers: Modifiers) -> attr_t {
        var attributes = attn_nc_a_normal()
        if modifiers.contains(.bold) { attributes |= attn_nc_a_bold() }
        if modifiers.contains(.dim) { attributes |= attn_nc_a_dim() }
        if modifiers.contains(.underline) { attributes |= attn_nc_a_underline() }
        if modifiers.contains(.reverse) { attributes |= attn_nc_a_reverse() }
        if modifiers.contains(.italic) { attributes |= attn_nc_a_italic() }
        return attributes
    }

    private mutating func pair(for style: Style) -> Int32 {
        guard colorMode.hasColor, colors >= 8, pairLimit > 1 else { return 0 }
        let key = PairKey(
            foreground: index(of: style.foreground, fallback: 7), background: index(of: style.background, fallback: 0))
        if key.foreground == -1 && key.background == -1 { return 0 }
        if !defaultColors && key.foreground == 7 && key.background == 0 { return 0 }
        if let known = pairs[key] { return known }
        if let allocated = allocate(key) { return allocated }
        // Out of pairs: keep at least the foreground colour.
        return pairs[PairKey(foreground: key.foreground, background: defaultBackground)] ?? 0
    }

    private mutating func allocate(_ key: PairKey) -> Int32? {
        // alloc_pair would recycle the least recently used pair once the table
        // is full, silently recolouring cells already on screen: stop short of that.
        guard pairs.count < pairLimit - 1 else { return nil }
        let allocated = alloc_pair(key.foreground, key.background)
        guard allocated > 0 else { return nil }
        pairs[key] = allocated
        return allocated
    }

    /// The ncurses colour number for `color`: −1 for the terminal's default, else below `COLORS`.
    private func index(of color: Color, fallback: Int32) -> Int32 {
        switch colorMode.displayable(color) {
        case .default:
            return defaultColors ? -1 : fallback
        case .indexed(let value):
            if Int(value) < colors { return Int32(value) }
            guard case .indexed(let reduced) = Color.indexed(value).reduced(to: min(colors, 16)) else { return fallback }
            return Int32(min(Int(reduced), colors - 1))
        }
    }
}
