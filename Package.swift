// swift-tools-version: 6.0
// SPDX-License-Identifier: Apache-2.0
import PackageDescription

// Layers, one way: attn-tui → Reports → Lessons → AttnApp → TUIKit, Vocabularies → EmbeddingFiles → AttnMath
// → TextEscaping; attn-tui → NcursesTerminal → TUIKit → TextEscaping (the screen escapes with the outputs' rule).
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
        // The one escaper of control characters, for every output and the screen alike.
        .target(name: "TextEscaping"),
        // Pure mathematics of embeddings and attention: no file I/O.
        // The transformer's dense products with AVX-512, chosen at run time (the Swift code is baseline x86-64).
        .target(name: "CDenseKernels"),
        .target(name: "AttnMath", dependencies: ["TextEscaping", "CDenseKernels"]),
        // The file-system jobs more than one target has: atomic writes, XDG folders.
        .target(name: "FileSupport"),
        // Users' embedding files: the readers, the binary cache, the projector export.
        .target(name: "EmbeddingFiles", dependencies: ["AttnMath", "FileSupport"]),
        // Benchmarks (not tests) of the embedding file readers: Benchmarks/embeddings.sh
        .executableTarget(
            name: "embedding-benchmark", dependencies: ["AttnMath", "EmbeddingFiles"], path: "Benchmarks/EmbeddingBenchmark"),
        // Terminal-independent UI toolkit: cells, buffers, layout, widgets, keys.
        .target(name: "TUIKit", dependencies: ["TextEscaping"]),
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
        .target(
            name: "AttnApp", dependencies: ["AttnMath", "Vocabularies", "FileSupport", "TUIKit", "AttnAssets"],
            swiftSettings: [.unsafeFlags(["-Osize"], .when(configuration: .release))]),
        // The course: every lesson, each a part plugged into the app (`Course.standard`).
        // Optimised for size: its code draws panels and text, while the numbers come from AttnMath (-O);
        // it keeps the static binary under 20 MB with eighteen lessons (frame times: Benchmarks/frame.sh).
        .target(
            name: "Lessons", dependencies: ["AttnApp", "AttnMath", "TUIKit", "AttnAssets", "Vocabularies"],
            swiftSettings: [.unsafeFlags(["-Osize"], .when(configuration: .release))]),
        // What the command line's queries answer, as JSON and as text tables (similarity, matrix, lessons, export, …).
        .target(
            name: "Reports", dependencies: ["AttnApp", "Lessons", "AttnMath", "EmbeddingFiles", "TUIKit", "Vocabularies", "AttnAssets"],
            swiftSettings: [.unsafeFlags(["-Osize"], .when(configuration: .release))]),
        // The C macros and globals of ncursesw that Swift cannot import.
        .target(name: "CNcursesShim", linkerSettings: [.linkedLibrary("ncursesw")]),
        // The only target that talks to ncurses.
        .target(name: "NcursesTerminal", dependencies: ["TUIKit", "CNcursesShim"]),
        .executableTarget(
            name: "attn-tui",
            dependencies: [
                "AttnApp", "AttnAssets", "AttnMath", "EmbeddingFiles", "Lessons", "NcursesTerminal", "Reports", "TUIKit",
                "Vocabularies",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: [
                .unsafeFlags(
                    [
                        // The release binary without its symbol table: with --static-swift-stdlib, 16 MB instead
                        // of 30 MB. A crash report then shows addresses only; a debug build keeps the names.
                        "-Xlinker", "--strip-all",
                        // GCC's runtime libraries linked in as well, so that the static binary needs only glibc and
                        // ncurses: libgcc's unwinder by clang's flag, libstdc++ (which the Swift runtime uses) through
                        // Tools/link/libstdc++.so, a linker script found before the system's libstdc++.so.
                        "-Xclang-linker", "-static-libgcc", "-L", Context.packageDirectory + "/Tools/link",
                        // Relative relocations packed (DT_RELR, glibc 2.36, which the runtime needs anyway): the
                        // position-independent binary's relocation table shrinks from about 1 MB to a few KB.
                        // lld, the toolchain's own linker, packs them; gold cannot.
                        "-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
                    ], .when(platforms: [.linux], configuration: .release))
            ]
        ),
        // Benchmarks (not tests): swift run -c release frame-benchmark
        .executableTarget(
            name: "frame-benchmark", dependencies: ["AttnApp", "AttnMath", "Lessons", "TUIKit", "Vocabularies"],
            path: "Benchmarks/FrameBenchmark"),
        // Writes Assets/tiny-transformer.txt, the capstone lesson's trained weights: Tools/TinyTransformer/generate.sh
        .executableTarget(
            name: "tiny-transformer-weights", dependencies: ["Lessons"], path: "Tools/TinyTransformer", exclude: ["generate.sh"]),
        // Benchmarks (not tests): the tiny transformer's training against numpy, Benchmarks/transformer.sh
        .executableTarget(name: "transformer-benchmark", dependencies: ["AttnMath"], path: "Benchmarks/TransformerBenchmark"),
        .testTarget(name: "AttnMathTests", dependencies: ["AttnMath"], resources: [.copy("Reference")]),
        // Test support: the numpy reference for a small embedding file, shared by two test targets.
        .target(name: "ReferenceTables", path: "Tests/ReferenceTables", resources: [.copy("Embeddings")]),
        .testTarget(name: "EmbeddingFilesTests", dependencies: ["AttnMath", "EmbeddingFiles", "ReferenceTables"]),
        .testTarget(name: "TUIKitTests", dependencies: ["TUIKit", "TextEscaping"]),
        .testTarget(name: "AssetGenTests", dependencies: ["AssetGen"]),
        .testTarget(name: "FileSupportTests", dependencies: ["FileSupport"]),
        .testTarget(
            name: "AttnAppTests", dependencies: ["AttnApp", "Lessons", "AttnMath", "TUIKit", "AttnAssets", "Vocabularies", "Reports"],
            exclude: ["Screens", "Reference", "Fixtures"]),
        // The word pack's features against held-out labelled words (Resources/heldout.tsv, never read by the generator).
        .testTarget(
            name: "VocabulariesTests", dependencies: ["Vocabularies", "AttnMath", "AttnAssets"],
            resources: [.copy("Resources/heldout.tsv")]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "AttnApp", "Lessons", "AttnMath", "TUIKit", "Vocabularies"]),
        .testTarget(name: "AttnCLITests", dependencies: ["AttnMath", "ReferenceTables"], resources: [.copy("Reference")]),
    ],
    swiftLanguageModes: [.v6]
)
