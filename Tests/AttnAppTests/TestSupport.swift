// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Foundation
import TUIKit
import Vocabularies
import XCTest

@testable import AttnApp
@testable import Lessons

/// The built-in lexicon, parsed once.
let lexicon = Vocabulary.builtIn()

/// The course the program runs.
let course = Course.standard

/// What the program starts with: the standard course on a vocabulary, opened at a lesson (by id) and step.
func environment(
    _ vocabulary: Vocabulary = lexicon, startWords: [String]? = nil, lesson: String? = nil, step: Int? = nil, in course: Course = course
) -> AppEnvironment {
    AppEnvironment(
        course: course, vocabulary: vocabulary, startWords: startWords, initialLesson: lesson.map { course.index(of: $0)! },
        initialStep: step)
}

/// A fresh program opened at a lesson's step, as `render --lesson ID --step S` does.
func opening(_ lesson: String, step: Int = 0, in course: Course = course) -> AppState {
    AppState(environment: environment(lesson: lesson, step: step, in: course))
}

/// A lesson's position in the course (from 0), by id: what `--lesson ID` resolves to.
func index(_ lesson: String, in course: Course = course) -> Int { course.index(of: lesson)! }

/// A lesson's number in the course (what the title bar shows), by id.
func lessonNumber(_ lesson: String, in course: Course = course) -> Int { course.index(of: lesson)! + 1 }

extension SavedState {
    /// A saved state as a test writes it: the sandbox's words of the built-in lexicon, if any.
    init(lesson: String?, step: String? = nil, customWords: [WordInPlay] = [], sandboxWords: [String]?) {
        self.init(
            lesson: lesson, step: step, customWords: customWords,
            lessons: sandboxWords.map { [sandboxID: SavedLesson(lists: [SavedState.wordsKey(space: SavedState.lexiconSpace): $0])] } ?? [:])
    }

    /// The sandbox's saved words of the built-in lexicon.
    var sandboxWords: [String]? { words(ofLesson: sandboxID, space: SavedState.lexiconSpace) }
}

/// The title bar's progress on a fresh state: none of the course's exercises solved.
let noProgress = "✓ 0/\(AppState(environment: environment(lesson: sandboxID)).courseProgress.of)"

/// The lesson a file opens: the sandbox.
let sandboxID = SandboxLesson.id

/// A fresh sandbox on the built-in lexicon: the default start words unless `startWords` is given.
func sandbox(startWords: [String]? = nil, lesson: String? = nil) -> AppState {
    AppState(environment: environment(startWords: startWords, lesson: lesson ?? sandboxID))
}

extension AppState {
    /// Presses keys written in vim notation (`akiwi<Enter>`) the way a person would, one `update` per key.
    /// Returns every effect asked for, in order.
    @discardableResult
    mutating func press(_ notation: String, file: StaticString = #filePath, line: UInt = #line) -> [Effect] {
        let keys: [Key]
        do {
            keys = try KeyNotation.parse(notation)
        } catch {
            XCTFail("bad key notation \(notation): \(error)", file: file, line: line)
            return []
        }
        return keys.flatMap { update(.key($0)) }
    }

    /// Index of `word` among the words in play.
    func index(of word: String) -> Int? { words.firstIndex { $0.word == word } }

    var wordNames: [String] { words.map(\.word) }

    var isPrompting: Bool {
        if case .prompt = mode { return true }
        return false
    }

    var promptField: TextField? {
        if case .prompt(let prompt) = mode { return prompt.field }
        return nil
    }

    /// Selects a word in play by name, as a click on the map would (then the derived numbers follow).
    @discardableResult
    mutating func select(_ name: String) -> Bool {
        let found = workspace.select(name)
        refreshDerived()
        return found
    }

    var placement: Placement? {
        if case .placing(let placement) = mode { return placement }
        return nil
    }

    var isShowingHelp: Bool {
        if case .help = mode { return true }
        return false
    }

    var detail: Detail? {
        if case .detail(let detail, _) = mode { return detail }
        return nil
    }
}

/// The whole screen as the app would draw it.
func screen(_ state: AppState, _ width: Int, _ height: Int, colorMode: ColorMode = .palette256) -> Buffer {
    AppView.render(state, size: Size(width: width, height: height), colorMode: colorMode)
}

extension Buffer {
    /// The text of the cells inside `rect`, one string per row (wide characters once).
    func lines(in rect: Rect) -> [String] {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return [] }
        return (r.y..<r.bottom).map { y in
            (r.x..<r.right).map { self[$0, y].symbol }.joined()
        }
    }

    /// The text inside `rect` as one string, rows joined by newlines.
    func text(in rect: Rect) -> String { lines(in: rect).joined(separator: "\n") }
}

/// What is wrong with the wide glyphs of a screen, if anything: a wide glyph whose right half is
/// not a continuation cell (cut at the right edge, or overwritten), or a continuation cell with
/// no wide glyph on its left (half a glyph left behind).
func halfGlyphs(_ buffer: Buffer) -> [String] {
    var problems: [String] = []
    for y in 0..<buffer.size.height {
        for x in 0..<buffer.size.width {
            let cell = buffer[x, y]
            if cell.isContinuation {
                if x == 0 || DisplayWidth.of(buffer[x - 1, y].symbol) != 2 { problems.append("(\(x),\(y)): a continuation alone") }
            } else if DisplayWidth.of(cell.symbol) == 2 && (x + 1 >= buffer.size.width || !buffer[x + 1, y].isContinuation) {
                problems.append("(\(x),\(y)): \(cell.symbol) without its right half")
            }
        }
    }
    return problems
}

/// Compares screens line by line, printing both in full on failure so a diff is easy to read.
func assertLines(_ buffer: Buffer, _ expected: [String], file: StaticString = #filePath, line: UInt = #line) {
    if buffer.lines != expected {
        let got = buffer.lines.map { "\"\($0)\"" }.joined(separator: "\n")
        let want = expected.map { "\"\($0)\"" }.joined(separator: "\n")
        XCTFail("screen differs\n--- got\n\(got)\n--- expected\n\(want)", file: file, line: line)
    }
}

/// Shannon entropy in nats: 0 for one-hot weights, log n for uniform ones.
func entropy(_ weights: [Double]) -> Double {
    -weights.filter { $0 > 0 }.reduce(0) { $0 + $1 * log($1) }
}

func distance(_ a: [Double], _ b: [Double]) -> Double { euclideanDistance(a, b) }

/// The mean vector of the lexicon's words in `category`.
func centroid(of category: String) -> [Double] {
    let lexiconData = try! XCTUnwrap(lexicon.lexicon)
    let rows = lexiconData.categories.indices.filter { lexiconData.categories[$0] == category }
    precondition(!rows.isEmpty, "no \(category) words in the lexicon")
    let sum = rows.dropFirst().reduce(lexicon.table.vector(at: rows[0])) { add($0, lexicon.table.vector(at: $1)) }
    return scale(sum, by: 1 / Double(rows.count))
}

/// A fresh empty folder under the system's temporary directory, removed by `tearDown` callers.
func makeTemporaryDirectory(_ name: String = #function) -> String {
    let safe = name.filter { $0.isLetter || $0.isNumber }
    let path = NSTemporaryDirectory() + "attn-apptests-\(safe)-\(UUID().uuidString)"
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func contents(ofDirectory path: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
}

/// A test case whose temporary folders (`temporaryDirectory()`) are removed after each test.
class TemporaryFolderTestCase: XCTestCase {
    private var directories: [String] = []

    override func tearDown() {
        for directory in directories { try? FileManager.default.removeItem(atPath: directory) }
        directories = []
        super.tearDown()
    }

    func temporaryDirectory(_ name: String = #function) -> String {
        let path = makeTemporaryDirectory(name)
        directories.append(path)
        return path
    }
}
