/// Writes JSON with keys in the order given, so output is stable and diffable.
struct JSONWriter {
    private(set) var text = ""
    private var indent: Int
    private let pretty: Bool
    private var needsComma: [Bool] = [false]

    init(pretty: Bool = true) {
        self.pretty = pretty
        self.indent = 0
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { text += "," }
        needsComma[needsComma.count - 1] = true
        if pretty && indent > 0 { text += "\n" + String(repeating: "  ", count: indent) }
    }

    private mutating func open(_ bracket: String) {
        text += bracket
        indent += 1
        needsComma.append(false)
    }

    private mutating func close(_ bracket: String) {
        let had = needsComma.removeLast()
        indent -= 1
        if pretty && had { text += "\n" + String(repeating: "  ", count: indent) }
        text += bracket
    }

    mutating func key(_ k: String) {
        separate()
        text += JSONWriter.quote(k) + (pretty ? ": " : ":")
        needsComma[needsComma.count - 1] = true
        suppressNext = true
    }

    private var suppressNext = false

    private mutating func valuePrefix() {
        if suppressNext { suppressNext = false } else { separate() }
    }

    mutating func string(_ s: String) { valuePrefix(); text += JSONWriter.quote(s) }
    mutating func optional(_ s: String?) { if let s { string(s) } else { valuePrefix(); text += "null" } }
    mutating func number(_ n: Int) { valuePrefix(); text += String(n) }
    mutating func bool(_ b: Bool) { valuePrefix(); text += b ? "true" : "false" }
    mutating func strings(_ list: [String]) {
        array { w in for s in list { w.string(s) } }
    }
    mutating func object(_ body: (inout JSONWriter) -> Void) {
        valuePrefix()
        open("{")
        body(&self)
        close("}")
    }
    mutating func array(_ body: (inout JSONWriter) -> Void) {
        valuePrefix()
        open("[")
        body(&self)
        close("]")
    }
}
