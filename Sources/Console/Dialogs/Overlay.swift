import Model
import Store

/// What sits on top of the panes and takes the keys.
enum Overlay {
    /// Typing a filter for a pane; Enter keeps it, Esc clears it.
    case filter(PaneKind)
    case palette(TextInput)
    case help(scroll: Int)
    case detail(PaneKind, scroll: Int)
    case picker(StatusPicker)
    case form(Form)
    /// "Discard unsaved input?" over the form it came from.
    case confirmQuit(Form)
    /// A line typed in the status bar for a duty action (a note, an undo's reason).
    case line(LineInput)
    /// The duty log, or one alert's or operator's part of it.
    case log(LogView)
    /// The shift's handover record.
    case handover(HandoverView)
    /// A yes/no question over the form that asked it ("this issue takes the line below its minimum").
    case confirm(Form, question: String)
    /// Search hits, the depots nearest an alert, or duty phones (`ListView`).
    case list(ListView)
}

/// A single-line text field (appending at the end; Backspace removes the last character).
struct TextInput: Equatable {
    var text = ""
    var initial = ""
    init(_ text: String = "") { self.text = text; self.initial = text }
    var isEdited: Bool { text != initial }

    mutating func type(_ s: String) {
        // Pasted or typed text is one line: a pasted line break or tab becomes a space (never Enter), and no
        // other control character gets in.
        var kept = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            if scalar == "\n" || scalar == "\r" || scalar == "\t" {
                kept.append(" ")
            } else if scalar.value >= 0x20, scalar.value != 0x7F, !(0x80..<0xA0).contains(scalar.value) {
                kept.append(scalar)
            }
        }
        text += String(kept)
    }
    mutating func backspace() { if !text.isEmpty { text.removeLast() } }
}

/// The status list `u` opens for the selected unit.
struct StatusPicker: Equatable {
    var unit: UnitRow
    var options: [UnitStatus]
    var index: Int
}

/// A dialog of fields that writes one event when submitted.
struct Form {
    enum Purpose {
        case stock(MovementKind, StockRow)
        /// Stock sent from the row's depot to another (quantity, destination depot, reason).
        case transfer(StockRow)
        case unitAlert(UnitRow, UnitStatus)
        case drill
        /// The incoming officer acknowledges the handover (officer, leader).
        case takeOver
    }

    struct Field {
        enum Value {
            case text(TextInput)
            case choice(options: [Names], index: Int, initial: Int)
        }
        var label: S
        var value: Value

        var isEdited: Bool {
            switch value {
            case .text(let input): input.isEdited
            case .choice(_, let index, let initial): index != initial
            }
        }
        var text: String {
            if case .text(let input) = value { return input.text }
            return ""
        }
        var choice: Int {
            if case .choice(_, let index, _) = value { return index }
            return 0
        }
    }

    var purpose: Purpose
    var fields: [Field]
    var focus = 0
    /// The operator answered yes to the form's question (an issue below the line's minimum).
    var confirmed = false
    /// Shown inline; the dialog stays open until fixed or cancelled.
    var error: String?

    /// True when closing the form would lose something the operator typed or chose.
    var holdsInput: Bool { fields.contains(where: \.isEdited) }

    mutating func type(_ s: String) {
        guard case .text(var input) = fields[focus].value else { return }
        input.type(s)
        fields[focus].value = .text(input)
        error = nil
    }

    mutating func backspace() {
        guard case .text(var input) = fields[focus].value else { return }
        input.backspace()
        fields[focus].value = .text(input)
    }

    mutating func cycle(_ step: Int) {
        guard case .choice(let options, let index, let initial) = fields[focus].value else { return }
        fields[focus].value = .choice(options: options, index: (index + step + options.count) % options.count, initial: initial)
    }

    mutating func move(_ step: Int) { focus = (focus + step + fields.count) % fields.count }
}

extension Names {
    static func yesNo() -> [Names] { [Names(zh: "否", en: "no"), Names(zh: "是", en: "yes")] }
}
