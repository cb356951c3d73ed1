import Foundation
import Console

/// Where themes and layouts are looked up: the user's XDG config directory, then the built-in set.
enum ConfigFiles {
    static func searchPaths() -> (themes: [String], layouts: [String]) {
        let home = builtinHome()
        return (ConfigPaths.searchPaths("themes", builtInDirectory: home.map { $0 + "/Themes" }),
                ConfigPaths.searchPaths("layouts", builtInDirectory: home.map { $0 + "/Layouts" }))
    }

    /// `DUTYDESK_HOME`, or the checkout the binary was built in (…/.build/<config>/dutydesk → …).
    /// Nil means the copies compiled into the binary are used.
    static func builtinHome() -> String? {
        let fm = FileManager.default
        if let h = ProcessInfo.processInfo.environment["DUTYDESK_HOME"], fm.fileExists(atPath: h + "/Themes") { return h }
        var dir = (SyncCommands.selfExecutable() as NSString).deletingLastPathComponent
        for _ in 0..<4 {
            if fm.fileExists(atPath: dir + "/Themes") && fm.fileExists(atPath: dir + "/Layouts") { return dir }
            dir = (dir as NSString).deletingLastPathComponent
        }
        return nil
    }

    /// Problems in theme and layout files, as `file:line:column: message`.
    static func validate(themes: Bool, layouts: Bool) -> [String] {
        let p = searchPaths()
        return validateConfigs(themeDirs: themes ? p.themes : [], layoutDirs: layouts ? p.layouts : []).map(\.description)
            + (themes ? ThemeContrast.problems(themeDirs: p.themes) : [])
    }
}
