import AttnApp
import Foundation
import NcursesTerminal
import TUIKit

/// The interactive course on the real terminal.
struct Interactive {
    let vocabulary: VocabularyOptions
    let lesson: Int?
    let stateDir: String?
    let noColor: Bool

    func run() throws {
        let words = try vocabulary.load()
        try withTerminal(.init(noColor: noColor)) { terminal in
            let session = Session(
                vocabulary: words, lesson: lesson, stateDir: stateDir, persist: true, colorMode: terminal.colorMode)
            session.run(on: terminal)
        }
    }
}
