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
        // SwiftPM may reuse this plugin's answer without calling it again, so the
        // folders are inputs too: adding or removing a file changes a folder's
        // modification time, which reruns AssetGen, and AssetGen lists the folder itself.
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) asset file(s)",
                executable: try context.tool(named: "AssetGen").url,
                arguments: [output.path(), assets.path()],
                inputFiles: [assets] + folders + files,
                outputFiles: [output]
            )
        ]
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
