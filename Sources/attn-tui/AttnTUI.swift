@main
struct AttnTUI {
    static func main() { print("attn-tui") }
}
