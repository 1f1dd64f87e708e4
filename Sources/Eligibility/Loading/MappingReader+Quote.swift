extension MappingReader {
    /// Seed passages under `quote:`, one `{seed: ID, text: "..."}` or a list of them.
    func quotes(_ key: String = "quote") -> [Quote] {
        guard let node = value(key) else { return [] }
        return (node.items ?? [node]).compactMap { item in
            guard let entry = MappingReader(item, subject: "a quote", sink: sink) else { return nil }
            entry.rejectUnknownKeys(allowed: ["seed", "text"])
            guard let seed = entry.text("seed", required: true), let text = entry.text("text", required: true) else { return nil }
            guard !Quote.normalizingSpace(text).isEmpty else {
                sink.error("a quote needs the passage in 'text'; found only white space", at: entry.value("text")?.location ?? item.location)
                return nil
            }
            return Quote(seed: seed, text: text, location: item.location)
        }
    }
}
