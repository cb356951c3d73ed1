/// Makes text from data safe to put on a terminal.
///
/// Alert texts, names and imported files could carry escape sequences that retitle the
/// window, clear the screen, or (with bidi overrides) show different text than is stored.
/// `clean` removes every escape sequence, replaces other controls, and drops bidi controls.
public enum Sanitizer {
    /// `s` without escape sequences (CSI, OSC, DCS/SOS/PM/APC strings, 2-character ESC
    /// sequences, and their 8-bit C1 forms), with tab, CR, LF, VT, FF and line/paragraph
    /// separators turned into one space each (CR LF counts as one), other C0/C1 controls
    /// and DEL turned into U+FFFD, and bidi embedding/override/isolate controls dropped.
    public static func clean(_ s: String) -> String {
        if s.unicodeScalars.allSatisfy(isHarmless) { return s }
        var out = String.UnicodeScalarView()
        let scalars = Array(s.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let v = scalars[i].value
            switch v {
            case 0x1B:
                i = skipEscape(scalars, from: i)
            case 0x9B:
                i = skipControlSequence(scalars, from: i + 1)
            case 0x9D, 0x90, 0x98, 0x9E, 0x9F:
                i = skipString(scalars, from: i + 1, bellEnds: v == 0x9D)
            case 0x0D where i + 1 < scalars.count && scalars[i + 1].value == 0x0A:
                out.append(" ")
                i += 2
            case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x2028, 0x2029:
                out.append(" ")
                i += 1
            case 0x00...0x1F, 0x7F...0x9F:
                out.append(replacement)
                i += 1
            case 0x202A...0x202E, 0x2066...0x2069:
                i += 1
            default:
                out.append(scalars[i])
                i += 1
            }
        }
        return String(out)
    }

    /// What an unprintable control becomes (as htop does), so the reader sees something was there.
    public static let replacement: Unicode.Scalar = "\u{FFFD}"

    private static func isHarmless(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return false }
        return !(0x2028...0x202E).contains(v) && !(0x2066...0x2069).contains(v)
    }

    /// Skips an ESC-introduced sequence starting at `i` (the ESC); returns the next index.
    private static func skipEscape(_ s: [Unicode.Scalar], from i: Int) -> Int {
        let next = i + 1
        guard next < s.count else { return next }
        switch s[next].value {
        case 0x5B: // [
            return skipControlSequence(s, from: next + 1)
        case 0x5D: // ]
            return skipString(s, from: next + 1, bellEnds: true)
        case 0x50, 0x58, 0x5E, 0x5F: // P X ^ _
            return skipString(s, from: next + 1, bellEnds: false)
        case 0x20...0x2F: // nF: intermediates, then one final byte
            var j = next
            while j < s.count, (0x20...0x2F).contains(s[j].value) { j += 1 }
            if j < s.count, (0x30...0x7E).contains(s[j].value) { j += 1 }
            return j
        case 0x30...0x7E: // Fp, Fe, Fs: a 2-character sequence
            return next + 1
        default: // ESC before something that can't continue a sequence: drop the ESC alone
            return next
        }
    }

    /// Skips CSI parameters, intermediates and the final byte starting at `i`. A character
    /// that cannot belong to the sequence ends it and is processed normally.
    private static func skipControlSequence(_ s: [Unicode.Scalar], from i: Int) -> Int {
        var j = i
        while j < s.count {
            let v = s[j].value
            if (0x40...0x7E).contains(v) { return j + 1 }
            if !(0x20...0x3F).contains(v) { return j }
            j += 1
        }
        return j
    }

    /// Skips a control string up to and including its terminator (ST as ESC \ or 0x9C, or
    /// BEL for OSC). An unterminated string runs to the end, as a terminal would swallow it.
    private static func skipString(_ s: [Unicode.Scalar], from i: Int, bellEnds: Bool) -> Int {
        var j = i
        while j < s.count {
            let v = s[j].value
            if v == 0x9C || (bellEnds && v == 0x07) { return j + 1 }
            if v == 0x1B {
                return j + 1 < s.count && s[j + 1].value == 0x5C ? j + 2 : j
            }
            j += 1
        }
        return j
    }
}
