import Model
import Store

/// What a pane brings to the console (as tig's `view_ops`): its name and key hints, its sort orders, how it loads its
/// rows (and their ids), its table, the details of its selected row and what its title adds. `PaneKind.model` is the
/// one place a kind is mapped to its model; `ConsoleApp` calls the model instead of switching on the kind.
struct PaneModel: Sendable {
    var name: S
    var hints: S
    /// The names of its sort orders, in the order `s` cycles them.
    var sortKeys: [String]
    /// Runs the pane's query into the app's rows (the pane state's sort, limit; the filter text) and returns their ids.
    var load: @Sendable (ConsoleApp, inout PaneState, _ text: String?) throws -> [String]
    var table: @Sendable (ConsoleApp, PaneState, _ width: Int, DrawContext) -> ([Column], [TableRow])
    /// The selected row's details (label, value).
    var detail: @Sendable (ConsoleApp, DrawContext) -> [(String, String)]
    /// What the title says besides the count, the sort and the filter.
    var titleExtras: @Sendable (ConsoleApp) -> [String] = { _ in [] }
}

extension PaneKind {
    var model: PaneModel {
        switch self {
        case .alerts: AlertsPane.model
        case .units: UnitsPane.model
        case .stock: StockPane.model
        case .drills: DrillsPane.model
        }
    }
}

extension ConsoleApp {
    /// Fetches one row past the pane's limit to learn whether there are more, then drops it.
    func page<Row>(_ st: inout PaneState, _ fetch: (Int) throws -> [Row]) rethrows -> [Row] {
        var rows = try fetch(st.limit + 1)
        st.hasMore = rows.count > st.limit
        if st.hasMore { rows.removeLast() }
        return rows
    }

    /// The row at `index` when there is one.
    static func row<Row>(_ rows: [Row], _ index: Int) -> Row? { rows.indices.contains(index) ? rows[index] : nil }
}

/// A store query a pane pages through: a sort order the pane's `s` cycles, the filter text, a row limit.
protocol PaneQuery {
    associatedtype Order: CaseIterable
    var sort: Order { get set }
    var text: String? { get set }
    var limit: Int { get set }
}

extension AlertQuery: PaneQuery {}
extension UnitQuery: PaneQuery {}
extension StockQuery: PaneQuery {}

extension ConsoleApp {
    /// Runs `query` with the pane's sort order and filter text, a page at a time (see `page`).
    func load<Query: PaneQuery, Row>(_ query: Query, _ st: inout PaneState, _ text: String?,
                                     _ fetch: (Query) throws -> [Row]) rethrows -> [Row] {
        var q = query
        let orders = Array(Query.Order.allCases)
        q.sort = orders[st.sort % orders.count]
        q.text = text
        return try page(&st) { q.limit = $0; return try fetch(q) }
    }
}
