import AttnMath
import TUIKit
import XCTest

@testable import AttnApp

/// Every step of every lesson, drawn as the program draws it.
final class LessonScreenTests: XCTestCase {
    static let sizes = [
        Size(width: 80, height: 24), Size(width: 100, height: 30), Size(width: 120, height: 40), Size(width: 200, height: 60),
    ]

    /// A fresh program opened at a lesson's step, as `render --lesson N --step S` does.
    static func opened(lesson: Int, step: Int) -> AppState {
        AppState(environment: AppEnvironment(vocabulary: lexicon, initialLesson: lesson, initialStep: step))
    }

    static var allSteps: [(lesson: Int, step: Int)] {
        Course.scripts.enumerated().flatMap { index, script in script.steps.indices.map { (index + 1, $0) } }
    }

    func testEveryStepFitsEverySizeAndIsNotBlank() {
        for (lesson, step) in Self.allSteps {
            for size in Self.sizes {
                var state = Self.opened(lesson: lesson, step: step)
                _ = state.update(.resize(size))
                let buffer = AppView.render(state, size: size, colorMode: .palette256)
                XCTAssertEqual(buffer.size, size)
                let body = buffer.lines.dropFirst().dropLast(2)
                let drawn = body.joined().filter { !$0.isWhitespace }.count
                XCTAssertGreaterThan(drawn, size.width, "lesson \(lesson) step \(step + 1) at \(size.width)x\(size.height) is nearly blank")
                XCTAssertTrue(
                    buffer.lines[0].contains("Lesson \(lesson)/\(Course.count)") && buffer.lines[0].contains("step \(step + 1)/"),
                    "the lesson number and step marker are always visible: \(buffer.lines[0])")
            }
        }
    }

    func testAt80x24EveryStepsWholeTextIsOnScreen() throws {
        for (lesson, step) in Self.allSteps {
            let state = Self.opened(lesson: lesson, step: step)
            let layout = state.layout(for: Size(width: 80, height: 24))
            let buffer = AppView.render(state, size: Size(width: 80, height: 24), colorMode: .palette256)
            let area = try XCTUnwrap(layout.lesson, "lesson \(lesson) step \(step + 1) has a text panel").inset(by: 1)
            let shown = Self.words(buffer.lines(in: area).joined(separator: " "))
            let text = Self.words(Course.scripts[lesson - 1].text(ofStep: step))
            XCTAssertTrue(shown.contains(text), "lesson \(lesson) step \(step + 1): the whole text at 80×24\n\(buffer.text)")
        }
    }

    /// The words of a text with single spaces, so wrapped and unwrapped text compare equal.
    static func words(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }

    func testNoTwoStepsDrawTheSameScreen() {
        var seen: [String: String] = [:]
        for (lesson, step) in Self.allSteps {
            let state = Self.opened(lesson: lesson, step: step)
            let text = AppView.render(state, size: Size(width: 100, height: 30), colorMode: .palette256).text
            if let other = seen[text] { XCTFail("lesson \(lesson) step \(step + 1) draws the same screen as \(other)") }
            seen[text] = "lesson \(lesson) step \(step + 1)"
        }
    }

    /// The expected screens, every step at 100×30, compared whole.
    func testEveryStepMatchesItsExpectedScreen() {
        for (lesson, step) in Self.allSteps {
            var state = Self.opened(lesson: lesson, step: step)
            _ = state.update(.resize(Size(width: 100, height: 30)))
            let buffer = AppView.render(state, size: Size(width: 100, height: 30), colorMode: .palette256)
            ScreenFile.assertMatches(buffer, named: String(format: "lesson%02d-step%d-100x30", lesson, step + 1))
        }
    }

    /// The frame in the README is the program's: the command above the block, replayed.
    func testTheReadmeScreenIsTheProgramsScreen() throws {
        let readme = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../README.md"),
            encoding: .utf8)
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let commandLine = try XCTUnwrap(
            lines.firstIndex { $0.hasPrefix("`attn-tui render --lesson") }, "the README names its render command")
        let command = lines[commandLine]
        let lesson = try XCTUnwrap(Int(try XCTUnwrap(command.firstMatch(of: /--lesson (\d+)/)).1))
        let keys = String(try XCTUnwrap(command.firstMatch(of: /--keys '([^']*)'/)).1)
        XCTAssertTrue(command.contains("--size 120x40"))
        let open = try XCTUnwrap(lines[commandLine...].firstIndex { $0 == "```" })
        let close = try XCTUnwrap(lines[(open + 1)...].firstIndex { $0 == "```" })
        var state = AppState(environment: AppEnvironment(vocabulary: lexicon, initialLesson: lesson))
        _ = state.update(.resize(Size(width: 120, height: 40)))
        state.press(keys)
        let expected = AppView.render(state, size: Size(width: 120, height: 40), colorMode: .palette256).lines
            .map { String($0.reversed().drop { $0 == " " }.reversed()) }
        XCTAssertEqual(Array(lines[(open + 1)..<close]), expected, "README.md's screen: regenerate it with the command above it")
    }
}
