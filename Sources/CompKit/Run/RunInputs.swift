import Foundation

/// Where a run reads its inputs (SPEC 2 and 6): flags, or the defaults `plans/` and `inputs/`
/// relative to the working folder.
public struct RunInputs: Sendable {
    public var planPaths: [String]
    public var dealPaths: [String]
    public var fxPath: String?
    public var forecastsPath: String?
    public var pipelinePath: String?
    public var expectedPath: String?

    public init(planPaths: [String] = [], dealPaths: [String] = [], fxPath: String? = nil,
                forecastsPath: String? = nil, pipelinePath: String? = nil, expectedPath: String? = nil) {
        self.planPaths = planPaths
        self.dealPaths = dealPaths
        self.fxPath = fxPath
        self.forecastsPath = forecastsPath
        self.pipelinePath = pipelinePath
        self.expectedPath = expectedPath
    }

    /// Fills what was not given with the defaults: plans from `plans/`, deals from
    /// `inputs/deals.csv` and/or `inputs/deals.xml`, and the optional inputs where present.
    public func withDefaults() -> RunInputs {
        var result = self
        let manager = FileManager.default
        func existing(_ path: String) -> String? { manager.fileExists(atPath: path) ? path : nil }
        if result.planPaths.isEmpty { result.planPaths = ["plans"] }
        if result.dealPaths.isEmpty {
            result.dealPaths = ["inputs/deals.csv", "inputs/deals.xml"].filter { manager.fileExists(atPath: $0) }
            if result.dealPaths.isEmpty { result.dealPaths = ["inputs/deals.csv"] }
        }
        result.fxPath = result.fxPath ?? existing("inputs/fx.csv")
        result.forecastsPath = result.forecastsPath ?? existing("inputs/forecasts.csv")
        result.pipelinePath = result.pipelinePath ?? existing("inputs/pipeline.csv")
        result.expectedPath = result.expectedPath ?? existing("inputs/expected.csv")
        return result
    }

    /// The plan files: each path given, or the `*.xml` files of each folder given, in byte order.
    func planFiles(log: DiagnosticLog) -> [String] {
        var files: [String] = []
        let manager = FileManager.default
        for path in planPaths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                log.error(file: path, line: 0, column: 0, "no such plan file or folder")
                continue
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let names = ((try? manager.contentsOfDirectory(atPath: path)) ?? [])
                .filter { $0.hasSuffix(".xml") && !$0.hasPrefix(".") }
                .sorted(by: byteOrder)
            if names.isEmpty { log.error(file: path, line: 0, column: 0, "the folder holds no plan (*.xml) files") }
            files += names.map { (path as NSString).appendingPathComponent($0) }
        }
        return files
    }
}
