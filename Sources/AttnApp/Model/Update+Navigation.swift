// SPDX-License-Identifier: Apache-2.0

import TUIKit

/// The screens that are not a lesson's step: the welcome, the course map, the glossary, the end.
extension AppState {
    /// The welcome: → (or Enter, Space) begins; the map, the glossary, help and quit work too.
    mutating func welcomeKey(_ key: Key) -> [Effect] {
        switch key {
        case .right, .character("l"), .enter, .character(" "):
            mode = .browsing
            return [.save]
        default:
            if let effects = courseScreenKey(key) { return effects }
            message = "→ begins the course"
        }
        return []
    }

    /// The end: ← goes back to the last step; the map, the glossary, help and quit still work.
    mutating func endKey(_ key: Key) -> [Effect] {
        switch key {
        case .left, .character("h"), .escape: mode = .browsing
        default:
            if let effects = courseScreenKey(key) { return effects }
            message = "← goes back · g the course map · q quits"
        }
        return []
    }

    /// What the welcome and the end screen both answer: quit, help, the course map, the glossary
    /// (nil: not one of those).
    private mutating func courseScreenKey(_ key: Key) -> [Effect]? {
        switch key {
        case .character("q"):
            isFinished = true
            return [.save]
        case .character("?"): mode = .help(scroll: 0)
        case .character("g"): mode = .courseMap(lesson: lessonIndex, step: step)
        case .character("/"): mode = .glossary(term: 0)
        default: return nil
        }
        return []
    }

    /// The map: ↑/↓ a lesson, ←/→ a step of it, Enter goes there; Esc, g or q close it.
    mutating func courseMapKey(_ key: Key, lesson: Int, step: Int) -> [Effect] {
        let lastLesson = lessons.count - 1
        switch key {
        case .up, .character("k"): mode = .courseMap(lesson: max(0, lesson - 1), step: 0)
        case .down, .character("j"): mode = .courseMap(lesson: min(lastLesson, lesson + 1), step: 0)
        case .pageUp: mode = .courseMap(lesson: max(0, lesson - 10), step: 0)
        case .pageDown: mode = .courseMap(lesson: min(lastLesson, lesson + 10), step: 0)
        case .home: mode = .courseMap(lesson: 0, step: 0)
        case .end: mode = .courseMap(lesson: lastLesson, step: 0)
        case .left, .character("h"): mode = .courseMap(lesson: lesson, step: max(0, step - 1))
        case .right, .character("l"): mode = .courseMap(lesson: lesson, step: min(lessons[lesson].stepCount - 1, step + 1))
        case .enter:
            mode = .browsing
            return go(toLesson: lesson, step: step)
        case .escape, .character("g"), .character("q"): mode = .browsing
        default: break
        }
        return []
    }

    /// The glossary: ↑/↓ a term, Enter opens the lesson that teaches it; Esc, / or q close it.
    mutating func glossaryKey(_ key: Key, term: Int) -> [Effect] {
        let terms = Glossary.builtIn.terms
        let last = max(0, terms.count - 1)
        switch key {
        case .up, .character("k"): mode = .glossary(term: max(0, term - 1))
        case .down, .character("j"): mode = .glossary(term: min(last, term + 1))
        case .pageUp: mode = .glossary(term: max(0, term - 10))
        case .pageDown: mode = .glossary(term: min(last, term + 10))
        case .home: mode = .glossary(term: 0)
        case .end: mode = .glossary(term: last)
        case .enter:
            guard terms.indices.contains(term), let lesson = course.index(of: terms[term].lesson) else {
                message = "that lesson is not in this course"
                return []
            }
            mode = .browsing
            return go(toLesson: lesson, step: 0)
        case .escape, .character("/"), .character("q"): mode = .browsing
        default: break
        }
        return []
    }

    /// The glossary opens on the first term the lesson in front teaches (else the first term).
    func glossaryTerm(forLesson index: Int) -> Int {
        Glossary.builtIn.terms.firstIndex { $0.lesson == lessons[index].id } ?? 0
    }
}
