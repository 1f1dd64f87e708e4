import Foundation
import Testing
@testable import Eligibility

/// Control characters from the input reach a terminal made visible, never obeyed.
@Suite("Control characters in text and Markdown output")
struct TerminalTextTests {
    static let title = "\u{1B}]0;pwned\u{7}"

    @Test("Every C0 control but tab and line feed, DEL and the C1 controls are written as \\u{XX}")
    func escaping() {
        #expect(TerminalText.escapingControls(Self.title) == #"\u{1B}]0;pwned\u{7}"#)
        #expect(TerminalText.escapingControls("a\tb\nc\r\u{0}\u{7F}\u{9B}2J é ✓") == "a\tb\nc\\u{D}\\u{0}\\u{7F}\\u{9B}2J é ✓")
        #expect(TerminalText.escapingControls("plain text") == "plain text")
    }

    @Test("check: an id with a terminal escape is shown escaped in text and Markdown, and escaped as JSON in JSON")
    func checkOutput() throws {
        let patient = #"{"id": "\u001b]0;pwned\u0007", "jurisdiction": "DK", "age": 40}"# + "\n"
        for format in ["text", "markdown"] {
            let run = try Binary.run(["check", "-", "--format", format, "--as-of", "2026-11-23"], input: patient)
            #expect(run.status == 0)
            #expect(!run.out.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) }, "\(format)")
            #expect(run.out.contains(#"\u{1B}]0;pwned\u{7}"#), "\(format)")
        }
        let json = try Binary.run(["check", "-", "--format", "json", "--as-of", "2026-11-23"], input: patient)
        #expect(json.out.contains(#""patient": "\u001b]0;pwned\u0007""#))
    }

    @Test("A diagnostic that quotes a line with control characters shows them escaped")
    func diagnostics() throws {
        let run = try Binary.run(["check", "-"], input: "{\"id\": \"p1\", \"jurisdiction\": \"DK\", \"\\u001b[2Jage\": 40}\n")
        #expect(run.status == 2)
        #expect(run.err == #"""
            <stdin>:1:36: error: unknown fact '\u{1B}[2Jage'
            {"id": "p1", "jurisdiction": "DK", "\u001b[2Jage": 40}
                                               ^

            """#)
    }
}
