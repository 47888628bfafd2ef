import Foundation
import Testing

/// summary.html (§5) opened in a real headless Chromium: it loads without errors, draws every
/// chart with a size, and renders to a screenshot. Set `COMP_KEEP_SCREENSHOT=<folder>` to keep the
/// picture for a look.
@Suite struct SummaryHTMLTests {
    @Test func summaryOpensInChromium() throws {
        guard Chromium.executable != nil else {
            Issue.record("chromium is not installed (apt-get install -y chromium; .ci/run does it)")
            return
        }
        let workspace = try Workspace.project()
        let run = try workspace.comp("run", "--period", "2026-03")
        #expect(run.status == 0, run.transcript)
        let page = workspace.url("out/2026-03/summary.html")
        let html = try workspace.read("out/2026-03/summary.html")
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("<img"), "the page must need no script and load nothing")

        // The page as Chromium parsed it, with the browser's console on stderr.
        let dom = try workspace.chromium(["--enable-logging=stderr", "--v=0", "--dump-dom", page.absoluteString])
        #expect(dom.status == 0, "chromium failed:\n\(dom.stderr)")
        #expect(dom.stdout.contains("<h1>Compensation summary — March 2026 (2026-03)</h1>") && dom.stdout.contains("</html>"))
        let problems = dom.stderr.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("Failed to load") }
        #expect(problems.isEmpty, "the browser reported:\n\(problems.joined(separator: "\n"))")
        // Every chart carries its size in the DOM …
        let charts = dom.stdout.components(separatedBy: "<svg ").dropFirst()
        #expect(charts.count >= 4, "expected the payout, forecast, attainment and calibration charts")
        for chart in charts {
            let width = Self.attribute("width", in: chart), height = Self.attribute("height", in: chart)
            #expect((width ?? 0) > 0 && (height ?? 0) > 0, "an <svg> without a size: \(chart.prefix(120))")
        }
        // … and as laid out: a probe page (scripts allowed there, not in the summary) measures each one.
        let probe = workspace.root.appendingPathComponent("probe.html")
        try Data("""
            <!DOCTYPE html><html><body><iframe id="page" src="\(page.absoluteString)" width="1100" height="3000"></iframe>
            <script>
            document.getElementById('page').addEventListener('load', () => {
              const doc = document.getElementById('page').contentDocument;
              const sizes = [...doc.querySelectorAll('svg')].map(svg => {
                const box = svg.getBoundingClientRect();
                return Math.round(box.width) + 'x' + Math.round(box.height);
              });
              document.body.setAttribute('data-svg-sizes', sizes.join(' '));
            });
            </script></body></html>
            """.utf8).write(to: probe)
        let measured = try workspace.chromium(["--allow-file-access-from-files", "--virtual-time-budget=10000", "--dump-dom",
                                               probe.absoluteString])
        let sizes = Self.quoted("data-svg-sizes", in: measured.stdout)?.split(separator: " ") ?? []
        #expect(sizes.count == charts.count, "laid-out charts: \(sizes)\n\(measured.stderr)")
        for size in sizes {
            let sides = size.split(separator: "x").compactMap { Int($0) }
            #expect(sides.count == 2 && sides[0] > 0 && sides[1] > 0, "a chart rendered as \(size)")
        }

        // A screenshot of the page, saved in the test's temporary folder.
        let screenshot = workspace.root.appendingPathComponent("summary.png")
        let shot = try workspace.chromium(["--screenshot=\(screenshot.path)", "--window-size=1100,5000", page.absoluteString])
        #expect(shot.status == 0, "chromium failed:\n\(shot.stderr)")
        let png = try Data(contentsOf: screenshot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "not a PNG")
        #expect(png.count > 50_000, "a \(png.count)-byte screenshot is too small to show the page")
        if png.count >= 24 {
            let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
            #expect(width == 1100 && height == 5000, "screenshot is \(width)×\(height)")
        }
        if let keep = ProcessInfo.processInfo.environment["COMP_KEEP_SCREENSHOT"] {
            try? FileManager.default.createDirectory(atPath: keep, withIntermediateDirectories: true)
            try? png.write(to: URL(fileURLWithPath: keep).appendingPathComponent("summary.png"))
        }
    }

    /// The integer value of `name="…"` in the start of an element.
    static func attribute(_ name: String, in element: String) -> Int? {
        guard let tagEnd = element.firstIndex(of: ">") else { return nil }
        return quoted(name, in: String(element[..<tagEnd])).flatMap { Int($0) }
    }

    /// The value of the first ` name="…"` in a text.
    static func quoted(_ name: String, in text: String) -> String? {
        guard let start = text.range(of: " \(name)=\"") else { return nil }
        let rest = text[start.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}
