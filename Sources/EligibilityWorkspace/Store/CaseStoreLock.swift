import Foundation

/// The claim of one server process on a case database: an exclusive `flock` on a file
/// beside it (`cases.sqlite.lock`), held for as long as this object lives and released by
/// the kernel when the process ends, however it ends.
///
/// SQLite lets two processes share a database, and each transaction would be safe, but two
/// workspaces on one file each re-evaluate every case when they start and when their rules
/// change, and each trusts its own view of the versions it handed out: the second server
/// would silently overwrite the first one's evaluations under other rules. So the second
/// refuses to start, naming the file. A final class because it owns a file descriptor.
public final class CaseStoreLock: Sendable {
    /// The lock file beside the database.
    public let path: String
    private let descriptor: Int32

    /// Takes the lock for the database at `databasePath`, or says who holds it.
    /// - Throws: `.inUse` when another process (or another lock in this one) holds it;
    ///   `.unusable` when the lock file cannot be made.
    public init(databasePath: String) throws(CaseStoreError) {
        path = databasePath + ".lock"
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw .unusable(path: databasePath, reason: "cannot create the folder \(folder): \(error.localizedDescription)")
            }
        }
        let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .unusable(path: databasePath, reason: "cannot open its lock file \(path): \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno
            close(fd)
            if reason == EWOULDBLOCK { throw .inUse(path: databasePath, lock: path) }
            throw .unusable(path: databasePath, reason: "cannot lock \(path): \(String(cString: strerror(reason)))")
        }
        descriptor = fd
    }

    deinit {
        // Closing the descriptor releases the lock.
        close(descriptor)
    }
}
