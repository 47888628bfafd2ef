import Foundation
import Testing
@testable import CompKit

/// The limits comp puts on its inputs (docs/RELIABILITY.md), each refused with an error at the
/// place it is broken: never a crash, a hang or a run out of memory.
@Suite struct InputLimitsTests {
    private static func problems(_ log: DiagnosticLog) -> [String] {
        log.sorted.map { "\($0.location.lineAndColumn) \($0.message)" }
    }

    static func plans(_ texts: [String]) throws -> [String] {
        try withTemporaryFolder { folder in
            let log = DiagnosticLog()
            let files = try texts.enumerated().map { try write($1, to: "plan\($0).xml", in: folder) }
            _ = PlanReader.read(files: files, log: log)
            return problems(log)
        }
    }

    static func fx(_ rows: [String]) throws -> (table: FXTable, problems: [String]) {
        try withTemporaryFolder { folder in
            let path = try write((["month,from,to,rate"] + rows).joined(separator: "\n") + "\n", to: "fx.csv", in: folder)
            let log = DiagnosticLog()
            let (table, _) = try FXTable.read(path: path, log: log)
            return (table, problems(log))
        }
    }

    /// A plan of `participants` elements (and one component on amount).
    static func plan(id: String = "P", participants: [String]) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <plan id="\(id)" name="p" currency="USD" yearStart="2026-01-01" quotaPeriod="quarter">
          <component id="c"><rateTable method="graduated" basis="amount"><tier from="0" rate="0.1"/></rateTable></component>
        \(participants.joined(separator: "\n"))
        </plan>
        """
    }

    @Test func aCSVFileStopsWithAnErrorPastTheRowLimit() throws {
        try withTemporaryFolder { folder in
            let path = try write("a,b\n1,2\n3,4\n5,6\n7,8\n", to: "x.csv", in: folder)
            let log = DiagnosticLog()
            let table = try #require(CSVTable(path: path, required: ["a"], log: log))
            var rows = 0
            try table.forEachRow(log: log, maxRows: 2) { rows += 1 }
            #expect(rows == 2)
            #expect(Self.problems(log) == ["4 the file has more than 2 data rows, the most comp reads from one file (split it)"])
        }
        #expect(InputFile.maxRecords == 100_000_000)
    }

    /// Checking 30 000 split reps for repeats took 53 s (debug build) for one row before the limit.
    @Test func aDealSplitBetweenTooManyRepsIsRefusedAtOnce() throws {
        let reps = (0..<30_000).map { "R\($0):0.01" }.joined(separator: ";")
        let started = Date()
        let refused = try DealPass.read("deal_id,close_date,amount,currency,type,reps\nD1,2026-03-02,100,USD,new,\(reps)\n", month: "2026-03")
        #expect(refused.rows.isEmpty && Date().timeIntervalSince(started) < 5)
        #expect(refused.problems == ["2:6 a deal is split between 30000 reps, more than the 100 comp accepts"])
        let hundred = (1...100).map { "R\($0):1" }.joined(separator: ";")
        let allowed = try DealPass.read("deal_id,close_date,amount,currency,type,reps\nD1,2026-03-02,100,USD,new,\(hundred)\n",
                                        month: "2026-03", participants: Set((1...100).map { "R\($0)" }))
        #expect(allowed.problems == [] && allowed.rows.count == 100)
    }

    @Test func aDealsXMLDealWithTooManyCreditsIsRefused() throws {
        let credits = String(repeating: "<credit rep=\"R1\" percent=\"1\"/>", count: 5_000)
        let pass = try DealPass.read("""
            <deals>
            <deal id="D1" closeDate="2026-03-02" amount="100" currency="USD" type="new">\(credits)</deal>
            </deals>
            """, name: "deals.xml", month: "2026-03")
        let problems = pass.problems
        #expect(pass.rows.isEmpty)
        #expect(problems.count == 1 && problems[0].hasPrefix("2:") && problems[0].hasSuffix("a deal is split between 101 reps, more than the 100 comp accepts"))
    }

    /// `amount × rate × percent` must fit 128 bits: 999999999999999.999999 EUR at 150.123456789012
    /// and 60.01 % crashed the run.
    @Test func fxRatesKeepToTwelveSignificantDigitsAndSixBeforeThePoint() throws {
        let (table, problems) = try Self.fx([
            "2026-01,EUR,USD,150.123456789012", "2026-02,EUR,USD,1234567", "2026-03,EUR,USD,0.000012345678901",
            "2026-04,EUR,USD,999999.000000000000", "2026-05,EUR,USD,0.000001234567",
        ])
        #expect(problems == [
            "2:4 rate '150.123456789012' has more than 12 significant digits",
            "3:4 rate '1234567' is too large (at most 6 digits before the decimal point)",
            "4:4 rate '0.000012345678901' has more than 12 decimal places",
        ])
        // Trailing zeros are dropped, so that they do not count against the product's 128 bits.
        let kept = try #require(table.rate(month: month("2026-04"), from: .eur, to: .usd))
        #expect(kept == dec("999999") && kept.scale == 0)
        #expect(table.rate(month: month("2026-05"), from: .eur, to: .usd) == dec("0.000001234567"))
    }

    /// `from × quota` and `atLeast × quota` must fit 128 bits: from="999999999999999.999999" crashed the run.
    @Test func attainmentFractionsAreAtMost1000() throws {
        let problems = try Self.plans(["""
            <?xml version="1.0" encoding="UTF-8"?>
            <plan id="P" name="p" currency="USD" yearStart="2026-01-01" quotaPeriod="quarter">
              <component id="c">
                <rateTable method="graduated" basis="attainment">
                  <tier from="0" rate="0.1"/><tier from="1000" rate="0.2"/>
                  <tier from="1000.000001" rate="0.3"/>
                </rateTable>
                <bonus id="b" atLeast="999999999999999.999999" amount="1"/>
              </component>
              <component id="d">
                <rateTable method="graduated" basis="amount"><tier from="0" rate="0.1"/><tier from="999999999999999.999999" rate="0.2"/></rateTable>
              </component>
              <participant id="R1" name="n" start="2026-01-01"><quota component="c" annual="999999999999999.999999"/></participant>
            </plan>
            """])
        #expect(problems == [
            #"6:13 from="1000.000001" is above 1000 (on basis="attainment" it is a fraction of quota: 1.5 is 150 %)"#,
            #"8:19 atLeast="999999999999999.999999" is above 1000 (it is a fraction of quota: 1.5 is 150 %)"#,
        ])
    }

    @Test func managerChainsDeeperThan100AreRefused() throws {
        let chain = (0...101).map { "<participant id=\"R\($0)\" name=\"n\" start=\"2026-01-01\"\($0 < 101 ? " manager=\"R\($0 + 1)\"" : "")/>" }
        #expect(try Self.plans([Self.plan(participants: Array(chain.dropFirst()))]) == [])  // R1 … R101: 100 levels, fine
        let problems = try Self.plans([Self.plan(participants: chain)])
        #expect(problems == ["4:50 the manager chain of R0 on 2026-01-01 is more than 100 levels deep, more than comp follows"])
    }

    /// The cycle check followed every chain from every participant on every date: 20 000
    /// participants in one cycle did not finish in 5 minutes. It is linear now.
    @Test func aLargePlanSetIsCheckedForCyclesQuickly() throws {
        let count = 5_000
        let participants = (0..<count).map { index in
            "<participant id=\"R\(index)\" name=\"n\" start=\"\(day("2026-01-01").adding(days: index % 365))\" manager=\"R\((index + 1) % count)\"/>"
        }
        let started = Date()
        let problems = try Self.plans([Self.plan(participants: participants)])
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(!problems.isEmpty && problems.allSatisfy { $0.contains("more than 100 levels deep") })
        // A short cycle among many participants is still found, once, from its first id.
        let cycle = (0..<count).map { index in
            "<participant id=\"R\(index)\" name=\"n\" start=\"2026-01-01\"\(index < 3 ? " manager=\"R\((index + 1) % 3)\"" : "")/>"
        }
        #expect(try Self.plans([Self.plan(participants: cycle)]) == ["4:50 manager chain forms a cycle on 2026-01-01: R0 → R1 → R2 → R0"])
    }

    /// libxml2 keeps lines in 16 bits: every deal past line 65535 was reported on line 65535.
    @Test func aDealPastLine65535IsReportedOnItsOwnLine() throws {
        let deal = "  <deal id=\"X%d\" closeDate=\"2026-02-01\" amount=\"100.00\" currency=\"USD\" type=\"new\">\n    <credit rep=\"R1\"/>\n  </deal>\n"
        let body = (0..<25_000).map { deal.replacingOccurrences(of: "%d", with: "\($0)") }.joined()
        let pass = try DealPass.read("""
            <?xml version="1.0" encoding="UTF-8"?>
            <deals>
            \(body)  <!-- a <deal> in a comment, and one split over lines -->
              <deal
                 id="BAD" closeDate="2026-02-01" amount="0" currency="USD" type="new"><credit rep="R1"/></deal>
            </deals>
            """, name: "deals.xml", month: "2026-02")
        #expect(pass.outcome.won == 25_000 && pass.rows.count == 25_000)
        #expect(pass.problems == ["75004:3 amount must be greater than 0"])
    }
}
