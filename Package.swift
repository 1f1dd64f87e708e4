// swift-tools-version:6.0
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
    ],
    targets: [
        .systemLibrary(
            name: "CYaml",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .target(
            name: "Eligibility",
            dependencies: ["CYaml"],
            swiftSettings: strict,
            linkerSettings: [.linkedLibrary("m")]
        ),
        .executableTarget(
            name: "eligcheck",
            dependencies: [
                "Eligibility",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
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
            dependencies: ["Eligibility", "eligcheck", "eligbench"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
