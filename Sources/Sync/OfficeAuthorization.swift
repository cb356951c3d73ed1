import CentralPostgres
import Foundation
import Model

/// `dutydesk office authorize CODE --key FILE`: the `authorized_keys` line that lets one key sync as one office.
public enum OfficeAuthorization {
    /// `command="EXE serve-sync --store PATH --office CODE",restrict ssh-ed25519 AAAA… comment`.
    /// The forced command pins the office whatever the client asks to run; `restrict` turns off port, agent
    /// and X11 forwarding and the pty.
    public static func authorizedKeysLine(office: RegionCode, keyFile: String, storePath: String,
                                          executable: String = "dutydesk") throws -> String {
        guard let data = FileManager.default.contents(atPath: keyFile),
              let text = String(data: data, encoding: .utf8) else {
            throw SyncError.local("cannot read public key \(keyFile)")
        }
        let fields = text.split(whereSeparator: \.isWhitespace)
        let keyTypes = ["ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
                        "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com"]
        guard fields.count >= 2, keyTypes.contains(String(fields[0])),
              fields[1].allSatisfy({ $0.isLetter || $0.isNumber || "+/=".contains($0) }) else {
            throw SyncError.local("\(keyFile) is not an OpenSSH public key (expected e.g. 'ssh-ed25519 AAAA…'); pass the .pub file")
        }
        guard office > 0 else { throw SyncError.local("bad office code \(office)") }
        for (name, value) in [("store path", storePath), ("executable", executable)] {
            guard !value.contains("\""), !value.contains("\n"), !value.contains("\\") else {
                throw SyncError.local("the \(name) may not contain quotes, backslashes or newlines: \(value)")
            }
        }
        if PGConnection.hasPassword(storePath) {
            throw SyncError.local("the store URL carries a password; keep it in the serving user's ~/.pgpass, not in authorized_keys")
        }
        let command = "\(shellQuote(executable)) serve-sync --store \(shellQuote(storePath)) --office \(office)"
        let comment = fields.count > 2 ? " " + fields[2...].joined(separator: " ") : " dutydesk-office-\(office)"
        return "command=\"\(command)\",restrict \(fields[0]) \(fields[1])\(comment)"
    }
}
