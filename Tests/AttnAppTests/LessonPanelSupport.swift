// SPDX-License-Identifier: Apache-2.0

import TUIKit
import XCTest

@testable import AttnApp

extension AppState {
    /// The text a lesson's own panel shows at `size`, drawn as the program draws it.
    func panelText<P: LessonPanel>(_ panel: P, size: Size = Size(width: 100, height: 30)) -> String {
        let buffer = AppView.render(self, size: size, colorMode: .palette256)
        guard let rect = layout(for: size).rect(of: .panel(panel)) else { return "" }
        return buffer.text(in: rect)
    }

    /// The panel's line that contains `needle` (the first), for reading one row's numbers.
    func panelLine<P: LessonPanel>(_ panel: P, containing needle: String) -> String? {
        panelText(panel).split(separator: "\n").map(String.init).first { $0.contains(needle) }
    }

    func lesson<L: Lesson>(as type: L.Type, file: StaticString = #filePath, line: UInt = #line) -> L {
        guard let lesson = currentLesson.base as? L else {
            XCTFail("lesson \(lessonID) is not a \(L.self)", file: file, line: line)
            fatalError()
        }
        return lesson
    }
}
