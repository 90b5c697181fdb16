// SPDX-License-Identifier: Apache-2.0

import TUIKit

extension WordInPlay {
    /// The most characters of a word the app keeps for drawing. Wider than any
    /// panel shows, so panels still cut it to fit; but a file's 1 MB token costs
    /// this much, once, instead of its whole length in every frame.
    public static let shownLimit = 64

    /// `name` as the app draws it: at most `shownLimit` characters of at most
    /// `ScalarBound.perCharacter` scalars each, then "…" where anything was cut. Only the first
    /// `shownLimit + 1` characters are looked at, so a 1 MB token, or one letter with 100,000
    /// combining marks, is read once when it comes into play and costs a short word's per frame.
    public static func shown(_ name: String) -> String {
        var kept = ""
        var count = 0
        var cut = false
        for character in name {
            guard count < shownLimit else {
                cut = true
                break
            }
            if ScalarBound.fits(character) {
                kept.append(character)
            } else {
                kept += ScalarBound.cut(character)
                cut = true
            }
            count += 1
        }
        return cut ? kept + "…" : name
    }
}
