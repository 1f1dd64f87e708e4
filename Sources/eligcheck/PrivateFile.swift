import ArgumentParser
import Foundation

/// Files holding patient data: created readable and writable by the owner only (0600).
enum PrivateFile {
    static func write(_ text: String, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else {
            Terminal.error("\(path): error: cannot write the patient file: \(String(cString: strerror(errno)))")
            throw ExitCode(2)
        }
        defer { close(fd) }
        // An existing file keeps its mode through O_CREAT: narrow it before writing.
        fchmod(fd, 0o600)
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else {
                Terminal.error("\(path): error: cannot write the patient file: \(String(cString: strerror(errno)))")
                throw ExitCode(2)
            }
            written += n
        }
    }
}
