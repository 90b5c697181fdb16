// swift-tools-version: 6.0
import PackageDescription

// Layers, one way: attn-tui → Reports → AttnApp → TUIKit, Vocabularies → EmbeddingFiles → AttnMath;
// attn-tui → NcursesTerminal → TUIKit.
// AttnMath knows nothing of terminals or files; TUIKit knows nothing of attention.
// Built and tested on Linux only: the Darwin branches of the C-library code are kept, but no
// macOS build is claimed (none has been built; ncurses and the cache's file calls differ there).
let package = Package(
    name: "attn-tui",
    products: [
        .executable(name: "attn-tui", targets: ["attn-tui"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // Pure mathematics of embeddings and attention: no file I/O.
        .target(name: "AttnMath"),
        // The file-system jobs more than one target has: atomic writes, XDG folders.
        .target(name: "FileSupport"),
        // Users' embedding files: the readers, the binary cache, the projector export.
        .target(name: "EmbeddingFiles", dependencies: ["AttnMath", "FileSupport"]),
        // Benchmarks (not tests) of the embedding file readers: Benchmarks/embeddings.sh
        .executableTarget(
            name: "embedding-benchmark", dependencies: ["AttnMath", "EmbeddingFiles"], path: "Benchmarks/EmbeddingBenchmark"),
        // Terminal-independent UI toolkit: cells, buffers, layout, widgets, keys.
        .target(name: "TUIKit"),
        // Generates Swift source holding every file of the top-level Assets/ folder.
        .executableTarget(name: "AssetGen"),
        .plugin(
            name: "AssetEmbedder", capability: .buildTool(), dependencies: ["AssetGen"],
            path: "Sources/AssetEmbedder"),
        // The files of Assets/, compiled into the binary.
        .target(name: "AttnAssets", plugins: ["AssetEmbedder"]),
        // The words the program knows: the built-in lexicon and word pack, a user's file, how a token is looked up.
        .target(name: "Vocabularies", dependencies: ["AttnMath", "EmbeddingFiles", "AttnAssets"]),
        // The application: state, actions, update, view, lessons. No ncurses.
        .target(name: "AttnApp", dependencies: ["AttnMath", "Vocabularies", "FileSupport", "TUIKit", "AttnAssets"]),
        // What the command line's queries answer, as JSON and as text tables (similarity, matrix, lessons, export, …).
        .target(name: "Reports", dependencies: ["AttnApp", "AttnMath", "EmbeddingFiles", "TUIKit", "Vocabularies", "AttnAssets"]),
        // The C macros and globals of ncursesw that Swift cannot import.
        .target(name: "CNcursesShim", linkerSettings: [.linkedLibrary("ncursesw")]),
        // The only target that talks to ncurses.
        .target(name: "NcursesTerminal", dependencies: ["TUIKit", "CNcursesShim"]),
        .executableTarget(
            name: "attn-tui",
            dependencies: [
                "AttnApp", "AttnMath", "EmbeddingFiles", "NcursesTerminal", "Reports", "TUIKit", "Vocabularies",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The release binary without its symbol table: with --static-swift-stdlib, 16 MB instead of
            // 30 MB. A crash report then shows addresses only; a debug build keeps the names.
            linkerSettings: [.unsafeFlags(["-Xlinker", "--strip-all"], .when(platforms: [.linux], configuration: .release))]
        ),
        // Benchmarks (not tests): swift run -c release frame-benchmark
        .executableTarget(
            name: "frame-benchmark", dependencies: ["AttnApp", "AttnMath", "TUIKit", "Vocabularies"], path: "Benchmarks/FrameBenchmark"),
        .testTarget(name: "AttnMathTests", dependencies: ["AttnMath"], resources: [.copy("Reference")]),
        // Test support: the numpy reference for a small embedding file, shared by two test targets.
        .target(name: "ReferenceTables", path: "Tests/ReferenceTables", resources: [.copy("Embeddings")]),
        .testTarget(name: "EmbeddingFilesTests", dependencies: ["AttnMath", "EmbeddingFiles", "ReferenceTables"]),
        .testTarget(name: "TUIKitTests", dependencies: ["TUIKit"]),
        .testTarget(name: "AssetGenTests", dependencies: ["AssetGen"]),
        .testTarget(name: "FileSupportTests", dependencies: ["FileSupport"]),
        .testTarget(
            name: "AttnAppTests", dependencies: ["AttnApp", "AttnMath", "TUIKit", "AttnAssets", "Vocabularies", "Reports"],
            exclude: ["Screens", "Reference"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "AttnApp", "AttnMath", "TUIKit", "Vocabularies"]),
        .testTarget(name: "AttnCLITests", dependencies: ["AttnMath", "ReferenceTables"], resources: [.copy("Reference")]),
    ],
    swiftLanguageModes: [.v6]
)
