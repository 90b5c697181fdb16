// SPDX-License-Identifier: Apache-2.0

import Foundation
import PackagePlugin

/// Compiles every file of the package's top-level `Assets/` folder into the
/// `AttnAssets` module as Swift string literals.
///
/// Why not `resources:`: on Linux `Bundle.module` needs a folder beside the
/// binary, lost when the binary is copied; `.embedInCode` builds a byte-array
/// literal that takes minutes and gigabytes to compile. Raw string literals
/// compile in well under a second.
@main
struct AssetEmbedder: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let assets = context.package.directoryURL.appending(path: "Assets")
        let (files, folders) = Self.contents(of: assets)
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedAssets.swift")
        let buildInfo = context.pluginWorkDirectoryURL.appending(path: "BuildInfo.swift")
        let generator = try context.tool(named: "AssetGen").url
        // SwiftPM may reuse this plugin's answer without calling it again, so the
        // folders are inputs too: adding or removing a file changes a folder's
        // modification time, which reruns AssetGen, and AssetGen lists the folder itself.
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) asset file(s)",
                executable: generator,
                arguments: [output.path(), assets.path()],
                inputFiles: [assets] + folders + files,
                outputFiles: [output]
            ),
            // The commit for `--version`: AssetGen reads it from .git's files; these are the
            // files a commit, checkout or reset rewrites, so any of them changing reruns it.
            .buildCommand(
                displayName: "Recording the git commit",
                executable: generator,
                arguments: ["--build-info", buildInfo.path(), context.package.directoryURL.path()],
                inputFiles: Self.gitFiles(package: context.package.directoryURL),
                outputFiles: [buildInfo]
            ),
        ]
    }

    /// HEAD, its reflog, the branch it names (loose) and packed-refs, of the package's
    /// checkout or worktree, those that exist; none outside a checkout.
    static func gitFiles(package: URL) -> [URL] {
        let dotGit = package.appending(path: ".git")
        var gitDirectory = dotGit
        if let pointer = try? String(contentsOf: dotGit, encoding: .utf8), pointer.hasPrefix("gitdir: ") {
            let path = pointer.dropFirst(8).trimmingCharacters(in: .whitespacesAndNewlines)
            gitDirectory = path.hasPrefix("/") ? URL(fileURLWithPath: path) : package.appending(path: path).standardizedFileURL
        }
        var commonDirectory = gitDirectory
        if let common = try? String(contentsOf: gitDirectory.appending(path: "commondir"), encoding: .utf8) {
            let path = common.trimmingCharacters(in: .whitespacesAndNewlines)
            commonDirectory = path.hasPrefix("/") ? URL(fileURLWithPath: path) : gitDirectory.appending(path: path).standardizedFileURL
        }
        var files = [
            gitDirectory.appending(path: "HEAD"), gitDirectory.appending(path: "logs/HEAD"), commonDirectory.appending(path: "packed-refs"),
        ]
        if let head = try? String(contentsOf: files[0], encoding: .utf8), head.hasPrefix("ref: ") {
            let reference = head.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines)
            files += [gitDirectory.appending(path: reference), commonDirectory.appending(path: reference)]
        }
        return files.filter { FileManager.default.fileExists(atPath: $0.path()) }
    }

    /// Regular files and folders below `root`, sorted so the build plan is stable.
    static func contents(of root: URL) -> (files: [URL], folders: [URL]) {
        let keys: [URLResourceKey] = [.isRegularFileKey, .isDirectoryKey]
        guard
            let walker = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles])
        else { return ([], []) }
        var files: [URL] = []
        var folders: [URL] = []
        for case let url as URL in walker {
            let values = try? url.resourceValues(forKeys: Set(keys))
            if values?.isRegularFile == true { files.append(url) } else if values?.isDirectory == true { folders.append(url) }
        }
        return (files.sorted { $0.path() < $1.path() }, folders.sorted { $0.path() < $1.path() })
    }
}
