// SPDX-License-Identifier: Apache-2.0

import AttnAssets

/// What `attn-tui --version` prints. `number` is the one place the version is written:
/// `Tools/release.sh` names the archive after what the built binary prints.
enum Version {
    static let number = "0.1.0"

    /// The version, the git commit the binary was built from ("unknown" outside a git
    /// checkout) and the SHA-256 of the word pack it carries (`cat Assets/wordpack/* | sha256sum`).
    static var text: String {
        """
        attn-tui \(number)
        commit \(Assets.commit ?? "unknown")
        word pack sha256 \(Assets.sha256(ofFolder: "wordpack") ?? "none")
        """
    }
}
