import Foundation
import Testing
import Curses
import Screen

/// A manual check on a real terminal, skipped unless `SCREEN_TTY_DEMO` is set:
/// `SCREEN_TTY_DEMO=1 swift test --filter ttyDemo` inside tmux or a terminal. It draws a demo
/// frame and echoes each decoded key on the last line; `q` (or 30 s idle) ends it.
@Suite(.serialized) struct TerminalDemoTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SCREEN_TTY_DEMO"] != nil))
    func ttyDemo() throws {
        let terminal = try Terminal(inputPath: "/dev/tty", outputPath: "/dev/tty")
        defer { terminal.restore() }
        var lastKey = "none yet"
        var idle = 0
        while !Terminal.terminationRequested && !terminal.inputClosed && idle < 300 {
            terminal.present(Self.frame(size: terminal.size, unicode: terminal.unicode, depth: terminal.colorDepth, lastKey: lastKey))
            guard let key = terminal.readKey(timeoutMilliseconds: 100) else { idle += 1; continue }
            idle = 0
            if key == .char("q") { break }
            lastKey = "\(key)"
        }
    }

    static func frame(size: (width: Int, height: Int), unicode: Bool, depth: ColorDepth, lastKey: String) -> ScreenBuffer {
        var b = ScreenBuffer(width: size.width, height: size.height)
        let (top, rest) = b.bounds.splitTop(1)
        b.fill(top, style: Style(fg: .ansi(15), bg: .indexed(24)))
        b.put("DutyDesk 值班台  \(size.width)×\(size.height)  depth: \(depth)  unicode: \(unicode)", x: 1, y: 0,
              maxWidth: top.width - 2, style: Style(fg: .ansi(15), bg: .indexed(24), attrs: .bold))
        let (body, status) = rest.splitBottom(1)
        let panes = body.split(.horizontal, [.percentage(50), .fill(1)])
        b.drawBox(panes[0], title: "警报 Alerts", style: Style(fg: .ansi(3)), unicode: unicode)
        b.drawBox(panes[1], title: "单位 Units", style: Style(fg: .ansi(6)), unicode: unicode)
        let rows: [(String, Style)] = [
            ("I  红色 Red: 汾河 flood warning Taiyuan", Style(fg: .rgb(255, 0, 0), attrs: .bold)),
            ("II 橙色 Orange: 森林火险 forest fire risk", Style(fg: .rgb(255, 165, 0))),
            ("III 黄色 Yellow: 暴雨 heavy rain", Style(fg: .ansi(11))),
            ("IV 蓝色 Blue: 大风 wind 🚒", Style(fg: .ansi(12))),
            ("evil\u{1b}]0;pwned\u{7}title\u{1b}[2J and e\u{301}", Style(attrs: .underline)),
        ]
        let inner = panes[0].inset(by: 1)
        for (i, row) in rows.enumerated() where i < inner.height {
            b.put(row.0, x: inner.x, y: inner.y + i, maxWidth: inner.width, style: row.1)
        }
        if inner.height > 1 { b.updateStyle(inner.row(1)) { $0.attrs.insert(.reverse) } }
        let units = panes[1].inset(by: 1)
        let names = [("太原消防支队", "available"), ("Datong mine rescue", "en route"), ("晋中 medical", "on scene")]
        for (i, unit) in names.enumerated() where i < units.height {
            let columns = units.row(i).split(.horizontal, [.fill(1), .length(10)])
            b.put(DisplayWidth.pad(unit.0, width: columns[0].width), x: columns[0].x, y: columns[0].y, style: .plain)
            b.put(DisplayWidth.pad(unit.1, width: columns[1].width, alignRight: true), x: columns[1].x, y: columns[1].y,
                  style: Style(fg: .ansi(2), attrs: .dim))
        }
        b.put("last key: \(lastKey)   (q quits)", x: 0, y: status.y, maxWidth: status.width, style: Style(attrs: .italic))
        return b
    }
}
