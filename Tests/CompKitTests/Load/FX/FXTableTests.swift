import Testing
@testable import CompKit

@Suite struct FXTableTests {
    @Test func onlyTheDirectPairIsUsed() {
        var fx = FXTable()
        fx.set(dec("1.085"), month: month("2026-01"), from: .eur, to: .usd)
        fx.set(dec("0.79"), month: month("2026-01"), from: .usd, to: .gbp)
        #expect(fx.rate(month: month("2026-01"), from: .eur, to: .usd) == dec("1.085"))
        #expect(fx.rate(month: month("2026-01"), from: .usd, to: .eur) == nil)  // no inverse
        #expect(fx.rate(month: month("2026-01"), from: .eur, to: .gbp) == nil)  // no cross rate via USD
        #expect(fx.rate(month: month("2026-02"), from: .eur, to: .usd) == nil)  // another month
        #expect(fx.rate(month: month("2026-02"), from: .jpy, to: .jpy) == ExactDecimal(1))  // same currency needs no row
    }

    @Test func readsTheFileAndReportsBadRows() throws {
        try withTemporaryFolder { folder in
            let path = try write("""
                month,from,to,rate
                2026-01,EUR,USD,1.0830
                2026-13,EUR,USD,1.1
                2026-02,EUR,XXX,1.1
                2026-02,EUR,USD,0
                2026-01,EUR,USD,1.09

                """, to: "fx.csv", in: folder)
            let log = DiagnosticLog()
            let (table, rows) = try FXTable.read(path: path, log: log)
            #expect(rows == 5)
            #expect(table.rate(month: month("2026-01"), from: .eur, to: .usd) == dec("1.083"))
            // line:column of each problem: bad month (field 1), unknown code (field 3), zero rate (field 4), pair twice (row)
            #expect(log.sorted.map { "\($0.location.lineAndColumn)" } == ["3:1", "4:3", "5:4", "6"])
        }
    }
}
