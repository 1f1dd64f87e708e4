public import Logging
import Foundation
import Synchronization

/// The server's log handler: the line swift-log's `StreamLogHandler` writes (local time,
/// level, label, metadata sorted by key, source, message), put together as bytes and
/// handed to the thread that writes standard error (``StandardErrorWriter``), the time
/// stamp made once a second.
///
/// It serves one log line per request, so its cost is per request: `StreamLogHandler`
/// builds the line by string interpolation and formats the time (`localtime`, `strftime`)
/// for every line. What goes into a line is the callers' business; the request log never
/// gives it a patient value.
/// ```swift
/// LoggingSystem.bootstrap(ServerLogHandler.standardError)
/// ```
public struct ServerLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let write: @Sendable ([UInt8]) -> Void

    /// A handler writing to standard error, for `LoggingSystem.bootstrap`, through the
    /// process's ``StandardErrorWriter`` (flush it before the process exits).
    public static func standardError(label: String) -> ServerLogHandler {
        ServerLogHandler(label: label, metadataProvider: LoggingSystem.metadataProvider) { line in
            StandardErrorWriter.shared.write(line)
        }
    }

    /// A handler giving each line, with its line break, to `write`.
    init(label: String, metadataProvider: Logger.MetadataProvider?, write: @escaping @Sendable ([UInt8]) -> Void) {
        self.label = label
        self.metadataProvider = metadataProvider
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        write(line(event, at: time(nil)))
    }

    /// The line for `event` at `seconds` since 1970, as `StreamLogHandler` would write it.
    func line(_ event: LogEvent, at seconds: time_t) -> [UInt8] {
        var all = metadata
        if let provided = metadataProvider?.get(), !provided.isEmpty {
            all.merge(provided) { _, new in new }
        }
        if let explicit = event.metadata { all.merge(explicit) { _, new in new } }
        if let error = event.error {
            all["error.message"] = "\(error)"
            all["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        var out: [UInt8] = []
        out.reserveCapacity(160)
        out += Self.stamp(seconds)
        out.append(UInt8(ascii: " "))
        out += event.level.rawValue.utf8
        if !label.isEmpty {
            out.append(UInt8(ascii: " "))
            out += label.utf8
        }
        out.append(UInt8(ascii: ":"))
        for (key, value) in all.sorted(by: { $0.key < $1.key }) {
            out.append(UInt8(ascii: " "))
            out += key.utf8
            out.append(UInt8(ascii: "="))
            out += value.description.utf8
        }
        out += " [".utf8
        out += event.source.utf8
        out += "] ".utf8
        out += event.message.description.utf8
        out.append(UInt8(ascii: "\n"))
        return out
    }

    /// The second last stamped and its text.
    private static let lastStamp = Mutex<(seconds: time_t, text: [UInt8])>((-1, []))

    /// `seconds` in local time as `2026-11-30T21:10:00+0000`, made once per second.
    static func stamp(_ seconds: time_t) -> [UInt8] {
        lastStamp.withLock { last in
            if last.seconds != seconds {
                var t = seconds
                var local = tm()
                var buffer = [CChar](repeating: 0, count: 64)
                if localtime_r(&t, &local) == nil {
                    last = (seconds, Array("<unknown>".utf8))
                } else {
                    let n = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &local)
                    last = (seconds, buffer[..<n].map { UInt8(bitPattern: $0) })
                }
            }
            return last.text
        }
    }
}
