// SPDX-License-Identifier: Apache-2.0

/// The arrowhead glyph for a vector drawn from the origin to (x, y): drawn as the tip's own
/// marker, so the word's label sits beside the tip.
enum ArrowHead {
    static func glyph(_ x: Double, _ y: Double) -> Character {
        // tan(22.5°) ≈ 0.4142 splits the circle into eight sectors centred on the glyphs.
        let (ax, ay) = (abs(x), abs(y))
        if ax == 0 && ay == 0 { return "•" }
        if ay <= 0.4142 * ax { return x > 0 ? "→" : "←" }
        if ax <= 0.4142 * ay { return y > 0 ? "↑" : "↓" }
        switch (x > 0, y > 0) {
        case (true, true): return "↗"
        case (false, true): return "↖"
        case (true, false): return "↘"
        case (false, false): return "↙"
        }
    }
}
