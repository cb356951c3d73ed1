import Model
import Screen

/// How one role looks: colours and attributes for colour terminals, attributes alone for monochrome.
public struct RoleStyle: Sendable, Hashable {
    public var fg: Color
    public var bg: Color
    public var attrs: Attributes
    /// Used when the terminal has no colour or `NO_COLOR` is set.
    public var mono: Attributes
    public init(fg: Color = .default, bg: Color = .default, attrs: Attributes = [], mono: Attributes = []) {
        self.fg = fg; self.bg = bg; self.attrs = attrs; self.mono = mono
    }
}

/// The terminal background a theme is made for.
public enum ThemeBackground: String, Sendable, Hashable, CaseIterable {
    case dark, light, both

    /// Whether a theme for `self` reads on a terminal whose background is `terminal` (dark or light).
    public func suits(_ terminal: ThemeBackground) -> Bool { self == .both || self == terminal }
}

/// A resolved theme: role → style, plus the level markers drawn beside the roman numerals.
public struct Theme: Sendable, Hashable {
    public var name: String
    public var description: String
    /// The background it is for (`background = dark|light|both`; dark when a file does not say).
    public var background: ThemeBackground = .dark
    /// The theme to use instead on the other background (`light.variant = NAME`, `dark.variant = NAME`).
    public var variants: [ThemeBackground: String] = [:]
    public var roles: [ThemeRole: RoleStyle]
    /// Markers for levels I–IV (index 0 = level I); shown in every theme so levels never rely on colour alone.
    public var markers: [String]

    public static let defaultMarkers = ["!!!!", "!!!", "!!", "!"]

    public init(name: String, description: String = "", roles: [ThemeRole: RoleStyle] = [:],
                markers: [String] = Theme.defaultMarkers) {
        self.name = name; self.description = description; self.roles = roles; self.markers = markers
    }

    /// The style for `role` on a terminal of `depth`; `.none` (or NO_COLOR) gives the mono attributes only.
    public func style(_ role: ThemeRole, depth: ColorDepth) -> Style {
        let r = roles[role] ?? RoleStyle()
        if depth == .none { return Style(fg: .default, bg: .default, attrs: r.mono) }
        return Style(fg: r.fg.degraded(to: depth), bg: r.bg.degraded(to: depth), attrs: r.attrs)
    }

    public func marker(_ level: WarningLevel) -> String { markers[level.rawValue - 1] }

    /// The built-in default theme (always available, even with no theme files).
    public static var fallback: Theme {
        // The embedded text is tested to parse; a failure here is a programming error.
        (try? ThemeLoader.parse(text: BuiltinThemes.texts["default"] ?? "", file: "default.theme")) ?? Theme(name: "default")
    }
}
