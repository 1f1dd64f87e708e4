import Eligibility
import EligibilityServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `POST /v1/check`, `/v1/plan`, `/v1/questions`: the CLI's JSON, byte for byte.
@Suite struct CheckRoutesTests {
    static let example = "examples/dk-care-manager-not-booked.yaml"
    /// The example patient as a JSON body (the CLI reads the same file as YAML).
    static func body(_ path: String = example) throws -> ByteBuffer {
        let text = try String(contentsOf: ServerFixture.root.appendingPathComponent(path), encoding: .utf8)
        return ByteBuffer(string: try PatientJSON.from(yaml: text))
    }

    static let headers: HTTPFields = [.contentType: "application/json"]

    @Test func checkAnswersExactlyWhatTheCLIPrints() async throws {
        let cli = try ServerBinary.run(["check", Self.example, "--format", "json", "--rules", ServerFixture.rulesFolder])
        #expect(cli.status == 0)
        let body = try Self.body()
        try await ServerFixture.app().test(.router) { client in
            try await client.execute(uri: "/v1/check", method: .post, headers: Self.headers, body: body) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(response.text == cli.out)
            }
        }
    }

    @Test func checkTakesServiceAndDateLikeTheCLI() async throws {
        let cli = try ServerBinary.run(["check", Self.example, "--format", "json", "--rules", ServerFixture.rulesFolder, "--service", "dk.care_manager.course",
                                        "--service", "dk.gp.talk_therapy", "--as-of", "2026-12-05"])
        #expect(cli.status == 0)
        let body = try Self.body()
        try await ServerFixture.app().test(.router) { client in
            try await client.execute(uri: "/v1/check?service=dk.care_manager.course&service=dk.gp.talk_therapy&as_of=2026-12-05",
                                     method: .post, headers: Self.headers, body: body) { response in
                #expect(response.status == .ok)
                #expect(response.text == cli.out)
            }
        }
    }

    @Test func planAnswersExactlyWhatTheCLIPrints() async throws {
        let cli = try ServerBinary.run(["plan", Self.example, "--format", "json", "--rules", ServerFixture.rulesFolder])
        #expect(cli.status == 0)
        let body = try Self.body()
        try await ServerFixture.app().test(.router) { client in
            try await client.execute(uri: "/v1/plan", method: .post, headers: Self.headers, body: body) { response in
                #expect(response.status == .ok)
                #expect(response.text == cli.out)
            }
        }
    }

    @Test func questionsAreTheReportsQuestions() async throws {
        let cli = try ServerBinary.run(["check", Self.example, "--format", "json", "--rules", ServerFixture.rulesFolder])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(cli.out.utf8)) as? [String: Any])
        let keys = ["as_of", "jurisdiction", "patient", "questions", "rules"]
        var expected: [String: Data] = [:]
        for key in keys {
            expected[key] = try JSONSerialization.data(withJSONObject: [report[key] ?? NSNull()], options: .sortedKeys)
        }
        #expect((report["questions"] as? [Any])?.isEmpty == false)
        let wanted = expected
        let body = try Self.body()
        try await ServerFixture.app().test(.router) { client in
            try await client.execute(uri: "/v1/questions", method: .post, headers: Self.headers, body: body) { response in
                #expect(response.status == .ok)
                let answer = try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
                #expect(answer.keys.sorted() == ["as_of", "jurisdiction", "patient", "questions", "rules"])
                for key in keys {
                    let a = try JSONSerialization.data(withJSONObject: [answer[key] ?? NSNull()], options: .sortedKeys)
                    #expect(a == wanted[key], "\(key) differs")
                }
                #expect((answer["questions"] as? [Any])?.isEmpty == false)
            }
        }
    }
}
