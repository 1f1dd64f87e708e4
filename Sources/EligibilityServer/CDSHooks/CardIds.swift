import Foundation

/// Where the `uuid` of each card and suggestion comes from. The record system sends it
/// back in feedback, so in service it is random; tests number them so that golden files
/// stay the same from run to run.
public enum CardIds: Sendable {
    /// A random (version 4) UUID each.
    case random
    /// `00000000-0000-4000-8000-000000000001`, `...02`, ... within each response.
    case numbered

    /// The uuids of one response, in the order the cards and suggestions are written.
    struct Sequence {
        let kind: CardIds
        private var count = 0

        init(_ kind: CardIds) {
            self.kind = kind
        }

        mutating func next() -> String {
            count += 1
            switch kind {
            case .random:
                return UUID().uuidString.lowercased()
            case .numbered:
                let digits = String(count)
                return "00000000-0000-4000-8000-" + String(repeating: "0", count: max(0, 12 - digits.count)) + digits
            }
        }
    }
}
