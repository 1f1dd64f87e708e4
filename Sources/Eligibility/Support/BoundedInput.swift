#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads an input of at most a given number of bytes, and refuses a larger one before it
/// is in memory: a file from its size (`fstat`), a pipe as soon as the bytes read pass
/// the limit. (`head -c 1G /dev/zero | eligcheck check -` was read whole, a gigabyte,
/// before the reader said it was too large.)
package enum BoundedInput {
    /// Why an input was not read.
    package enum Failure: Error, Sendable, Equatable {
        /// It cannot be opened or read (errno's words).
        case unreadable(String)
        /// It holds more than the limit: its size when known (a file), else nil (a pipe).
        case tooLarge(size: Int?, limit: Int)

        /// The message after `NAME: error: `.
        package func message(what: String) -> String {
            switch self {
            case .unreadable(let reason): return "cannot read \(what): \(reason)"
            case .tooLarge(let size?, let limit): return "\(what) is \(size) bytes; at most \(limit) bytes are accepted"
            case .tooLarge(nil, let limit): return "\(what) holds more than \(limit) bytes; at most \(limit) bytes are accepted"
            }
        }
    }

    /// Chunks read from a pipe: the most held beyond the limit is one of them.
    static let chunkBytes = 64 << 10

    /// The bytes of the file at `path`, refused from its size when it is a regular file
    /// larger than `limit`; anything else (a FIFO, `/dev/stdin`) is read in chunks.
    package static func file(_ path: String, limit: Int) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(String(cString: strerror(errno))) }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw .unreadable(String(cString: strerror(errno))) }
        if status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) > limit {
            throw .tooLarge(size: Int(status.st_size), limit: limit)
        }
        if status.st_mode & S_IFMT == S_IFDIR { throw .unreadable(String(cString: strerror(EISDIR))) }
        return try descriptor(fd, limit: limit)
    }

    /// The bytes of an open descriptor, read in chunks until its end; refused as soon as
    /// more than `limit` bytes have arrived, so at most one chunk past the limit is held.
    package static func descriptor(_ fd: Int32, limit: Int) throws(Failure) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: chunkBytes)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(String(cString: strerror(errno)))
            }
            if count == 0 { return bytes }
            guard bytes.count + count <= limit else { throw .tooLarge(size: nil, limit: limit) }
            bytes += chunk[..<count]
        }
    }
}
