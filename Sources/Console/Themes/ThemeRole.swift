import Model

/// What a piece of the screen means; a theme maps each role to a style.
public enum ThemeRole: String, Sendable, CaseIterable {
    case header = "header"
    case status = "status"
    case statusKey = "status.key"
    case paneBorder = "pane.border"
    case paneBorderFocus = "pane.border.focus"
    case paneTitle = "pane.title"
    case paneTitleFocus = "pane.title.focus"
    case columnHeader = "column.header"
    case row = "row"
    case rowSelected = "row.selected"
    case rowSelectedUnfocused = "row.selected.unfocused"
    case group = "group"
    case alertLevel1 = "alert.level1"
    case alertLevel2 = "alert.level2"
    case alertLevel3 = "alert.level3"
    case alertLevel4 = "alert.level4"
    case newMarker = "new.marker"
    case stockLow = "stock.low"
    case stockExpiring = "stock.expiring"
    case stockNegative = "stock.negative"
    case barFill = "bar.fill"
    case barEmpty = "bar.empty"
    case dim = "dim"
    case dialog = "dialog"
    case dialogField = "dialog.field"
    case dialogFocus = "dialog.focus"
    case error = "error"
    case ok = "ok"
    case tabActive = "tab.active"
    case tabInactive = "tab.inactive"
    case calendarToday = "calendar.today"
    case calendarDrill = "calendar.drill"
    case syncOnline = "sync.online"
    case syncOffline = "sync.offline"

    /// Level cells keep their own style even on the selected row, so the level never disappears.
    var keepsStyleWhenSelected: Bool {
        self == .alertLevel1 || self == .alertLevel2 || self == .alertLevel3 || self == .alertLevel4 || self == .newMarker
    }

    /// The role for an alert level.
    public static func level(_ level: WarningLevel) -> ThemeRole {
        switch level {
        case .red: .alertLevel1
        case .orange: .alertLevel2
        case .yellow: .alertLevel3
        case .blue: .alertLevel4
        }
    }
}
