/// The `--help` text, printed from the command table in the CLI's language.
enum Help {
    static var text: String {
        var lines = [say(.helpTitle), "", say(.helpUsage)]
        for c in CLICommand.table where c.listed {
            lines += c.synopsis.map { ($0.hasPrefix(" ") ? "           " : "  dutydesk ") + $0 }
            lines.append("        " + (Msg.language == .zh ? c.about.zh : c.about.en))
        }
        lines += ["", say(.helpOptions),
                  "  --db PATH      " + say(.helpDB),
                  "  --lang zh|en   " + say(.helpLang),
                  "  --json         " + say(.helpJSON),
                  "  --help, --version", "", say(.helpErrors)]
        return lines.joined(separator: "\n")
    }
}
