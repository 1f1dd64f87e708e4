import Eligibility
import Foundation
import Testing

/// `Engine.copies`: the rules compiled more than once from one reading of the files, for
/// threads that must not share reference counts (the server's check lanes).
@Suite struct EngineCopiesTests {
    static var rules: String { Fixture.packageRoot.appendingPathComponent("rules").path }

    /// Where a string's bytes live (its own storage for a native string of 16 bytes or more).
    static func storage(_ text: String) -> UnsafeRawPointer? {
        var text = text
        return text.withUTF8 { UnsafeRawPointer($0.baseAddress) }
    }

    @Test("copies answer byte for byte alike, under one version")
    func alike() throws {
        let copies = try Engine.copies(rules: [Self.rules], count: 3)
        #expect(copies.count == 3)
        let single = try Engine(rules: [Self.rules])
        #expect(Set(copies.map(\.library.version)) == [single.library.version])
        for (file, patient) in try Fixture.examplePatients(single) {
            let expected = try single.report(for: patient, asOf: Day(iso: "2026-06-01")).jsonBytes()
            for copy in copies {
                #expect(try copy.report(for: patient, asOf: Day(iso: "2026-06-01")).jsonBytes() == expected, "\(file)")
            }
        }
    }

    @Test("copies share no storage: their services and the strings in them are apart")
    func apart() throws {
        let copies = try Engine.copies(rules: [Self.rules], count: 2)
        let (a, b) = (copies[0].library, copies[1].library)
        #expect(a.ruleSets.count == b.ruleSets.count)
        #expect(a.ruleSets.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
                != b.ruleSets.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) })
        for (x, y) in zip(a.ruleSets, b.ruleSets) {
            #expect(x.services.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
                    != y.services.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) } || x.services.isEmpty, "\(x.file)")
        }
        #expect(a.services.count == b.services.count)
        let long = zip(a.services, b.services).filter { $0.0.id.utf8.count >= 16 }
        #expect(!long.isEmpty)
        for (x, y) in long {
            #expect(x.id == y.id)
            #expect(Self.storage(x.id) != Self.storage(y.id), "\(x.id)")
            #expect(Self.storage(x.title) != Self.storage(y.title) || x.title.utf8.count < 16, "\(x.id)")
        }
    }

    @Test("count under one gives one copy; a broken folder fails once, as one load does")
    func edges() throws {
        #expect(try Engine.copies(rules: [Self.rules], count: 0).count == 1)
        let missing = "/nonexistent/eligcheck-rules"
        var single: LoadFailure?
        do { _ = try Engine(rules: [missing]) } catch { single = error }
        var copied: LoadFailure?
        do { _ = try Engine.copies(rules: [missing], count: 2) } catch { copied = error }
        #expect(single != nil)
        #expect(copied?.diagnostics.map(\.description) == single?.diagnostics.map(\.description))
    }
}
