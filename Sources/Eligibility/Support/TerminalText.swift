/// Text made safe to show on a terminal: control characters written as `\u{1B}`.
///
/// Ids, labels and values come from files and requests the tool does not control, and a
/// terminal obeys the control characters in them: `"\u{1B}]0;pwned\u{7}"` retitles the
/// window, other sequences move the cursor, rewrite what is shown above, or (on some
/// terminals) answer back as if typed. Text and Markdown output and every diagnostic pass
/// through here, so what they show is what the input holds, made visible. JSON output needs
/// nothing: its writer escapes every control character already, and an escape of this
/// form inside a JSON string would break it.
package enum TerminalText {
    /// `text` with every C0 control character but tab and line feed, DEL, and every C1
    /// control character written as `\u{XX}`.
    /// - Complexity: O(n); text without controls is returned as it is.
    package static func escapingControls(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isEscaped) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isEscaped(scalar) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    private static func isEscaped(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        default: return false
        }
    }
}
