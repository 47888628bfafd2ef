import Testing
@testable import CompKit

/// Credit on payment (§3.1b), worked by hand.
///
/// Plan PAY-2026 (USD, quarterly): `services` (type services, credited on payment, graduated on
/// amount: 5 % to 10000, 10 % above) and `bookings` (type new, on close). R1 reports to M1; R3
/// leaves on 2026-01-31. Plan MGR-2026 (EUR): M1 with `team-services` (team, on payment, 1 %) and
/// `team-bookings` (team, on close, 1 %). Plan OTHER-2026 (USD): R4, no payment component.
///
/// Deals: S1 2026-01-15 services 12000.00 USD, R1 60 % / R2 40 %; S2 2026-01-10 services 30000.00,
/// R1; S3 2026-01-05 services 1000.00, R3; S4 2026-01-05 services 1000.00 GBP, R4; S5 2026-02-01
/// services 800.00 GBP, R1.
/// Payments: S1 5000.00 on 01-20, 7000.00 on 02-10, −1000.00 on 03-05; S2 9000.00 on 02-20,
/// −7000.00 on 03-20; S3 500.00 on 03-10; S4 1000.00 on 03-01; S5 333.33 on 03-15.
/// fx USD→EUR: 0.9 in January, 0.8 in February, 0.85 in March; GBP→USD 1.25 in January, 1.3 in
/// February, 1.31 in March.
@Suite struct PaymentCreditTests {
    static let onePercent = Fixture.table(.graduated, .amount, [("0", "0.01")])

    static let payPlan = Fixture.plan(
        "PAY-2026",
        components: [
            Component(id: "services", filter: DealFilter(types: ["services"]), creditOn: .payment,
                      rateTable: Fixture.table(.graduated, .amount, [("0", "0.05"), ("10000", "0.10")])),
            Component(id: "bookings", filter: DealFilter(types: ["new"]), rateTable: onePercent),
        ],
        participants: [
            Fixture.person("R1", manager: "M1"), Fixture.person("R2"), Fixture.person("R3", end: "2026-01-31"),
        ])

    static let managerPlan = Fixture.plan(
        "MGR-2026", currency: .eur,
        components: [
            Component(id: "team-services", creditFrom: .team, creditOn: .payment, rateTable: onePercent),
            Component(id: "team-bookings", creditFrom: .team, rateTable: onePercent),
        ],
        participants: [Fixture.person("M1")])

    static let otherPlan = Fixture.plan("OTHER-2026", components: [Component(id: "all", rateTable: onePercent)],
                                        participants: [Fixture.person("R4")])

    static let deals = [
        Fixture.deal("S1", closed: "2026-01-15", amount: "12000.00", type: "services", reps: "R1:60;R2:40"),
        Fixture.deal("S2", closed: "2026-01-10", amount: "30000.00", type: "services"),
        Fixture.deal("S3", closed: "2026-01-05", amount: "1000.00", type: "services", reps: "R3"),
        Fixture.deal("S4", closed: "2026-01-05", amount: "1000.00", currency: .gbp, type: "services", reps: "R4"),
        Fixture.deal("S5", closed: "2026-02-01", amount: "800.00", currency: .gbp, type: "services"),
    ]

    static let payments = [
        ("S1", "2026-01-20", "5000.00"), ("S1", "2026-02-10", "7000.00"), ("S1", "2026-03-05", "-1000.00"),
        ("S2", "2026-02-20", "9000.00"), ("S2", "2026-03-20", "-7000.00"),
        ("S3", "2026-03-10", "500.00"), ("S4", "2026-03-01", "1000.00"), ("S5", "2026-03-15", "333.33"),
    ]

    static let rates: [(String, Currency, Currency, String)] = [
        ("2026-01", .usd, .eur, "0.9"), ("2026-02", .usd, .eur, "0.8"), ("2026-03", .usd, .eur, "0.85"),
        ("2026-01", .gbp, .usd, "1.25"), ("2026-02", .gbp, .usd, "1.3"),
    ]
    /// Only the paid month's rate may be used for S5's payment: March's is added where needed.
    static let ratesWithMarchGBP = rates + [("2026-03", .gbp, .usd, "1.31")]

    static let march = Scenario(month: "2026-03", plans: [payPlan, managerPlan, otherPlan], deals: deals, rates: ratesWithMarchGBP,
                                payments: payments)

    @Test func paymentsAreCreditedWhenPaidAndDealsWhenClosed() {
        let march = Self.march
        // R1: 60 % of S1's payments, all of S2's: January 3000.00; February 4200.00 + 9000.00; March −600.00 − 7000.00,
        // and S5's 333.33 GBP at March's 1.31: 436.6623 → 436.66.
        #expect(march.credited("R1", on: "2026-01-01", "services", months: 1...1) == dec("3000.00"))
        #expect(march.credited("R1", on: "2026-01-01", "services", months: 2...2) == dec("13200.00"))
        #expect(march.credited("R1", on: "2026-01-01", "services", months: 3...3) == dec("-7163.34"))
        // R2: 40 %: 2000.00, 2800.00, −400.00.
        #expect(march.credited("R2", on: "2026-01-01", "services", months: 1...3) == dec("4400.00"))
        // The deals' own credits go to close components only: none matches a services deal.
        #expect(march.credited("R1", on: "2026-01-01", "bookings", months: 1...3) == .zero)
    }

    @Test func partialPaymentsAndRefundsAcrossATierBound() {
        let march = Self.march
        // January C = 3000.00: 5 % → 150.00.
        #expect(march.measure("R1", on: "2026-01-01", "services", month: 1).commission == dec("150.00"))
        // February C = 16200.00: 10000 × 5 % + 6200 × 10 % = 1120.00; commission 1120.00 − 150.00.
        #expect(march.measure("R1", on: "2026-01-01", "services", month: 2).commission == dec("970.00"))
        // March C = 9036.66, back under the bound: 451.833 → 451.83; commission 451.83 − 1120.00.
        #expect(march.measure("R1", on: "2026-01-01", "services", month: 3).commission == dec("-668.17"))
        // R2: C = 4400.00 → 220.00, after 240.00 in February.
        #expect(march.measure("R2", on: "2026-01-01", "services", month: 3).commission == dec("-20.00"))
    }

    @Test func aPaymentRollsUpConvertedAtThePaidMonth() {
        let march = Self.march
        // R1's payment credits in EUR: 3000 × 0.9; 4200 × 0.8 + 9000 × 0.8; −600 × 0.85 − 7000 × 0.85, and
        // S5's GBP payment as R1's 436.66 USD × 0.85 = 371.161 → 371.16 (from the rep's plan currency, at the paid month).
        #expect(march.credited("M1", on: "2026-01-01", "team-services", months: 1...1) == dec("2700.00"))
        #expect(march.credited("M1", on: "2026-01-01", "team-services", months: 2...2) == dec("10560.00"))
        #expect(march.credited("M1", on: "2026-01-01", "team-services", months: 3...3) == dec("-6088.84"))
        // The team's close component copies the deal credits, at the close month: (7200 + 30000) × 0.9, and
        // S5's 800.00 GBP × 1.3 = 1040.00 USD × 0.8 = 832.00 EUR in February.
        #expect(march.credited("M1", on: "2026-01-01", "team-bookings", months: 1...3) == dec("34312.00"))
        // 1 % of 7171.16 earned to date (71.7116 → 71.71), after 132.60 at the end of February.
        #expect(march.measure("M1", on: "2026-01-01", "team-services", month: 3).commission == dec("-60.89"))
    }

    @Test func theRunMonthsPaymentRowsShowThePayment() throws {
        let rows = try Self.march.rows(deal: "S1").filter { $0.kind == .payment }
        #expect(rows.map { "\($0.repID) \($0.component) \($0.creditDate) \($0.dealAmount) \($0.percent) \($0.credit)" }.sorted() == [
            "R1 services 2026-03-05 -1000.00 60.00 -600.00",
            "R2 services 2026-03-05 -1000.00 40.00 -400.00",
        ])
        let rollUps = try Self.march.rows(deal: "S2").filter { $0.kind == .rollup }
        #expect(rollUps.map { "\($0.repID) \($0.component) \($0.dealAmount) \($0.credit)" } == ["M1 team-services -7000.00 -5950.00"])
    }

    @Test func aPaymentNeedsTheRateOfItsPaidMonth() {
        let withoutMarch = Scenario(month: "2026-03", plans: [Self.payPlan, Self.managerPlan, Self.otherPlan], deals: Self.deals,
                                    rates: Self.rates, payments: Self.payments)
        #expect(withoutMarch.missingRates == [MissingRate(month: month("2026-03"), from: "GBP", to: "USD")])
    }

    @Test func aPaymentWithNoEntryIsAnExceptionAndOneWithoutAPaymentComponentGivesNothing() throws {
        let march = Self.march
        #expect(march.totals.exceptions.map(\.reason) == [
            "rep R3 has no plan entry active on the paid date 2026-03-10; the payment credit pays nothing",
        ])
        #expect(march.totals.exceptions.map(\.line) == [7])
        // S4's March payment in GBP has no rate: R4's plan credits nothing on payment, so none is needed.
        #expect(march.missingRates.isEmpty)
        #expect(try march.rows(deal: "S4").allSatisfy { $0.kind != .payment })
    }
}

/// What payments.csv must agree with in the deals (§2.3, §7): each problem at its row and column.
@Suite struct PaymentCheckTests {
    static func problems(_ payments: [(String, String, String)]) throws -> [String] {
        let book = PlanBook(plans: [PaymentCreditTests.payPlan, PaymentCreditTests.managerPlan], runMonth: month("2026-03"))
        let rows = payments.enumerated().map { Payments.Payment(dealID: $1.0, paidDate: day($1.1), amount: dec($1.2), line: $0 + 2) }
        let log = DiagnosticLog()
        _ = try CreditPass.run(paths: [], book: book, fx: FXTable(), log: log, givenDeals: Array(PaymentCreditTests.deals.prefix(3)),
                               payments: [Payments(source: "payments.csv", payments: rows)])
        return log.sorted.map(\.description)
    }

    @Test func anUnknownDealAPaymentBeforeTheCloseAndTotalsOutOfBounds() throws {
        #expect(try Self.problems([
            ("S9", "2026-02-01", "10.00"),       // no such deal
            ("S1", "2026-01-14", "10.00"),       // S1 closed on 2026-01-15
            ("S2", "2026-02-01", "20000.00"),
            ("S2", "2026-02-02", "10000.01"),    // S2: 30000.01 paid of 30000.00
            ("S3", "2026-02-01", "-0.01"),       // S3: refunded more than paid
        ]) == [
            "payments.csv:2:1: error: deal_id 'S9' is not a deal of the deals files",
            "payments.csv:3:2: error: paid on 2026-01-14, before deal S1 closed on 2026-01-15",
            "payments.csv:5:3: error: the payments of deal S2 add up to 30000.01 USD, more than its amount 30000.00",
            "payments.csv:6:3: error: the payments of deal S3 add up to -0.01 USD, below 0 (more refunded than paid)",
        ])
    }
}
