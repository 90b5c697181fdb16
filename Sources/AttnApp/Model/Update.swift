// SPDX-License-Identifier: Apache-2.0

import AttnMath
import TUIKit

/// A side effect `update` asks the runner to perform.
public enum Effect: Equatable, Sendable {
    /// Persist `AppState.saved` (atomically) now.
    case save
    /// Run a lesson's job and report its result as `AppEvent.jobFinished`.
    case run(Job)
}

/// A lesson's job as the runner sees it: which lesson asked, and a number to match its result.
public struct Job: Equatable, Sendable {
    public let id: Int
    public let lesson: String
    public let work: LessonJob

    public static func == (a: Job, b: Job) -> Bool { a.id == b.id && a.lesson == b.lesson }
}

/// What happened besides the terminal's input: the runner reports it through `update`.
public enum AppEvent: Equatable, Sendable {
    case input(InputEvent)
    /// Saved state could not be used as it was (corrupt, newer): say so on the first frame.
    case loaded(warning: String)
    /// Writing the saved state failed.
    case saveFailed(String)
    /// A lesson's job finished: its result goes to the lesson, if it is still in front.
    case jobFinished(JobResult)
}

/// A finished job's result.
public struct JobResult: Equatable, Sendable {
    public let job: Int
    public let lesson: String
    public let value: any Sendable

    public init(job: Int, lesson: String, value: any Sendable) {
        self.job = job
        self.lesson = lesson
        self.value = value
    }

    public static func == (a: JobResult, b: JobResult) -> Bool { a.job == b.job && a.lesson == b.lesson }
}

extension AppState {
    /// The temperatures `+`/`-` step through: wide enough to show both a
    /// one-hot and an almost uniform softmax.
    static let temperatures: [Double] = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1, 1.5, 2, 3, 5, 10]

    /// The only place the state changes. Returns what must be persisted.
    public mutating func update(_ event: InputEvent) -> [Effect] { update(.input(event)) }

    /// The only place the state changes, with what happened outside the terminal too.
    /// The derived numbers are brought up to date once, at the end.
    public mutating func update(_ event: AppEvent) -> [Effect] {
        let before = ExerciseCheckpoint(self)
        var effects: [Effect]
        switch event {
        case .input(let input): effects = apply(input)
        case .loaded(let warning):
            message = warning
            effects = []
        case .saveFailed(let reason):
            message = "not saved: \(reason)"
            effects = []
        case .jobFinished(let result): effects = finish(result)
        }
        effects += checkExercise(since: before)
        refreshDerived()
        return effects
    }

    private mutating func apply(_ event: InputEvent) -> [Effect] {
        switch event {
        case .tick:
            advanceAnimation()
            return []
        case .resize(let newSize):
            size = newSize
            return []
        case .mouse(let mouse): return isTooSmall ? [] : click(mouse)
        case .paste(let text):
            // Pasted text is typed into an open prompt, and never run as commands anywhere else.
            guard case .prompt = mode, !isTooSmall else { return [] }
            return text.filter { !$0.isNewline }.flatMap { apply(.key(.character($0))) }
        case .key(let key):
            // "Terminal too small" hides every panel: a key must not change what the user cannot see.
            if isTooSmall && key != .control("c") && !(mode == .browsing && AppKeys.command(for: key, in: self) == .quit) { return [] }
            message = nil
            if key == .control("c") {
                // Ctrl-C quits from anywhere, as a terminal user expects; a half-typed word is dropped.
                isFinished = true
                return [.save]
            }
            // Any key stops auto-play; the lesson's own keys only stop it, the others then act as usual.
            if stopAnimation(), case .lesson = AppKeys.command(for: key, in: self) { return [] }
            switch mode {
            case .browsing: return browse(key)
            case .prompt(let prompt): return edit(key, prompt)
            case .placing(let placement): return place(key, placement)
            case .help(let scroll):
                mode = scrolled(key, scroll).map { .help(scroll: min($0, AppView.overlayMaxScroll(self, size: size))) } ?? .browsing
                return []
            case .detail(let detail, let scroll):
                mode =
                    scrolled(key, scroll).map { .detail(detail, scroll: min($0, AppView.overlayMaxScroll(self, size: size))) } ?? .browsing
                return []
            case .welcome: return welcomeKey(key)
            case .courseMap(let lesson, let step): return courseMapKey(key, lesson: lesson, step: step)
            case .glossary(let term): return glossaryKey(key, term: term)
            case .end: return endKey(key)
            }
        }
    }

    private mutating func browse(_ key: Key) -> [Effect] {
        guard let command = AppKeys.command(for: key, in: self) else { return [] }
        switch command {
        case .quit:
            isFinished = true
            return [.save]
        case .nextStep:
            if step + 1 < currentLesson.stepCount { return go(toLesson: lessonIndex, step: step + 1) }
            guard lessonIndex + 1 < lessons.count else {
                mode = .end
                return []
            }
            return go(toLesson: lessonIndex + 1, step: 0)
        case .previousStep:
            if step > 0 { return go(toLesson: lessonIndex, step: step - 1) }
            guard lessonIndex > 0 else { return [] }
            return go(toLesson: lessonIndex - 1, step: lessons[lessonIndex - 1].stepCount - 1)
        case .previousLesson: return go(toLesson: lessonIndex - 1, step: 0)
        case .nextLesson: return go(toLesson: lessonIndex + 1, step: 0)
        case .firstLesson: return go(toLesson: 0, step: 0)
        case .lastLesson: return go(toLesson: lessons.count - 1, step: 0)
        case .jump(let number): return go(toLesson: number - 1, step: 0)
        case .up: move(by: -1)
        case .down: move(by: 1)
        case .nextFocus: cycleFocus(by: 1)
        case .previousFocus: cycleFocus(by: -1)
        case .addWord:
            mode = .prompt(Prompt(field: Self.wordField(), purpose: .addWord))
        case .removeWord: return removeSelected()
        case .cycleMetric:
            let metrics = [Metric.scaledDot, .cosine, .dot]
            workspace.setMetric(metrics[((metrics.firstIndex(of: metric) ?? 0) + 1) % metrics.count])
            message = "metric: \(metric.title)"
        case .warmer, .cooler:
            let steps = Self.temperatures
            let current = steps.firstIndex { $0 >= temperature } ?? steps.count - 1
            let next = command == .warmer ? min(current + 1, steps.count - 1) : max(current - 1, 0)
            workspace.setTemperature(steps[next])
            message = "temperature \(NumberFormat.fixed(temperature, decimals: 2))"
        case .open: openDetail()
        case .reset: return reset()
        case .help: mode = .help(scroll: 0)
        case .courseMap: mode = .courseMap(lesson: lessonIndex, step: step)
        case .glossary: mode = .glossary(term: glossaryTerm(forLesson: lessonIndex))
        case .answer: openAnswer()
        case .startAnswer(let typed):
            openAnswer()
            if case .prompt(var prompt) = mode {
                _ = prompt.field.handle(.character(typed))
                mode = .prompt(prompt)
            }
        case .hint: showHints()
        case .reveal: revealAnswers()
        case .lesson(let key):
            var lesson = lessons[lessonIndex]
            let response = lesson.perform(key: key, step: step, context: lessonContext, workspace: &workspace)
            lessons[lessonIndex] = lesson
            return follow(response)
        }
        return []
    }

    /// A job's result to the lesson that asked, if it is still in front (else it is dropped).
    private mutating func finish(_ result: JobResult) -> [Effect] {
        runningJobs.remove(result.job)
        guard result.lesson == lessonID else { return [] }
        var lesson = lessons[lessonIndex]
        let response = lesson.receive(result.value, step: step, workspace: &workspace)
        lessons[lessonIndex] = lesson
        // The message line is the learner's while a key's answer is on it; a job only adds one.
        let keptMessage = message
        let effects = follow(response)
        if response.message == nil { message = keptMessage }
        return effects
    }

    /// What the lesson may read while it acts.
    var lessonContext: LessonContext { LessonContext(focus: focus, showsAllPanels: layout(for: size).kind == .full) }

    /// Shows the lesson's message, opens the prompt it asks for, focuses the panel it names, and
    /// asks the runner to run its job.
    private mutating func follow(_ response: LessonResponse) -> [Effect] {
        message = response.message
        if let prompt = response.prompt {
            var field = TextField(prompt: prompt.label, placeholder: prompt.placeholder, maxLength: prompt.maxLength)
            for character in prompt.text { _ = field.handle(.character(character)) }
            mode = .prompt(Prompt(field: field, purpose: .lesson))
        }
        if let panel = response.focus, layout(for: size).kind == .full, focusOrder(compact: false).contains(panel) { focus = panel }
        guard let work = response.job else { return [] }
        nextJob += 1
        runningJobs.insert(nextJob)
        return [.run(Job(id: nextJob, lesson: lessonID, work: work))]
    }

    /// Moves to a lesson and step (clamped to the course); the lesson sets itself up for the step.
    mutating func go(toLesson index: Int, step target: Int) -> [Effect] {
        let index = min(max(0, index), lessons.count - 1)
        let target = min(max(0, target), lessons[index].stepCount - 1)
        guard index != lessonIndex || target != step else { return [] }
        if index != lessonIndex { lessons[lessonIndex].leave(step: step, workspace: workspace) }
        lessonIndex = index
        step = target
        enterStep()
        return [.save]
    }

    /// Puts the workspace on the lesson's vocabulary and lets the lesson set itself up for the
    /// step; the step opens with its first panel focused.
    mutating func enterStep() {
        workspace.useVocabulary(currentLesson.vocabulary(step: step))
        lessons[lessonIndex].enter(step: step, workspace: &workspace)
        focus = focusOrder(compact: false).first ?? .text
    }

    /// `r`: the lesson as it first appeared, at this step (the sandbox: its start words).
    private mutating func reset() -> [Effect] {
        workspace.useVocabulary(currentLesson.vocabulary(step: step))
        lessons[lessonIndex].reset(step: step, workspace: &workspace)
        workspace.useVocabulary(currentLesson.vocabulary(step: step))
        focus = focusOrder(compact: false).first ?? .text
        message = currentLesson.opensUserFiles ? "reset to the start words (your own words are kept: a adds them back)" : "step reset"
        return [.save]
    }

    /// The panels Tab visits: the lesson's, and the text too where panels are shown one at a time.
    func focusOrder(compact: Bool) -> [Focus] {
        let panels = currentLesson.panels(step: step)
        return compact || panels.isEmpty ? [.text] + panels : panels
    }

    private mutating func cycleFocus(by delta: Int) {
        let order = focusOrder(compact: layout(for: size).kind == .compact)
        let index = order.firstIndex(of: focus) ?? -delta
        focus = order[(index + delta + order.count) % order.count]
    }

    /// ↑/↓ moves the selected word on the map, the column in the heatmap, the bar in the weights.
    private mutating func move(by step: Int) {
        switch focus {
        case .map: workspace.moveSelection(by: step)
        case .heatmap: workspace.moveColumn(by: step)
        case .weights: workspace.moveWeightCursor(by: step)
        case .text, .neighbors, .own: break
        }
    }

    /// Removes the selected word, the one every title names, whichever panel has the focus
    /// (the status bar says which: "d remove apple").
    private mutating func removeSelected() -> [Effect] {
        guard let word = workspace.remove(at: selected) else {
            message = "no word to remove"
            return []
        }
        message = "removed \(word.word)"
        return [.save]
    }

    private mutating func openDetail() {
        if case .own(let panel) = focus {
            if let explanation = currentLesson.explain(panel, step: step, state: self) {
                mode = .detail(.lesson(explanation), scroll: 0)
            }
            return
        }
        guard !words.isEmpty else { return }
        switch focus {
        case .map, .weights, .text, .neighbors, .own:
            guard analysis.attention != nil else {
                message = analysis.problem ?? "no weights to explain"
                return
            }
            mode = .detail(.weight(row: selected, column: focus == .weights ? weightCursor : selected), scroll: 0)
        case .heatmap:
            mode = .detail(.score(row: selected, column: column, metric: metric), scroll: 0)
        }
    }

    /// ↑/↓ (and PgUp/PgDn) scroll an overlay; any other key closes it (nil).
    private func scrolled(_ key: Key, _ scroll: Int) -> Int? {
        switch key {
        case .up, .character("k"): max(0, scroll - 1)
        case .down, .character("j"): scroll + 1
        case .pageUp: max(0, scroll - 10)
        case .pageDown: scroll + 10
        default: nil
        }
    }

    // MARK: Prompts

    static func wordField() -> TextField {
        TextField(prompt: "add word: ", placeholder: "type a word, Enter to add, Esc to cancel", maxLength: 40)
    }

    private mutating func edit(_ key: Key, _ prompt: Prompt) -> [Effect] {
        var prompt = prompt
        if case .answer(let task) = prompt.purpose, key == .up || key == .down {
            // ↑/↓ choose which number task the answer is for.
            openAnswer(from: task, moving: key == .down ? 1 : -1, keeping: prompt.field)
            return []
        }
        if prompt.purpose == .addWord, key == .tab, adjustBeforeAdding(prompt.field.text) { return [] }
        switch prompt.field.handle(key) {
        case .submitted(let text):
            mode = .browsing
            let typed = text.trimmingWhitespace()
            switch prompt.purpose {
            case .addWord: return submitWord(typed)
            case .answer(let task): return submitAnswer(typed, task: task)
            case .lesson:
                var lesson = lessons[lessonIndex]
                let response = lesson.submit(typed, step: step, context: lessonContext, workspace: &workspace)
                lessons[lessonIndex] = lesson
                return follow(response)
            }
        case .cancelled:
            mode = .browsing
            message = "cancelled"
        case .edited, .ignored: mode = .prompt(prompt)
        }
        return []
    }

    // MARK: Mouse

    private mutating func click(_ mouse: MouseEvent) -> [Effect] {
        guard mouse.button == .left, mode == .browsing else { return [] }
        if let hit = lastLayoutHit(x: mouse.x, y: mouse.y) {
            workspace.selectIndex(hit)
            focus = .map
        }
        return []
    }
}

extension AppState {
    /// Where the panels go: the view and mouse hit-testing both ask here.
    public func layout(for size: Size) -> ScreenLayout {
        ScreenLayout(size: size, state: self)
    }

    /// The word drawn at a screen cell of the map, using the same layout the view draws.
    func lastLayoutHit(x: Int, y: Int) -> Int? {
        let layout = layout(for: size)
        guard let area = layout.map else { return nil }
        return MapPanel(state: self, colorMode: environment.colorMode).wordIndex(atX: x, y: y, in: area)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
