// SPDX-License-Identifier: Apache-2.0

import AttnMath
import TUIKit
import Vocabularies
import XCTest

@testable import AttnApp
@testable import Lessons

/// The screens around the lessons: the welcome on a first run, the course map with its ticks,
/// the glossary, the end of the course, and the progress in the title bar.
final class CourseScreensTests: XCTestCase {
    /// A first run: nothing saved, no lesson asked for.
    func firstRun() -> AppState { AppState(environment: environment()) }

    func testAFirstRunOpensOnTheWelcomeAndRightBegins() {
        var state = firstRun()
        XCTAssertEqual(state.mode, .welcome)
        ScreenFile.assertMatches(screen(state, 80, 24), named: "course-welcome-80x24")
        XCTAssertEqual(state.press("x"), [], "other keys do not act behind it")
        XCTAssertEqual(state.mode, .welcome)
        XCTAssertEqual(state.message, "→ begins the course")
        XCTAssertEqual(state.press("<Right>"), [.save], "beginning is saved: the next run resumes, without the welcome")
        XCTAssertEqual(state.mode, .browsing)
        XCTAssertEqual([state.lessonIndex, state.step], [0, 0], "→ begins at the first step, it does not skip it")
        let resumed = AppState(environment: environment(), saved: state.saved)
        XCTAssertEqual(resumed.mode, .browsing, "a later run resumes where the learner left off")
    }

    func testTheWelcomeIsNotShownWhereALessonIsAskedForOrAFileOpened() {
        XCTAssertEqual(opening("softmax").mode, .browsing, "render --lesson shows the lesson")
        let file = Vocabulary(table: EmbeddingTable(words: ["x", "y"], vectors: [[1, 0], [0, 1]]), source: "f.txt")
        XCTAssertEqual(AppState(environment: environment(file)).mode, .browsing)
    }

    func testTheWelcomesKeysOpenTheMapTheGlossaryAndHelp() {
        var state = firstRun()
        state.press("g")
        XCTAssertEqual(state.mode, .courseMap(lesson: 0, step: 0))
        state = firstRun()
        state.press("/")
        XCTAssertEqual(state.mode, .glossary(term: 0))
        state = firstRun()
        state.press("q")
        XCTAssertTrue(state.isFinished)
    }

    func testTheMapListsEveryLessonAndEnterGoesToTheChosenStep() throws {
        var state = opening("cosine", step: 1)
        state.press("g")
        XCTAssertEqual(state.mode, .courseMap(lesson: index("cosine"), step: 1), "the map opens where the learner is")
        let text = screen(state, 100, 30).text
        for (number, lesson) in course.lessons.enumerated() where number < 20 {
            XCTAssertTrue(text.contains("\(number + 1) \(lesson.title.prefix(20))"), "lesson \(lesson.id) listed\n\(text)")
        }
        state.press("<Down><Down><Right><Right>")
        XCTAssertEqual(state.mode, .courseMap(lesson: index("cosine") + 2, step: 2))
        state.press("<Enter>")
        XCTAssertEqual(state.mode, .browsing)
        XCTAssertEqual([state.lessonIndex, state.step], [index("cosine") + 2, 2])
        state.press("g<Esc>")
        XCTAssertEqual(state.mode, .browsing, "Esc closes the map where it was")
        XCTAssertEqual([state.lessonIndex, state.step], [index("cosine") + 2, 2])
    }

    func testTheMapTicksALessonWhoseExerciseIsSolvedAndTheTitleCountsIt() throws {
        var state = opening(FixtureLesson.id, step: 1, in: CourseFrameworkTests.extended)
        XCTAssertFalse(screen(state, 100, 30).lines[0].contains("✓ 1/"), screen(state, 100, 30).lines[0])
        for task in state.tasks { state.press(task.solution) }
        XCTAssertEqual(state.isComplete(lesson: state.lessonIndex), true)
        let title = screen(state, 100, 30).lines[0]
        XCTAssertTrue(title.contains("✓ 1/\(state.courseProgress.of)"), title)
        state.press("<Left>g")  // back a step, so the exercise's own mark shows rather than "you are here"
        let row = try XCTUnwrap(screen(state, 100, 30).lines.dropFirst().first { $0.contains("Counting") })
        XCTAssertTrue(row.contains("▸✓"), "the lesson in front, ticked: \(row)")
        XCTAssertFalse(row.hasPrefix(" Lesson"), "the map's row, not the title bar")
        XCTAssertTrue(row.contains("◆"), "a solved exercise step is filled: \(row)")
        XCTAssertTrue(
            screen(state, 100, 30).text.contains("◇ exercise (◆ solved)  ✓ done  · partly solved"), "the map says what its marks mean")
    }

    /// At 80×24 every lesson's title is whole on the map (the longest, "Queries and Keys are
    /// linear transformations", too) and the marks' legend is one line.
    func testAt80x24TheMapShowsEveryTitleWholeAndItsLegendOnOneLine() {
        var state = opening("cosine")
        _ = state.update(.resize(Size(width: 80, height: 24)))
        state.press("g")
        let text = screen(state, 80, 24).text
        for lesson in state.lessons {
            XCTAssertTrue(text.contains(lesson.title + " "), "\(lesson.title) whole:\n\(text)")
        }
        XCTAssertTrue(text.contains("● you are here  ○ a step  ◇ exercise (◆ solved)  ✓ done  · partly solved"), text)
    }

    func testTheGlossaryNamesALessonOfTheCourseForEveryTermAndEnterGoesThere() throws {
        let terms = Glossary.builtIn.terms
        XCTAssertGreaterThanOrEqual(terms.count, 25)
        for term in terms {
            let lesson = try XCTUnwrap(course.index(of: term.lesson), "\(term.term): lesson \(term.lesson) is in the course")
            // A term is defined where the course first uses it: its lesson's text names it.
            let text =
                ([course.lessons[lesson].title] + course.lessons[lesson].stepIDs.indices.map { course.text(lesson: lesson, step: $0) })
                .joined(separator: " ")
            let names = term.term.replacing(/\ \(.*\)/, with: "").replacing(" and ", with: ", ").split(separator: ", ").map {
                $0.lowercased()
            }
            XCTAssertTrue(
                names.contains { text.lowercased().contains($0) }, "\(term.term) is named in lesson \(term.lesson)'s text")
        }
        var state = opening("vectors")
        state.press("/")
        let softmax = try XCTUnwrap(terms.firstIndex { $0.term == "softmax" })
        state.press(String(repeating: "j", count: softmax))
        XCTAssertEqual(state.mode, .glossary(term: softmax))
        XCTAssertTrue(screen(state, 80, 24).text.contains("softmax (lesson \(lessonNumber("softmax"))):"), screen(state, 80, 24).text)
        state.press("<Enter>")
        XCTAssertEqual([state.lessonID, state.stepID], ["softmax", course.lessons[index("softmax")].stepIDs[0]])
    }

    func testRightOnTheLastStepOfTheLastLessonOpensTheEndAndLeftGoesBack() {
        let last = course.lessons[course.count - 1]
        var state = opening(last.id, step: last.stepCount - 1)
        XCTAssertEqual(state.press("<Right>"), [])
        XCTAssertEqual(state.mode, .end)
        let text = screen(state, 80, 24).text
        XCTAssertTrue(text.contains("The end of the course") && text.contains("--embeddings"), text)
        ScreenFile.assertMatches(screen(state, 80, 24), named: "course-end-80x24")
        state.press("<Left>")
        XCTAssertEqual(state.mode, .browsing)
        XCTAssertEqual([state.lessonIndex, state.step], [course.count - 1, last.stepCount - 1])
    }

    func testTheTitleBarNamesTheProgramOnEveryStepAlikeAtOneWidth() {
        for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
            let named = LessonScreenTests.allSteps().map { lesson, step in
                screen(opening(lesson, step: step), size.width, size.height).lines[0].hasPrefix(" attn-tui │")
            }
            XCTAssertEqual(Set(named).count, 1, "at \(size.width)×\(size.height) the name is on every step or on none")
        }
    }

    func testTheStatusBarAlwaysShowsHowToMoveOnAndHowToQuit() {
        for (lesson, step) in LessonScreenTests.allSteps() {
            let bar = screen(opening(lesson, step: step), 80, 24).lines[23]
            XCTAssertTrue(bar.contains("←/→ step") && bar.contains("q quit"), "\(lesson) step \(step + 1): \(bar)")
        }
    }
}
