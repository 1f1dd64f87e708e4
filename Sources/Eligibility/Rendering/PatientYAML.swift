/// A patient as a readable YAML profile (contract §1): `id`, `as_of`, then the facts as
/// nested mappings in the catalogue's order. Facts asked about but not known are written
/// as `null`, so the file shows what was asked.
public enum PatientYAML {
    /// - Parameters:
    ///   - patient: the patient.
    ///   - unknown: facts to write as `null`.
    ///   - catalog: the order of the facts (facts outside it follow by name).
    public static func render(_ patient: Patient, unknown: Set<String> = [], catalog: FactCatalog) -> String {
        var out = ""
        if let id = patient.id { out += "id: \(scalar(id))\n" }
        if let asOf = patient.asOf { out += "as_of: \(asOf)\n" }
        let known = Set(patient.facts.keys)
        let names = catalog.names.filter { known.contains($0) || unknown.contains($0) }
            + (known.union(unknown)).subtracting(catalog.names).sorted()
        emit(names.map { $0.split(separator: ".").map(String.init) }, depth: 0, patient: patient, into: &out)
        return out
    }

    /// Writes facts sharing a key prefix under one mapping, groups in order of first appearance.
    private static func emit(_ paths: [[String]], depth: Int, patient: Patient, into out: inout String) {
        var order: [String] = []
        var groups: [String: [[String]]] = [:]
        for path in paths {
            let key = path[depth]
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(path)
        }
        let indent = String(repeating: "  ", count: depth)
        for key in order {
            let members = groups[key] ?? []
            if let leaf = members.first(where: { $0.count == depth + 1 }) {
                let value = patient.facts[leaf.joined(separator: ".")].map(scalar) ?? "null"
                out += "\(indent)\(key): \(value)\n"
            }
            let deeper = members.filter { $0.count > depth + 1 }
            if !deeper.isEmpty {
                out += "\(indent)\(key):\n"
                emit(deeper, depth: depth + 1, patient: patient, into: &out)
            }
        }
    }

    static func scalar(_ value: FactValue) -> String {
        switch value {
        case .string(let text): return scalar(text)
        default: return value.description
        }
    }

    /// Text as a plain scalar when YAML reads it back as the same text, else double-quoted.
    static func scalar(_ text: String) -> String {
        let reserved = ["true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"]
        let plain = text.first.map { $0.isLetter } == true
            && text.allSatisfy { $0.isLetter || $0.isNumber || "._-".contains($0) }
            && !reserved.contains(text.lowercased())
        if plain { return text }
        var quoted = "\""
        for c in text.unicodeScalars {
            switch c {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            default:
                if c.value < 0x20 { quoted += "\\u" + String(repeating: "0", count: 4 - String(c.value, radix: 16).count) + String(c.value, radix: 16) }
                else { quoted.unicodeScalars.append(c) }
            }
        }
        return quoted + "\""
    }
}
