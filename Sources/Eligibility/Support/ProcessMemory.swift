import CMalloc

/// How a long-running process (the server, the benchmark that times a check as the server
/// makes it) keeps freed memory. A full report's JSON grows through buffers of 64, 128 and
/// 256 KB; with glibc's defaults each such buffer is mapped and unmapped, or the heap's top
/// given back and faulted in again, for every request: about a quarter of the time of
/// writing the JSON (measured with `eligbench one-patient`, 192 against 142 µs).
package enum ProcessMemory {
    /// Blocks under 4 MiB come from the heap, and up to 64 MiB of free heap is kept for
    /// the next request instead of being returned to the system. Memory stays flat: what
    /// is kept is reused, not grown. Does nothing where the C library is not glibc.
    package static func keepFreedMemoryForReuse() {
        #if canImport(Glibc)
        _ = mallopt(M_MMAP_THRESHOLD, 4 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 64 << 20)
        #endif
    }
}
