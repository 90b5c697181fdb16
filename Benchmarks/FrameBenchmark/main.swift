// SPDX-License-Identifier: Apache-2.0

import AttnApp
import AttnMath
import Foundation
import Lessons
import TUIKit
import Vocabularies

// Frame benchmark: how fast the interactive program answers a key.
//
//   swift run -c release frame-benchmark [--words N] [--size COLSxROWS] [--rounds R] [--huge-token BYTES] [--cpu]
//
// Prints the first frame's time (lexicon parse + state + analysis + view, as
// at start-up) and the median / p90 / max time from a key press to a finished
// frame with N words in play, for the keys a user presses most; then floods of
// 2,000 keys through the event loop (frames drawn, time to catch up). With the word
// pack loaded: its parse time, and half of the words in play from the pack. With
// --huge-token, the words come from a file-like vocabulary whose first word is a
// token of BYTES letters (issue 9.6: a key must not cost more because of it).

/// With --cpu, times are this thread's CPU time instead of wall time: on a machine shared with
/// busy neighbours, the work itself, without the time spent waiting for a core.
var measuresCPUTime = false

@MainActor func now() -> UInt64 {
    guard measuresCPUTime else { return DispatchTime.now().uptimeNanoseconds }
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

@MainActor func milliseconds(_ body: () -> Void) -> Double {
    let start = now()
    body()
    return Double(now() - start) / 1e6
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p + 0.5))]
}

var wordCount = 100
var size = Size(width: 120, height: 40)
var rounds = 200
var hugeToken = 0
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    switch flag {
    case "--words": wordCount = Int(arguments.popFirst() ?? "") ?? wordCount
    case "--rounds": rounds = Int(arguments.popFirst() ?? "") ?? rounds
    case "--huge-token": hugeToken = Int(arguments.popFirst() ?? "") ?? hugeToken
    case "--cpu": measuresCPUTime = true
    case "--size":
        let parts = (arguments.popFirst() ?? "").split(separator: "x").compactMap { Int($0) }
        if parts.count == 2 { size = Size(width: parts[0], height: parts[1]) }
    default:
        FileHandle.standardError.write(
            Data("usage: frame-benchmark [--words N] [--size COLSxROWS] [--rounds R] [--huge-token BYTES] [--cpu]\n".utf8))
        exit(2)
    }
}

// First frame: everything the program does before it can draw, from a cold start of this
// process, in its three parts (each paying for its own first use of code and data).
var state: AppState?
var firstFrame = Buffer(size: size)
var builtIn: Vocabulary?
let parseTime = milliseconds { builtIn = Vocabulary.builtIn() }
let vocabulary = builtIn!
let stateTime = milliseconds { state = AppState(environment: AppEnvironment(course: .standard, vocabulary: vocabulary)) }
let viewTime = milliseconds { firstFrame = AppView.render(state!, size: size, colorMode: .palette256) }
let firstFrameTime = parseTime + stateTime + viewTime
print(
    "first frame, \(size): \(String(format: "%.2f", firstFrameTime)) ms: assets + lexicon parse "
        + "\(String(format: "%.2f", parseTime)) ms, state + analysis \(String(format: "%.2f", stateTime)) ms, "
        + "view \(String(format: "%.2f", viewTime)) ms")

// The word pack, parsed on first use (the first word the lexicon lacks, or `v`).
let packTime = milliseconds { _ = BuiltInWordPack.shared }
let mergeTime = milliseconds { _ = BuiltInWordPack.vocabulary }
print(
    "word pack: parse \(String(format: "%.2f", packTime)) ms (\(BuiltInWordPack.shared.features.count) words), lexicon + pack merged for the command line \(String(format: "%.2f", mergeTime)) ms"
)

// N words in play: half the lexicon's first words, half words only the pack has; with
// --huge-token, a file-like vocabulary whose first word is that token.
var words: [String]
var playVocabulary = vocabulary
if hugeToken > 0 {
    let lexicon = vocabulary.table
    let tokenWords = [String(repeating: "x", count: hugeToken)] + lexicon.words
    let vectors = [lexicon.vector(at: 0).map { $0 / 2 }] + (0..<lexicon.count).map { lexicon.vector(at: $0) }
    playVocabulary = Vocabulary(
        table: EmbeddingTable(words: tokenWords, vectors: vectors), source: "a file with a \(hugeToken)-byte token")
    words = Array(tokenWords.prefix(wordCount))
} else {
    let lexiconCount = min(vocabulary.table.count, wordCount - wordCount / 2)
    let packOnly = BuiltInWordPack.vocabulary.table.words.dropFirst(vocabulary.table.count).filter { $0.count > 3 }
    words = Array(vocabulary.table.words.prefix(lexiconCount)) + packOnly.prefix(wordCount - lexiconCount)
}
// The sandbox: every shared panel on screen, the heaviest frame.
var app = AppState(
    environment: AppEnvironment(
        course: .standard, vocabulary: playVocabulary, startWords: words, initialLesson: Course.standard.userFileLesson))
precondition(app.words.count == wordCount, "expected \(wordCount) words in play, got \(app.words.count)")
precondition(hugeToken > 0 || app.words.filter(\.isEstimated).count == wordCount / 2, "expected the pack's words in play")

// Keys as a user presses them: selection moves (view only) and changes that recompute the analysis.
let scenarios: [(String, [Key])] = [
    ("↓ select (view only)", [.down]),
    ("Tab focus (view only)", [.tab]),
    ("m metric (recompute)", [.character("m")]),
    ("+ temperature (recompute)", [.character("+")]),
    ("- temperature (recompute)", [.character("-")]),
    ("v real vectors ↔ features", [.character("v")]),
]
var all: [Double] = []
for (name, keys) in scenarios {
    var times: [Double] = []
    for round in 0..<rounds {
        let key = keys[round % keys.count]
        var frame = Buffer(size: size)
        times.append(
            milliseconds {
                _ = app.update(.key(key))
                frame = AppView.render(app, size: size, colorMode: .palette256)
            })
        precondition(frame.size == size)
    }
    all += times
    print(
        "\(name.padding(toLength: 28, withPad: " ", startingAt: 0)) median \(String(format: "%.3f", percentile(times, 0.5))) ms  p90 \(String(format: "%.3f", percentile(times, 0.9))) ms  max \(String(format: "%.3f", times.max() ?? 0)) ms"
    )
}
print(
    "key press → finished frame, \(wordCount) words\(hugeToken > 0 ? " (one of \(hugeToken) bytes)" : ""), \(size), all keys: median \(String(format: "%.3f", percentile(all, 0.5))) ms (target ≤ 1 ms), first frame \(String(format: "%.2f", firstFrameTime)) ms (target ≤ 15 ms)"
)

// Floods (issue 18.22): 2,000 keys waiting at once (a held-down key, keys pasted into the
// terminal), through the whole event loop of a Session, as the screen gets them: the frames drawn
// and the time until the last frame is finished. "One frame per key" is how the loop drew them
// before frames were skipped while keys wait (and how `render --keys` still draws).
let floods: [(String, [Key])] = [
    ("↓/↑ ×1,000", (0..<2_000).map { $0 % 2 == 0 ? .down : .up }),
    ("m, +, - mixed", (0..<2_000).map { [Key.character("m"), .character("+"), .character("-")][$0 % 3] }),
]
for (name, keys) in floods {
    for arrivesAtOnce in [false, true] {
        let flooded = Session(
            course: .standard, vocabulary: playVocabulary, lesson: Course.standard.userFileLesson, stateDir: nil, persist: false,
            colorMode: .palette256,
            startWords: words)
        let terminal = RecordingTerminal(size: size, keys: keys, keepsAllFrames: false, arrivesAtOnce: arrivesAtOnce)
        let time = milliseconds { flooded.run(on: terminal) }
        precondition(terminal.lastFrame?.size == size)
        print(
            "flood of \(keys.count) keys (\(name)), \(arrivesAtOnce ? "frames skipped while keys wait" : "one frame per key (before)"): "
                + "\(terminal.framesDrawn) frames, caught up in \(String(format: "%.0f", time)) ms (target ≤ 1,000 ms)")
    }
}

// Keys while the tiny transformer trains (issue 17): the capstone's training runs as jobs on a
// background queue (20 steps each, two threads), and the screen must keep answering keys meanwhile.
// Space starts a job; Tab (a key that leaves the training alone) is timed while it runs; a tick
// every millisecond delivers the result, as the terminal's timeout does, and that frame is timed too.
let capstone = Session(
    course: .standard, vocabulary: vocabulary, lesson: Course.standard.index(of: "tiny-transformer"), step: 1, stateDir: nil,
    persist: false, colorMode: .palette256)
capstone.runJobsInBackground()
capstone.handle(.resize(size))
var whileTraining: [Double] = []
var deliveries: [Double] = []
var jobs = 0
let trainingStarted = now()
while whileTraining.count < rounds {
    capstone.handle(.key(.character(" ")))
    jobs += 1
    while !capstone.state.runningJobs.isEmpty {
        var frame = Buffer(size: size)
        if whileTraining.count < rounds {
            whileTraining.append(
                milliseconds {
                    capstone.handle(.key(.tab))
                    frame = AppView.render(capstone.state, size: size, colorMode: .palette256)
                })
        }
        usleep(1_000)
        let delivery = milliseconds {
            capstone.handle(.tick)
            frame = AppView.render(capstone.state, size: size, colorMode: .palette256)
        }
        if capstone.state.runningJobs.isEmpty { deliveries.append(delivery) }
        precondition(frame.size == size)
    }
}
print(
    "key → finished frame while the tiny transformer trains in the background (Tab, \(size)): median "
        + "\(String(format: "%.3f", percentile(whileTraining, 0.5))) ms  p90 \(String(format: "%.3f", percentile(whileTraining, 0.9))) ms  "
        + "max \(String(format: "%.3f", whileTraining.max() ?? 0)) ms (target ≤ 1 ms); \(jobs) jobs of 20 steps in "
        + "\(String(format: "%.0f", Double(now() - trainingStarted) / 1e6)) ms; a job's result → frame: median "
        + "\(String(format: "%.3f", percentile(deliveries, 0.5))) ms")

// Keys that save (d removes a word, a then Enter adds it back), through a Session on a
// real folder: the write (fsync, rename, fsync of the folder) must not be on the key's path.
let stateFolder = NSTemporaryDirectory() + "frame-benchmark-state-\(getpid())"
let session = Session(
    course: .standard, vocabulary: playVocabulary, lesson: Course.standard.userFileLesson, stateDir: stateFolder, persist: true,
    colorMode: .palette256,
    startWords: Array(words.prefix(20)))
var saving: [Double] = []
for round in 0..<rounds {
    let keys: [Key] = round % 2 == 0 ? [.character("d")] : [.character("a")] + Array(words[0]).map { .character($0) } + [.enter]
    var frame = Buffer(size: size)
    // Only the last key of each group saves; time that one.
    for key in keys.dropLast() { session.handle(.key(key)) }
    saving.append(
        milliseconds {
            session.handle(.key(keys.last!))
            frame = AppView.render(session.state, size: size, colorMode: .palette256)
        })
    precondition(frame.size == size)
}
session.waitForSaves()
try? FileManager.default.removeItem(atPath: stateFolder)
print(
    "key that saves → finished frame (Session, 20 words): median \(String(format: "%.3f", percentile(saving, 0.5))) ms  p90 \(String(format: "%.3f", percentile(saving, 0.9))) ms  max \(String(format: "%.3f", saving.max() ?? 0)) ms"
)

// For comparison: one synchronous atomic save, what every such key waited for when saving was on the key path.
let store = StateStore(directory: stateFolder)
var synchronous: [Double] = []
for _ in 0..<min(rounds, 50) {
    let snapshot = session.state.saved
    synchronous.append(milliseconds { try? store.save(snapshot) })
}
try? FileManager.default.removeItem(atPath: stateFolder)
print(
    "one synchronous atomic save (temporary file, fsync, rename, fsync of the folder): median \(String(format: "%.3f", percentile(synchronous, 0.5))) ms"
)
