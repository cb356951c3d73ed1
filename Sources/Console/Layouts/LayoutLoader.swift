import Foundation

/// Reads layout files. See the header of `Layouts/desk.layout` for the syntax.
public enum LayoutLoader {
    public static var builtInNames: [String] { BuiltinLayouts.names }

    public static func builtIn(_ name: String) -> PaneLayout? {
        guard let text = BuiltinLayouts.texts[name] else { return nil }
        return try? parse(text: text, file: name + ".layout")
    }

    /// Loads one layout: a path is read as is (mistakes are thrown); a name is looked up as `NAME.layout`
    /// in each search path, then among the built-ins; a bad file found by name is skipped with a warning.
    public static func load(name: String, searchPaths: [String]) throws(ConfigError) -> Loaded<PaneLayout> {
        if ConfigPaths.looksLikePath(name, ext: "layout") {
            return Loaded(value: try parse(text: try ConfigPaths.read(name), file: name))
        }
        var warnings: [ConfigError] = []
        for dir in searchPaths {
            let path = dir + "/" + name + ".layout"
            guard FileManager.default.fileExists(atPath: path) else { continue }
            do {
                return Loaded(value: try parse(text: try ConfigPaths.read(path), file: path), warnings: warnings)
            } catch {
                warnings.append(error)
            }
        }
        if let layout = builtIn(name) { return Loaded(value: layout, warnings: warnings) }
        throw ConfigError(file: name, line: 0, column: 0,
                          message: "unknown layout '\(name)' (built-in: \(builtInNames.joined(separator: ", ")))")
    }

    /// The chosen layout plus every layout it may fall back to: the built-ins, overridden by good user files
    /// of the same name in the search paths. The chosen one's errors are thrown when it was given as a path.
    public static func loadSet(chosen: String, searchPaths: [String]) throws(ConfigError) -> Loaded<LayoutSet> {
        var warnings: [ConfigError] = []
        var all: [String: PaneLayout] = [:]
        for name in builtInNames { if let l = builtIn(name) { all[name] = l } }
        for dir in searchPaths.reversed() {
            for file in ConfigPaths.files(in: dir, ext: "layout") {
                do { let l = try parse(text: try ConfigPaths.read(file), file: file); all[l.name] = l }
                catch { if !warnings.contains(error) { warnings.append(error) } }
            }
        }
        let picked = try load(name: chosen, searchPaths: searchPaths)
        all[picked.value.name] = picked.value
        for w in picked.warnings where !warnings.contains(w) { warnings.append(w) }
        return Loaded(value: LayoutSet(layouts: all, chosen: picked.value.name), warnings: warnings)
    }

    private final class NodeBuilder {
        enum Kind { case pane(PaneKind), split(SplitAxis, [LayoutSize], sizeColumn: Int), tabs }
        let kind: Kind
        let line: Int
        let column: Int
        var children: [NodeBuilder] = []
        init(_ kind: Kind, line: Int, column: Int) { self.kind = kind; self.line = line; self.column = column }
    }

    /// Parses layout text; `file` names it in errors.
    public static func parse(text: String, file: String) throws(ConfigError) -> PaneLayout {
        func fail(_ line: Int, _ column: Int, _ message: String) -> ConfigError {
            ConfigError(file: file, line: line, column: column, message: message)
        }
        var name = (file as NSString).lastPathComponent.replacingOccurrences(of: ".layout", with: "")
        var description = ""
        var min: (Int, Int)?
        var root: NodeBuilder?
        var stack: [NodeBuilder] = []
        var seenPanes: [PaneKind: Int] = [:]
        var seenKeys: [String: Int] = [:]

        for line in ConfigLine.lines(of: text) where !line.isBlank {
            if let tab = line.tabInIndent {
                throw fail(line.number, tab, "bad indentation: use spaces, not tabs")
            }
            if let (key, value) = line.assignment {
                if line.indent != 0 { throw fail(line.number, 1, "bad indentation: settings start at column 1") }
                if let first = seenKeys[key.text] {
                    throw fail(line.number, key.column, "duplicate key '\(key.text)' (first set on line \(first))")
                }
                seenKeys[key.text] = line.number
                switch key.text {
                case "name":
                    guard let v = value.first, value.count == 1 else { throw fail(line.number, key.column, "'name' needs one word") }
                    name = v.text
                case "description":
                    description = value.map(\.text).joined(separator: " ")
                case "min":
                    guard let v = value.first, value.count == 1, let size = parseMin(v.text) else {
                        throw fail(line.number, value.first?.column ?? key.column, "bad minimum size (write WIDTHxHEIGHT, e.g. 100x30)")
                    }
                    guard size.0 >= LayoutSet.minimumWidth, size.1 >= LayoutSet.minimumHeight else {
                        throw fail(line.number, v.column, "minimum size must be at least \(LayoutSet.minimumWidth)x\(LayoutSet.minimumHeight)")
                    }
                    min = size
                default:
                    throw fail(line.number, key.column, "unknown key '\(key.text)'")
                }
                continue
            }
            let head = line.tokens[0]
            let node: NodeBuilder
            switch head.text {
            case "pane":
                guard line.tokens.count == 2 else { throw fail(line.number, head.column, "'pane' takes one name: alerts, units, stock or drills") }
                let arg = line.tokens[1]
                guard let kind = PaneKind(rawValue: arg.text) else {
                    throw fail(line.number, arg.column, "unknown pane '\(arg.text)' (alerts, units, stock, drills)")
                }
                if let first = seenPanes[kind] {
                    throw fail(line.number, arg.column, "pane '\(arg.text)' appears twice (first on line \(first))")
                }
                seenPanes[kind] = line.number
                node = NodeBuilder(.pane(kind), line: line.number, column: head.column)
            case "tabs":
                guard line.tokens.count == 1 else { throw fail(line.number, line.tokens[1].column, "'tabs' takes no arguments; list its panes indented below") }
                node = NodeBuilder(.tabs, line: line.number, column: head.column)
            case "split":
                guard line.tokens.count >= 2 else { throw fail(line.number, head.column, "'split' needs 'rows' or 'cols' and a size per child") }
                let axisToken = line.tokens[1]
                guard let axis = SplitAxis(rawValue: axisToken.text) else {
                    throw fail(line.number, axisToken.column, "unknown split direction '\(axisToken.text)' (rows or cols)")
                }
                let sizeTokens = Array(line.tokens.dropFirst(2))
                guard !sizeTokens.isEmpty else { throw fail(line.number, axisToken.column, "'split' needs a size per child (N%, N, * or N*)") }
                var sizes: [LayoutSize] = []
                for t in sizeTokens {
                    guard let s = parseSize(t.text) else {
                        throw fail(line.number, t.column, "bad size '\(t.text)' (N% of the space, N cells, * or N* to fill)")
                    }
                    sizes.append(s)
                }
                let percents = sizes.compactMap { if case .percent(let p) = $0 { p } else { nil } }
                let sum = percents.reduce(0, +)
                if percents.count == sizes.count, sum != 100 {
                    throw fail(line.number, sizeTokens[0].column, "percentages add up to \(sum), not 100")
                }
                if sum > 100 { throw fail(line.number, sizeTokens[0].column, "percentages add up to \(sum), more than 100") }
                node = NodeBuilder(.split(axis, sizes, sizeColumn: sizeTokens[0].column), line: line.number, column: head.column)
            default:
                throw fail(line.number, head.column, "unknown line '\(head.text)' (expected a setting, 'split', 'tabs' or 'pane')")
            }

            guard line.indent % 2 == 0 else {
                throw fail(line.number, line.indent + 1, "bad indentation: indent by 2 spaces per level")
            }
            let depth = line.indent / 2
            if root == nil {
                guard depth == 0 else { throw fail(line.number, line.indent + 1, "bad indentation: the first node starts at column 1") }
                root = node
                stack = [node]
                continue
            }
            guard depth > 0 else {
                throw fail(line.number, 1, "a layout has one root; put these under a 'split' or 'tabs'")
            }
            guard depth <= stack.count else {
                throw fail(line.number, line.indent + 1, "bad indentation: expected at most \(stack.count * 2) spaces")
            }
            stack.removeLast(stack.count - depth)
            let parent = stack[stack.count - 1]
            switch parent.kind {
            case .pane:
                throw fail(line.number, line.indent + 1, "bad indentation: a 'pane' has nothing inside it")
            case .tabs:
                guard case .pane = node.kind else { throw fail(line.number, head.column, "'tabs' holds only 'pane' lines") }
            case .split: break
            }
            parent.children.append(node)
            stack.append(node)
        }

        guard let min else { throw fail(1, 1, "missing 'min = WIDTHxHEIGHT' (the smallest terminal this layout suits)") }
        guard let root else { throw fail(1, 1, "no panes: add a 'split', 'tabs' or 'pane' line") }

        func build(_ b: NodeBuilder) throws(ConfigError) -> LayoutNode {
            switch b.kind {
            case .pane(let kind):
                return .pane(kind)
            case .tabs:
                guard !b.children.isEmpty else { throw fail(b.line, b.column, "'tabs' needs at least one pane below it") }
                return .tabs(b.children.compactMap { if case .pane(let k) = $0.kind { k } else { nil } })
            case .split(let axis, let sizes, _):
                guard b.children.count == sizes.count else {
                    throw fail(b.line, b.column, "split has \(sizes.count) size\(sizes.count == 1 ? "" : "s") but \(b.children.count) child\(b.children.count == 1 ? "" : "ren")")
                }
                var nodes: [LayoutNode] = []
                for c in b.children { nodes.append(try build(c)) }
                return .split(axis, sizes, nodes)
            }
        }
        return PaneLayout(name: name, description: description, minWidth: min.0, minHeight: min.1, root: try build(root))
    }

    static func parseSize(_ s: String) -> LayoutSize? {
        if s == "*" { return .fill(1) }
        if s.hasSuffix("*"), let w = Int(s.dropLast()), w > 0 { return .fill(w) }
        if s.hasSuffix("%"), let p = Int(s.dropLast()), (1...100).contains(p) { return .percent(p) }
        if let n = Int(s), n > 0, s.allSatisfy(\.isASCII) { return .cells(n) }
        return nil
    }

    static func parseMin(_ s: String) -> (Int, Int)? {
        let parts = s.lowercased().split(whereSeparator: { $0 == "x" || $0 == "×" })
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]) else { return nil }
        return (w, h)
    }
}
