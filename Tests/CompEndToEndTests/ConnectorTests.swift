import Foundation
import Testing

/// `comp import` and `comp export` through the built `comp` on the shipped example data (§8):
/// a CRM export of the example deals gives the same run, and the README's three commands work.
@Suite struct ConnectorTests {
    static let compared = ["payroll.csv", "credits.csv", "attainment.csv", "forecast_accuracy.csv", "variance.csv", "draws.csv"]

    /// inputs/crm/salesforce holds the example deals as Salesforce's Data Loader writes them (with
    /// lost and open opportunities, an overlay split type, timestamps in UTC for a Warsaw org).
    @Test func theSalesforceExportOfTheExampleDealsGivesTheSameRun() throws {
        let workspace = try Workspace.project()
        let imported = try workspace.comp(
            "import", "salesforce", "inputs/crm/salesforce/Opportunity.csv", "--splits", "inputs/crm/salesforce/OpportunitySplit.csv",
            "--split-type", "1475g000000AbCdAAA", "--people", "inputs/people.csv", "--product-field", "PRODUCT__C",
            "--cancel-date-field", "CANCEL_DATE__C", "--timezone", "Europe/Warsaw", "--out", "crm/deals.csv")
        try #require(imported.status == 0, imported.transcript)
        #expect(imported.stderr.contains("wrote 437 deals to crm/deals.csv; skipped 151: 63 closed and not won, 88 open (no --pipeline-out)"),
                imported.transcript)
        let fromCRM = try workspace.comp("run", "--period", "2026-03", "--deals", "crm/deals.csv", "--inputs", "inputs", "--out", "crm/2026-03")
        let original = try workspace.comp("run", "--period", "2026-03")
        try #require(fromCRM.status == 0 && original.status == 0, "\(fromCRM.transcript)\n\(original.transcript)")
        for name in Self.compared {
            #expect(try workspace.read("crm/2026-03/\(name)") == workspace.read("out/2026-03/\(name)"), "\(name)")
        }
        // The README's third command.
        let export = try workspace.comp("export", "--period", "2026-03", "--format", "adp", "--out", "crm/2026-03",
                                        "--company-code", "K7Q", "--batch-id", "2603")
        #expect(export.status == 0, export.transcript)
        #expect(try Self.totals(adp: workspace.read("crm/2026-03/export/adp.csv"), people: workspace.read("inputs/people.csv"))
                == Self.totals(payroll: workspace.read("crm/2026-03/payroll.csv")))
    }

    /// HubSpot's export (English labels, a BOM) holds the example deals with one owner: importing it
    /// gives the run of those deals.
    @Test func theHubSpotExportGivesTheRunOfItsDeals() throws {
        let workspace = try Workspace.project()
        let imported = try workspace.comp("import", "hubspot", "inputs/crm/hubspot/deals.csv", "--people", "inputs/people.csv",
                                          "--product-field", "Product", "--cancel-date-field", "Cancel Date",
                                          "--pipeline-out", "crm/pipeline.csv", "--snapshot-date", "2026-03-01", "--out", "crm/deals.csv")
        try #require(imported.status == 0, imported.transcript)
        let lines = try workspace.read("inputs/deals.csv").split(separator: "\n", omittingEmptySubsequences: false)
        try workspace.write("single/deals.csv", ([lines[0]] + lines.dropFirst().filter { !$0.contains(";") }).joined(separator: "\n"))
        for folder in ["crm", "single"] {
            let run = try workspace.comp("run", "--period", "2026-03", "--deals", "\(folder)/deals.csv", "--fx", "inputs/fx.csv",
                                         "--pipeline", "inputs/pipeline.csv", "--out", "\(folder)/2026-03")
            try #require(run.status == 0, run.transcript)
        }
        for name in ["payroll.csv", "credits.csv", "attainment.csv"] {
            #expect(try workspace.read("crm/2026-03/\(name)") == workspace.read("single/2026-03/\(name)"), "\(name)")
        }
        #expect(try workspace.read("crm/pipeline.csv").hasPrefix("opp_id,rep_id,snapshot_date,stage,probability,amount,currency,expected_close\n"))
    }

    @Test func aFormatWithoutItsSettingsIsAUsageError() throws {
        let workspace = try Workspace.project()
        try #require(try workspace.comp("run", "--period", "2026-03").status == 0)
        let adp = try workspace.comp("export", "--period", "2026-03", "--format", "adp", "--company-code", "K7Q")
        #expect(adp.status == 2 && adp.stderr.contains("the adp format needs --batch-id"), adp.transcript)
        let workday = try workspace.comp("export", "--period", "2026-03", "--format", "workday")
        #expect(workday.status == 2 && workday.stderr.contains("--pay-date"), workday.transcript)
        #expect(!workspace.exists("out/2026-03/export"))
        let gusto = try workspace.comp("export", "--period", "2026-03", "--format", "gusto")
        #expect(gusto.status == 0, gusto.transcript)
    }

    /// Per ADP file number, the sum of Earnings 3 Amount, keyed by the participant people.csv names.
    static func totals(adp: String, people: String) -> [String: String] {
        var participant: [String: String] = [:]
        for line in people.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if fields[1] == "adp" { participant[fields[2]] = fields[0] }
        }
        var sums: [String: Decimal] = [:]
        for line in adp.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            sums[participant[fields[2]] ?? "?", default: 0] += Decimal(string: fields[4])!
        }
        return sums.mapValues { "\($0)" }
    }

    /// Per employee, the sum of payroll.csv's amount (fields split on commas outside quotes).
    static func totals(payroll: String) -> [String: String] {
        var sums: [String: Decimal] = [:]
        let lines = payroll.split(separator: "\n")
        let header = PayTables.fields(lines[0])
        for line in lines.dropFirst() {
            let fields = PayTables.fields(line)
            sums[fields[header.firstIndex(of: "employee_id")!], default: 0] += Decimal(string: fields[header.firstIndex(of: "amount")!])!
        }
        return sums.mapValues { "\($0)" }
    }
}
