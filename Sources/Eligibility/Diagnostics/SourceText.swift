/// The text of a file, kept so that diagnostics can show the offending line.
public struct SourceText: Sendable {
    public let name: String
    /// The name explanations show: a rule file's path under the rules folder
    /// (`se/employment.yaml`), so that no output tells where the server keeps its files.
    public let shownName: String
    public let bytes: [UInt8]
    private let lineStarts: [Int]

    public init(name: String, bytes: [UInt8], shownName: String? = nil) {
        self.name = name
        self.shownName = shownName ?? name
        self.bytes = bytes
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(index + 1)
        }
        self.lineStarts = starts
    }

    public init(name: String, text: String) {
        self.init(name: name, bytes: Array(text.utf8))
    }

    /// The 1-based line, without its line break; nil past the end.
    public func line(_ number: Int) -> String? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        var start = lineStarts[number - 1]
        // A byte-order mark is not part of the first line's text.
        if number == 1, bytes.starts(with: UTF8Text.byteOrderMark) { start = UTF8Text.byteOrderMark.count }
        var end = number < lineStarts.count ? lineStarts[number] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        guard end >= start else { return "" }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// A diagnostic at a location in this file, with its source line attached.
    public func diagnostic(_ message: String, at location: SourceLocation?, severity: Diagnostic.Severity = .error) -> Diagnostic {
        Diagnostic(file: name, location: location, severity: severity, message: message,
                   sourceLine: location.flatMap { line($0.line) })
    }
}
