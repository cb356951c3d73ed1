import Foundation
import Model
import Store

extension ConsoleApp {
    /// After one of our own writes: `dataVersion` does not change for our own connection, so reload here.
    func afterWrite() {
        refreshAfterChange()
        lastVersion = (try? data.dataVersion()) ?? lastVersion
        options.syncTrigger?()
    }

    func acknowledgeSelected() {
        guard let alert = selectedAlert else { show(t(.errNothingSelected), error: true); return }
        acknowledge(alert.id)
    }

    func acknowledge(_ id: String) {
        if let row = alertRows.first(where: { $0.id == id }), row.acknowledgedByUs {
            show(t(.alreadyAcknowledged, id), error: true)
            return
        }
        do {
            try data.acknowledge(alertID: id)
            seenAlerts.insert(id)
            afterWrite()
            show(t(.acknowledged, id))
        } catch {
            show(error)
        }
    }

    // MARK: unit status

    func openStatusPicker() {
        guard let unit = selectedUnit else { show(t(.errNothingSelected), error: true); return }
        let options = UnitStatus.allCases.filter { $0 != unit.status || $0.isCommitted }
        let preferred = unit.status == .available || unit.status == .standby ? UnitStatus.dispatched : .available
        overlay = .picker(StatusPicker(unit: unit, options: options, index: options.firstIndex(of: preferred) ?? 0))
    }

    /// A committed or returning status asks which alert (pre-filled); any other is written at once.
    func pickStatus(_ picker: StatusPicker) {
        let status = picker.options[picker.index]
        if status.isCommitted || status == .returning {
            let prefill = status == .returning ? (picker.unit.servingAlert ?? "") : (selectedAlert?.id ?? picker.unit.servingAlert ?? "")
            var input = TextInput(prefill)
            input.initial = ""
            overlay = .form(Form(purpose: .unitAlert(picker.unit, status),
                                 fields: [Form.Field(label: .alertIDField, value: .text(input))]))
            return
        }
        overlay = nil
        setStatus(picker.unit, status, alert: nil, form: nil)
    }

    /// Validates with the model's rules, then writes; a refusal keeps the form open with the reason.
    func setStatus(_ unit: UnitRow, _ status: UnitStatus, alert: String?, form: Form?) {
        if let refusal = unit.status.refusal(to: status, alert: alert) {
            fail(form, refusal.description)
            return
        }
        do {
            try data.setUnitStatus(unitID: unit.id, to: status, alertID: alert)
            overlay = nil
            afterWrite()
            show(t(.statusSet, unit.name, t.name(status)))
        } catch {
            fail(form, "\(error)")
        }
    }

    /// An error for a form: inline when the form is open (it stays open), else in the status bar.
    func fail(_ form: Form?, _ text: String) {
        if var form {
            form.error = text
            overlay = .form(form)
        }
        show(text, error: true)
    }

    // MARK: stock

    func openStockForm(_ kind: MovementKind) {
        guard let row = selectedStock else { show(t(.errNothingSelected), error: true); return }
        var fields = [Form.Field(label: .quantity, value: .text(TextInput())), Form.Field(label: .reason, value: .text(TextInput()))]
        // An issue may be for an alert: it then shows in the alert's timeline.
        if kind == .issue { fields.append(Form.Field(label: .alertIDField, value: .text(TextInput()))) }
        overlay = .form(Form(purpose: .stock(kind, row), fields: fields))
    }

    /// Parses a quantity typed in the dialog: digits only (full-width digits accepted).
    func parseQuantity(_ text: String) -> Int64? {
        let ascii = String(text.trimmingCharacters(in: .whitespaces).unicodeScalars.map { s -> Character in
            (0xFF10...0xFF19).contains(s.value) ? Character(Unicode.Scalar(s.value - 0xFF10 + 0x30)!) : Character(s)
        })
        guard !ascii.isEmpty, ascii.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }) else { return nil }
        return Int64(ascii)
    }

    /// Why `quantity` cannot be recorded for `row`, or nil.
    func stockRefusal(_ kind: MovementKind, _ row: StockRow, _ text: String) -> (String?, Int64) {
        guard let q = parseQuantity(text) else { return (t(.errNotNumber), 0) }
        if kind == .countAdjust {
            return q < 0 ? (t(.errNegative), q) : (nil, q)
        }
        if q <= 0 { return (t(.errNotPositive), q) }
        if kind == .issue, q > row.line.quantity { return (t(.errMoreThanOnHand, q, row.line.quantity), q) }
        return (nil, q)
    }

    func recordStock(_ kind: MovementKind, _ row: StockRow, quantity text: String, reason: String, alert: String? = nil,
                     form: Form?) {
        let (refusal, q) = stockRefusal(kind, row, text)
        if let refusal { fail(form, refusal); return }
        // An issue that takes the line below its minimum asks first, over the issue form (filled in from the
        // palette's words when it came from there).
        if kind == .issue, row.line.quantity - q < row.line.minimum, !(form?.confirmed ?? false) {
            let asked = form ?? Form(purpose: .stock(kind, row), fields: [
                Form.Field(label: .quantity, value: .text(TextInput(text))), Form.Field(label: .reason, value: .text(TextInput(reason))),
                Form.Field(label: .alertIDField, value: .text(TextInput(alert ?? ""))),
            ])
            overlay = .confirm(asked, question: t(.belowMinimumAsk, q, row.line.quantity - q, row.line.minimum))
            return
        }
        let reasonText = reason.trimmingCharacters(in: .whitespaces).isEmpty ? "console" : reason
        let uom = row.item.unitOfMeasure[language]
        let item = row.item.names[language]
        do {
            switch kind {
            case .countAdjust:
                try data.countStock(depot: row.line.depot, item: row.line.item, observed: q, reason: reasonText)
                overlay = nil
                afterWrite()
                show(t(.stockCounted, q, uom, row.depot.name) + " · " + item)
            case .issue where alert != nil:
                try data.issueStock(depot: row.line.depot, item: row.line.item, quantity: q, reason: reasonText, alertID: alert!)
                overlay = nil
                afterWrite()
                show(t(.stockIssued, q, uom, row.depot.name) + " · " + item + " · " + alert!)
            default:
                try data.moveStock(depot: row.line.depot, item: row.line.item, kind: kind, quantity: q, reason: reasonText)
                overlay = nil
                afterWrite()
                show(t(kind == .issue ? .stockIssued : .stockReceived, q, uom, row.depot.name) + " · " + item)
            }
        } catch {
            fail(form, "\(error)")
        }
    }

    /// Sends stock from the row's depot to `to` (another office's depot: a request, in transit until it accepts).
    func transferStock(_ row: StockRow, quantity text: String, to: String, reason: String, form: Form) {
        let (refusal, q) = stockRefusal(.issue, row, text)
        if let refusal { fail(form, refusal); return }
        let destination = to.trimmingCharacters(in: .whitespaces)
        guard !destination.isEmpty else { fail(form, t(.errNoDepot)); return }
        do {
            let reasonText = reason.trimmingCharacters(in: .whitespaces).isEmpty ? "console" : reason
            try data.transferStock(from: row.line.depot, to: destination, item: row.line.item, quantity: q, reason: reasonText)
            overlay = nil
            afterWrite()
            show(t(.stockTransferred, q, row.item.unitOfMeasure[language], row.depot.name, destination) + " · " + row.item.names[language])
        } catch {
            fail(form, "\(error)")
        }
    }

    // MARK: drills

    func openDrillForm() {
        let tomorrow = format.date(now.addingTimeInterval(86_400))
        let office = data.identity.office
        overlay = .form(Form(purpose: .drill, fields: [
            Form.Field(label: .fieldTitle, value: .text(TextInput())),
            Form.Field(label: .fieldDate, value: .text(TextInput(tomorrow))),
            Form.Field(label: .fieldHazard, value: .choice(options: Hazard.allCases.map(\.names), index: 0, initial: 0)),
            Form.Field(label: .fieldForm, value: .choice(options: DrillForm.allCases.map(\.names), index: 0, initial: 0)),
            Form.Field(label: .fieldScope, value: .choice(options: DrillScope.allCases.map(\.names), index: 0, initial: 0)),
            Form.Field(label: .fieldRegion, value: .text(TextInput(RegionCatalog.shanxi.name(office, language)))),
            Form.Field(label: .fieldJoint, value: .choice(options: Names.yesNo(), index: 0, initial: 0)),
            Form.Field(label: .fieldDoubleBlind, value: .choice(options: Names.yesNo(), index: 0, initial: 0)),
        ]))
    }

    /// A region typed as a code or a name in either language.
    func parseRegion(_ text: String) -> RegionCode? {
        let s = text.trimmingCharacters(in: .whitespaces)
        if let code = Int(s), RegionCatalog.shanxi[code] != nil { return code }
        let lower = s.lowercased()
        return RegionCatalog.shanxi.regions.first { $0.names.zh == s || $0.names.en.lowercased() == lower }?.code
    }

    func scheduleDrill(_ form: Form) {
        let title = form.fields[0].text.trimmingCharacters(in: .whitespaces)
        guard !title.isEmpty else { fail(form, t(.errTitleEmpty)); return }
        guard let start = format.parseDate(form.fields[1].text) else { fail(form, t(.errBadDate)); return }
        guard let region = parseRegion(form.fields[5].text) else { fail(form, t(.errBadRegion, form.fields[5].text)); return }
        let office = data.identity.office
        let drill = Drill(id: "", title: title, hazard: Hazard.allCases[form.fields[2].choice],
                          form: DrillForm.allCases[form.fields[3].choice], scope: DrillScope.allCases[form.fields[4].choice],
                          joint: form.fields[6].choice == 1, doubleBlind: form.fields[7].choice == 1,
                          organiser: office, region: region, start: start, end: start.addingTimeInterval(4 * 3600))
        do {
            let made = try data.scheduleNewDrill(drill).drill
            overlay = nil
            panes[.drills]!.selectedID = made.id
            afterWrite()
            show(t(.drillScheduled, title))
        } catch {
            fail(form, "\(error)")
        }
    }

    func submit(_ form: Form) {
        switch form.purpose {
        case .stock(let kind, let row):
            let alert = form.fields.count > 2 ? form.fields[2].text.trimmingCharacters(in: .whitespaces) : ""
            recordStock(kind, row, quantity: form.fields[0].text, reason: form.fields[1].text,
                        alert: alert.isEmpty ? nil : alert, form: form)
        case .transfer(let row):
            transferStock(row, quantity: form.fields[0].text, to: form.fields[1].text, reason: form.fields[2].text, form: form)
        case .unitAlert(let unit, let status):
            let alert = form.fields[0].text.trimmingCharacters(in: .whitespaces)
            setStatus(unit, status, alert: alert.isEmpty ? nil : alert, form: form)
        case .drill:
            scheduleDrill(form)
        case .takeOver:
            takeOver(form)
        }
    }
}
