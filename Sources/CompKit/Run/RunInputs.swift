import Foundation

/// Where a run reads its inputs (§2 and §6): the files named by flags, and the rest from one
/// inputs folder — `--inputs DIR`, else the folder of the first `--deals` file, else `inputs/` —
/// with plans from `plans/` unless named.
public struct RunInputs: Sendable {
    public var planPaths: [String]
    public var dealPaths: [String]
    public var fxPath: String?
    public var forecastsPath: String?
    public var pipelinePath: String?
    public var expectedPath: String?
    public var paymentsPath: String?
    /// The files the defaults chose (the command line did not name them), in the order they are read;
    /// a default plan folder is listed file by file.
    public private(set) var implicitPaths: [String] = []

    public init(planPaths: [String] = [], dealPaths: [String] = [], fxPath: String? = nil,
                forecastsPath: String? = nil, pipelinePath: String? = nil, expectedPath: String? = nil, paymentsPath: String? = nil) {
        self.planPaths = planPaths
        self.dealPaths = dealPaths
        self.fxPath = fxPath
        self.forecastsPath = forecastsPath
        self.pipelinePath = pipelinePath
        self.expectedPath = expectedPath
        self.paymentsPath = paymentsPath
    }

    /// The folder the optional inputs (and deals, unless named) come from: `inputsFolder` when
    /// given, else the folder of the first deals file, else `inputs`.
    public func inputsFolder(_ inputsFolder: String?) -> String {
        if let inputsFolder { return inputsFolder }
        guard let firstDeals = dealPaths.first else { return "inputs" }
        let folder = (firstDeals as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// Fills what was not given: plans from `plans/`, and from the inputs folder (see
    /// `inputsFolder(_:)`) `deals.csv` and/or `deals.xml` when no deals are named, and the
    /// optional inputs that are present. Nothing is taken from another folder.
    public func withDefaults(inputsFolder folderOption: String? = nil) -> RunInputs {
        var result = self
        let manager = FileManager.default
        let folder = inputsFolder(folderOption)
        func inFolder(_ name: String) -> String { folder == "." ? name : (folder as NSString).appendingPathComponent(name) }
        func existing(_ name: String) -> String? {
            let path = inFolder(name)
            guard manager.fileExists(atPath: path) else { return nil }
            result.implicitPaths.append(path)
            return path
        }
        if result.planPaths.isEmpty {
            result.planPaths = ["plans"]
            result.implicitPaths += RunInputs.planFiles(in: "plans")
        }
        if result.dealPaths.isEmpty {
            result.dealPaths = ["deals.csv", "deals.xml"].compactMap(existing)
            // None there: the run reports the missing deals.csv.
            if result.dealPaths.isEmpty { result.dealPaths = [inFolder("deals.csv")] }
        }
        result.fxPath = result.fxPath ?? existing("fx.csv")
        result.forecastsPath = result.forecastsPath ?? existing("forecasts.csv")
        result.pipelinePath = result.pipelinePath ?? existing("pipeline.csv")
        result.expectedPath = result.expectedPath ?? existing("expected.csv")
        result.paymentsPath = result.paymentsPath ?? existing("payments.csv")
        return result
    }

    /// The plan files: each path given, or the `*.xml` files of each folder given, in byte order.
    func planFiles(log: DiagnosticLog) -> [String] {
        var files: [String] = []
        let manager = FileManager.default
        for path in planPaths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                log.error(.wholeFile(path), "no such plan file or folder")
                continue
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let folderFiles = RunInputs.planFiles(in: path)
            if folderFiles.isEmpty { log.error(.wholeFile(path), "the folder holds no plan (*.xml) files") }
            files += folderFiles
        }
        return files
    }

    /// The `*.xml` files of a folder (hidden ones aside), in byte order; none when it cannot be read.
    private static func planFiles(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".xml") && !$0.hasPrefix(".") }
            .sorted(by: byteOrder)
            .map { (folder as NSString).appendingPathComponent($0) }
    }
}
