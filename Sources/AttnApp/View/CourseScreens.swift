// SPDX-License-Identifier: Apache-2.0

import TUIKit

/// The screens around the lessons: the first run's welcome, the course map, the glossary and
/// the end of the course, each a box over the step in front.
enum CourseScreens {
    static func popup(_ state: AppState, size: Size) -> Popup? {
        switch state.mode {
        case .welcome: welcome(state)
        case .end: end(state)
        case .courseMap(let lesson, let step): courseMap(state, lesson: lesson, step: step, size: size)
        case .glossary(let term): glossary(state, term: term, size: size)
        default: nil
        }
    }

    /// The keys of these screens, for the status bar; nil in every other mode.
    static func statusBindings(_ state: AppState) -> [KeyBinding]? {
        func key(_ label: String, _ short: String) -> KeyBinding {
            KeyBinding(keys: [], label: label, help: short, short: short)
        }
        switch state.mode {
        case .welcome: return [key("→", "begin"), key("g", "course map"), key("/", "glossary"), key("?", "help"), key("q", "quit")]
        case .end: return [key("←", "back"), key("g", "course map"), key("/", "glossary"), key("q", "quit")]
        case .courseMap: return [key("↑/↓", "lesson"), key("←/→", "step"), key("Enter", "go there"), key("Esc", "close")]
        case .glossary: return [key("↑/↓", "term"), key("Enter", "go to its lesson"), key("Esc", "close")]
        default: return nil
        }
    }

    static let bold = Style(modifiers: [.bold])
    static let dim = Style(modifiers: [.dim])
    static let selected = Style(modifiers: [.reverse, .bold])

    static func welcome(_ state: AppState) -> Popup {
        var body = StyledText("A course in the mathematics of attention, the idea inside transformers:", style: bold)
        body.append(
            " from \"a word is a vector\" to a small transformer you train yourself. Every number on screen is computed"
                + " live, and every idea is a picture you change with a key.\n")
        body.append("\n→ ", style: bold)
        body.append("next step, on through \(state.lessons.count) lessons (← back)")
        body.append("\ng ", style: bold)
        body.append("the course map: every lesson, your ticks")
        body.append("\n/ ", style: bold)
        body.append("the glossary: every term, defined")
        body.append("\n? ", style: bold)
        body.append("the keys that work now")
        body.append("\nq ", style: bold)
        body.append("quit (your place, your ticks and the words you place by hand are kept)")
        body.append("\n\nEach lesson ends with an exercise, checked live. Press → to begin.")
        return Popup(title: "Welcome to attn-tui", body: body, footer: "→ begin · q quit")
    }

    static func end(_ state: AppState) -> Popup {
        let progress = state.courseProgress
        var body = StyledText("You have walked the whole course.", style: bold)
        body.append(
            " You can now read softmax(QKᵀ/√d_k)·V and say what every part does: vectors and their dot products,"
                + " softmax and its temperature, queries, keys and values, heads.\n")
        body.append("\nExercises solved: \(progress.complete) of \(progress.of) lessons", style: bold)
        body.append(progress.complete < progress.of ? " (g shows which are open)." : ".")
        body.append("\n\nWhere to go next:", style: bold)
        let sandbox = state.course.userFileLesson.map { " (lesson \($0 + 1))" } ?? ""
        body.append("\n• the sandbox\(sandbox): add any word and watch it pull and be pulled;")
        body.append("\n• your own vectors: attn-tui --embeddings glove.6B.50d.txt;")
        body.append("\n• the command line: attn-tui attention apple orange phone --json, and the others in --help.")
        return Popup(title: "The end of the course", body: body, footer: "← back · g course map · q quit")
    }

    /// Every lesson a line: a tick when its exercise is solved, its title, a mark per step
    /// (○ explore, ◇ exercise, ● where the learner is); the cursor's step reversed.
    static func courseMap(_ state: AppState, lesson cursorLesson: Int, step cursorStep: Int, size: Size) -> Popup {
        var body = StyledText()
        // Titles whole where the width allows: the popup's border and margin, the tick and number, the marks.
        let marks = state.lessons.map(\.stepCount).max() ?? 0
        let titleWidth = max(12, min(state.lessons.map { DisplayWidth.of($0.title) }.max() ?? 0, size.width - 6 - 7 - marks - 1))
        for (index, lesson) in state.lessons.enumerated() {
            if index > 0 { body.append("\n") }
            let complete = state.isComplete(lesson: index)
            let tick = complete == true ? "✓" : complete == false && hasProgress(state, index) ? "·" : " "
            let isCursor = index == cursorLesson
            let here = index == state.lessonIndex ? "▸" : " "
            body.append("\(here)\(tick)", style: bold)
            body.append(NumberFormat.pad("\(index + 1)", 3) + " ")
            body.append(
                NumberFormat.padRight(DisplayWidth.truncate(lesson.title, to: titleWidth), titleWidth) + " ",
                style: isCursor ? bold : .plain)
            for step in 0..<lesson.stepCount {
                let exercise = lesson.stepKind(step) == .exercise
                let mark =
                    index == state.lessonIndex && step == state.step ? "●" : exercise ? (complete == true ? "◆" : "◇") : "○"
                body.append(mark, style: isCursor && step == cursorStep ? selected : .plain)
            }
        }
        body.append("\n\n● you are here  ○ a step  ◇ exercise (◆ solved)  ✓ done  · partly solved", style: dim)
        let progress = state.courseProgress
        let target = state.lessons[cursorLesson]
        let stepName = target.stepKind(cursorStep) == .exercise ? "exercise" : "step \(cursorStep + 1)"
        return Popup(
            title: "Course map · ✓ \(progress.complete)/\(progress.of) exercises", body: body,
            scroll: centred(line: cursorLesson, lines: state.lessons.count, size: size),
            footer: "Enter: lesson \(cursorLesson + 1), \(stepName) · Esc close")
    }

    /// Whether some task of the lesson is solved.
    static func hasProgress(_ state: AppState, _ index: Int) -> Bool {
        state.allTaskIDs(ofLesson: index).contains { state.progress.isSolved($0, in: state.lessons[index].id) }
    }

    /// Every term a line, its definition under it, and the lesson that teaches it; the cursor's term reversed.
    static func glossary(_ state: AppState, term cursor: Int, size: Size) -> Popup {
        var body = StyledText()
        let terms = Glossary.builtIn.terms
        // The box's text width, to know on which wrapped line the cursor's term starts.
        let width = max(1, min(76, size.width - 4))
        var cursorLine = 0
        var lines = 0
        for (index, term) in terms.enumerated() {
            if index > 0 { body.append("\n") }
            if index == cursor { cursorLine = lines }
            let lesson = state.course.index(of: term.lesson).map { "lesson \($0 + 1)" } ?? term.lesson
            var entry = StyledText(term.term, style: index == cursor ? selected : bold)
            entry.append(" (\(lesson)): ", style: dim)
            entry.append(term.definition)
            lines += TextWrap.wrap(entry, width: width).count
            body.append(entry)
        }
        return Popup(
            title: "Glossary · \(terms.count) terms", body: body, scroll: centred(line: cursorLine, lines: lines, size: size),
            footer: "Enter: its lesson · Esc close", preferredWidth: 76)
    }

    /// The scroll that keeps `line` in the middle of a box as tall as `size` allows.
    static func centred(line: Int, lines: Int, size: Size) -> Int {
        let visible = max(1, size.height - 4)
        return max(0, min(line - visible / 2, lines - visible))
    }
}
