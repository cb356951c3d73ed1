import Curses
import Foundation
import Model
import Screen
import Store

/// Entry point: parse the command, run it, map errors to one line on stderr and an exit status.
@main
enum DutyDesk {
    static let version = "0.1.0"

    static func main() {
        var args = Arguments(Array(CommandLine.arguments.dropFirst()))
        let status: Int32
        do {
            try run(&args)
            // A console stopped by SIGTERM or SIGHUP reports it the way a shell expects: 128 + the signal.
            let signal = Terminal.terminationSignal
            status = signal == 0 ? 0 : 128 + signal
        } catch let e as UsageError {
            printError(say(.usageLine, e.description))
            status = 2
        } catch {
            printError(say(.errorLine, oneLine(error)))
            status = 1
        }
        // Everything was closed explicitly (store, terminal); flush stdio and leave without running atexit
        // handlers, which have been seen to hang a console whose terminal was already handed back.
        fflush(nil)
        _exit(status)
    }

    static func run(_ args: inout Arguments) throws {
        if args.flag("--version") { print("dutydesk \(version)"); return }
        if args.isEmpty || args.flag("--help") || args.flag("-h") { print(Help.text); return }
        let command = try args.command(generalOptions: ["--db", "--lang", "--theme", "--layout", "--remote"])
        guard let entry = CLICommand.named(command) else { throw UsageError(.unknownCommand, command) }
        try entry.run(command, &args)
    }
}

/// One line on stderr, made safe for a terminal: an error often quotes what the user or a file gave
/// (a word on the command line, an office name, a CAP field), and that may hold escape sequences.
func printError(_ s: String) {
    FileHandle.standardError.write(Data((Sanitizer.clean(s) + "\n").utf8))
}

/// Every line this program prints goes through here rather than the standard library's `print`: data text
/// (names, ids, reasons, headlines) reaches stdout in messages all over the CLI, and a sequence in any of
/// it would retitle the window or clear the screen. Lines are kept; each is cleaned of controls, escape
/// sequences and bidi overrides. JSON output is already escaped and passes unchanged.
func print(_ text: String) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Sanitizer.clean(String($0)) }
    Swift.print(lines.joined(separator: "\n"))
}

/// An error's message on one line (no control characters), for stderr.
func oneLine(_ error: any Error) -> String {
    Sanitizer.clean(String(describing: error))
}
