import Foundation

/// Headless Chromium for the tests that open comp's HTML as a reader would (`.ci/run` installs it).
enum Chromium {
    /// The browser on the PATH, if any.
    static let executable: URL? = {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in folders {
                let url = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
        }
        return nil
    }()
}

extension Workspace {
    /// Runs the browser headless with `arguments` (its profile kept in the workspace).
    func chromium(_ arguments: [String], timeout: Double = 90) throws -> CompRun {
        guard let executable = Chromium.executable else { throw CocoaError(.fileNoSuchFile) }
        return try run(executable, ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
                                    "--user-data-dir=\(root.appendingPathComponent("chromium-profile").path)"] + arguments,
                       timeout: timeout)
    }
}
