import Foundation
import Testing
@testable import Eligibility

/// A patient input larger than the readers take is refused before it is read: a file
/// from its size, standard input as soon as the bytes pass the limit.
@Suite("Input size checked before reading")
struct InputSizeTests {
    static let limit = YAMLLimits.patient.maxBytes

    @Test("A patient file over the limit is refused from its size, without being read")
    func fileBySize() throws {
        let path = try Fixture.scratch("size").appendingPathComponent("huge.json").path
        // A sparse file: its size is 5 GB and none of it is on disk, so reading it would
        // take minutes and gigabytes; the stat takes nothing.
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 5 << 30)
        try handle.close()
        let run = try Binary.run(["check", path])
        #expect(run.status == 2)
        #expect(run.err == "\(path): error: the patient file is \(5 << 30) bytes; at most \(Self.limit) bytes are accepted\n")
        #expect(throws: BoundedInput.Failure.tooLarge(size: 5 << 30, limit: Self.limit)) { try BoundedInput.file(path, limit: Self.limit) }
    }

    @Test("Standard input is read in chunks and refused as soon as it passes the limit")
    func standardInput() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // A gigabyte offered; the reader stops after the limit and one chunk.
        // head's own complaint about the closed pipe is not the checker's message.
        process.arguments = ["-c", "head -c 1073741824 /dev/zero 2>/dev/null | '\(Binary.path)' check -"]
        process.currentDirectoryURL = Fixture.packageRoot
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(message == "<stdin>: error: standard input holds more than \(Self.limit) bytes; at most \(Self.limit) bytes are accepted\n")
    }

    @Test("A file that cannot be read says why")
    func unreadable() throws {
        let run = try Binary.run(["check", "/nonexistent/p.json"])
        #expect(run.err == "/nonexistent/p.json: error: cannot read the patient file: No such file or directory\n")
    }
}
