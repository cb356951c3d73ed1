import Foundation
import Model

/// Times, ages and areas as the panes show them, in the console's time zone and language.
struct Format {
    var catalog: Catalog
    var timeZone: TimeZone

    private var calendar: Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = timeZone
        return c
    }

    /// Local civil time of `date`, by arithmetic on the zone's offset (Howard Hinnant's days-to-civil): the panes
    /// format a date per row per frame, and Calendar's component machinery was a third of a keypress's work.
    private func parts(_ date: Date) -> (year: Int?, month: Int?, day: Int?, hour: Int?, minute: Int?) {
        let local = localSeconds(date)
        let days = Format.days(local)
        let second = local - days * 86_400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day, second / 3600, second % 3600 / 60)
    }

    /// Seconds since the epoch on the local wall clock.
    private func localSeconds(_ date: Date) -> Int {
        Int(date.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: date)
    }

    /// The local calendar day of `date`, as days since 1970-01-01.
    private func dayNumber(_ date: Date) -> Int { Format.days(localSeconds(date)) }

    /// Whole days in `seconds`, rounded down (also before 1970).
    private static func days(_ seconds: Int) -> Int { seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400 }

    private func two(_ n: Int?) -> String { let v = n ?? 0; return v < 10 ? "0\(v)" : "\(v)" }

    /// `HH:MM`.
    func clock(_ date: Date) -> String { let p = parts(date); return two(p.hour) + ":" + two(p.minute) }

    /// `MM-DD HH:MM`.
    func dayTime(_ date: Date) -> String {
        let p = parts(date); return two(p.month) + "-" + two(p.day) + " " + two(p.hour) + ":" + two(p.minute)
    }

    /// `MM-DD HH:MM:SS`.
    func dayTimeSeconds(_ date: Date) -> String {
        let s = localSeconds(date)
        return dayTime(date) + ":" + two((s % 60 + 60) % 60)
    }

    /// `YYYY-MM-DD`.
    func date(_ date: Date) -> String { let p = parts(date); return "\(p.year ?? 0)-" + two(p.month) + "-" + two(p.day) }

    /// `YYYY-MM-DD HH:MM`.
    func dateTime(_ d: Date) -> String { date(d) + " " + clock(d) }

    /// How long ago: `now`, `5m`, `3h`, `2d` (`5分钟`, `8小时`, `2天`).
    func age(since date: Date, now: Date) -> String {
        let seconds = max(0, Int(now.timeIntervalSince(date)))
        if seconds < 60 { return catalog(.ageNow) }
        if seconds < 3600 { return catalog(.ageMinutes, seconds / 60) }
        if seconds < 86_400 { return catalog(.ageHours, seconds / 3600) }
        return catalog(.ageDays, seconds / 86_400)
    }

    /// Whole calendar days from `now`'s day to `date`'s day (negative in the past).
    func daysUntil(_ date: Date, now: Date) -> Int {
        dayNumber(date) - dayNumber(now)
    }

    /// `today`, `in 5d`, `3d ago`.
    func relativeDays(_ days: Int) -> String {
        if days == 0 { return catalog(.today) }
        return days > 0 ? catalog(.inDays, days) : catalog(.daysAgo, -days)
    }

    /// The first area's name and `+n` for the rest.
    func areas(_ codes: [RegionCode], fallback: String) -> String {
        guard let first = codes.first else { return fallback }
        let name = RegionCatalog.shanxi.name(first, catalog.language)
        return codes.count > 1 ? name + " +\(codes.count - 1)" : name
    }

    /// Parses `YYYY-MM-DD` as 09:00 local time that day.
    func parseDate(_ text: String) -> Date? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...31).contains(d), y > 1900 else { return nil }
        var c = DateComponents(); c.year = y; c.month = m; c.day = d; c.hour = 9
        guard let date = calendar.date(from: c), calendar.component(.day, from: date) == d else { return nil }
        return date
    }

    /// Year, month (1-12), weekday of the first (0 = Monday) and days in the month of `date`.
    func month(of date: Date) -> (year: Int, month: Int, firstWeekday: Int, days: Int, first: Date) {
        let p = parts(date)
        var c = DateComponents(); c.year = p.year; c.month = p.month; c.day = 1; c.hour = 12
        let first = calendar.date(from: c) ?? date
        let weekday = (calendar.component(.weekday, from: first) + 5) % 7
        let days = calendar.range(of: .day, in: .month, for: first)?.count ?? 30
        return (p.year ?? 0, p.month ?? 1, weekday, days, first)
    }

    func dayOfMonth(_ date: Date) -> Int { parts(date).day ?? 1 }
    func sameMonth(_ a: Date, _ b: Date) -> Bool {
        let x = parts(a), y = parts(b); return x.year == y.year && x.month == y.month
    }
}
