// SPDX-License-Identifier: Apache-2.0

import AttnMath
import EmbeddingFiles

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// embedding-benchmark: the Swift side of Benchmarks/run-embeddings.sh.
//
//   generate FILE [--rows N] [--dim D] [--seed S]    a GloVe-format test file
//   load FILE [--cache-dir DIR] [--format F] [--touch]
//                                                    one whole load (time the process from outside);
//                                                    --touch then reads every value and makes every word
//   neighbors FILE [--cache-dir DIR] [--queries Q] [--batch B] [-k K] [--json OUT]
//                                                    top-k queries over the loaded table, timed inside:
//                                                    Q one at a time, the same Q in one pass, and B in one pass

func seconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
}

func printError(_ message: String) {
    var line = message + "\n"
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

func fail(_ message: String) -> Never {
    printError("embedding-benchmark: \(message)")
    exit(1)
}

/// `value` with `places` decimals (no Foundation needed).
func fixed(_ value: Double, _ places: Int = 1) -> String {
    var scale = 1
    for _ in 0..<places { scale *= 10 }
    let scaled = Int((abs(value) * Double(scale)).rounded())
    let fraction = String(scaled % scale)
    let padded = String(repeating: "0", count: places - fraction.count) + fraction
    return (value < 0 ? "-" : "") + String(scaled / scale) + (places > 0 ? "." + padded : "")
}

/// The sum of all values, eight lanes at a time (reads every value once).
func total(_ values: Float32Values) -> Double {
    values.withUnsafeBufferPointer { buffer in
        var lanes = SIMD8<Float>()
        var i = 0
        let raw = UnsafeRawPointer(buffer.baseAddress!)
        while i + 8 <= buffer.count {
            lanes += raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        var sum = Double(lanes.sum())
        while i < buffer.count {
            sum += Double(buffer[i])
            i += 1
        }
        return sum
    }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
}

struct Arguments {
    var items: [String]

    mutating func option(_ name: String) -> String? {
        guard let i = items.firstIndex(of: name), i + 1 < items.count else { return nil }
        let value = items[i + 1]
        items.removeSubrange(i...(i + 1))
        return value
    }
}

@main
struct EmbeddingBenchmark {
    static func main() {
        var arguments = Arguments(items: Array(CommandLine.arguments.dropFirst()))
        guard !arguments.items.isEmpty else { fail("usage: generate|load|neighbors FILE [options]") }
        let command = arguments.items.removeFirst()
        switch command {
        case "generate": generate(&arguments)
        case "load": load(&arguments)
        case "neighbors": neighbors(&arguments)
        default: fail("unknown command \(command)")
        }
    }

    static func generate(_ arguments: inout Arguments) {
        let rows = arguments.option("--rows").flatMap { Int($0) } ?? 400_000
        let dimension = arguments.option("--dim").flatMap { Int($0) } ?? 50
        let seed = arguments.option("--seed").flatMap { UInt64($0) } ?? 2024
        guard let path = arguments.items.first else { fail("generate: no output file") }
        guard Generator.write(path: path, rows: rows, dimension: dimension, seed: seed) else { fail("cannot write \(path)") }
    }

    static func load(_ arguments: inout Arguments) {
        let cacheDirectory = arguments.option("--cache-dir")
        let format = arguments.option("--format").flatMap(EmbeddingFormat.init(argument:))
        let touch = arguments.items.contains("--touch")
        arguments.items.removeAll { $0 == "--touch" }
        guard let path = arguments.items.first else { fail("load: no file") }
        let start = seconds()
        do {
            let loaded = try EmbeddingFile.load(path: path, format: format, cacheDirectory: cacheDirectory)
            var elapsed = seconds() - start
            var touched = ""
            if touch {
                // Everything a program could use: each value read, each word made.
                var sum = 0.0
                if case .float32(let values) = loaded.table.storage { sum = total(values) }
                let letters = loaded.table.words.reduce(0) { $0 + $1.utf8.count }
                elapsed = seconds() - start
                touched = " (every value and word used: sum \(fixed(sum, 3)), \(letters) bytes of words)"
            }
            for warning in loaded.warnings.prefix(5) { printError("warning: \(warning)") }
            print(
                "\(loaded.table.count) words × \(loaded.table.dimension), \(loaded.format.rawValue), "
                    + "\(loaded.fromCache ? "from cache" : "parsed"), \(fixed(elapsed * 1000)) ms in process\(touched)")
        } catch {
            fail("\(error)")
        }
    }

    static func neighbors(_ arguments: inout Arguments) {
        let cacheDirectory = arguments.option("--cache-dir")
        let queries = arguments.option("--queries").flatMap { Int($0) } ?? 20
        let k = arguments.option("-k").flatMap { Int($0) } ?? 10
        let batchSize = arguments.option("--batch").flatMap { Int($0) } ?? 200
        let jsonPath = arguments.option("--json")
        guard let path = arguments.items.first else { fail("neighbors: no file") }
        let loaded: LoadedEmbeddings
        do { loaded = try EmbeddingFile.load(path: path, cacheDirectory: cacheDirectory) } catch { fail("\(error)") }
        let table = loaded.table
        var start = seconds()
        let index = NeighborIndex(table: table)
        let buildTime = seconds() - start
        let rows = (0..<queries).map { q in (q * 7919 + 13) % table.count }
        var times: [Double] = []
        var results: [[Neighbor]] = []
        for row in rows {
            let query = table.vector(at: row)
            start = seconds()
            let found = index.nearest(to: query, k: k, excluding: [row])
            times.append(seconds() - start)
            results.append(found)
        }
        start = seconds()
        let batch = index.nearest(toEach: rows.map(table.vector(at:)), k: k, excluding: rows.map { [$0] })
        let batchTime = seconds() - start
        guard batch == results else { fail("batch results differ from single queries") }
        // Many queries in one process: one pass over the matrix answers all of them (median of 3 passes).
        let many = (0..<batchSize).map { q in (q * 7919 + 13) % table.count }
        var manyTimes: [Double] = []
        for _ in 0..<3 {
            start = seconds()
            _ = index.nearest(toEach: many.map(table.vector(at:)), k: k, excluding: many.map { [$0] })
            manyTimes.append(seconds() - start)
        }
        print(
            "index built in \(fixed(buildTime * 1000)) ms; top-\(k) query median \(fixed(median(times) * 1000, 2)) ms "
                + "(min \(fixed(times.min()! * 1000, 2)) ms) over \(queries) queries; "
                + "\(queries) queries in one batch: \(fixed(batchTime * 1000 / Double(queries), 2)) ms per query; "
                + "\(batchSize) queries in one batch: \(fixed(median(manyTimes) * 1000 / Double(batchSize), 3)) ms per query")
        if let jsonPath {
            var json = "[\n"
            for (q, row) in rows.enumerated() {
                let neighbours = results[q].map { "{\"index\": \($0.index), \"cosine\": \($0.cosine)}" }.joined(separator: ", ")
                json += "  {\"row\": \(row), \"neighbors\": [\(neighbours)]}\(q + 1 < rows.count ? "," : "")\n"
            }
            json += "]\n"
            guard let out = fopen(jsonPath, "w") else { fail("cannot write \(jsonPath)") }
            fputs(json, out)
            fclose(out)
        }
    }
}
