// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "slot-tagger",
    platforms: [.macOS(.v15)],
    products: [
        // MARK: - Public library
        .library(name: "SlotTagger", targets: ["SlotTagger"]),
        // MARK: - Executables
        .executable(name: "tagger", targets: ["tagger"]),
        .executable(name: "trainer", targets: ["trainer"]),
        .executable(name: "evaluator", targets: ["evaluator"]),
        .executable(name: "tagger-server", targets: ["tagger-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
        // The HTTP service only (SlotServer, tagger-server): the SlotTagger library never depends on these.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // MARK: - Public library: one import for chatbot backends
        .target(
            name: "SlotTagger",
            dependencies: [
                "SlotText", "SlotCorpus", "SlotVocabulary", "SlotModel", "SlotEvaluation", "SlotIO", "SlotValues", "SlotTraining",
            ]
        ),

        // MARK: - Implementation modules, one concern each
        .target(name: "SlotText", dependencies: ["CICU"]),
        .target(name: "SlotIO", dependencies: ["CFileSystem"]),
        .target(name: "SlotCorpus", dependencies: ["SlotText", "SlotIO"]),
        .target(
            name: "SlotMath",
            dependencies: ["CKernels", .target(name: "CBLAS", condition: .when(platforms: [.linux]))],
            linkerSettings: [.linkedLibrary("m")]
        ),
        .target(name: "SlotLayers", dependencies: ["SlotMath"]),
        .target(name: "SlotVocabulary", dependencies: ["SlotText", "SlotIO", "SlotMath"]),
        .target(
            name: "SlotModel",
            dependencies: ["SlotText", "SlotCorpus", "SlotMath", "SlotLayers", "SlotVocabulary", "SlotIO", "SlotValues", "CSHA256"]
        ),
        .target(
            name: "SlotTraining",
            dependencies: ["SlotCorpus", "SlotMath", "SlotLayers", "SlotVocabulary", "SlotModel", "SlotEvaluation", "SlotIO", "SlotValues"]
        ),
        .target(name: "SlotEvaluation", dependencies: ["SlotIO"]),
        .target(name: "SlotValues"),
        .target(
            name: "SlotCommandLine",
            dependencies: ["SlotTagger", "SlotTraining", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/SlotCommandLine"
        ),

        // MARK: - HTTP service (outside the library product: backends that import SlotTagger build no HTTP stack)
        .target(
            name: "SlotServer",
            dependencies: [
                "SlotTagger", "SlotIO",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.embedInCode("Resources/openapi.yaml"), .embedInCode("Resources/index.html")]
        ),

        // MARK: - C shims
        .target(name: "CFileSystem"),
        .target(name: "CAllocator"),
        .target(name: "CSHA256"),
        .target(name: "CKernels"),
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n"), .linkedLibrary("icudata")]
        ),
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),

        // MARK: - Executables: argument parsing and I/O only
        .executableTarget(
            name: "tagger",
            dependencies: ["SlotTagger", "SlotCommandLine", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "trainer",
            dependencies: ["SlotTagger", "SlotTraining", "SlotCommandLine", "SlotMath", "SlotLayers", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "evaluator",
            dependencies: ["SlotTagger", "SlotCommandLine", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "tagger-server",
            dependencies: [
                "SlotServer", "SlotCommandLine", "CAllocator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "bench",
            dependencies: ["SlotTagger", "SlotTraining", "SlotMath", "SlotCommandLine", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // MARK: - Tests
        .target(
            name: "SlotTestSupport",
            dependencies: ["SlotMath", "SlotLayers", "SlotCorpus"],
            path: "Tests/SlotTestSupport"
        ),
        .testTarget(name: "SlotTextTests", dependencies: ["SlotText"]),
        .testTarget(name: "SlotIOTests", dependencies: ["SlotIO"]),
        .testTarget(name: "SlotCorpusTests", dependencies: ["SlotCorpus", "SlotIO"]),
        .testTarget(name: "SlotMathTests", dependencies: ["SlotMath", "SlotTestSupport"]),
        .testTarget(name: "SlotLayersTests", dependencies: ["SlotLayers", "SlotTestSupport"]),
        .testTarget(name: "SlotVocabularyTests", dependencies: ["SlotVocabulary"]),
        .testTarget(name: "SlotModelTests", dependencies: ["SlotModel", "SlotIO", "SlotTestSupport"]),
        .testTarget(name: "SlotTrainingTests", dependencies: ["SlotTraining", "SlotIO", "SlotTestSupport"]),
        .testTarget(name: "SlotEvaluationTests", dependencies: ["SlotEvaluation"]),
        .testTarget(name: "SlotValuesTests", dependencies: ["SlotValues"], exclude: ["Cases"]),
        .testTarget(name: "CLITests", dependencies: ["SlotTagger", "SlotCommandLine", "SlotTraining", "SlotTestSupport"]),
        .testTarget(name: "SlotServerTests", dependencies: ["SlotServer", "SlotTagger", "SlotTestSupport"]),
    ]
)
