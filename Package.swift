// swift-tools-version:6.0
//
// obscale: observational scaling laws as a Jupyter kernel, a REPL and a
// script runner. The module graph is fixed here; see docs/ARCHITECTURE.md.
//
//   ScalingLaws <- ObscaleLanguage <- ObscaleKernel -> JupyterProtocol <- ZeroMQTransport
//   with ObscaleJSON (a JSON value, its reader, writer and Codable coder) under the
//   language and the protocol, and the `obscale` executable on top of all of them.
//   No module imports Foundation: see docs/ARCHITECTURE.md.

import PackageDescription

/// Settings every Swift target of ours shares: Swift 6 mode, explicit imports.
let strictSettings: [SwiftSetting] = [
  .swiftLanguageMode(.v6),
  .enableUpcomingFeature("InternalImportsByDefault"),
  .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
  name: "obscale",
  products: [
    .executable(name: "obscale", targets: ["obscale"]),
    .library(name: "ScalingLaws", targets: ["ScalingLaws"]),
  ],
  targets: [
    // System libraries from Debian packages (see the Makefile's APT_PACKAGES).
    // LAPACK and BLAS are opened on first use (dlopen), not linked: see Sources/CLapack.
    .target(name: "CLapack", path: "Sources/CLapack"),
    .systemLibrary(name: "CZeroMQ", path: "Sources/CZeroMQ"),
    .systemLibrary(name: "COpenSSL", path: "Sources/COpenSSL"),
    .systemLibrary(name: "CEdit", path: "Sources/CEdit"),
    .systemLibrary(name: "CFuzzer", path: "Sources/CFuzzer"),

    .target(name: "ScalingLaws", dependencies: ["CLapack"], swiftSettings: strictSettings),
    .target(name: "ObscaleJSON", swiftSettings: strictSettings),
    .target(
      name: "ObscaleLanguage", dependencies: ["ScalingLaws", "ObscaleJSON"],
      swiftSettings: strictSettings),
    .target(
      name: "JupyterProtocol", dependencies: ["ObscaleJSON", "COpenSSL"],
      swiftSettings: strictSettings),
    .target(
      name: "ZeroMQTransport", dependencies: ["JupyterProtocol", "CZeroMQ"],
      swiftSettings: strictSettings),
    .target(
      name: "ObscaleKernel", dependencies: ["ObscaleLanguage", "JupyterProtocol", "ObscaleJSON"],
      swiftSettings: strictSettings),
    .executableTarget(
      name: "obscale",
      dependencies: [
        "ScalingLaws", "ObscaleLanguage", "ObscaleKernel", "JupyterProtocol", "ObscaleJSON",
        "ZeroMQTransport",
        "CEdit",
      ],
      swiftSettings: strictSettings),
    .executableTarget(
      name: "obscale-bench", dependencies: ["ScalingLaws"], path: "bench/obscale-bench",
      swiftSettings: strictSettings),
    // libFuzzer targets (`make fuzz`); built without -sanitize=fuzzer they do nothing.
    .executableTarget(
      name: "CSVFuzzer", dependencies: ["ScalingLaws", "CFuzzer"], path: "fuzz/CSVFuzzer",
      swiftSettings: strictSettings),
    .executableTarget(
      name: "LanguageFuzzer", dependencies: ["ObscaleLanguage", "CFuzzer"],
      path: "fuzz/LanguageFuzzer", swiftSettings: strictSettings),
    .executableTarget(
      name: "WireFuzzer", dependencies: ["JupyterProtocol", "ObscaleJSON", "CFuzzer"],
      path: "fuzz/WireFuzzer", swiftSettings: strictSettings),

    .testTarget(
      name: "ScalingLawsTests", dependencies: ["ScalingLaws"], swiftSettings: strictSettings),
    .testTarget(
      name: "ObscaleLanguageTests", dependencies: ["ObscaleLanguage", "ScalingLaws"],
      exclude: ["Golden/Scripts", "Golden/Renderers"], swiftSettings: strictSettings),
    .testTarget(
      name: "ObscaleJSONTests", dependencies: ["ObscaleJSON"], swiftSettings: strictSettings),
    .testTarget(
      name: "JupyterProtocolTests", dependencies: ["JupyterProtocol", "ObscaleJSON"],
      swiftSettings: strictSettings),
    .testTarget(
      name: "ObscaleKernelTests",
      dependencies: ["ObscaleKernel", "JupyterProtocol", "ObscaleJSON", "ObscaleLanguage"],
      swiftSettings: strictSettings),
  ]
)
