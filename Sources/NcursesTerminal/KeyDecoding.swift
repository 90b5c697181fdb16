// SPDX-License-Identifier: Apache-2.0

import CNcursesShim
import TUIKit

/// Turns what `wget_wch` reads into `Key`s.
enum KeyDecoding {
    /// A key code (`wget_wch` returned `KEY_CODE_YES`); nil for keys the program has no use for.
    static func functionKey(_ code: Int) -> Key? {
        if code > ATTN_KEY_F0 && code <= ATTN_KEY_F_LAST { return .function(code - ATTN_KEY_F0) }
        return functionKeys[code]
    }

    private static let functionKeys: [Int: Key] = [
        ATTN_KEY_UP: .up, ATTN_KEY_DOWN: .down, ATTN_KEY_LEFT: .left, ATTN_KEY_RIGHT: .right,
        ATTN_KEY_PPAGE: .pageUp, ATTN_KEY_NPAGE: .pageDown,
        ATTN_KEY_HOME: .home, ATTN_KEY_END: .end,
        // The keypad's corners, and the vt220 names some terminals send for Home/End.
        ATTN_KEY_A1: .home, ATTN_KEY_C1: .end, ATTN_KEY_A3: .pageUp, ATTN_KEY_C3: .pageDown,
        ATTN_KEY_FIND: .home, ATTN_KEY_SELECT: .end,
        ATTN_KEY_BACKSPACE: .backspace, ATTN_KEY_DC: .delete,
        ATTN_KEY_ENTER: .enter, ATTN_KEY_BTAB: .backTab,
    ]

    /// A character (`wget_wch` returned `OK`); nil for values that are not Unicode scalars.
    static func character(_ value: UInt32) -> Key? {
        switch value {
        // Enter is 13 after nonl(); 10 is Ctrl-J, which terminals also send for Enter.
        case 13, 10: return .enter
        case 9: return .tab
        case 27: return .escape
        // Backspace arrives as DEL (127) or as Ctrl-H (8), depending on the terminal.
        case 127, 8: return .backspace
        case 0: return .control("@")
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(value) + 96)))
        case 28...31: return .control(Character(Unicode.Scalar(UInt8(value) + 64)))
        case 0x80..<0xA0: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }
}
