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
        let inputs = Self.files(under: assets)
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedAssets.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) asset file(s)",
                executable: try context.tool(named: "AssetGen").url,
                arguments: [output.path(), assets.path()] + inputs.map { $0.path() },
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }

    /// Regular files below `root`, sorted so the generated source is stable.
    static func files(under root: URL) -> [URL] {
        let keys: [URLResourceKey] = [.isRegularFileKey]
        guard
            let walker = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles])
        else { return [] }
        var found: [URL] = []
        for case let url as URL in walker {
            if (try? url.resourceValues(forKeys: Set(keys)))?.isRegularFile == true {
                found.append(url)
            }
        }
        return found.sorted { $0.path() < $1.path() }
    }
}
