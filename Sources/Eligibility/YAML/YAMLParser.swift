internal import CYaml

/// Reads one YAML document into a `YAMLNode` tree with libyaml.
///
/// Owns the libyaml parser and a copy of the input, and frees both in `deinit`; every
/// event is freed as soon as it has been read, also when reading it throws.
final class YAMLParser {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let input: UnsafeMutableBufferPointer<UInt8>
    private let source: SourceText
    private let limits: YAMLLimits
    private var anchors: [String: (node: YAMLNode, size: Int)] = [:]
    private var nodeCount = 0

    /// - Throws: a diagnostic when the document is larger than the limits allow.
    init(source: SourceText, limits: YAMLLimits) throws(Diagnostic) {
        guard source.bytes.count <= limits.maxBytes else {
            throw source.diagnostic("file is \(source.bytes.count) bytes; at most \(limits.maxBytes) are accepted", at: nil)
        }
        // libyaml reads UTF-16 too, and a rule file of the bytes FF FE (a UTF-16 mark and
        // nothing else) read as an empty document; and its own check of UTF-8 names a
        // byte offset, not a line. Every file here is UTF-8: anything else is refused at
        // its first byte that is not.
        let start = source.bytes.starts(with: UTF8Text.byteOrderMark) ? UTF8Text.byteOrderMark.count : 0
        if let bad = UTF8Text.firstInvalidByte(source.bytes, from: start) {
            var message = "YAML: expected UTF-8 text, found byte 0x\(String(source.bytes[bad], radix: 16, uppercase: true)), which is not UTF-8"
            if bad == 0, source.bytes.starts(with: [0xFF, 0xFE]) || source.bytes.starts(with: [0xFE, 0xFF]) {
                message += " (the file starts with a UTF-16 byte-order mark: save it as UTF-8)"
            }
            throw source.diagnostic(message, at: UTF8Text.location(of: bad, in: source.bytes, lineStart: start))
        }
        self.source = source
        self.limits = limits
        parser = .allocate(capacity: 1)
        input = .allocate(capacity: max(1, source.bytes.count))
        _ = input.initialize(from: source.bytes)
        yaml_parser_initialize(parser)
        yaml_parser_set_input_string(parser, input.baseAddress, source.bytes.count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
        input.deallocate()
    }

    /// The single document of the input; nil for an empty file.
    func parseDocument() throws(Diagnostic) -> YAMLNode? {
        _ = try expect("the start of the stream") { if case .streamStart = $0 { return true } else { return false } }
        let first = try nextEvent()
        if case .streamEnd = first.kind { return nil }
        guard case .documentStart = first.kind else {
            throw source.diagnostic("expected a document", at: first.location)
        }
        let root = try parseNode(try nextEvent(), depth: 1)
        _ = try expect("the end of the document") { if case .documentEnd = $0 { return true } else { return false } }
        let after = try nextEvent()
        guard case .streamEnd = after.kind else {
            throw source.diagnostic("expected one YAML document, found a second one", at: after.location)
        }
        return root
    }

    private func expect(_ what: String, _ matches: (YAMLEvent.Kind) -> Bool) throws(Diagnostic) -> YAMLEvent {
        let event = try nextEvent()
        guard matches(event.kind) else {
            throw source.diagnostic("expected \(what)", at: event.location)
        }
        return event
    }

    private func parseNode(_ event: YAMLEvent, depth: Int) throws(Diagnostic) -> YAMLNode {
        guard depth <= limits.maxDepth else {
            throw source.diagnostic("nesting is deeper than \(limits.maxDepth) levels", at: event.location)
        }
        let countBefore = nodeCount
        try countNodes(1, at: event.location)
        let node: YAMLNode
        switch event.kind {
        case .alias(let name):
            guard let anchored = anchors[name] else {
                throw source.diagnostic("alias *\(name) names no anchor defined before it", at: event.location)
            }
            try countNodes(anchored.size - 1, at: event.location)
            return anchored.node
        case .scalar(let text, let isPlain):
            node = YAMLNode(.scalar(YAMLScalar(text: text, isPlain: isPlain)), at: event.location)
        case .sequenceStart:
            var items: [YAMLNode] = []
            while true {
                let next = try nextEvent()
                if case .sequenceEnd = next.kind { break }
                items.append(try parseNode(next, depth: depth + 1))
            }
            node = YAMLNode(.sequence(items), at: event.location)
        case .mappingStart:
            node = YAMLNode(.mapping(try parseMappingBody(depth: depth)), at: event.location)
        default:
            throw source.diagnostic("expected a value", at: event.location)
        }
        if let anchor = event.anchor {
            anchors[anchor] = (node, nodeCount - countBefore)
        }
        return node
    }

    private func parseMappingBody(depth: Int) throws(Diagnostic) -> [YAMLPair] {
        var pairs: [YAMLPair] = []
        var seen: [String: SourceLocation] = [:]
        while true {
            let next = try nextEvent()
            if case .mappingEnd = next.kind { break }
            guard pairs.count < limits.maxKeys else {
                throw source.diagnostic("a mapping may have at most \(limits.maxKeys) keys; this is key \(limits.maxKeys + 1)", at: next.location)
            }
            let key = try parseNode(next, depth: depth + 1)
            guard let keyText = key.scalar?.text else {
                throw source.diagnostic("a mapping key must be plain text, found \(key.kindDescription)", at: key.location)
            }
            if let first = seen[keyText] {
                throw source.diagnostic("duplicate key '\(keyText)' (first at line \(first.line))", at: key.location)
            }
            seen[keyText] = key.location
            let value = try parseNode(try nextEvent(), depth: depth + 1)
            pairs.append(YAMLPair(key: key, value: value))
        }
        return pairs
    }

    private func countNodes(_ count: Int, at location: SourceLocation) throws(Diagnostic) {
        nodeCount += count
        guard nodeCount <= limits.maxNodes else {
            throw source.diagnostic(
                "document expands to more than \(limits.maxNodes) nodes (aliases are counted in full and not expanded)",
                at: location)
        }
    }

    private func nextEvent() throws(Diagnostic) -> YAMLEvent {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else {
            throw syntaxError()
        }
        defer { yaml_event_delete(&event) }
        return try YAMLEvent(event, source: source)
    }

    private func syntaxError() -> Diagnostic {
        let problem = parser.pointee.problem.map { String(cString: $0) } ?? "unreadable YAML"
        if parser.pointee.error == YAML_READER_ERROR {
            // A reader error (a control character, NUL) leaves `problem_mark` at zero and
            // says where in `problem_offset`, a byte offset into the input.
            let offset = min(Int(parser.pointee.problem_offset), source.bytes.count)
            let start = source.bytes.starts(with: UTF8Text.byteOrderMark) ? UTF8Text.byteOrderMark.count : 0
            var message = "YAML: \(problem)"
            let value = parser.pointee.problem_value
            if value >= 0 {
                let hex = String(value, radix: 16, uppercase: true)
                message += ", found U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex)"
            }
            return source.diagnostic(message, at: UTF8Text.location(of: max(offset, start), in: source.bytes, lineStart: start))
        }
        let mark = parser.pointee.problem_mark
        var message = "YAML syntax: \(problem)"
        if let context = parser.pointee.context.map({ String(cString: $0) }) {
            let at = parser.pointee.context_mark
            message += " (\(context) at line \(at.line + 1), column \(at.column + 1))"
        }
        return source.diagnostic(message, at: SourceLocation(line: mark.line + 1, column: mark.column + 1))
    }
}
