// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "comp",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "comp", targets: ["comp"]),
        .library(name: "CompKit", targets: ["CompKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "CPlatform"),
        .target(
            name: "CompKit",
            dependencies: [
                "CLibXML2",
                "CPlatform",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            resources: [.embedInCode("Load/Plan/plan.xsd")]
        ),
        .target(
            name: "CompGenerate",
            dependencies: ["CompKit"]
        ),
        .executableTarget(
            name: "comp",
            dependencies: [
                "CompKit",
                "CompGenerate",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "CompKitTests",
            dependencies: ["CompKit", "CompGenerate"]
        ),
        .testTarget(
            name: "CompEndToEndTests",
            dependencies: ["comp", .product(name: "GRDB", package: "GRDB.swift")],
            resources: [.copy("Fixtures")]
        ),
    ]
)
