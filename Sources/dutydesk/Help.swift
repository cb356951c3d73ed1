/// The `--help` text.
enum Help {
    static let text = """
    dutydesk — emergency-management operations console

    USAGE
      dutydesk demo [--scale N] [--seed S] [--theme T] [--layout L] [--lang zh|en] [--plain]
                                          open the console on a fresh demo province (live simulator)
      dutydesk console [--db PATH] [--theme T] [--layout L] [--lang zh|en] [--remote R] [--sync-interval S] [--plain]
                       [--bell on|flash|off] [--unavailable confirm|refuse]
                       [--feed URL]… [--spool DIR]…   (live feeds; also feed/spool lines in $XDG_CONFIG_HOME/dutydesk/feeds.conf)
                                          open the console on a store; --plain (also TERM=dumb): lines for a
                                          screen reader, braille display or teletype (type help there)
      dutydesk init --office CODE --name NAME --operator NAME
                                          create a store for an office (GB/T 2260 region code)
      dutydesk seed --demo [--scale N] [--seed S]
                                          fill the store with the demo Shanxi province
      dutydesk stats                      counts per entity, queue depth, store size
      dutydesk check [--themes] [--layouts] [--deadlines]
                                          integrity check and DutyDesk invariants; theme/layout/deadline files

      dutydesk alerts list [--level I..IV|red..blue] [--state S] [--hazard H] [--region CODE]
                           [--active] [--text T] [--sort severity|newest|oldest] [--limit N] [--json]
      dutydesk alerts ack ALERT-ID
      dutydesk alerts import FILE.xml… | - [--json]   (CAP 1.0–1.2; each message on its own; refusals quarantined, exit 1)
      dutydesk alerts show ID [--json]     (the alert and every message of its chain)
      dutydesk alerts export ID            (the chain as CAP 1.2, importable elsewhere)
      dutydesk alerts watch DIR [--once] [--interval S]   (imports files dropped in DIR; moves them to done/ or quarantine/)
      dutydesk alerts poll URL… [--count N] [--interval S] [--max-backoff S] [--timeout S]
                                  (CAP documents or Atom/RSS indexes; conditional GETs, backoff, health lines)
      dutydesk alerts quarantine list [--json] | show ID [--raw|--json] | retry ID | drop ID
      dutydesk alerts timeline ALERT-ID [--json]   the alert's whole history in time order
      dutydesk alerts steps [ALERT-ID] [--missed] [--json]   duty steps and their deadlines (report, passOn,
                                          relief:AREA), from $XDG_CONFIG_HOME/dutydesk/deadlines or the defaults
      dutydesk alerts done ALERT-ID STEP   mark a duty step done (who and when are recorded)
      dutydesk units list [--kind K] [--status S] [--region CODE] [--text T] [--sort kind|status|name|recent] [--json]
      dutydesk units status UNIT-ID STATUS [--alert ALERT-ID]
      dutydesk units dispatch ALERT-ID UNIT-ID… [--confirm]   several units at once, all or none; --confirm takes
                                          units that are not available (training, returning, serving another alert)
      dutydesk units release ALERT-ID [--list] [--confirm]   this office's units back to the status they had before
                                          the alert (once it is resolved, cancelled or expired; --confirm: before)
      dutydesk stock list [--depot D] [--item I] [--level L] [--category C] [--region CODE] [--low]
                          [--expiring DAYS] [--text T] [--sort shortage|depot|item|expiry] [--json]
      dutydesk stock nearest ALERT-ID ITEM [--limit N] [--json]   depots with the item above minimum, nearest the
                                          alert first (same county, its city, the province, then elsewhere)
      dutydesk stock receive|issue DEPOT ITEM QTY [--reason R] [--alert ID] [--force|--yes]
                                      (--alert: issued for that alert; an issue below the minimum needs --force)
      dutydesk stock transfer FROM-DEPOT TO-DEPOT ITEM QTY [--reason R]
                          (to another office's depot: a request, in transit until that office accepts)
      dutydesk stock transfers [--pending] [--json]
      dutydesk stock accept TRANSFER-ID   receive a transfer sent to one of this office's depots
      dutydesk stock count DEPOT ITEM OBSERVED [--reason R]
      dutydesk search WORDS… [--limit N] [--json]   alerts, units, depots, items, drills and notes holding every
                                          word (中文 too); low / expiring: stock lines; active: active alerts, units out
      dutydesk contacts list [--kind office|depot|unit] [--text T] [--json]   duty phones, the leader on duty
      dutydesk contacts set office|depot|unit ID PHONE [--leader]   (--leader: an office's leader's phone)
      dutydesk drills list [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--status S] [--region CODE] [--json]
      dutydesk drills schedule --title T --date YYYY-MM-DD [--time HH:MM] [--hours H] [--hazard H]
                               [--form tabletop|practical] [--scope single|comprehensive] [--region CODE]
                               [--joint] [--double-blind] [--units U1,U2]
      dutydesk drills update DRILL-ID field=value…   (status, title, evaluation, date, units…)

      dutydesk shift start --officer NAME --leader NAME | shift end | shift show [--json]
      dutydesk log [--shift ID|current] [--since YYYY-MM-DD [--at HH:MM]] [--alert ID] [--operator NAME] [--json]
                                          the duty log (值班日志); default: the shift on, else the last 24 h
      dutydesk note TEXT [--alert ID]     a note in the duty log, optionally on an alert
      dutydesk correct EVENT-ID --reason R   undo a stock movement, unit status, field edit, ack or note (compensating event)
      dutydesk handover [--markdown] [--lang zh|en]   the shift's handover record (交接班)
      dutydesk handover --ack --officer NAME --leader NAME   the incoming officer takes over
      dutydesk rejections [--ack] [--json]  events the centre refused (undone here); --ack marks them seen
      dutydesk sync [--remote ssh://user@host[:port]/path/central.db | PATH]
      dutydesk serve-sync --store PATH [--office CODE]
      dutydesk central init PATH [--demo] [--seed S]
      dutydesk central new-epoch PATH --reason TEXT   (after restoring the central store from a backup)
      dutydesk central prune PATH [--keep N]   (drop superseded entries older than the last N)
      dutydesk central stats PATH   (offices, last contact, log size; PATH may be a postgres:// URL)
      dutydesk office authorize CODE --key FILE --store PATH
      dutydesk bench duty [--events N]    timeline, shift log and handover on a large store
      dutydesk bench shift [--events N]   nearest stock, search and deadlines on a large demo store
      dutydesk bench central [--offices N] [--events N] [--postgres URL]   (concurrent central apply, SQLite vs PostgreSQL)
      dutydesk bench central --pull [--entries N] [--county CODE] [--postgres URL]   (a county's pull from a large log)
      dutydesk bench province [--backend sqlite|postgres] [--offices N] [--hours H] [--events-per-office N] [--workers W]
      dutydesk bench store [--events N] | bench sync | bench fuzz [--frames N] [--seed S]
      dutydesk bench cap [--events N] [--documents N] [--per-document N] | bench cap --large-mb N   (CAP import; one large document, streamed)
      dutydesk bench soak [--trials N] [--seed S] [--keep DIR]

    OPTIONS
      --db PATH      the store (default $XDG_DATA_HOME/dutydesk/store.db)
      --json         one JSON object per line, stable field names
      --help, --version

    Errors go to stderr as one line; usage errors exit 2, other failures 1.
    """
}
