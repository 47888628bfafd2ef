import Foundation
import Testing

/// The README's main job on the project's own data, and its reproducibility (§2, §5).
@Suite struct ProjectRunTests {
    static let files = ["payroll.csv", "credits.csv", "attainment.csv", "exceptions.csv", "manifest.json"]

    @Test func monthlyRunFromTheProjectRoot() throws {
        let workspace = try Workspace.project()
        let run = try workspace.comp("run", "--period", "2026-03")
        #expect(run.status == 0, run.transcript)
        for name in Self.files {
            #expect(workspace.exists("out/2026-03/\(name)"), "out/2026-03/\(name) is missing")
        }
        let payroll = try workspace.read("out/2026-03/payroll.csv")
        #expect(payroll.split(separator: "\n", omittingEmptySubsequences: false).first
                == "period,employee_id,employee_name,pay_type,component,amount,currency,prior_adjustment")
        // The last thing the run does before the process ends: say what it wrote, on stdout.
        let rows = payroll.split(separator: "\n").dropFirst()
        let people = Set(rows.map { $0.split(separator: ",")[1] })
        #expect(run.stdout == "comp: 2026-03: \(rows.count) payroll rows for \(people.count) people written to out/2026-03/\n",
                run.transcript)
    }

    /// Two runs in two copies: byte-identical files, the manifest aside from its clock time.
    @Test func sameInputsGiveTheSameBytes() throws {
        let outputs = try (0..<2).map { _ -> [String: Data] in
            let workspace = try Workspace.project()
            let run = try workspace.comp("run", "--period", "2026-03")
            #expect(run.status == 0, run.transcript)
            return try workspace.snapshot("out/2026-03")
        }
        #expect(outputs[0].keys.sorted() == outputs[1].keys.sorted())
        for name in Self.files.dropLast() {
            #expect(outputs[0][name] != nil && outputs[0][name] == outputs[1][name], "\(name) differs between two runs")
        }
        let manifests = outputs.map { output in
            String(decoding: output["manifest.json"] ?? Data(), as: UTF8.self)
                .split(separator: "\n").filter { !$0.contains("\"generatedAt\"") }
        }
        #expect(!manifests[0].isEmpty && manifests[0] == manifests[1], "manifest.json differs beyond generatedAt")
    }
}
