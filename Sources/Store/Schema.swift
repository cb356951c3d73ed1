/// The SQL of each migration step. Everything a pane filters or sorts on is a maintained column with an index;
/// nothing a query needs is computed from the event log.
enum Schema {
    static let core = """
    CREATE TABLE meta(key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE migrations(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms INTEGER NOT NULL);
    -- Append-only. (device, seq) is the global event id; `id` is local arrival order and what other tables cite.
    CREATE TABLE events(
        id INTEGER PRIMARY KEY,
        device INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        office INTEGER NOT NULL,
        operator TEXT NOT NULL,
        hlc_wall INTEGER NOT NULL,
        hlc_counter INTEGER NOT NULL,
        hlc_node INTEGER NOT NULL,
        kind TEXT NOT NULL,
        payload BLOB NOT NULL,
        UNIQUE(device, seq)
    );
    -- The sync queue: this device's events not yet acknowledged by the central store, seq gap-free.
    CREATE TABLE outbox(seq INTEGER PRIMARY KEY, event INTEGER NOT NULL UNIQUE REFERENCES events(id));
    """

    static let state = """
    -- One row per original alert id; the shown fields come from the message with the latest HLC.
    -- messages = 0 marks a stub made by an acknowledgment or unit that arrived before any message.
    CREATE TABLE alerts(
        id TEXT PRIMARY KEY NOT NULL,
        messages INTEGER NOT NULL DEFAULT 0,
        msg_hlc TEXT,
        level INTEGER NOT NULL DEFAULT 4,
        hazard TEXT NOT NULL DEFAULT '',
        headline TEXT NOT NULL DEFAULT '',
        description TEXT NOT NULL DEFAULT '',
        instruction TEXT NOT NULL DEFAULT '',
        sender TEXT NOT NULL DEFAULT '',
        event TEXT NOT NULL DEFAULT '',
        areas TEXT NOT NULL DEFAULT '',
        area_desc TEXT NOT NULL DEFAULT '',
        sent INTEGER NOT NULL DEFAULT 0,
        expires INTEGER,
        received INTEGER,
        cancelled INTEGER NOT NULL DEFAULT 0,
        resolved INTEGER NOT NULL DEFAULT 0,
        ack_count INTEGER NOT NULL DEFAULT 0,
        responding INTEGER NOT NULL DEFAULT 0,
        search TEXT NOT NULL DEFAULT '',
        open INTEGER GENERATED ALWAYS AS (messages > 0 AND cancelled = 0 AND resolved = 0) VIRTUAL,
        expires_key INTEGER GENERATED ALWAYS AS (coalesce(expires, 9223372036854775807)) VIRTUAL
    );
    -- Every CAP message by its own identifier (insert-only), and the alert it folds into.
    CREATE TABLE alert_messages(
        id TEXT PRIMARY KEY NOT NULL,
        alert TEXT NOT NULL,
        msg_type TEXT NOT NULL,
        event INTEGER NOT NULL REFERENCES events(id)
    ) WITHOUT ROWID;
    CREATE INDEX alert_messages_alert ON alert_messages(alert);
    -- Each area of each message and all its ancestors: "alerts inside region R" is one index range.
    CREATE TABLE alert_regions(
        region INTEGER NOT NULL,
        alert TEXT NOT NULL,
        direct INTEGER NOT NULL,
        PRIMARY KEY(region, alert)
    ) WITHOUT ROWID;
    -- Add-only set.
    CREATE TABLE acks(
        alert TEXT NOT NULL,
        office INTEGER NOT NULL,
        operator TEXT NOT NULL,
        event INTEGER NOT NULL REFERENCES events(id),
        PRIMARY KEY(alert, office, operator)
    ) WITHOUT ROWID;
    -- Per-field last-writer-wins: each field's value and the HLC that wrote it. Fields starting with _ are
    -- bookkeeping (_owner: first writer wins; _retired: tombstone, sticky).
    CREATE TABLE record_fields(
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        field TEXT NOT NULL,
        value TEXT NOT NULL,
        hlc TEXT NOT NULL,
        PRIMARY KEY(kind, id, field)
    ) WITHOUT ROWID;
    CREATE TABLE offices(
        code INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_en TEXT NOT NULL,
        retired INTEGER NOT NULL DEFAULT 0
    );
    -- kind IS NULL: a unit known only from status events so far.
    CREATE TABLE units(
        id TEXT PRIMARY KEY NOT NULL,
        kind TEXT,
        name TEXT NOT NULL DEFAULT '',
        region INTEGER NOT NULL DEFAULT 0,
        owner INTEGER NOT NULL DEFAULT 0,
        strength INTEGER NOT NULL DEFAULT 0,
        contact TEXT NOT NULL DEFAULT '',
        r_province INTEGER NOT NULL DEFAULT 0,
        r_city INTEGER NOT NULL DEFAULT 0,
        r_county INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'available',
        status_hlc TEXT,
        status_changed INTEGER NOT NULL DEFAULT 0,
        serving_alert TEXT,
        retired INTEGER NOT NULL DEFAULT 0,
        search TEXT NOT NULL DEFAULT '',
        status_rank INTEGER GENERATED ALWAYS AS (CASE status
            WHEN 'onScene' THEN 0 WHEN 'enRoute' THEN 1 WHEN 'dispatched' THEN 2 WHEN 'returning' THEN 3
            WHEN 'standby' THEN 4 WHEN 'available' THEN 5 WHEN 'training' THEN 6 ELSE 7 END) VIRTUAL
    ) WITHOUT ROWID;
    CREATE TABLE depots(
        id TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        level TEXT NOT NULL,
        region INTEGER NOT NULL,
        owner INTEGER NOT NULL,
        retired INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE items(
        id TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        name_en TEXT NOT NULL,
        category TEXT NOT NULL,
        uom TEXT NOT NULL,
        uom_en TEXT NOT NULL,
        retired INTEGER NOT NULL DEFAULT 0
    );
    -- quantity is the running sum of the line's movement deltas; the depot and item columns are copies kept
    -- in step with their records so the stock pane filters on one table.
    CREATE TABLE stock_lines(
        depot TEXT NOT NULL,
        item TEXT NOT NULL,
        quantity INTEGER NOT NULL DEFAULT 0,
        movements INTEGER NOT NULL DEFAULT 0,
        minimum INTEGER NOT NULL DEFAULT 0,
        expires INTEGER,
        retired INTEGER NOT NULL DEFAULT 0,
        depot_level TEXT,
        depot_retired INTEGER NOT NULL DEFAULT 0,
        category TEXT,
        item_retired INTEGER NOT NULL DEFAULT 0,
        region INTEGER NOT NULL DEFAULT 0,
        r_province INTEGER NOT NULL DEFAULT 0,
        r_city INTEGER NOT NULL DEFAULT 0,
        r_county INTEGER NOT NULL DEFAULT 0,
        fill REAL GENERATED ALWAYS AS (CASE WHEN minimum > 0 THEN CAST(quantity AS REAL) / minimum ELSE 1e300 END) VIRTUAL,
        below INTEGER GENERATED ALWAYS AS (quantity < minimum) VIRTUAL,
        expires_key INTEGER GENERATED ALWAYS AS (coalesce(expires, 9223372036854775807)) VIRTUAL,
        PRIMARY KEY(depot, item)
    ) WITHOUT ROWID;
    -- Append-only audit list of movements, clustered by line for its history (the deltas are also in the events).
    CREATE TABLE movements(
        depot TEXT NOT NULL,
        item TEXT NOT NULL,
        event INTEGER NOT NULL REFERENCES events(id),
        delta INTEGER NOT NULL,
        kind TEXT NOT NULL,
        transfer TEXT,
        PRIMARY KEY(depot, item, event)
    ) WITHOUT ROWID;
    CREATE TABLE drills(
        id TEXT PRIMARY KEY NOT NULL,
        title TEXT NOT NULL,
        hazard TEXT NOT NULL,
        form TEXT NOT NULL,
        scope TEXT NOT NULL,
        joint INTEGER NOT NULL,
        double_blind INTEGER NOT NULL,
        organiser INTEGER NOT NULL,
        region INTEGER NOT NULL,
        r_province INTEGER NOT NULL,
        r_city INTEGER NOT NULL,
        r_county INTEGER NOT NULL,
        start_s INTEGER NOT NULL,
        end_s INTEGER NOT NULL,
        units TEXT NOT NULL,
        status TEXT NOT NULL,
        evaluation TEXT NOT NULL,
        retired INTEGER NOT NULL DEFAULT 0,
        search TEXT NOT NULL
    );
    """

    static let paneIndexes = """
    CREATE INDEX alerts_level_sent ON alerts(level, sent DESC, id DESC);
    CREATE INDEX alerts_sent ON alerts(sent, id);
    CREATE INDEX alerts_active ON alerts(open, expires_key);
    CREATE INDEX units_kind ON units(kind, name);
    CREATE INDEX units_status ON units(status_rank, status_changed);
    CREATE INDEX units_name ON units(name);
    CREATE INDEX units_recent ON units(status_changed);
    -- One index serves both "below minimum" and the shortage order (below minimum ⇔ fill < 1).
    CREATE INDEX stock_lines_shortage ON stock_lines(below DESC, fill, depot, item);
    CREATE INDEX stock_lines_item ON stock_lines(item, depot);
    CREATE INDEX stock_lines_expiry ON stock_lines(expires_key, depot, item);
    CREATE INDEX drills_start ON drills(start_s, id);
    """

    /// Units sorted by kind follow `UnitKind.allCases` (fire and rescue, professional teams, aviation,
    /// volunteers, military), not the alphabetical order of the raw values. The query orders by this very
    /// expression so SQLite can walk the index on it. Spelled out rather than built from `allCases`, so the
    /// shipped step never changes: a new kind sorts last until a new step adds an index on a new expression.
    static let unitKindRank = """
        CASE kind WHEN 'fireRescue' THEN 0 WHEN 'mineRescue' THEN 1 WHEN 'hazmat' THEN 2 WHEN 'floodRescue' THEN 3 \
        WHEN 'earthquakeGeo' THEN 4 WHEN 'forestFire' THEN 5 WHEN 'medical' THEN 6 WHEN 'utilities' THEN 7 \
        WHEN 'helicopter' THEN 8 WHEN 'fixedWing' THEN 9 WHEN 'drone' THEN 10 WHEN 'volunteer' THEN 11 \
        WHEN 'military' THEN 12 ELSE 13 END
        """
    static let unitKindRankIndex = "CREATE INDEX units_kind_rank ON units((\(unitKindRank)), name);"

    /// The movement audit list in arrival order (keyed by its event's row id) instead of clustered by line:
    /// ingest appends to it instead of dirtying a page per movement all over a table that grows with the
    /// history, which made every batch commit write most of that table again. Same rows, same columns; nothing
    /// reads it by line (a line's history, when a pane wants one, can take an index on (depot, item, event)).
    static let movementsByEvent = """
    CREATE TABLE movements_by_event(
        event INTEGER PRIMARY KEY REFERENCES events(id),
        depot TEXT NOT NULL,
        item TEXT NOT NULL,
        delta INTEGER NOT NULL,
        kind TEXT NOT NULL,
        transfer TEXT
    );
    INSERT INTO movements_by_event(event, depot, item, delta, kind, transfer)
        SELECT event, depot, item, delta, kind, transfer FROM movements ORDER BY event;
    DROP TABLE movements;
    ALTER TABLE movements_by_event RENAME TO movements;
    """

    /// The movements table copied every stock event's depot, item, delta and kind out of the event log, keyed by
    /// the event: it answered nothing the log does not, and writing it cost a fifth of batched ingest. The log is
    /// the audit trail; `check` now sums each line's deltas from the stock events themselves.
    static let dropMovements = "DROP TABLE movements;"

    /// The shortage order indexed only where it matters: lines below their minimum, by fill. The old index held
    /// every line by fill, so each movement moved its line's entry — an eighth of batched ingest — to keep the
    /// order of lines nobody needs ranked; lines at or above minimum now follow their key (depot, item).
    static let shortLinesIndex = """
    DROP INDEX stock_lines_shortage;
    CREATE INDEX stock_lines_short ON stock_lines(fill, depot, item) WHERE quantity < minimum;
    """

    /// Text filters walk the alerts in severity order testing `search`; carrying it (and `messages`) in the index
    /// tests each alert without reading its wide row (2.5× faster at a million events). Units of one kind in
    /// status order come straight from an index instead of a sort of every unit of that kind, and so do the lines of
    /// one category in depot order.
    static let filterIndexes = """
    DROP INDEX alerts_level_sent;
    CREATE INDEX alerts_level_sent ON alerts(level, sent DESC, id DESC, messages, search);
    CREATE INDEX units_kind_status ON units(kind, status_rank, status_changed);
    CREATE INDEX stock_lines_category ON stock_lines(category, depot, item);
    """

    /// Events the centre refused (kept in the log, their effect undone) and transfers between depots, each half
    /// filling in its side so stock in transit stays visible.
    static let rejectionsAndTransfers = """
    CREATE TABLE rejections(
        event INTEGER PRIMARY KEY REFERENCES events(id),
        reason TEXT NOT NULL,
        at_ms INTEGER NOT NULL,
        acknowledged INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE transfers(
        id TEXT PRIMARY KEY NOT NULL,
        item TEXT NOT NULL,
        quantity INTEGER NOT NULL,
        from_depot TEXT,
        to_depot TEXT,
        out_event INTEGER REFERENCES events(id),
        in_event INTEGER REFERENCES events(id),
        reason TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX transfers_pending ON transfers(to_depot) WHERE in_event IS NULL;
    """

    /// A count is an observation at its time (issue 8): a counted line is its latest count (by HLC) plus the
    /// movements stamped after it. `stock_counts` holds, per counted line, that count and the sum of the movements
    /// after it (the line's quantity is count_qty + after_count); a line never counted has no row and stays the sum
    /// of its movements. A count that arrives after movements stamped later than it reads them back from the log,
    /// by the partial index on stock events' clocks (appended in near clock order, so cheap to keep).
    static let stockCounts = """
    CREATE TABLE stock_counts(
        depot TEXT NOT NULL,
        item TEXT NOT NULL,
        count_hlc TEXT NOT NULL,
        count_qty INTEGER NOT NULL,
        after_count INTEGER NOT NULL,
        PRIMARY KEY(depot, item)
    ) WITHOUT ROWID;
    CREATE INDEX events_stock_clock ON events(hlc_wall) WHERE kind = 'stock';
    """

    /// The duty log reads events in clock order; shifts are found by office among the few shift events; a timeline
    /// reads an alert's linked events (acknowledgments, unit moves, notes) through `event_alerts`.
    static let dutyLog = """
    CREATE INDEX events_clock ON events(hlc_wall, hlc_counter, hlc_node);
    CREATE INDEX events_shifts ON events(office, hlc_wall, hlc_counter, hlc_node) WHERE kind = 'shift';
    CREATE TABLE event_alerts(
        alert TEXT NOT NULL,
        event INTEGER NOT NULL REFERENCES events(id),
        PRIMARY KEY(alert, event)
    ) WITHOUT ROWID;
    """

    /// One clock index instead of two, keyed by the wall time alone. Every event paid for `events_clock` (wall,
    /// counter, node: 27 bytes an entry) and every stock event for `events_stock_clock` too; the duty log orders the
    /// few events sharing a millisecond by counter and node itself, and a count that arrives after later movements
    /// reads them through this index (`INDEXED BY`, so the planner never takes the rowid range instead), testing the
    /// kind on the row: all kinds from the count's time on rather than stock events only, for a case that is rare.
    static let oneClockIndex = """
    DROP INDEX events_stock_clock;
    DROP INDEX events_clock;
    CREATE INDEX events_clock ON events(hlc_wall);
    """

}
