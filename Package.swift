// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "eligcheck",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Eligibility", targets: ["Eligibility"]),
        .executable(name: "eligcheck", targets: ["eligcheck"]),
        .executable(name: "eligbench", targets: ["eligbench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
        // Without its default traits Hummingbird does not build swift-configuration (first
        // build time on two cores); nothing here reads configuration through it.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        // NIOCore (already under Hummingbird) sets the event-loop thread count.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // CDS Hooks clients sign a JWT on every call; their key sets are fetched over HTTPS.
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.7.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // The workspace's store on a shared PostgreSQL (`--db postgres://...`).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CYaml",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // glibc's mallopt, for the server's memory settings (ProcessMemory).
        .systemLibrary(name: "CMalloc"),
        // The JSON writer's string scanner (SSE2 where the machine has it).
        .target(name: "CJSONScan"),
        .target(
            name: "Eligibility",
            dependencies: ["CYaml", "CMalloc", "CJSONScan"],
            swiftSettings: strict,
            linkerSettings: [.linkedLibrary("m")]
        ),
        .target(
            name: "EligibilityServer",
            dependencies: [
                "Eligibility",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            // The OpenAPI description of /v1, served at /openapi.json as the file holds it.
            resources: [.copy("API/openapi.json")],
            swiftSettings: strict
        ),
        .target(
            name: "EligibilityWorkspace",
            dependencies: [
                "Eligibility",
                "EligibilityServer",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
                // Sign-in: the identity provider's endpoints and the ID token's signature.
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "eligcheck",
            dependencies: [
                "Eligibility",
                "EligibilityServer",
                "EligibilityWorkspace",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "eligbench",
            dependencies: ["Eligibility"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EligibilityTests",
            dependencies: ["Eligibility", "CJSONScan", "eligcheck", "eligbench"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EligibilityServerTests",
            dependencies: [
                "EligibilityServer",
                "eligcheck",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EligibilityWorkspaceTests",
            dependencies: [
                "EligibilityWorkspace",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)

// The fuzz targets (fuzz/targets/*.swift), only for fuzz/run.sh, which sets ELIGCHECK_FUZZ=1
// and builds them with libFuzzer and the address sanitizer in a build folder of its own
// (fuzz/.build/spm): each hands its input function to libFuzzer's driver (CLibFuzzer), which
// an ordinary build does not link. They reach the library's internals by `@testable import`.
if Context.environment["ELIGCHECK_FUZZ"] == "1" {
    package.targets.append(.systemLibrary(name: "CLibFuzzer", path: "fuzz/CLibFuzzer"))
    let targets = [("FuzzRules", "rules.swift"), ("FuzzPatients", "patients.swift"), ("FuzzCohortLines", "cohort-lines.swift"),
                   ("FuzzCohortCSV", "cohort-csv.swift")]
    for (name, file) in targets {
        package.targets.append(.executableTarget(name: name, dependencies: ["Eligibility", "CLibFuzzer"], path: "fuzz/targets",
                                                 exclude: targets.map(\.1).filter { $0 != file }, sources: [file],
                                                 swiftSettings: strict))
    }
}
