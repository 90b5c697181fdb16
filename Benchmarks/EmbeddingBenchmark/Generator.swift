// SPDX-License-Identifier: Apache-2.0

import AttnMath

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// AttnMath's SplitMix64, so the generated file is the same on every machine.
extension SeededGenerator {
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// Standard normal (Box–Muller).
    mutating func normal() -> Double {
        let u = max(nextUnit(), 0x1p-60)
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * nextUnit())
    }
}

/// A GloVe-format text file like glove.6B.50d.txt: frequent punctuation and
/// function words first, then invented words, numbers, hyphenated and
/// non-ASCII tokens; values with 5 or 6 decimals, about half negative.
enum Generator {
    static let leading = [
        "the", ",", ".", "of", "to", "and", "in", "a", "\"", "'s", "for", "-", "that", "on", "is", "was", "said", "with", "he", "as",
        "it", "by", "at", "(", ")", "from", "his", "''", "``", "an", "be", "has", "are", "have", "but", "were", "not", "this", "who",
        "they", ":", "1990", "2000", "$", "%", "--", ";", "?", "!", "...", "n't", "'", "&", "#", "1", "2", "10", "3.5", "1,000",
        "café", "naïve", "münchen", "señor", "日本", "東京", "москва", "αθήνα", "über", "ñ", "façade", "zürich", "kraków", "são",
        "apple", "orange", "banana", "phone", "laptop", "computer", "keyboard", "mouse", "tablet", "cherry",
    ]
    static let syllables = [
        "ka", "lo", "mi", "ne", "ru", "sa", "ti", "ve", "an", "or", "ing", "ed", "er", "st", "tr", "pl", "qu", "th", "ch", "sh", "ou", "ai",
        "ber", "con", "dis", "pro", "ment", "tion", "ly", "al", "ic", "ous", "ful", "ness", "ist", "ize", "ab", "ex", "un", "re",
    ]
    static let accented = ["é", "è", "ü", "ö", "ñ", "ç", "å", "ø", "ł", "ś"]

    static func word(_ random: inout SeededGenerator, rank: Int) -> String {
        let kind = random.below(100)
        if kind < 4 { return String(random.below(rank * 3 + 100)) }
        if kind < 6 { return String(random.below(1000)) + "." + String(random.below(100)) }
        var word = ""
        for _ in 0..<(2 + random.below(3)) { word += syllables[random.below(syllables.count)] }
        if kind < 10 { word += "-" + syllables[random.below(syllables.count)] + syllables[random.below(syllables.count)] }
        if kind >= 10 && kind < 13 {
            word.insert(
                contentsOf: accented[random.below(accented.count)], at: word.index(word.startIndex, offsetBy: random.below(word.count)))
        }
        if kind == 13 { word = "'" + word }
        return word
    }

    static func write(path: String, rows: Int, dimension: Int, seed: UInt64) -> Bool {
        var random = SeededGenerator(seed: seed)
        var seen = Set<String>()
        guard let out = fopen(path, "w") else { return false }
        defer { fclose(out) }
        var line: [UInt8] = []
        line.reserveCapacity(64 + dimension * 12)
        for row in 0..<rows {
            var word = row < leading.count ? leading[row] : Generator.word(&random, rank: row)
            while seen.contains(word) { word += String(random.below(10)) }
            seen.insert(word)
            line.removeAll(keepingCapacity: true)
            line.append(contentsOf: word.utf8)
            for _ in 0..<dimension {
                line.append(32)
                appendValue(random.normal() * 0.45, decimals: random.below(10) < 7 ? 5 : 6, to: &line)
            }
            line.append(10)
            guard fwrite(line, 1, line.count, out) == line.count else { return false }
        }
        return true
    }

    /// `value` rounded to `decimals` places, trailing zeros dropped (as GloVe prints them).
    static func appendValue(_ value: Double, decimals: Int, to line: inout [UInt8]) {
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        var fixed = Int((abs(value) * Double(scale)).rounded())
        if value < 0 && fixed != 0 { line.append(UInt8(ascii: "-")) }
        line.append(contentsOf: String(fixed / scale).utf8)
        fixed %= scale
        var digits = decimals
        while digits > 1 && fixed % 10 == 0 {
            fixed /= 10
            digits -= 1
        }
        line.append(UInt8(ascii: "."))
        let fraction = String(fixed)
        line.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits - fraction.count))
        line.append(contentsOf: fraction.utf8)
    }
}
