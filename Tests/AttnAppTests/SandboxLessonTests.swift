// SPDX-License-Identifier: Apache-2.0

import TUIKit
import XCTest

@testable import AttnApp
@testable import Lessons

extension AppState {
    /// Presses keys as `press` does, and runs every job they ask for at once, its result
    /// delivered before the next key: what `render` does (the interactive screen runs them in
    /// the background and delivers them on a later tick).
    @discardableResult
    mutating func pressRunningJobs(_ notation: String, file: StaticString = #filePath, line: UInt = #line) -> [Effect] {
        guard let keys = try? KeyNotation.parse(notation) else {
            XCTFail("bad key notation \(notation)", file: file, line: line)
            return []
        }
        var all: [Effect] = []
        for key in keys {
            var queue = update(.key(key))[...]
            while let effect = queue.popFirst() {
                all.append(effect)
                if case .run(let job) = effect {
                    queue += update(.jobFinished(JobResult(job: job.id, lesson: job.lesson, value: job.work.work())))
                }
            }
        }
        return all
    }
}

/// The sandbox: `v` named where its Try names it, and its first, slow switch said on the message line.
final class SandboxLessonTests: XCTestCase {
    /// Step 3's Try names v: the status bar shows it there at 80×24, beside the step keys.
    func testStep3ShowsVInTheStatusBar() {
        let steps = course.lessons[index(sandboxID)].stepCount
        let bar = { (step: Int) in screen(opening(sandboxID, step: step), 80, 24).lines[23] }
        XCTAssertTrue(LessonScreenTests.words(course.text(lesson: index(sandboxID), step: steps - 1)).contains("v shows"))
        XCTAssertTrue(bar(steps - 1).contains("v GloVe") && bar(steps - 1).contains("←/→ step"), bar(steps - 1))
        XCTAssertFalse(bar(0).contains("v GloVe"), "where the text does not name it, the bar keeps its room")
    }

    /// The first `v` reads 20,000 GloVe vectors: off the key path, with "loading the GloVe vectors…"
    /// on the message line until they come; a second `v` meanwhile waits for them, and leaving or
    /// `r` drops them.
    func testTheFirstVSaysItIsLoading() throws {
        SandboxLesson.gloveLoaded.withLock { $0 = false }
        var state = sandbox()
        let effects = state.press("v")
        guard case .run(let job) = try XCTUnwrap(effects.first) else { return XCTFail("a job: \(effects)") }
        XCTAssertEqual(state.message, "loading the GloVe vectors…")
        XCTAssertTrue(screen(state, 80, 24).text.contains("loading the GloVe vectors…"))
        XCTAssertFalse(state.showsRealVectors)
        XCTAssertTrue(state.press("v").isEmpty, "one job at a time")
        XCTAssertEqual(state.message, "still loading the GloVe vectors…")
        let result = job.work.work()
        var left = state
        left.press("r")
        _ = left.update(.jobFinished(JobResult(job: job.id, lesson: job.lesson, value: result)))
        XCTAssertFalse(left.showsRealVectors, "reset before the vectors came: they are dropped")
        _ = state.update(.jobFinished(JobResult(job: job.id, lesson: job.lesson, value: result)))
        XCTAssertTrue(state.showsRealVectors)
        XCTAssertEqual(state.space.dimension, 50)
        XCTAssertEqual(state.message, "real GloVe vectors: 50 dimensions")
        // Loaded once, later switches are at once.
        state.press("v")
        XCTAssertFalse(state.showsRealVectors)
        XCTAssertTrue(state.press("v").isEmpty)
        XCTAssertTrue(state.showsRealVectors)
    }
}
