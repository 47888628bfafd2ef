import Testing
@testable import CompKit

@Suite struct DealAttributionTests {
    /// A credit row of the month, as the credit stage captures it.
    static func row(_ deal: String, _ date: String, _ credit: String, _ kind: CreditTotals.CreditRow.Kind = .credit) -> CreditTotals.CreditRow {
        CreditTotals.CreditRow(repID: "R1", planID: "P", component: "new", dealID: deal, creditDate: day(date), kind: kind,
                               dealAmount: dec(credit).magnitude, dealCurrency: .usd, fxRate: dec("1"), percent: dec("100"),
                               credit: dec(credit), planCurrency: .usd)
    }

    /// Graduated on attainment: 5 % from 0, 10 % from 1.0 × quota.
    static let component = Fixture.component("new", table: Fixture.table(.graduated, .attainment, [("0", "0.05"), ("1.0", "0.10")]))

    static func attribution(quota: String, opening: String, _ rows: [CreditTotals.CreditRow],
                            component: Component = component) -> DealAttribution {
        DealAttribution(component: component, quota: dec(quota), currency: .usd, openingCredit: dec(opening), rows: rows)
    }

    @Test func aDealCrossingATierIsAttributedWhatItAdded() {
        // Quota 100000, so tier 2 starts at 100000. January left C = 58000, E = 0.05 × 58000 = 2900.
        // D04 (02-12) +50000 → C = 108000: E = 0.05 × 100000 + 0.10 × 8000 = 5800; 5800 − 2900 = 2900.00, crosses into tier 2.
        // D08 (02-18) +4000.13 → C = 112000.13: E = 5000 + 0.10 × 12000.13 = 6200.013; 6200.013 − 5800 = 400.013 → 400.01.
        // Commission: round(6200.013) − round(2900) = 6200.01 − 2900.00 = 3300.01 = 2900.00 + 400.01, residual 0.
        let result = Self.attribution(quota: "100000", opening: "58000",
                                      [Self.row("D08", "2026-02-18", "4000.13"), Self.row("D04", "2026-02-12", "50000")])
        #expect(result.labels == ["D04 credit", "D08 credit"])   // by credit date, whatever the input order
        #expect(result.lines.map(\.creditedToDate) == [dec("108000"), dec("112000.13")])
        #expect(result.lines.map(\.earnedToDate) == [dec("5800"), dec("6200.013")])
        #expect(result.lines.map(\.commission) == [dec("2900.00"), dec("400.01")])
        #expect(result.lines.map(\.changesTier) == [true, false])
        #expect(result.lines[0].tierBefore == 1 && result.lines[0].tier == 2)
        #expect(result.openingEarned == dec("2900") && result.commission == dec("3300.01") && result.residual.isZero)
    }

    @Test func roundingResidualIsItsOwnLine() {
        // Quota 60000; January left C = 22000, E = 0.05 × 22000 = 1100.
        // D03 (02-05) +13370.36 → 35370.36: E = 1768.518, +668.518 → 668.52
        // D08 (02-18) +4000.13 → 39370.49: E = 1968.5245, +200.0065 → 200.01
        // D05 (02-20) chargeback −10000 → 29370.49: E = 1468.5245, −500.00
        // Attributed 668.52 + 200.01 − 500.00 = 368.53; commission round(1468.5245) − 1100.00 = 1468.52 − 1100.00 = 368.52;
        // residual 368.52 − 368.53 = −0.01.
        let result = Self.attribution(quota: "60000", opening: "22000", [
            Self.row("D05", "2026-02-20", "-10000", .chargeback), Self.row("D03", "2026-02-05", "13370.36"),
            Self.row("D08", "2026-02-18", "4000.13"),
        ])
        #expect(result.lines.map(\.commission) == [dec("668.52"), dec("200.01"), dec("-500.00")])
        #expect(result.commission == dec("368.52"))
        #expect(result.residual == dec("-0.01"))
        #expect(result.lines.reduce(ExactDecimal.zero) { $0 + $1.commission } + result.residual == result.commission)
    }

    @Test func sameDayCreditsGoByDealIDBytesThenKind() {
        // "D10" < "D2" byte by byte; on one day a deal's credit comes before its chargeback.
        let result = Self.attribution(quota: "100000", opening: "0", [
            Self.row("D2", "2026-03-03", "100"), Self.row("D10", "2026-03-03", "-50", .chargeback),
            Self.row("D10", "2026-03-03", "50"),
        ])
        #expect(result.labels == ["D10 credit", "D10 chargeback", "D2 credit"])
        // 0.05 × 50 = 2.50, then back to 0 (−2.50), then 0.05 × 100 = 5.00.
        #expect(result.lines.map(\.commission) == [dec("2.50"), dec("-2.50"), dec("5.00")])
        #expect(result.lines[1].tier == nil && result.commission == dec("5.00"))
    }

    @Test func theCapStopsAttributionPartWayThroughADeal() {
        // Cap 6000 on the same table, quota 100000: D1 +100000 → E 5000; D2 +20000 → E 5000 + 2000 = 7000,
        // capped at 6000, so D2 is attributed 1000.00; D3 +5000 adds nothing.
        let capped = Fixture.component("new", table: Self.component.rateTable, cap: "6000")
        let result = Self.attribution(quota: "100000", opening: "0", [
            Self.row("D1", "2026-01-05", "100000"), Self.row("D2", "2026-01-06", "20000"), Self.row("D3", "2026-01-07", "5000"),
        ], component: capped)
        #expect(result.lines.map(\.commission) == [dec("5000.00"), dec("1000.00"), dec("0.00")])
        #expect(result.commission == dec("6000.00") && result.residual.isZero)
    }
}
