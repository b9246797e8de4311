// swift-tools-version:6.1
// A minimal chatbot on top of the SlotTagger library, kept out of the root
// package so that it does not slow the main build.
import PackageDescription

let package = Package(
    name: "Chatbot",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "slot-tagger", path: "../..")],
    targets: [
        .executableTarget(name: "Chatbot", dependencies: [.product(name: "SlotTagger", package: "slot-tagger")]),
    ]
)
