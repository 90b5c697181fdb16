// SPDX-License-Identifier: Apache-2.0

import AttnMath
import TUIKit
import XCTest

@testable import AttnApp
@testable import Lessons

/// Lesson 10: W_Q and W_K move the plane (fruit, screen) and change the scores QKᵀ/√2.
final class QueriesAndKeysLessonTests: XCTestCase {
    static let lesson = 10

    /// The lexicon's (fruit, screen) of apple, orange, banana, phone, laptop, in that order.
    static let plane = [(0.6, 0.35), (0.65, 0.0), (0.95, 0.0), (0.0, 0.7), (0.0, 0.8)]

    /// Printed by Tests/AttnAppTests/Reference/lesson10_11_reference.py (numpy, float64).
    static let identityScores: [[Double]] = [
        [0.341179021923, 0.275771644663, 0.403050865276, 0.173241161391, 0.197989898732],
        [0.275771644663, 0.298752615051, 0.436638437383, 0, 0],
        [0.403050865276, 0.436638437383, 0.638163870021, 0, 0],
        [0.173241161391, 0, 0, 0.346482322781, 0.395979797464],
        [0.197989898732, 0, 0, 0.395979797464, 0.452548339959],
    ]
    static let numpyScores: [QueriesAndKeysLesson.Preset: [[Double]]] = [
        .identity: identityScores,
        .stretch: [
            [1.104854345604, 1.103086578651, 1.612203461105, 0.173241161391, 0.197989898732],
            [1.103086578651, 1.195010460205, 1.746553749531, 0, 0],
            [1.612203461105, 1.746553749531, 2.552655480083, 0, 0],
            [0.173241161391, 0, 0, 0.346482322781, 0.395979797464],
            [0.197989898732, 0, 0, 0.395979797464, 0.452548339959],
        ],
        .rotation: identityScores,
        .projection: [
            [0.254558441227, 0.275771644663, 0.403050865276, 0, 0],
            [0.275771644663, 0.298752615051, 0.436638437383, 0, 0],
            [0.403050865276, 0.436638437383, 0.638163870021, 0, 0],
            [0, 0, 0, 0, 0],
            [0, 0, 0, 0, 0],
        ],
        .swap: [
            [0.296984848098, 0.16086679272, 0.235113004745, 0.296984848098, 0.33941125497],
            [0.16086679272, 0, 0, 0.32173358544, 0.367695526217],
            [0.235113004745, 0, 0, 0.470226009489, 0.537401153702],
            [0.296984848098, 0.32173358544, 0.470226009489, 0, 0],
            [0.33941125497, 0.367695526217, 0.537401153702, 0, 0],
        ],
    ]

    func opened(step: Int) -> AppState {
        var state = opening("queries-keys", step: step)
        _ = state.update(.resize(Size(width: 100, height: 30)))
        return state
    }

    func lesson(_ state: AppState) throws -> QueriesAndKeysLesson {
        try XCTUnwrap(state.currentLesson.base as? QueriesAndKeysLesson)
    }

    func after(_ state: AppState) throws -> Matrix {
        try XCTUnwrap(try lesson(state).results(state)).after.scores
    }

    func before(_ state: AppState) throws -> Matrix {
        try XCTUnwrap(try lesson(state).results(state)).before.scores
    }

    func assertClose(_ matrix: Matrix, _ expected: [[Double]], accuracy: Double = 1e-11, file: StaticString = #filePath, line: UInt = #line)
    {
        XCTAssertEqual(matrix.rows, expected.count, file: file, line: line)
        for (i, row) in expected.enumerated() {
            for (j, value) in row.enumerated() {
                XCTAssertEqual(matrix[i, j], value, accuracy: accuracy, "[\(i), \(j)]", file: file, line: line)
            }
        }
    }

    /// The scores of the matrices panel's text at 100×30: the lines of panel `n`.
    func panelText(_ state: AppState, _ panel: QueriesAndKeysLesson.Panel) throws -> String {
        let layout = state.layout(for: Size(width: 100, height: 30))
        let rect = try XCTUnwrap(layout.rect(of: .panel(panel)))
        return screen(state, 100, 30).text(in: rect)
    }

    func testThePlaneIsFruitAgainstScreenOfTheLexicon() throws {
        let state = opened(step: 0)
        XCTAssertEqual(state.wordNames, QueriesAndKeysLesson.words)
        let x = QueriesAndKeysLesson.input(state)
        for (i, (fruit, screen)) in Self.plane.enumerated() {
            XCTAssertEqual(x.row(i), [fruit, screen])
        }
    }

    func testEveryPresetsScoresMatchNumpy() throws {
        var state = opened(step: 0)
        for preset in QueriesAndKeysLesson.Preset.allCases {
            XCTAssertEqual(try lesson(state).preset, preset)
            assertClose(try after(state), try XCTUnwrap(Self.numpyScores[preset]))
            assertClose(try before(state), Self.identityScores)
            state.press("p")
        }
        XCTAssertEqual(try lesson(state).preset, .identity, "p cycles back to the first preset")
    }

    func testEachStepStartsAtItsPreset() throws {
        let expected: [QueriesAndKeysLesson.Preset] = [.identity, .stretch, .rotation, .projection, .swap]
        for (step, preset) in expected.enumerated() {
            XCTAssertEqual(try lesson(opened(step: step)).preset, preset)
        }
    }

    /// Step 1: "press + three times: W_Q stretches fruit and apple's scores with the fruits grow".
    func testStep1PlusStretchesFruitAndApplesFruitScoresGrow() throws {
        var state = opened(step: 0)
        let matricesBefore = try panelText(state, .matrices)
        let planeBefore = try panelText(state, .plane)
        state.press("+++")
        let lesson = try lesson(state)
        XCTAssertEqual(lesson.query[0, 0], 1.3, accuracy: 1e-12)
        XCTAssertEqual(lesson.key, .identity(2), "only W_Q changed")
        // apple's query (0.6·1.3, 0.35) against orange's and banana's unchanged keys, by hand.
        let scores = try after(state)
        XCTAssertEqual(scores[0, 1], 0.6 * 1.3 * 0.65 / 2.0.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(scores[0, 2], 0.6 * 1.3 * 0.95 / 2.0.squareRoot(), accuracy: 1e-12)
        XCTAssertGreaterThan(scores[0, 1], Self.identityScores[0][1])
        XCTAssertEqual(scores[0, 3], Self.identityScores[0][3], accuracy: 1e-12, "phone has no fruit to stretch")
        // On screen: the matrix shows 1.3, the words moved, the after-scores show the new number.
        XCTAssertNotEqual(try panelText(state, .matrices), matricesBefore)
        XCTAssertTrue(try panelText(state, .matrices).contains("1.3"))
        XCTAssertTrue(try panelText(state, .matrices).contains("identity, edited"), "the title no longer claims the identity")
        XCTAssertNotEqual(try panelText(state, .plane), planeBefore, "the queries plane moved")
        XCTAssertTrue(try panelText(state, .scores).contains(NumberFormat.fixed(0.6 * 1.3 * 0.65 / 2.0.squareRoot(), decimals: 2)))
    }

    /// Step 2: "press - twice: the stretch shrinks and apple–orange falls".
    func testStep2MinusShrinksTheStretch() throws {
        var state = opened(step: 1)
        let start = try after(state)[0, 1]
        state.press("--")
        XCTAssertEqual(try lesson(state).query[0, 0], 1.8, accuracy: 1e-12)
        let now = try after(state)[0, 1]
        XCTAssertEqual(now, (0.6 * 1.8) * (0.65 * 2) / 2.0.squareRoot(), accuracy: 1e-12)
        XCTAssertLessThan(now, start)
    }

    /// Step 3: a rotation of both leaves every score; "↓ four times to reach W_K, then + five times" moves only
    /// the keys, and apple–orange goes from 0.28 to 0.34.
    func testStep3RotationKeepsScoresUntilTheKeysAloneChange() throws {
        var state = opened(step: 2)
        assertClose(try after(state), Self.identityScores)
        state.press("<Down><Down><Down><Down>+++++")
        let lesson = try lesson(state)
        XCTAssertEqual(lesson.entry, 4)
        XCTAssertEqual(lesson.key[0, 0], 1.3, accuracy: 1e-12)
        XCTAssertEqual(lesson.query[0, 0], 0.8, accuracy: 1e-12)
        // apple's query (0.6·0.8 − 0.35·0.6, 0.6·0.6 + 0.35·0.8) against orange's key (0.65·1.3, 0.65·0.6).
        let q = (0.6 * 0.8 - 0.35 * 0.6, 0.6 * 0.6 + 0.35 * 0.8)
        let k = (0.65 * 1.3, 0.65 * 0.6)
        let score = try after(state)[0, 1]
        XCTAssertEqual(score, (q.0 * k.0 + q.1 * k.1) / 2.0.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(NumberFormat.fixed(Self.identityScores[0][1], decimals: 2), "0.28")
        XCTAssertEqual(NumberFormat.fixed(score, decimals: 2), "0.34", "the number the Try promises")
        XCTAssertTrue(try XCTUnwrap(state.currentLesson.liveText(step: 2, state: state)).contains("orange 0.28 → 0.34"))
    }

    /// Step 4: the projection zeroes phone's row and column; "↑ twice, then + five times" gives phone's key
    /// some fruit, so apple–phone, in apple's row (the one shown at 80×24), is 0.15.
    func testStep4ProjectionZeroesPhoneUntilItsKeyGainsFruit() throws {
        var state = opened(step: 3)
        XCTAssertEqual(try after(state).row(3), [0, 0, 0, 0, 0])
        XCTAssertEqual(try after(state)[0, 3], 0)
        state.press("<Up><Up>+++++")
        let lesson = try lesson(state)
        XCTAssertEqual(lesson.entry, 6, "↑ twice wraps round to W_K's screen → fruit")
        XCTAssertEqual(lesson.key[1, 0], 0.5, accuracy: 1e-12)
        // apple's query is (0.6, 0); phone's key is (0.7·0.5, 0).
        let score = try after(state)[0, 3]
        XCTAssertEqual(score, 0.6 * 0.7 * 0.5 / 2.0.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(NumberFormat.fixed(score, decimals: 2), "0.15", "the number the Try promises")
        // At 80×24 the after-table shows apple's row, with phone's 0.15 in it.
        _ = state.update(.resize(Size(width: 80, height: 24)))
        let rect = try XCTUnwrap(state.layout(for: Size(width: 80, height: 24)).rect(of: .panel(QueriesAndKeysLesson.Panel.scores)))
        XCTAssertTrue(screen(state, 80, 24).text(in: rect).contains("0.15"))
    }

    /// Step 5: with the swap apple scores phone above orange, unlike before; p cycles to the identity.
    func testStep5SwapMakesAppleScorePhoneAboveOrange() throws {
        var state = opened(step: 4)
        let scores = try after(state)
        XCTAssertGreaterThan(scores[0, 3], scores[0, 1], "after: apple–phone above apple–orange")
        XCTAssertLessThan(try before(state)[0, 3], try before(state)[0, 1], "before: the other way round")
        // And so on screen: apple's after-row shows phone's 0.30 above orange's 0.16.
        let text = try panelText(state, .scores)
        XCTAssertTrue(text.contains("0.30") && text.contains("0.16"), text)
        state.press("p")
        XCTAssertEqual(try lesson(state).preset, .identity)
        assertClose(try after(state), Self.identityScores)
    }

    /// At 80×24 the score tables are cut to the selected word's row, and say so.
    func testAt80x24TheScoreTablesSayWhichRowsTheyShow() throws {
        var state = opening("queries-keys", step: 1)
        _ = state.update(.resize(Size(width: 80, height: 24)))
        let rect = try XCTUnwrap(state.layout(for: Size(width: 80, height: 24)).rect(of: .panel(QueriesAndKeysLesson.Panel.scores)))
        let text = screen(state, 80, 24).text(in: rect)
        XCTAssertTrue(text.contains("before: W = I · row"), text)
        XCTAssertTrue(text.contains("after · row"), text)
        XCTAssertTrue(text.contains("apple     0.34"), "apple's row stays in view\n\(text)")
    }

    /// The plane draws each word where W sends it: with W_Q = diag(2, 1) banana's fruit doubles.
    func testThePlaneDrawsTheWordsWhereTheMatrixSendsThem() throws {
        let words = Self.plane.enumerated().map { index, point in
            QueryKeyPlane.Word(label: QueriesAndKeysLesson.words[index], vector: [point.0, point.1], category: "fruit")
        }
        let plane = QueryKeyPlane(
            title: "Queries", transform: Matrix([[2, 0], [0, 1]]), words: words, axisNames: ("fruit", "screen"), selected: 0,
            isFocused: false, colorMode: .monochrome)
        XCTAssertEqual(plane.moved[2], [1.9, 0])
        XCTAssertEqual(plane.moved[0], [1.2, 0.35])
        XCTAssertEqual(plane.movedSquare, [[0, 0], [2, 0], [2, 1], [0, 1]])
        // Inside its frame, as it draws.
        let area = Rect(x: 1, y: 1, width: 38, height: 18)
        let placement = plane.map(labels: plane.labels(in: area)).layout(in: area)
        // The moved banana lies right of where it started; its old place (∘) is drawn there.
        let moved = try XCTUnwrap(placement.pointCells[2])
        let world = placement.bounds
        let plot = placement.plotArea
        let start = try XCTUnwrap(world.dot(for: WorldPoint(x: 0.95, y: 0), dotWidth: plot.width * 2, dotHeight: plot.height * 4))
        XCTAssertGreaterThan(moved.x, plot.x + start.x / 2)
        XCTAssertEqual(moved.y, plot.y + start.y / 4)
        // The old places (∘) are drawn where they cover no label or marker, and nowhere else.
        var buffer = Buffer(size: Size(width: 40, height: 20))
        plane.render(into: &buffer, area: Rect(x: 0, y: 0, width: 40, height: 20))
        let old = Set(
            words.compactMap { word -> [Int]? in
                world.dot(for: WorldPoint(x: word.vector[0], y: word.vector[1]), dotWidth: plot.width * 2, dotHeight: plot.height * 4)
                    .map { [plot.x + $0.x / 2, plot.y + $0.y / 4] }
            })
        let hollow = (plot.y..<plot.bottom).flatMap { y in (plot.x..<plot.right).filter { buffer[$0, y].symbol == "∘" }.map { [$0, y] } }
        XCTAssertFalse(hollow.isEmpty)
        XCTAssertTrue(Set(hollow).isSubset(of: old), "\(hollow) \(old)")
    }

    /// The plane is drawn clean: besides the words, their arrows and the origin's axes, only the
    /// unit square sent through W, four straight lines; no scattered grid dots, at 80×24 or 120×40.
    func testThePlaneDrawsOnlyLinesNoScatteredDots() throws {
        for step in 0..<course.lessons[index("queries-keys")].stepCount {
            for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
                var state = opened(step: step)
                _ = state.update(.resize(size))
                let current = try lesson(state)
                let rect = try XCTUnwrap(state.layout(for: size).rect(of: .panel(QueriesAndKeysLesson.Panel.plane)))
                let inner = rect.inset(by: 1)
                let vectors = QueriesAndKeysLesson.input(state).rowVectors
                let plane = QueryKeyPlane(
                    title: "", transform: current.query,
                    words: zip(state.words, vectors).map { QueryKeyPlane.Word(label: $0.word, vector: $1, category: $0.category) },
                    axisNames: ("fruit", "screen"), selected: nil, isFocused: false, colorMode: .monochrome)
                let placement = plane.map(labels: plane.labels(in: inner)).layout(in: inner)
                let (plot, world) = (placement.plotArea, placement.bounds)
                func cell(_ p: [Double]) -> (x: Double, y: Double) {
                    let dot = world.dot(for: WorldPoint(x: p[0], y: p[1]), dotWidth: plot.width * 2, dotHeight: plot.height * 4)!
                    return (Double(dot.x) / 2, Double(dot.y) / 4)
                }
                let corners = plane.movedSquare
                var segments = zip(corners, corners.dropFirst() + corners.prefix(1)).map { (cell($0), cell($1)) }
                segments += zip(vectors, plane.moved).map { (cell($0), cell($1)) }
                let origin = cell([0, 0])
                segments += [((origin.x, 0), (origin.x, Double(plot.height))), ((0, origin.y), (Double(plot.width), origin.y))]
                func distance(_ p: (x: Double, y: Double), _ s: ((x: Double, y: Double), (x: Double, y: Double))) -> Double {
                    let (a, b) = s
                    let (dx, dy) = (b.x - a.x, b.y - a.y)
                    let t = dx == 0 && dy == 0 ? 0 : max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy)))
                    return ((p.x - a.x - t * dx) * (p.x - a.x - t * dx) + (p.y - a.y - t * dy) * (p.y - a.y - t * dy)).squareRoot()
                }
                let buffer = screen(state, size.width, size.height)
                var dots = 0
                for y in plot.y..<plot.bottom {
                    for x in plot.x..<plot.right {
                        guard let scalar = buffer[x, y].symbol.unicodeScalars.first, (0x2801...0x28FF).contains(scalar.value) else {
                            continue
                        }
                        dots += 1
                        let centre = (x: Double(x - plot.x) + 0.5, y: Double(y - plot.y) + 0.5)
                        let nearest = segments.map { distance(centre, $0) }.min() ?? .infinity
                        XCTAssertLessThan(
                            nearest, 1.5,
                            "step \(step + 1) \(size.width)×\(size.height): a stray dot at (\(x), \(y))\n\(buffer.text(in: rect))")
                    }
                }
                XCTAssertGreaterThan(dots, 0)
            }
        }
    }

    /// Every word is named on the plane as each step opens (orange and banana too): whole at
    /// 120×40; at 80×24 words in one cell share a label ("ph/la") and a crowded one is cut
    /// short, never left out. After step 1's Try (+++) orange and banana are still named whole.
    func testThePlaneNamesEveryWord() throws {
        for step in 0..<course.lessons[index("queries-keys")].stepCount {
            for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
                var state = opened(step: step)
                _ = state.update(.resize(size))
                let rect = try XCTUnwrap(state.layout(for: size).rect(of: .panel(QueriesAndKeysLesson.Panel.plane)))
                let text = screen(state, size.width, size.height).text(in: rect)
                XCTAssertFalse(text.contains("hidden"), "step \(step + 1) \(size.width)×\(size.height):\n\(text)")
                for word in QueriesAndKeysLesson.words {
                    let name = size.width >= 120 ? word : String(word.prefix(2))
                    XCTAssertTrue(text.contains(name), "\(word), step \(step + 1) \(size.width)×\(size.height):\n\(text)")
                }
            }
        }
        var stretched = opened(step: 0)
        _ = stretched.update(.resize(Size(width: 80, height: 24)))
        stretched.press("+++")
        let text = screen(stretched, 80, 24).text(
            in: try XCTUnwrap(stretched.layout(for: stretched.size).rect(of: .panel(QueriesAndKeysLesson.Panel.plane))))
        XCTAssertTrue(text.contains("orange") && text.contains("banana") && !text.contains("hidden"), text)
    }

    func testEntriesStayInRangeAndSelectionWraps() throws {
        var state = opened(step: 0)
        state.press(String(repeating: "+", count: 40))
        XCTAssertEqual(try lesson(state).query[0, 0], QueriesAndKeysLesson.limit)
        state.press("<Up>")
        XCTAssertEqual(try lesson(state).entry, 7, "↑ from the first entry wraps to W_K's last")
        state.press("r")
        XCTAssertEqual(try lesson(state).query, .identity(2), "r resets the step")
    }

    func testEnterExplainsTheSelectedEntryAndApplesScores() throws {
        var state = opened(step: 4)
        state.press("<Enter>")
        guard case .lesson(let entry) = state.detail else { return XCTFail("Enter opens the entry's explanation") }
        XCTAssertTrue(entry.title.contains("W_Q"))
        XCTAssertTrue(entry.lines.contains { $0.hasPrefix("apple") && $0.hasSuffix("= 0.60") }, "\(entry.lines)")
        state.press("<Esc><Tab><Enter>")
        guard case .lesson(let row) = state.detail else { return XCTFail("Enter on the scores opens apple's row") }
        XCTAssertTrue(row.lines.contains { $0.hasPrefix("phone") && $0.contains("0.30") && $0.contains("0.17") }, "\(row.lines)")
    }

    // MARK: What the learner's walk found

    /// Step 1 at 80×24 has room for one row per table: the selected word's row before and
    /// after, in one table, never a title over an empty table ("rows 1–0 of 5").
    func testAt80x24Step1ShowsApplesRowBeforeAndAfter() throws {
        var state = opening("queries-keys", step: 0)
        _ = state.update(.resize(Size(width: 80, height: 24)))
        let rect = try XCTUnwrap(state.layout(for: state.size).rect(of: .panel(QueriesAndKeysLesson.Panel.scores)))
        let lines = screen(state, 80, 24).lines(in: rect.inset(by: 1))
        let text = lines.joined(separator: "\n")
        XCTAssertFalse(text.contains("1–0"), text)
        XCTAssertTrue(lines[0].hasPrefix("apple's scores: before (W = I), after"), text)
        XCTAssertTrue(lines[2].hasPrefix("before") && lines[2].contains("0.28") && lines[2].contains("0.17"), text)
        state.press("+++")
        let after = screen(state, 80, 24).lines(in: rect.inset(by: 1))
        let stretched = NumberFormat.fixed(try self.after(state)[0, 1], decimals: 2)
        XCTAssertTrue(after[3].hasPrefix("after") && after[3].contains(stretched), after.joined(separator: "\n"))
    }

    /// The lesson's keys take one status-bar entry per pair, so the step keys stay at 80 columns;
    /// in the exercise, whose text names ↑/↓ and p, the exercise's own keys take their room.
    func testAt80x24TheStatusBarKeepsTheStepKeys() throws {
        for step in 0..<course.lessons[index("queries-keys")].stepCount {
            var state = opening("queries-keys", step: step)
            _ = state.update(.resize(Size(width: 80, height: 24)))
            let bar = screen(state, 80, 24).lines[23]
            XCTAssertTrue(bar.contains("+/- change") && bar.contains("←/→ step"), bar)
            XCTAssertTrue(bar.contains("↑/↓ entry"), bar)
            guard state.stepKind == .exercise else { continue }
            XCTAssertTrue(bar.contains("Enter answer") && bar.contains("i hint") && bar.contains("x reveal"), bar)
            XCTAssertTrue(stepText(state).contains("↑/↓ pick an entry") && stepText(state).contains("p picks a preset"))
        }
    }

    /// d_k is named where the scores first appear.
    func testStep1DefinesDK() {
        let text = LessonScreenTests.words(course.text(lesson: index("queries-keys"), step: 0))
        XCTAssertTrue(text.contains("A score is q·k/√d_k, d_k = 2 the length of q and k"), text)
    }

    // MARK: Exercise

    func testTheExerciseIsSolvedByItsSolutionsAndChecksTheLiveScores() throws {
        let fresh = try assertExerciseReplays("queries-keys")
        XCTAssertEqual(fresh.tasks.map(\.kind), [.keys, .number])
        XCTAssertEqual(try lesson(fresh).query, QueriesAndKeysLesson.Preset.rotation.query)
        // numpy: W_Q[fruit, fruit] from 0.8 to 0.5 is the first that puts apple–phone (0.2267) above apple–orange (0.2096).
        XCTAssertEqual(fresh.tasks[0].solution, "---")
        var solved = fresh
        solved.press("---")
        let (apple, orange, phone) = (0, 1, 3)
        XCTAssertEqual(try after(solved)[apple, phone], 0.22669843404840712, accuracy: 1e-12)
        XCTAssertEqual(try after(solved)[apple, orange], 0.20958644994369266, accuracy: 1e-12)
        var short = fresh
        short.press("--")
        XCTAssertFalse(short.isSolved(task: short.tasks[0]), "two presses are not enough")
        XCTAssertTrue(stepText(short).contains("Now: apple–phone"), stepText(short))
        // Another route counts too: the swap preset.
        var swapped = fresh
        swapped.press("pp")
        XCTAssertEqual(try lesson(swapped).preset, .swap)
        XCTAssertTrue(swapped.isSolved(task: swapped.tasks[0]))
        // apple's query (0.6, 0.35)·W_Q, its screen value: 0.6·0.6 + 0.35·0.8 = 0.64.
        XCTAssertEqual(fresh.tasks[1].solution, "<Enter>0.64<Enter>")
        XCTAssertTrue(stepText(fresh).contains("apple x = (0.60, 0.35)"), stepText(fresh))
        // The typed task follows the live W_Q: after the three presses it is unchanged (the fruit → fruit
        // entry is not in the screen column), after ↓ + it is 0.6·0.7 + 0.35·0.8 = 0.70.
        var edited = fresh
        edited.press("<Down>+<Enter>0.64<Enter>")
        XCTAssertFalse(edited.isSolved(task: edited.tasks[1]))
        edited.press("<Enter>0.70<Enter>")
        XCTAssertTrue(edited.isSolved(task: edited.tasks[1]))
    }
}

extension QueriesAndKeysLessonTests {
    /// Enter on the scores works apple's row out so that it adds up by hand: q·k from the q and
    /// k it shows, exactly, and each score that q·k over the √2 it shows (1.4142: with 1.41,
    /// 0.245 / 1.41 would round otherwise).
    func testTheScoresWorkingAddsUpFromItsShownFactors() throws {
        for step in 0..<5 {
            var state = opened(step: step)
            state.press("<Tab><Enter>")
            guard case .lesson(let row) = try XCTUnwrap(state.detail) else { return XCTFail("no detail") }
            XCTAssertTrue(row.lines[1].hasSuffix("√2 = 1.4142"), row.lines[1])
            let q = row.lines[0].split(separator: "(").last!.dropLast().split(separator: ",").map {
                Double($0.trimmingCharacters(in: .whitespaces))!
            }
            for line in row.lines.dropFirst(4) {
                let cells = line.replacingOccurrences(of: ",", with: " ").replacingOccurrences(of: "(", with: " ")
                    .replacingOccurrences(of: ")", with: " ").split(separator: " ").dropFirst().map { Double($0)! }
                let (k, qk, after) = ([cells[0], cells[1]], cells[2], cells[3])
                XCTAssertEqual(q[0] * k[0] + q[1] * k[1], qk, accuracy: 1e-9, line)
                XCTAssertEqual(NumberFormat.fixed(qk / 1.4142, decimals: 2), NumberFormat.fixed(after, decimals: 2), line)
            }
        }
    }
}
