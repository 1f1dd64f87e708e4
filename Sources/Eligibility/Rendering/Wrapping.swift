import Foundation

/// Text laid out in a fixed number of columns, for terminals and plain-text documents.
enum Wrapping {
    /// The text cut to `width` characters at the end of a word, with an ellipsis when it
    /// was longer; a single word longer than the width is the only thing cut inside.
    static func cut(_ text: String, to width: Int) -> String {
        guard text.count > width else { return text }
        var kept = text.prefix(max(0, width - 1))
        let nextIsSpace = text.dropFirst(kept.count).first == " "
        if !nextIsSpace, let space = kept.lastIndex(of: " ") { kept = kept[..<space] }
        while kept.last == " " || kept.last == "," || kept.last == ";" || kept.last == ":" { kept.removeLast() }
        return kept + "…"
    }

    /// Lines of at most `width` characters: the first starts with `first`, the rest are
    /// indented by `indent` spaces. Words longer than a line are cut.
    static func wrap(_ text: String, width: Int, first: String, indent: Int) -> [String] {
        var lines: [String] = []
        var line = first
        var lineHasWord = false
        let pad = String(repeating: " ", count: indent)
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let room = width - line.count - (lineHasWord ? 1 : 0)
            if word.count <= room {
                line += (lineHasWord ? " " : "") + word
                lineHasWord = true
                continue
            }
            if lineHasWord {
                lines.append(line)
                line = pad
            }
            line += cut(String(word), to: width - line.count)
            lineHasWord = true
        }
        if lineHasWord || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// `wrap` joined into text, each line ending in a line break.
    static func block(_ text: String, width: Int = 100, first: String, indent: Int) -> String {
        wrap(text, width: width, first: first, indent: indent).map { $0 + "\n" }.joined()
    }
}
