import Foundation
import Model
import Screen

/// WCAG 2.x contrast of every role of a theme against the background it claims, at 256, 16 and 8 colours, and
/// whether its level colours stay apart for red-green colour blindness.
public enum ThemeContrast {
    /// One role that does not read well enough.
    public struct Problem: Sendable, CustomStringConvertible {
        public var theme: String
        public var role: String
        public var background: ThemeBackground
        public var depth: ColorDepth
        public var ratio: Double
        public var required: Double
        public var description: String {
            let depthName = depth == .indexed256 ? "256" : depth == .sixteen ? "16" : depth == .eight ? "8" : "\(depth)"
            return "\(theme): \(role) is \(String(format: "%.2f", ratio)):1 on a \(background.rawValue) background "
                + "in \(depthName) colours (needs \(String(format: "%.1f", required)):1)"
        }
    }

    /// The terminal's own colours on each background (xterm's defaults: light grey on black, black on white).
    static func terminal(_ background: ThemeBackground) -> (fg: (UInt8, UInt8, UInt8), bg: (UInt8, UInt8, UInt8)) {
        background == .light ? ((0, 0, 0), (255, 255, 255)) : ((229, 229, 229), (0, 0, 0))
    }

    /// Roles that are not read as words (borders, bars, markers) need 3:1; all text needs 4.5:1.
    static func required(_ role: ThemeRole) -> Double {
        switch role {
        case .paneBorder, .paneBorderFocus, .barFill, .barEmpty, .newMarker: 3.0
        default: 4.5
        }
    }

    static let depths: [ColorDepth] = [.indexed256, .sixteen, .eight]

    /// Relative luminance (WCAG 2.x) of an sRGB colour.
    public static func luminance(_ c: (UInt8, UInt8, UInt8)) -> Double {
        func channel(_ v: UInt8) -> Double {
            let s = Double(v) / 255
            return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
    }

    public static func ratio(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Double {
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    /// The foreground and background a role shows as (reverse swapped, dim as 60% of the way from background).
    static func shown(_ style: RoleStyle, on background: ThemeBackground, depth: ColorDepth)
        -> (fg: (UInt8, UInt8, UInt8), bg: (UInt8, UInt8, UInt8)) {
        let term = terminal(background)
        var fg = style.fg.displayedRGB(depth: depth, terminalDefault: term.fg)
        var bg = style.bg.displayedRGB(depth: depth, terminalDefault: term.bg)
        if style.attrs.contains(.reverse) { swap(&fg, &bg) }
        if style.attrs.contains(.dim) {
            func mix(_ f: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(b) + (Double(f) - Double(b)) * 0.6).rounded()) }
            fg = (mix(fg.0, bg.0), mix(fg.1, bg.1), mix(fg.2, bg.2))
        }
        return (fg, bg)
    }

    /// Every role below its minimum on each background the theme claims, at 256, 16 and 8 colours.
    public static func problems(_ theme: Theme) -> [Problem] {
        var out: [Problem] = []
        let backgrounds: [ThemeBackground] = theme.background == .both ? [.dark, .light] : [theme.background]
        for background in backgrounds {
            for depth in depths {
                for role in ThemeRole.allCases {
                    let (fg, bg) = shown(theme.roles[role] ?? RoleStyle(), on: background, depth: depth)
                    let r = ratio(fg, bg)
                    if r + 1e-9 < required(role) {
                        out.append(Problem(theme: theme.name, role: role.rawValue, background: background, depth: depth,
                                           ratio: r, required: required(role)))
                    }
                }
            }
        }
        return out
    }

    // MARK: colour blindness

    /// Colour-vision deficiencies simulated (Machado, Oliveira & Fernandes 2009, severity 1, in linear RGB).
    public enum Deficiency: String, Sendable, CaseIterable {
        case protanopia, deuteranopia
        var matrix: [[Double]] {
            switch self {
            case .protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
            case .deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
            }
        }
    }

    static func linear(_ v: UInt8) -> Double { let s = Double(v) / 255; return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4) }

    /// CIELAB (D65) of a linear-RGB colour.
    static func lab(_ rgb: [Double]) -> (Double, Double, Double) {
        let x = (0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2]) / 0.95047
        let y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]
        let z = (0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2]) / 1.08883
        func f(_ t: Double) -> Double { t > 0.008856 ? cbrt(t) : 7.787 * t + 16 / 116 }
        return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))
    }

    /// The colour a level cell shows: its background when it has one (a badge), else its text colour.
    static func levelColour(_ style: RoleStyle, background: ThemeBackground, depth: ColorDepth) -> (UInt8, UInt8, UInt8) {
        let (fg, bg) = shown(style, on: background, depth: depth)
        return style.bg == .default && !style.attrs.contains(.reverse) ? fg : bg
    }

    /// The smallest CIELAB distance (ΔE*76) between two level colours as someone with `deficiency` sees them.
    public static func closestLevels(_ theme: Theme, background: ThemeBackground, depth: ColorDepth,
                                     deficiency: Deficiency?) -> (levels: (WarningLevel, WarningLevel), distance: Double) {
        let colours = WarningLevel.allCases.map { level -> (Double, Double, Double) in
            let c = levelColour(theme.roles[ThemeRole.level(level)] ?? RoleStyle(), background: background, depth: depth)
            var rgb = [linear(c.0), linear(c.1), linear(c.2)]
            if let m = deficiency?.matrix {
                rgb = m.map { row in min(1, max(0, row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2])) }
            }
            return lab(rgb)
        }
        var best: ((WarningLevel, WarningLevel), Double) = ((.red, .orange), .infinity)
        for i in 0..<4 {
            for j in (i + 1)..<4 {
                let (a, b) = (colours[i], colours[j])
                let d = ((a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1) + (a.2 - b.2) * (a.2 - b.2)).squareRoot()
                if d < best.1 { best = ((WarningLevel.allCases[i], WarningLevel.allCases[j]), d) }
            }
        }
        return best
    }
}

extension ThemeContrast {
    /// Contrast problems of the built-in themes and of every theme file in `themeDirs` (a file that does not parse
    /// is `validateConfigs`'s to report), each named by file.
    public static func problems(themeDirs: [String]) -> [String] {
        var out: [String] = []
        var checked = Set<String>()
        for dir in themeDirs {
            for file in ConfigPaths.files(in: dir, ext: "theme") {
                guard let text = try? ConfigPaths.read(file), let theme = try? ThemeLoader.parse(text: text, file: file) else { continue }
                checked.insert((file as NSString).lastPathComponent)
                out += problems(theme).map { file + ": " + $0.description }
            }
        }
        for name in ThemeLoader.builtInNames where !checked.contains(name + ".theme") {
            if let theme = ThemeLoader.builtIn(name) { out += problems(theme).map { "built-in " + $0.description } }
        }
        return out
    }
}
