import Testing
@testable import CompKit

@Suite struct PayrollTests {
    static let header = "period,employee_id,employee_name,pay_type,component,amount,currency,prior_adjustment\n"

    static func csv(_ scenario: Scenario, _ period: String) -> String {
        String(decoding: PayrollReport.csv(scenario.payroll, period: month(period)), as: UTF8.self)
    }

    @Test func marchOfTheAccountExecutive() {
        // R1's March lines (see PayScheduleTests.march) in pay type order, then component; R2 has only
        // zero amounts in March and no row.
        #expect(Self.csv(AccountExecutive.run("2026-03"), "2026-03") == Self.header + """
            2026-03,R1,Anna Kowalska,BASE,,5000.00,USD,0.00
            2026-03,R1,Anna Kowalska,COMMISSION,new-business,-7200.00,USD,0.00
            2026-03,R1,Anna Kowalska,COMMISSION,renewals,1800.00,USD,0.00
            2026-03,R1,Anna Kowalska,BONUS,new-business,-2500.00,USD,0.00
            2026-03,R1,Anna Kowalska,SPIFF,analytics-push,-500.00,USD,0.00

            """)
    }

    @Test func januaryHasTheDrawRows() {
        // R1: 2000 − 1200 = 800 topped up; R2: 2000 − 0.
        #expect(Self.csv(AccountExecutive.run("2026-01"), "2026-01") == Self.header + """
            2026-01,R1,Anna Kowalska,BASE,,5000.00,USD,0.00
            2026-01,R1,Anna Kowalska,COMMISSION,new-business,1200.00,USD,0.00
            2026-01,R1,Anna Kowalska,DRAW,,800.00,USD,0.00
            2026-01,R2,Ben Okafor,DRAW,,2000.00,USD,0.00

            """)
    }

    /// R1 changes plan on Mar 16: A until Mar 15 (base 60000, "Anna Kowalska"), B from Mar 16 (base 72000, "Anna Nowak").
    static func planChange(secondCurrency: Currency) -> Scenario {
        Scenario(month: "2026-03", plans: [
            Fixture.plan("A", components: [], participants: [Fixture.person("R1", name: "Anna Kowalska", end: "2026-03-15", base: "60000")]),
            Fixture.plan("B", currency: secondCurrency, components: [],
                         participants: [Fixture.person("R1", name: "Anna Nowak", start: "2026-03-16", base: "72000")]),
        ], deals: [])
    }

    @Test func amountsOfTwoEntriesAreAddedAndTheLatestNameIsUsed() {
        // 60000 × 15 / 372 = 2419.35 and 72000 × 16 / 372 = 3096.77: 2419.35 + 3096.77 = 5516.12
        #expect(Self.csv(Self.planChange(secondCurrency: .usd), "2026-03") == Self.header + """
            2026-03,R1,Anna Nowak,BASE,,5516.12,USD,0.00

            """)
    }

    @Test func twoCurrenciesStayTwoRows() {
        #expect(Self.csv(Self.planChange(secondCurrency: .eur), "2026-03") == Self.header + """
            2026-03,R1,Anna Nowak,BASE,,3096.77,EUR,0.00
            2026-03,R1,Anna Nowak,BASE,,2419.35,USD,0.00

            """)
    }

    static func paid(_ period: String, _ type: PayType, _ amount: String, component: String = "") -> PaymentLedger.Payment {
        PaymentLedger.Payment(period: month(period),
                              key: PayKey(employeeID: "R1", payType: type, component: component, currency: .usd), amount: dec(amount))
    }

    @Test func priorAdjustmentIsComputedToDateLessPaidToDateLessTheMonth() throws {
        // January and February were closed as computed, except that February paid 7000 commission
        // instead of 7200; a payment of the previous fiscal year does not count.
        let ledger = [
            Self.paid("2025-12", .base, "5000"),
            Self.paid("2026-01", .base, "5000"), Self.paid("2026-01", .commission, "1200", component: "new-business"),
            Self.paid("2026-01", .draw, "800"),
            Self.paid("2026-02", .base, "5000"), Self.paid("2026-02", .commission, "7000", component: "new-business"),
            Self.paid("2026-02", .bonus, "2500", component: "new-business"), Self.paid("2026-02", .spiff, "500", component: "analytics-push"),
            Self.paid("2026-02", .drawRecovery, "-800"),
        ]
        let rows = AccountExecutive.run("2026-03", paid: ledger).payroll.rows
        func adjustment(_ type: PayType, component: String = "", of employee: String = "R1") -> ExactDecimal? {
            rows.first { $0.key.employeeID == employee && $0.key.payType == type && $0.key.component == component }?.priorAdjustment
        }
        // COMMISSION new-business: computed 1200 + 7200 − 7200 = 1200; paid 1200 + 7000 = 8200;
        // payable = 1200 − 8200 = −7000; adjustment = −7000 − (−7200) = 200.00
        #expect(adjustment(.commission, component: "new-business") == dec("200"))
        // BASE: computed 15000, paid 10000 (2025-12 is outside the year): payable 5000 = the month: 0
        #expect(adjustment(.base) == .zero)
        #expect(adjustment(.bonus, component: "new-business") == .zero)
        // Draws netted to 0 and were paid as computed: no row at all.
        #expect(adjustment(.draw) == nil && adjustment(.drawRecovery) == nil)
        // R2's draws (2000 in January and February) are in no closed period: payable 4000 − 0, the month 0.
        #expect(adjustment(.draw, of: "R2") == dec("4000"))
        let commission = try #require(rows.first { $0.key.employeeID == "R1" && $0.key.component == "new-business" && $0.key.payType == .commission })
        #expect(commission.computed == dec("-7200") && commission.amount == dec("-7000"))
    }
}
