/// Access to the files of the top-level `Assets/` folder, compiled into the binary.
public enum Assets {
    /// The text of the asset at `path` (relative to `Assets/`), or nil when there is none.
    public static func text(_ path: String) -> String? { EmbeddedAssets.files[path] }

    /// Every asset path, sorted.
    public static var paths: [String] { EmbeddedAssets.files.keys.sorted() }
}
