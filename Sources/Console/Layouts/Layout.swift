import Screen

/// The four panes of the console.
public enum PaneKind: String, Sendable, CaseIterable, Hashable {
    case alerts, units, stock, drills
}

/// `rows` stacks children top to bottom; `cols` puts them side by side.
public enum SplitAxis: String, Sendable, Hashable {
    case rows, cols
}

/// How much of a split a child gets.
public enum LayoutSize: Sendable, Hashable {
    /// A share of the whole split (rounded down; any rounding left over goes to the last child).
    case percent(Int)
    /// A fixed number of rows or columns.
    case cells(Int)
    /// Whatever is left, shared by weight among fills.
    case fill(Int)
}

/// A node of a layout's split tree.
public indirect enum LayoutNode: Sendable, Hashable {
    case pane(PaneKind)
    case split(SplitAxis, [LayoutSize], [LayoutNode])
    /// One pane at a time, chosen by a tab strip on the first row.
    case tabs([PaneKind])

    /// Panes in drawing order.
    public var panes: [PaneKind] {
        switch self {
        case .pane(let p): [p]
        case .split(_, _, let children): children.flatMap(\.panes)
        case .tabs(let panes): panes
        }
    }
}

/// A named arrangement of panes, with the smallest terminal it suits.
/// (Named `PaneLayout` so it does not clash with `Screen.Layout`, the rectangle splitter.)
public struct PaneLayout: Sendable, Hashable {
    public var name: String
    public var description: String
    public var minWidth: Int
    public var minHeight: Int
    public var root: LayoutNode
    public init(name: String, description: String = "", minWidth: Int, minHeight: Int, root: LayoutNode) {
        self.name = name; self.description = description; self.minWidth = minWidth; self.minHeight = minHeight; self.root = root
    }

    public var panes: [PaneKind] { root.panes }
    public func fits(width: Int, height: Int) -> Bool { width >= minWidth && height >= minHeight }
}

/// A tab strip drawn above a `tabs` node's active pane.
struct TabStrip: Equatable {
    var rect: Rect
    var panes: [PaneKind]
    var active: PaneKind
}

/// Where each visible pane goes for one terminal size.
struct LayoutGeometry: Equatable {
    var panes: [(kind: PaneKind, rect: Rect)]
    var tabStrips: [TabStrip]
    /// One-column rules between panes side by side. Panes have no side or bottom borders (each has a
    /// title rule on top), so this is the only line between two neighbours.
    var separators: [Rect] = []

    static func == (a: Self, b: Self) -> Bool {
        a.tabStrips == b.tabStrips && a.separators == b.separators
            && a.panes.map(\.kind) == b.panes.map(\.kind) && a.panes.map(\.rect) == b.panes.map(\.rect)
    }

    func rect(of kind: PaneKind) -> Rect? { panes.first { $0.kind == kind }?.rect }

    /// Lays `node` out in `rect`; `activeTab` picks the visible pane of each tabs node.
    static func solve(_ node: LayoutNode, in rect: Rect, activeTab: ([PaneKind]) -> PaneKind) -> LayoutGeometry {
        var g = LayoutGeometry(panes: [], tabStrips: [])
        g.place(node, rect, activeTab)
        return g
    }

    private mutating func place(_ node: LayoutNode, _ rect: Rect, _ activeTab: ([PaneKind]) -> PaneKind) {
        switch node {
        case .pane(let kind):
            panes.append((kind, rect))
        case .tabs(let group):
            let active = activeTab(group)
            tabStrips.append(TabStrip(rect: Rect(x: rect.x, y: rect.y, width: rect.width, height: min(1, rect.height)),
                                      panes: group, active: active))
            panes.append((active, Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: max(0, rect.height - 1))))
        case .split(let axis, let sizes, let children):
            let constraints = sizes.map { size -> Constraint in
                switch size {
                case .percent(let p): .percentage(p)
                case .cells(let n): .length(n)
                case .fill(let w): .fill(w)
                }
            }
            let rects = Layout.split(rect, axis == .rows ? .vertical : .horizontal, constraints)
            for (i, (child, r)) in zip(children, rects).enumerated() {
                // Sizes stay shares of the whole split; the separator comes out of the left child's last column.
                guard axis == .cols, i < rects.count - 1, r.width > 1 else { place(child, r, activeTab); continue }
                let (area, separator) = r.splitRight(1)
                separators.append(separator)
                place(child, area, activeTab)
            }
        }
    }
}

/// The layouts the console may use, and which one the operator chose.
public struct LayoutSet: Sendable, Hashable {
    public var layouts: [String: PaneLayout]
    public var chosen: String

    /// When the chosen layout does not fit, try these in order (after the chosen one's place, if it is listed).
    /// `township` is a deliberate choice (two panes only), never a fallback: a field officer on 80×24 keeps
    /// all four panes as tabs.
    public static let fallbackChain = ["wall", "desk", "field"]
    /// Below this the console shows only a "terminal too small" message.
    public static let minimumWidth = 40
    public static let minimumHeight = 10

    public init(layouts: [String: PaneLayout], chosen: String) { self.layouts = layouts; self.chosen = chosen }

    /// The built-in layouts with `chosen` selected.
    public static func builtIn(chosen: String = "desk") -> LayoutSet {
        var all: [String: PaneLayout] = [:]
        for name in LayoutLoader.builtInNames { if let l = LayoutLoader.builtIn(name) { all[name] = l } }
        return LayoutSet(layouts: all, chosen: chosen)
    }

    /// The layout for a terminal of this size, or nil when it is below 40×10.
    public func pick(width: Int, height: Int) -> PaneLayout? {
        guard width >= Self.minimumWidth, height >= Self.minimumHeight else { return nil }
        if let l = layouts[chosen], l.fits(width: width, height: height) { return l }
        let chain = Self.fallbackChain
        let start = chain.firstIndex(of: chosen).map { $0 + 1 } ?? 0
        for name in chain[start...] {
            if let l = layouts[name], l.fits(width: width, height: height) { return l }
        }
        return layouts.values.filter { $0.fits(width: width, height: height) }
            .min { ($0.minWidth * $0.minHeight, $0.name) < ($1.minWidth * $1.minHeight, $1.name) }
    }
}
