// SPDX-License-Identifier: Apache-2.0

import TUIKit

/// How a word's category looks: a colour, and a marker that still tells the
/// categories apart without colour.
public enum CategoryStyle {
    public static func color(_ category: String) -> Color {
        switch category {
        case "fruit": .cube(1, 4, 1)
        case "electronics": .cube(1, 3, 5)
        case "ambiguous": .cube(5, 3, 0)
        case "custom": .cube(5, 1, 4)
        case "function": .grey(12)
        case "file": .cube(2, 4, 4)
        default:
            // Other categories get stable colours from their name.
            [Color.cube(4, 2, 1), .cube(3, 3, 5), .cube(4, 4, 1), .cube(1, 4, 4), .cube(5, 2, 2)][
                category.unicodeScalars.reduce(0) { ($0 &* 31 &+ Int($1.value)) & 0xFFFF } % 5]
        }
    }

    public static func marker(_ category: String) -> Character {
        switch category {
        case "fruit": "●"
        case "electronics": "■"
        case "ambiguous": "◆"
        case "custom": "★"
        case "function": "·"
        default: "•"
        }
    }

    public static func style(_ category: String, mode: ColorMode) -> Style {
        Style(foreground: mode.displayable(color(category)), modifiers: category == "custom" ? [.bold] : [])
    }
}
