internal import CYaml

/// A libyaml event copied into Swift values, so the C event can be freed at once.
struct YAMLEvent {
    enum Kind {
        case streamStart, streamEnd, documentStart, documentEnd
        case alias(String)
        case scalar(String, isPlain: Bool)
        case sequenceStart, sequenceEnd, mappingStart, mappingEnd
    }

    var kind: Kind
    var anchor: String?
    var location: SourceLocation

    private static let stringTag = "tag:yaml.org,2002:str"

    init(_ event: yaml_event_t, source: SourceText) throws(Diagnostic) {
        location = SourceLocation(line: event.start_mark.line + 1, column: event.start_mark.column + 1)
        anchor = nil
        switch event.type {
        case YAML_STREAM_START_EVENT: kind = .streamStart
        case YAML_STREAM_END_EVENT: kind = .streamEnd
        case YAML_DOCUMENT_START_EVENT: kind = .documentStart
        case YAML_DOCUMENT_END_EVENT: kind = .documentEnd
        case YAML_ALIAS_EVENT:
            kind = .alias(Self.text(event.data.alias.anchor))
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = scalar.value.map {
                String(decoding: UnsafeBufferPointer(start: $0, count: scalar.length), as: UTF8.self)
            } ?? ""
            var isPlain = scalar.style == YAML_PLAIN_SCALAR_STYLE
            if let tag = scalar.tag.map({ Self.text($0) }) {
                guard tag == Self.stringTag else {
                    throw source.diagnostic("unsupported tag '\(tag)'; only !!str is accepted", at: location)
                }
                isPlain = false
            }
            kind = .scalar(text, isPlain: isPlain)
            anchor = scalar.anchor.map { Self.text($0) }
        case YAML_SEQUENCE_START_EVENT:
            kind = .sequenceStart
            anchor = event.data.sequence_start.anchor.map { Self.text($0) }
        case YAML_SEQUENCE_END_EVENT: kind = .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            kind = .mappingStart
            anchor = event.data.mapping_start.anchor.map { Self.text($0) }
        case YAML_MAPPING_END_EVENT: kind = .mappingEnd
        default:
            throw source.diagnostic("unexpected YAML event", at: location)
        }
    }

    private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String {
        guard let pointer else { return "" }
        return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
    }
}
