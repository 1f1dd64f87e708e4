import Foundation

/// Graphviz's `dot` program, run to lay a DOT graph out as SVG (or another format it knows).
public enum Graphviz {
    /// Why a graph could not be laid out.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public enum Reason: Sendable, Equatable {
            /// No `dot` on the PATH.
            case notInstalled
            /// `dot` ran and failed with this status and message.
            case failed(status: Int32, message: String)
        }
        public var reason: Reason

        public var description: String {
            switch reason {
            case .notInstalled:
                return "error: --format svg needs Graphviz, and its 'dot' program is not on the PATH; "
                    + "install it (Debian: apt-get install graphviz) or print --format dot and lay it out elsewhere"
            case .failed(let status, let message):
                return "error: Graphviz 'dot' failed (exit status \(status)): \(message)"
            }
        }
    }

    /// Where `dot` is: the first executable of that name in the PATH's folders.
    public static func executable(searchPath: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        for folder in (searchPath ?? "").split(separator: ":") where !folder.isEmpty {
            let candidate = String(folder) + "/dot"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Lays the graph out with `dot -T<format>`.
    /// - Returns: what `dot` wrote (the SVG document for `svg`).
    /// - Throws: `Failure` when `dot` is missing or fails.
    public static func render(_ dot: String, format: String = "svg",
                              searchPath: String? = ProcessInfo.processInfo.environment["PATH"]) throws -> String {
        guard let program = executable(searchPath: searchPath) else { throw Failure(reason: .notInstalled) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = ["-T" + format]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // dot reads all of its input before it writes: writing first cannot block on a full output pipe.
        input.fileHandleForWriting.write(Data(dot.utf8))
        try input.fileHandleForWriting.close()
        let result = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(reason: .failed(status: process.terminationStatus,
                                          message: String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        return String(decoding: result, as: UTF8.self)
    }
}
