import Foundation

/// Standard error written by a thread of its own: a caller hands its bytes over and goes
/// on; the thread, once woken, lets bytes gather for ``gathering`` and writes them with
/// one `write(2)`, and what comes in meanwhile goes out together in the next.
///
/// The server logs a line per request. Written by the request's own thread, every line was
/// a system call on a thread that also answers requests (`write(2)` took 2.6 % of all
/// samples under `POST /v1/check` load, with the log going to a file); here a request pays
/// for a copy under a lock. Bytes keep their order; lines still waiting when the process
/// is killed are lost.
/// At most ``limit`` bytes wait: past that a caller waits for the writer, as it would for
/// a full pipe. ``flush()`` returns once all bytes handed over are written; the server
/// calls it before it exits.
public final class StandardErrorWriter: @unchecked Sendable {
    /// The process's writer, its thread started on first use.
    public static let shared = StandardErrorWriter(descriptor: 2)

    /// The bytes that may wait before a caller has to.
    static let limit = 4 << 20
    /// The largest buffer kept from one batch to the next (a few hundred log lines).
    static let keptCapacity = 64 << 10

    private let descriptor: Int32
    private let condition = NSCondition()
    // Guarded by `condition`'s lock: the bytes waiting, whether the thread is writing, and
    // whether it waits for bytes (only then does a caller wake it).
    private var waiting: [UInt8] = []
    private var writing = false
    private var idle = false

    /// How long the thread, woken by the first bytes, lets more gather before it writes:
    /// under load one wake-up and one `write(2)` serve a few lines rather than one each.
    static let gathering: useconds_t = 2_000

    /// A writer to `descriptor`, with a thread that lives as long as the process.
    init(descriptor: Int32) {
        self.descriptor = descriptor
        let thread = Thread { [self] in work() }
        thread.name = "eligcheck-stderr"
        thread.start()
    }

    /// Hands `bytes` over to be written after those handed over before.
    public func write(_ bytes: [UInt8]) {
        condition.lock()
        while waiting.count >= Self.limit { condition.wait() }
        waiting += bytes
        if idle { condition.broadcast() }
        condition.unlock()
    }

    /// Returns once every byte handed over before the call is written (or refused by the
    /// descriptor).
    public func flush() {
        condition.lock()
        while !waiting.isEmpty || writing { condition.wait() }
        condition.unlock()
    }

    private func work() {
        var batch: [UInt8] = []
        while true {
            condition.lock()
            while waiting.isEmpty {
                idle = true
                condition.wait()
                idle = false
            }
            condition.unlock()
            usleep(Self.gathering)
            condition.lock()
            swap(&batch, &waiting)
            writing = true
            condition.unlock()
            writeAll(batch)
            // The buffer is kept for the next batch unless a burst made it large.
            batch.removeAll(keepingCapacity: batch.capacity <= Self.keptCapacity)
            condition.lock()
            writing = false
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Writes all of `bytes`, again after an interruption; gives up on any other error.
    private func writeAll(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            var done = 0
            while done < bytes.count {
                let n = Foundation.write(descriptor, base + done, bytes.count - done)
                if n > 0 { done += n } else if n < 0 && errno == EINTR { continue } else { return }
            }
        }
    }
}
