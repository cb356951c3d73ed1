import Foundation
import Model
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
            status = 0
        } catch let e as UsageError {
            printError("dutydesk: \(e.description)  (see dutydesk --help)")
            status = 2
        } catch {
            printError("dutydesk: \(oneLine(error))")
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
        let command = try args.positional("command")
        switch command {
        case "help": print(Help.text)
        case "init": try InitCommand.run(&args)
        case "seed": try SeedCommand.run(&args)
        case "stats": try StatsCommand.run(&args)
        case "check": try CheckCommand.run(&args)
        case "rejections": try RejectionsCommand.run(&args)
        case "alerts": try AlertsCommand.run(&args)
        case "units": try UnitsCommand.run(&args)
        case "stock": try StockCommand.run(&args)
        case "drills": try DrillsCommand.run(&args)
        case "console": try ConsoleCommand.run(&args, demo: false)
        case "demo": try ConsoleCommand.run(&args, demo: true)
        case "bench": try BenchCommand.run(&args)
        case "sync", "serve-sync", "central", "office": try SyncCommands.run(command, &args)
        case "_crash-writer": try CrashWriter.run(&args)
        default: throw UsageError("unknown command '\(command)'")
        }
    }
}

func printError(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}

/// An error's message on one line (no control characters), for stderr.
func oneLine(_ error: any Error) -> String {
    let text = String(describing: error)
    return String(text.map { $0.isNewline || ($0.asciiValue.map { $0 < 0x20 } ?? false) ? " " : $0 })
}
