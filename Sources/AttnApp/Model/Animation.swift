// SPDX-License-Identifier: Apache-2.0

extension AppState {
    /// How often the terminal should send `.tick`: about every 100 ms while the lesson in
    /// front animates, else never (nil), so an idle screen costs nothing.
    public var tickInterval: Int? {
        // While a job runs, a tick is how the screen hears that it finished.
        if !runningJobs.isEmpty { return 50 }
        return mode == .browsing && currentLesson.isAnimating(step: step) ? 100 : nil
    }

    /// A tick moves the lesson in front one frame on, if it animates.
    mutating func advanceAnimation() {
        guard mode == .browsing, currentLesson.isAnimating(step: step) else { return }
        var lesson = lessons[lessonIndex]
        _ = lesson.tick(step: step, workspace: &workspace)
        lessons[lessonIndex] = lesson
    }

    /// Stops the lesson's animation; true when it was running.
    mutating func stopAnimation() -> Bool {
        guard currentLesson.isAnimating(step: step) else { return false }
        lessons[lessonIndex].stopAnimating()
        message = "paused"
        return true
    }
}
