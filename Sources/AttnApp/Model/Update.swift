import AttnMath
import TUIKit
import Vocabularies

/// A side effect `update` asks the runner to perform.
public enum Effect: Equatable, Sendable {
    /// Persist `AppState.saved` (atomically) now.
    case save
}

/// What happened besides the terminal's input: the runner reports it through `update`.
public enum AppEvent: Equatable, Sendable {
    case input(InputEvent)
    /// Saved state could not be used as it was (corrupt, newer): say so on the first frame.
    case loaded(warning: String)
    /// Writing the saved state failed.
    case saveFailed(String)
}

extension AppState {
    /// The temperatures `+`/`-` step through: wide enough to show both a
    /// one-hot and an almost uniform softmax.
    static let temperatures: [Double] = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1, 1.5, 2, 3, 5, 10]

    /// The only place the state changes, with what happened outside the terminal too.
    public mutating func update(_ event: AppEvent) -> [Effect] {
        switch event {
        case .input(let input): return update(input)
        case .loaded(let warning):
            message = warning
            return []
        case .saveFailed(let reason):
            message = "not saved: \(reason)"
            return []
        }
    }

    /// The only place the state changes. Returns what must be persisted.
    public mutating func update(_ event: InputEvent) -> [Effect] {
        switch event {
        case .tick:
            advanceAnimation()
            return []
        case .resize(let newSize):
            size = newSize
            return []
        case .mouse(let mouse): return isTooSmall ? [] : click(mouse)
        case .paste(let text):
            // Pasted text is typed into the add-word prompt, and never run as commands anywhere else.
            guard case .prompt = mode, !isTooSmall else { return [] }
            return text.filter { !$0.isNewline }.flatMap { update(.key(.character($0))) }
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
            case .prompt(let field): return edit(key, field)
            case .placing(let placement): return place(key, placement)
            case .help(let scroll):
                mode = scrolled(key, scroll).map { .help(scroll: min($0, AppView.overlayMaxScroll(self, size: size))) } ?? .browsing
                return []
            case .detail(let detail, let scroll):
                mode =
                    scrolled(key, scroll).map { .detail(detail, scroll: min($0, AppView.overlayMaxScroll(self, size: size))) } ?? .browsing
                return []
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
            if step + 1 < currentLesson.stepCount { return go(toLesson: lesson, step: step + 1) }
            guard lesson < lessons.count else { return [] }
            return go(toLesson: lesson + 1, step: 0)
        case .previousStep:
            if step > 0 { return go(toLesson: lesson, step: step - 1) }
            guard lesson > 1 else { return [] }
            return go(toLesson: lesson - 1, step: lessons[lesson - 2].stepCount - 1)
        case .previousLesson: return go(toLesson: lesson - 1, step: 0)
        case .nextLesson: return go(toLesson: lesson + 1, step: 0)
        case .firstLesson: return go(toLesson: 1, step: 0)
        case .lastLesson: return go(toLesson: lessons.count, step: 0)
        case .jump(let number): return go(toLesson: number, step: 0)
        case .up: move(by: -1)
        case .down: move(by: 1)
        case .nextFocus: cycleFocus(by: 1)
        case .previousFocus: cycleFocus(by: -1)
        case .addWord: mode = .prompt(Self.wordField())
        case .removeWord: return removeSelected()
        case .cycleMetric:
            metric = [Metric.scaledDot, .cosine, .dot][([Metric.scaledDot, .cosine, .dot].firstIndex(of: metric)! + 1) % 3]
            recompute()
            message = "metric: \(metric.title)"
        case .warmer, .cooler:
            let steps = Self.temperatures
            let current = steps.firstIndex { $0 >= temperature } ?? steps.count - 1
            let next = command == .warmer ? min(current + 1, steps.count - 1) : max(current - 1, 0)
            temperature = steps[next]
            recompute()
            message = "temperature \(NumberFormat.fixed(temperature, decimals: 2))"
        case .open: openDetail()
        case .reset: return reset()
        case .help: mode = .help(scroll: 0)
        case .lesson(let action):
            var current = lessons[lesson - 1]
            message = current.perform(action, step: step, app: &self)
            lessons[lesson - 1] = current
        }
        return []
    }

    /// Moves to a lesson and step (clamped to the course); the lesson sets itself up for the step.
    mutating func go(toLesson number: Int, step target: Int) -> [Effect] {
        let number = min(max(1, number), lessons.count)
        let target = min(max(0, target), lessons[number - 1].stepCount - 1)
        guard number != lesson || target != step else { return [] }
        leaveRealVectors()
        let wasSandbox = isSandbox
        if wasSandbox && number != lesson { sandboxWords = words }
        lesson = number
        step = target
        if isSandbox && !wasSandbox {
            words = sandboxWords
            selected = 0
            recompute()
        }
        enterStep()
        return [.save]
    }

    /// Lets the lesson in front set itself up for the current step, and keeps the focus on one of its panels.
    mutating func enterStep() {
        var current = lessons[lesson - 1]
        current.enter(step: step, app: &self)
        lessons[lesson - 1] = current
        let order = focusOrder(compact: false)
        if !order.contains(focus) { focus = order.first ?? .text }
    }

    /// `r`: the step as it first appeared; in the sandbox, its start words.
    private mutating func reset() -> [Effect] {
        guard isSandbox else {
            // A fresh lesson value forgets what the learner changed in it.
            lessons[lesson - 1] = Course.lessons()[lesson - 1]
            enterStep()
            message = "step reset"
            return []
        }
        leaveRealVectors()
        metric = .scaledDot
        temperature = 1
        words = space.startWords.compactMap { lookUp($0) }
        selected = 0
        recompute()
        message = "sandbox reset to its \(words.count) start words (your own words are kept: a adds them back)"
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
        guard !words.isEmpty else { return }
        let count = words.count
        let wrap = { (value: Int) in (value + count) % count }
        switch focus {
        case .map:
            selected = wrap(selected + step)
            refreshNeighbors()
        case .heatmap: column = wrap(column + step)
        case .weights: weightCursor = wrap(weightCursor + step)
        case .text, .neighbors, .panel: break
        }
    }

    /// Removes the selected word, the one every title names, whichever panel has the focus
    /// (the status bar says which: "d remove apple").
    private mutating func removeSelected() -> [Effect] {
        let index = selected
        guard words.indices.contains(index) else {
            message = "no word to remove"
            return []
        }
        let word = words.remove(at: index)
        if index < selected || selected >= words.count { selected = max(0, selected - 1) }
        recompute()
        message = "removed \(word.word)"
        return [.save]
    }

    private mutating func openDetail() {
        if case .panel(let panel) = focus {
            if let explanation = currentLesson.explain(panel: panel, step: step, state: self) {
                mode = .detail(.lesson(explanation), scroll: 0)
            }
            return
        }
        guard !words.isEmpty else { return }
        switch focus {
        case .map, .weights, .text, .neighbors, .panel:
            guard analysis.attention != nil else {
                message = analysis.problem ?? "no weights to explain"
                return
            }
            mode = .detail(.weight(row: selected, column: focus == .weights ? weightCursor : selected), scroll: 0)
        case .heatmap:
            mode = .detail(.score(row: selected, column: column, metric: metric), scroll: 0)
        }
    }

    // MARK: Adding a word

    static func wordField() -> TextField {
        TextField(prompt: "add word: ", placeholder: "type a word, Enter to add, Esc to cancel", maxLength: 40)
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

    private mutating func edit(_ key: Key, _ field: TextField) -> [Effect] {
        var field = field
        if key == .control("c") {
            mode = .browsing
            return []
        }
        if key == .tab, adjustBeforeAdding(field.text) { return [] }
        switch field.handle(key) {
        case .submitted(let text): return submit(text.trimmingWhitespace())
        case .cancelled:
            mode = .browsing
            message = "cancelled"
        case .edited, .ignored: mode = .prompt(field)
        }
        return []
    }

    private mutating func submit(_ text: String) -> [Effect] {
        mode = .browsing
        guard !text.isEmpty else {
            message = "no word typed"
            return []
        }
        guard !text.contains(where: \.isWhitespace) else {
            message = "one word at a time (no spaces)"
            return []
        }
        if let existing = words.firstIndex(where: { WordLookup.candidates(for: text).contains($0.word) }) {
            selected = existing
            message = "\(words[existing].word) is already in play"
            return []
        }
        if let known = lookUp(text) {
            return add(known)
        }
        guard !realVectors else {
            message = "'\(text)' has no GloVe vector here: press v for the named features to place it"
            return []
        }
        let start = words.isEmpty ? [Double](repeating: 0.1, count: space.dimension) : centroid()
        mode = .placing(Placement(word: text.lowercased(), vector: start, feature: 0))
        recompute()
        message = "'\(text)' is new: set its features with ↑/↓ ←/→, Enter to add"
        return []
    }

    private mutating func add(_ word: WordInPlay) -> [Effect] {
        words.append(word)
        selected = words.count - 1
        recompute()
        message = word.isEstimated ? "added \(word.label) (\(word.category), features estimated from GloVe)" : "added \(word.word)"
        return [.save]
    }

    private func centroid() -> [Double] {
        let sum = words.dropFirst().reduce(words[0].vector) { AttnMath.add($0, $1.vector) }
        return scale(sum, by: 1 / Double(words.count)).map { ($0 * 10).rounded() / 10 }
    }

    // MARK: Placing an unknown word

    /// The step ←/→ change a feature by.
    static let placementStep = 0.1

    private mutating func place(_ key: Key, _ placement: Placement) -> [Effect] {
        var placement = placement
        let dimension = placement.vector.count
        switch key {
        case .escape, .control("c"):
            mode = .browsing
            recompute()
            message = "cancelled"
            return []
        case .enter:
            guard placement.vector.contains(where: { $0 != 0 }) else {
                message = "a word cannot be the zero vector: give it at least one feature"
                return []
            }
            let word = WordInPlay(word: placement.word, vector: placement.vector, origin: .custom)
            // Only this vocabulary's placement of the name is replaced; one made for another (a file's d dimensions) stays.
            customWords.removeAll { $0.word == word.word && $0.vector.count == word.vector.count }
            customWords.append(word)
            mode = .browsing
            return add(word)
        case .up, .character("k"): placement.feature = (placement.feature + dimension - 1) % max(dimension, 1)
        case .down, .character("j"), .tab: placement.feature = (placement.feature + 1) % max(dimension, 1)
        case .left, .character("h"), .character("-"): nudge(&placement, by: -Self.placementStep)
        case .right, .character("l"), .character("+"): nudge(&placement, by: Self.placementStep)
        case .character("0"): placement.vector[placement.feature] = 0
        default: break
        }
        mode = .placing(placement)
        recompute()
        return []
    }

    private func nudge(_ placement: inout Placement, by step: Double) {
        guard placement.vector.indices.contains(placement.feature) else { return }
        let value = placement.vector[placement.feature] + step
        // Round to the step so repeated nudges show 0.3, not 0.30000000000000004.
        placement.vector[placement.feature] = min(1, max(-1, (value * 10).rounded() / 10))
    }

    // MARK: Mouse

    private mutating func click(_ mouse: MouseEvent) -> [Effect] {
        guard mouse.button == .left, mode == .browsing else { return [] }
        if let hit = lastLayoutHit(x: mouse.x, y: mouse.y) {
            selected = hit
            refreshNeighbors()
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
