// SPDX-License-Identifier: Apache-2.0

/// Access to the files of the top-level `Assets/` folder, compiled into the binary.
public enum Assets {
    /// The text of the asset at `path` (relative to `Assets/`), or nil when there is none.
    public static func text(_ path: String) -> String? { EmbeddedAssets.files[path] }

    /// Every asset path, sorted.
    public static var paths: [String] { EmbeddedAssets.files.keys.sorted() }

    /// The SHA-256 of a top-level folder's files one after the other in path order, as
    /// `cat Assets/FOLDER/* | sha256sum` prints it for a flat folder; nil for no such folder.
    public static func sha256(ofFolder folder: String) -> String? { EmbeddedAssets.folderSHA256[folder] }

    /// The git commit the binary was built from, or nil (built outside a git checkout).
    public static var commit: String? { BuildInfo.commit }
}
