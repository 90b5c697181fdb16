// SPDX-License-Identifier: Apache-2.0

import TUIKit
import XCTest

final class ThemeTests: XCTestCase {
    private let white = (255, 255, 255)
    private let escape = "\u{1B}"

    private func contrastOnWhite(_ color: Color) -> Double { Theme.contrast(color.rgb, white) }

    func testContrastMatchesWCAG() {
        XCTAssertEqual(Theme.contrast((0, 0, 0), white), 21, accuracy: 1e-9)
        XCTAssertEqual(Theme.contrast(white, white), 1, accuracy: 1e-9)
        // #777777 on white is the classic 4.48:1 just under AA.
        XCTAssertEqual(Theme.contrast((0x77, 0x77, 0x77), white), 4.48, accuracy: 0.01)
    }

    func testDarkChangesNothing() {
        for index in 0..<256 {
            let style = Style(foreground: .indexed(UInt8(index)), modifiers: [.bold])
            for mode in [ColorMode.palette256, .ansi16, .ansi8, .monochrome] {
                XCTAssertEqual(Theme.dark.mapped(style, colorMode: mode), style)
            }
        }
    }

    func testEveryPaletteColourReadsOnWhite() {
        for index in 0..<256 {
            let mapped = Theme.light.foreground(.indexed(UInt8(index)), colorMode: .palette256)
            XCTAssertGreaterThanOrEqual(
                contrastOnWhite(mapped), Theme.minimumContrast, "colour \(index) becomes \(mapped), too pale on white")
        }
    }

    func testColoursThatAlreadyReadOnWhiteStay() {
        for color in [Color.cube(0, 0, 3), .cube(3, 0, 0), .cube(0, 2, 0), .grey(4), .cube(1, 1, 3)] {
            XCTAssertEqual(Theme.light.foreground(color, colorMode: .palette256), color)
        }
    }

    func testYellowDarkensButStaysYellow() {
        // The live numbers' yellow, cube(5, 5, 1), is 1.1:1 on white.
        XCTAssertLessThan(contrastOnWhite(.cube(5, 5, 1)), 1.5)
        let mapped = Theme.light.foreground(.cube(5, 5, 1), colorMode: .palette256)
        let (r, g, b) = mapped.rgb
        XCTAssertEqual(r, g, "still a yellow (olive): \(mapped.rgb)")
        XCTAssertGreaterThan(r, b)
        XCTAssertGreaterThan(r, 0)
    }

    func testCategoryColoursStayApart() {
        // The map's categories (fruit, electronics, two senses, custom, function words, file words).
        let colors = [Color.cube(1, 4, 1), .cube(1, 3, 5), .cube(5, 3, 0), .cube(5, 1, 4), .grey(12), .cube(2, 4, 4)]
        let mapped = colors.map { Theme.light.foreground($0, colorMode: .palette256) }
        XCTAssertEqual(Set(mapped).count, colors.count, "\(mapped)")
    }

    func testFilledCellsKeepTheirColours() {
        let heatmapCell = Style(foreground: .black, background: .cube(5, 2, 2))
        XCTAssertEqual(Theme.light.mapped(heatmapCell, colorMode: .palette256), heatmapCell)
        // A swatch or highlight with the terminal's text colour gets a text colour that reads on it.
        let dark = Theme.light.mapped(Style(background: .cube(0, 0, 3)), colorMode: .palette256)
        XCTAssertEqual(dark.background, .cube(0, 0, 3))
        XCTAssertEqual(dark.foreground, .brightWhite)
        let pale = Theme.light.mapped(Style(background: .cube(5, 5, 5)), colorMode: .palette256)
        XCTAssertEqual(pale.foreground, .black)
    }

    func testSixteenAndEightColours() {
        let light = Theme.light
        XCTAssertEqual(light.foreground(.white, colorMode: .ansi16), .black)
        XCTAssertEqual(light.foreground(.brightWhite, colorMode: .ansi16), .black)
        XCTAssertEqual(light.foreground(.indexed(11), colorMode: .ansi16), .yellow)
        XCTAssertEqual(light.foreground(.indexed(12), colorMode: .ansi16), .blue)
        XCTAssertEqual(light.foreground(.red, colorMode: .ansi16), .red)
        XCTAssertEqual(light.foreground(.white, colorMode: .ansi8), .black)
        XCTAssertEqual(light.foreground(.cube(5, 5, 5), colorMode: .ansi8), .black)
        // The 256-colour yellow first becomes the terminal's bright yellow, then its plain one.
        XCTAssertEqual(light.foreground(.cube(5, 5, 1), colorMode: .ansi16), .yellow)
    }

    func testMonochromeAndDefaultStayAsTheyAre() {
        let style = Style(foreground: .cube(5, 5, 1), modifiers: [.bold])
        XCTAssertEqual(Theme.light.mapped(style, colorMode: .monochrome), style)
        XCTAssertEqual(Theme.light.mapped(.plain, colorMode: .palette256), .plain)
        XCTAssertEqual(Theme.light.mapped(Style(modifiers: [.reverse]), colorMode: .palette256), Style(modifiers: [.reverse]))
    }

    func testAnsiTextUsesTheTheme() {
        var buffer = Buffer(size: Size(width: 3, height: 1))
        buffer.write("0.5", x: 0, y: 0, style: Style(foreground: .cube(5, 5, 1), modifiers: [.bold]))
        guard case .indexed(let mapped) = Theme.light.foreground(.cube(5, 5, 1), colorMode: .palette256) else {
            return XCTFail("no colour")
        }
        XCTAssertEqual(buffer.ansiText(colorMode: .palette256), "\(escape)[0;1;38;5;227m0.5\(escape)[0m")
        XCTAssertEqual(buffer.ansiText(colorMode: .palette256, theme: .light), "\(escape)[0;1;38;5;\(mapped)m0.5\(escape)[0m")
        XCTAssertNotEqual(mapped, 227)
    }

    func testNames() {
        XCTAssertEqual(Theme(name: "light"), .light)
        XCTAssertEqual(Theme(name: " Dark\n"), .dark)
        XCTAssertNil(Theme(name: "blue"))
        XCTAssertNil(Theme(name: ""))
    }

    // MARK: - what the terminal reports

    private func reply(_ text: String) -> Theme? { Theme(osc11Reply: Array(text.utf8)) }

    func testOSC11Replies() {
        XCTAssertEqual(reply("\u{1B}]11;rgb:ffff/ffff/ffff\u{1B}\\"), .light)
        XCTAssertEqual(reply("\u{1B}]11;rgb:0000/0000/0000\u{07}"), .dark)
        XCTAssertEqual(reply("\u{1B}]11;rgb:fd/f6/e3\u{07}"), .light, "Solarized light, two digits a component")
        XCTAssertEqual(reply("\u{1B}]11;rgb:0000/2b2b/3636\u{1B}\\"), .dark, "Solarized dark")
        XCTAssertEqual(reply("\u{1B}]11;rgba:ffff/ffff/ffff/ffff\u{1B}\\"), .light)
        XCTAssertEqual(reply("\u{1B}]11;rgb:f/f/f\u{07}"), .light, "one digit a component")
        // The reply to the device-attributes query that follows it.
        XCTAssertEqual(reply("\u{1B}]11;rgb:ffff/ffff/ffff\u{1B}\\\u{1B}[?62;22c"), .light)
        XCTAssertEqual(reply("x\u{1B}[?1;2c\u{1B}]11;rgb:1e1e/1e1e/1e1e\u{07}"), .dark)
    }

    func testNoOrBrokenOSC11Reply() {
        XCTAssertNil(reply(""))
        XCTAssertNil(reply("\u{1B}[?62;22c"), "only device attributes: the terminal does not answer OSC 11")
        XCTAssertNil(reply("\u{1B}]11;rgb:ffff/ffff/ffff"), "cut short")
        XCTAssertNil(reply("\u{1B}]11;rgb:ffff/ffff\u{07}"))
        XCTAssertNil(reply("\u{1B}]11;rgb:fffff/ffff/ffff\u{07}"))
        XCTAssertNil(reply("\u{1B}]11;rgb:gg/00/00\u{07}"))
        XCTAssertNil(reply("\u{1B}]11;#ffffff\u{07}"))
    }

    func testBackgroundLuminance() {
        XCTAssertEqual(Theme(background: (255, 255, 255)), .light)
        XCTAssertEqual(Theme(background: (0, 0, 0)), .dark)
        XCTAssertEqual(Theme(background: (0x80, 0x80, 0x80)), .light, "mid-grey: black text reads better")
        XCTAssertEqual(Theme(background: (0x60, 0x60, 0x60)), .dark)
    }

    func testCOLORFGBG() {
        XCTAssertEqual(Theme(colorfgbg: "15;0"), .dark)
        XCTAssertEqual(Theme(colorfgbg: "0;15"), .light)
        XCTAssertEqual(Theme(colorfgbg: "0;default;15"), .light)
        XCTAssertEqual(Theme(colorfgbg: "0;7"), .light)
        XCTAssertEqual(Theme(colorfgbg: "7;8"), .dark)
        XCTAssertNil(Theme(colorfgbg: "default;default"))
        XCTAssertNil(Theme(colorfgbg: ""))
        XCTAssertNil(Theme(colorfgbg: "0;99"))
    }
}
