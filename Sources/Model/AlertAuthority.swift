/// Who may issue, update or cancel an alert (DESIGN.md, alert row): an alert belongs to the office that issued
/// its original message; an Update or Cancel is accepted only from that office or a superior one (an office whose
/// jurisdiction holds the issuer). The same rule runs where a message is typed or imported and at the centre.
public enum AlertAuthority {
    /// Why `office` may not send message `a`, or nil when it may. `issuer(key)` gives the issuing office of the
    /// alert a stored message key belongs to, or nil when the key is unknown where the rule runs.
    public static func refusal(_ a: Alert, by office: RegionCode,
                               issuer: (String) throws -> RegionCode?) rethrows -> String? {
        let own = a.messageID
        if a.isOriginal {
            // The same triplet from another office is that office's message, not a new one of ours.
            if let holder = try issuer(own.key), holder != office {
                return "office \(office) may not issue message \(own.reference): it was issued by office \(holder)"
            }
            return nil
        }
        let verb = a.msgType == .cancel ? "cancel" : "update"
        for ref in a.references where CAPMessageID(reference: ref) == nil {
            return "message \(own.reference) references '\(ref)', which is neither a CAP sender,identifier,sent triplet nor an alert known here"
        }
        let refs = a.referencedIDs
        guard let root = refs.min() else { return nil }
        guard let owner = try issuer(root.key) else {
            return "office \(office) may not \(verb) alert \(root.reference): it is not known here, so its issuer is not either"
        }
        for ref in refs {
            let holder = ref == root ? owner : try issuer(ref.key) ?? owner
            if !Region.isWithin(holder, office) {
                return "office \(office) may not \(verb) alert \(ref.reference) (issued by \(holder)); only its issuer or a superior office may"
            }
        }
        return nil
    }
}
