import Foundation
import Synchronization

/// A line on standard error that counts lines as a long run goes on (terminals only).
final class Progress: Sendable {
    private let last = Mutex<Date>(.distantPast)

    func show(_ lines: Int) {
        let due = last.withLock { last -> Bool in
            guard Date().timeIntervalSince(last) > 0.25 else { return false }
            last = Date()
            return true
        }
        if due { FileHandle.standardError.write(Data("\r\(lines) lines...".utf8)) }
    }

    func clear() {
        if Terminal.isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
