import Foundation
import Testing
@testable import Eligibility

/// The interview in a real pseudo-terminal (tmux), typed key by key as a person would.
@Suite("interview in a terminal (tmux)", .serialized)
struct TerminalInterviewTests {
    /// Runs tmux on a socket of this test's own, so no other tmux server is touched.
    struct Tmux {
        let socket = "eligcheck-test-\(UUID().uuidString.prefix(8))"

        /// Runs a tmux command with posix_spawn and waitpid: Foundation's Process did not
        /// see the tmux client exit once it had started a server, and waited for ever.
        @discardableResult
        func run(_ arguments: [String], output: Bool = false) throws -> String {
            var fds: [Int32] = [-1, -1]
            guard pipe(&fds) == 0 else { throw POSIXError(.EIO) }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            if output {
                posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
            } else {
                posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            }
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addclose(&actions, fds[0])
            posix_spawn_file_actions_addclose(&actions, fds[1])
            let argv = (["tmux", "-L", socket] + arguments).map { strdup($0) } + [nil]
            defer { for p in argv { free(p) } }
            var pid: pid_t = 0
            let spawned = posix_spawnp(&pid, "tmux", &actions, nil, argv, environ)
            close(fds[1])
            defer { close(fds[0]) }
            guard spawned == 0 else { throw POSIXError(.ENOENT) }
            var data = [UInt8]()
            if output {
                var buffer = [UInt8](repeating: 0, count: 4096)
                while true {
                    let n = read(fds[0], &buffer, buffer.count)
                    if n <= 0 { break }
                    data += buffer[0..<n]
                }
            }
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            return String(decoding: data, as: UTF8.self)
        }

        func screen() throws -> String { try run(["capture-pane", "-p", "-t", "interview"], output: true) }

        /// Waits until the screen shows the text (at most 10 seconds); returns the screen.
        func waitFor(_ text: String) throws -> String {
            var screen = ""
            for _ in 0..<100 {
                screen = try self.screen()
                if screen.contains(text) { return screen }
                Thread.sleep(forTimeInterval: 0.1)
            }
            return screen
        }
    }

    static var hasTmux: Bool {
        ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test("Typed answers: numbered choices, Norwegian ja/nei, a refused answer asked again, the bottom line and the file",
          .enabled(if: TerminalInterviewTests.hasTmux || ProcessInfo.processInfo.environment["CI"] != nil,
                   "tmux is not installed (.ci/run installs it; with CI set this test runs and fails)"))
    func typedInterview() throws {
        try #require(Self.hasTmux, "tmux is needed (.ci/run installs it)")
        let tmux = Tmux()
        let output = try Fixture.scratch("tmux").appendingPathComponent("answered.yaml").path
        let command = "cd '\(Fixture.packageRoot.path)' && '\(Binary.path)' interview \(GoldenTests.firstLook) --output '\(output)'; echo EXIT=$?; sleep 60"
        try tmux.run(["new-session", "-d", "-s", "interview", "-x", "220", "-y", "60", command])
        defer { _ = try? tmux.run(["kill-server"]) }
        for (waitFor, keys) in [("[1-3, ? = don't know] >", "3"), ("2. How severe", "?"), ("3. Is the patient at acute risk", "nei"),
                                ("4. Is there a factor", "maybe"), ("found 'maybe'", "ja"), ("5. Has the latest start date", "nei")] {
            let screen = try tmux.waitFor(waitFor)
            #expect(screen.contains(waitFor), "waited for \(waitFor); screen:\n\(screen)")
            try tmux.run(["send-keys", "-t", "interview", keys, "Enter"])
        }
        let screen = try tmux.waitFor("EXIT=")
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains("   [y/n, ? = don't know] > maybe"))
        #expect(lines.contains("<stdin>:4: error: expected y or n (or ? if not known); found 'maybe'"))
        #expect(lines.contains("Stopped: the chosen services are decided."))
        // The bottom line is the piped interview's (golden file): a terminal changes nothing.
        let piped = try String(contentsOf: GoldenTests.golden.appendingPathComponent("interview-no-gp-first-look.out"), encoding: .utf8)
        let bottom = piped.split(separator: "\n").map(String.init).filter { $0.hasPrefix("Now:") || $0.hasPrefix("Next:") }
        #expect(bottom.count == 2)
        for line in bottom { #expect(lines.contains(line)) }
        #expect(lines.contains("4 answers, 1 not known; the patient file is written to \(output)."))
        #expect(lines.contains("EXIT=0"))
        let written = try String(contentsOfFile: output, encoding: .utf8)
        #expect(written == (try String(contentsOf: GoldenTests.golden.appendingPathComponent("interview-no-gp-first-look.yaml"), encoding: .utf8)))
    }

    @Test("Acute risk answered yes: the alert at once, no further question, the acute route in the bottom line")
    func acuteRiskStopsTheInterview() throws {
        try #require(Self.hasTmux, "tmux is needed (.ci/run installs it)")
        let tmux = Tmux()
        let patient = "Tests/EligibilityTests/Fixtures/patients/dk-risk-unknown.yaml"
        let command = "cd '\(Fixture.packageRoot.path)' && '\(Binary.path)' interview \(patient); echo EXIT=$?; sleep 60"
        try tmux.run(["new-session", "-d", "-s", "interview", "-x", "220", "-y", "60", command])
        defer { _ = try? tmux.run(["kill-server"]) }
        let first = try tmux.waitFor("1. Is the patient at acute risk, e.g. suicidal?")
        #expect(first.contains("1. Is the patient at acute risk, e.g. suicidal?"), "screen:\n\(first)")
        // A Danish GP answers in Danish.
        try tmux.run(["send-keys", "-t", "interview", "ja", "Enter"])
        let screen = try tmux.waitFor("EXIT=")
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains { $0.hasPrefix("ALERT: Acute risk (e.g. suicidality): act now, not through a planned referral. If life is in danger,") }, "\(screen)")
        #expect(lines.contains("Stopped: acute risk. Use the acute route now; the planned services come after the acute assessment."))
        #expect(lines.contains("Acute:   Acute route now: 112 if life is in danger; otherwise the region's psychiatric emergency"))
        #expect(lines.contains("         service (Capital Region: 1813)"))
        #expect(lines.contains { $0.hasPrefix("Later:   after the acute assessment: Regional psychiatry assesses the referral (visitation)") }, "\(screen)")
        #expect(!lines.contains { $0.hasPrefix("2. ") }, "no question after the acute answer:\n\(screen)")
        #expect(!lines.contains { $0.hasPrefix("Now:") && $0.contains("visitation") })
        #expect(lines.contains("EXIT=0"))
    }
}
