// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Foundation
import TUIKit
import XCTest

@testable import AttnApp
@testable import Lessons

/// Every step of every lesson, drawn as the program draws it.
final class LessonScreenTests: XCTestCase {
    static let sizes = [
        Size(width: 80, height: 24), Size(width: 100, height: 30), Size(width: 120, height: 40), Size(width: 200, height: 60),
    ]

    /// Every step of the course, by lesson id and step name.
    static func allSteps(of course: Course = course) -> [(lesson: String, step: Int)] {
        course.lessons.flatMap { lesson in lesson.stepIDs.indices.map { (lesson.id, $0) } }
    }

    /// A step's expected-screen name: `cosine-stretch-100x30`, by lesson id and step name, never by number.
    static func screenName(_ state: AppState, size: Size) -> String {
        "\(state.lessonID)-\(state.stepID)-\(size.width)x\(size.height)"
    }

    func testEveryStepFitsEverySizeAndIsNotBlank() {
        for (lesson, step) in Self.allSteps() {
            for size in Self.sizes {
                var state = opening(lesson, step: step)
                _ = state.update(.resize(size))
                let buffer = AppView.render(state, size: size, colorMode: .palette256)
                XCTAssertEqual(buffer.size, size)
                let body = buffer.lines.dropFirst().dropLast(2)
                let drawn = body.joined().filter { !$0.isWhitespace }.count
                XCTAssertGreaterThan(drawn, size.width, "\(lesson) step \(step + 1) at \(size.width)x\(size.height) is nearly blank")
                let number = course.index(of: lesson)! + 1
                XCTAssertTrue(
                    buffer.lines[0].contains("Lesson \(number)/\(course.count)") && buffer.lines[0].contains("step \(step + 1)/"),
                    "the lesson number and step marker are always visible: \(buffer.lines[0])")
            }
        }
    }

    func testAt80x24EveryStepsWholeTextIsOnScreen() throws {
        for (lesson, step) in Self.allSteps() {
            let state = opening(lesson, step: step)
            let layout = state.layout(for: Size(width: 80, height: 24))
            let buffer = AppView.render(state, size: Size(width: 80, height: 24), colorMode: .palette256)
            let area = try XCTUnwrap(layout.lesson, "\(lesson) step \(step + 1) has a text panel").inset(by: 1)
            let shown = Self.words(buffer.lines(in: area).joined(separator: " "))
            let text = Self.words(course.text(lesson: course.index(of: lesson)!, step: step))
            XCTAssertTrue(shown.contains(text), "\(lesson) step \(step + 1): the whole text at 80×24\n\(buffer.text)")
        }
    }

    /// The words of a text with single spaces, so wrapped and unwrapped text compare equal.
    static func words(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }

    func testNoTwoStepsDrawTheSameScreen() {
        var seen: [String: String] = [:]
        for (lesson, step) in Self.allSteps() {
            let state = opening(lesson, step: step)
            let text = AppView.render(state, size: Size(width: 100, height: 30), colorMode: .palette256).text
            if let other = seen[text] { XCTFail("\(lesson) step \(step + 1) draws the same screen as \(other)") }
            seen[text] = "\(lesson) step \(step + 1)"
        }
    }

    /// The expected screens, every step at 100×30 and at 80×24 (the smallest full layout, where
    /// text and numbers must agree), compared whole, named by lesson id and step name.
    func testEveryStepMatchesItsExpectedScreen() {
        for size in [Size(width: 100, height: 30), Size(width: 80, height: 24)] {
            for (lesson, step) in Self.allSteps() {
                var state = opening(lesson, step: step)
                _ = state.update(.resize(size))
                let buffer = AppView.render(state, size: size, colorMode: .palette256)
                ScreenFile.assertMatches(buffer, named: Self.screenName(state, size: size))
            }
        }
    }

    /// Every expected-screen file of a lesson step is one a step draws: a file left over from a
    /// step that was renamed or removed fails here.
    func testEveryLessonScreenFileBelongsToAStep() throws {
        let sizes = ["100x30"] + ExpectedLessonScreens.extraSizes.map { "\($0.width)x\($0.height)" }
        var produced = Set<String>()
        for lesson in course.lessons {
            for step in lesson.stepIDs {
                for size in sizes { produced.insert("\(lesson.id)-\(step)-\(size).txt") }
            }
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: ScreenFile.directory.path)
        // Every other expected screen is named after what it shows (explorer-…, course-…), never lesson-like.
        let lessonLike = files.filter { name in course.ids.contains { name.hasPrefix($0 + "-") } }
        for file in lessonLike where !produced.contains(file) {
            XCTFail("\(file) is an expected screen no lesson step draws: remove it or name it after its step")
        }
        for file in files where file.hasPrefix("lesson") {
            XCTFail("\(file) names a lesson by number: expected screens are named by lesson id and step name")
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
        let lesson = String(try XCTUnwrap(command.firstMatch(of: /--lesson ([a-z-]+)/)).1)
        let keys = String(try XCTUnwrap(command.firstMatch(of: /--keys '([^']*)'/)).1)
        XCTAssertTrue(command.contains("--size 120x40"))
        let open = try XCTUnwrap(lines[commandLine...].firstIndex { $0 == "```" })
        let close = try XCTUnwrap(lines[(open + 1)...].firstIndex { $0 == "```" })
        var state = opening(lesson)
        _ = state.update(.resize(Size(width: 120, height: 40)))
        state.press(keys)
        let expected = AppView.render(state, size: Size(width: 120, height: 40), colorMode: .palette256).lines
            .map { String($0.reversed().drop { $0 == " " }.reversed()) }
        XCTAssertEqual(Array(lines[(open + 1)..<close]), expected, "README.md's screen: regenerate it with the command above it")
    }
}

/// Sizes besides 100×30 at which lessons' steps have expected screens (issue-specific checks).
enum ExpectedLessonScreens {
    static let extraSizes = [Size(width: 80, height: 24), Size(width: 120, height: 40)]
}
