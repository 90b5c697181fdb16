import AttnAssets
import Vocabularies

/// The notices of the data the binary carries (`attn-tui --licenses`): WordNet's
/// licence asks that its notice travel with every copy, also of derived data.
public enum LicenseNotices {
    /// Every file of `Assets/licenses/`, each under a heading, in name order.
    public static var text: String {
        let notices = Assets.paths.filter { $0.hasPrefix("licenses/") }.compactMap { path in
            Assets.text(path).map { "==> \(path) <==\n\($0.hasSuffix("\n") ? String($0.dropLast()) : $0)" }
        }
        let intro = """
            attn-tui's word pack (Assets/wordpack/) is derived from the data below: the words from
            SCOWL's lists, their categories from WordNet 3.0, their vectors and estimated features
            from GloVe 6B 50-d. The lexicon, lessons and program are the project's own.
            """
        return ([intro] + notices).joined(separator: "\n\n")
    }
}
