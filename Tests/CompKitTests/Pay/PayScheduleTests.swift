import Testing
@testable import CompKit

@Suite struct DrawStateTests {
    /// Steps a draw through months of (active, commission) and returns each month's (topup, recovery, balance).
    static func replay(_ kind: Draw.Kind, _ months: [(Bool, String)]) -> [(ExactDecimal, ExactDecimal, ExactDecimal)] {
        var state = DrawState()
        let rule = Draw(kind: kind, monthly: dec("2000"), months: 3)
        return months.map { active, commission in
            let (topUp, recovery) = state.step(rule: rule, isActive: active, commission: dec(commission))
            return (topUp, recovery, state.balance)
        }
    }

    static func expect(_ actual: [(ExactDecimal, ExactDecimal, ExactDecimal)], _ expected: [(String, String, String)]) {
        #expect(actual.count == expected.count)
        for (index, (got, want)) in zip(actual, expected).enumerated() {
            #expect(got.0 == dec(want.0) && got.1 == dec(want.1) && got.2 == dec(want.2), "month \(index + 1)")
        }
    }

    static let commissions = [(true, "500"), (true, "0"), (true, "2500"), (true, "1000"), (true, "5000"), (true, "300")]

    @Test func recoverableTopsUpThenRecovers() {
        Self.expect(Self.replay(.recoverable, Self.commissions), [
            ("1500", "0", "1500"),  // G 2000: topup 2000 − 500; recovery min(0, max(0, 500 − 2000)) = 0; balance 1500
            ("2000", "0", "3500"),  // topup 2000 − 0; balance 1500 + 2000
            ("0", "500", "3000"),   // topup max(0, 2000 − 2500) = 0; recovery min(3500, 2500 − 2000) = 500
            ("0", "1000", "2000"),  // after 3 months G = 0: recovery min(3000, 1000) = 1000
            ("0", "2000", "0"),     // recovery min(2000, 5000) = 2000
            ("0", "0", "0"),        // nothing left to recover
        ])
    }

    @Test func nonRecoverableNeverRecovers() {
        Self.expect(Self.replay(.nonrecoverable, Self.commissions), [
            ("1500", "0", "0"), ("2000", "0", "0"), ("0", "0", "0"), ("0", "0", "0"), ("0", "0", "0"), ("0", "0", "0"),
        ])
    }

    @Test func guaranteedMonthsCountFromTheFirstActiveMonth() {
        Self.expect(Self.replay(.recoverable, [(false, "0"), (true, "0"), (true, "0"), (true, "0"), (true, "0")]), [
            ("0", "0", "0"),        // not active: no guarantee, not counted
            ("2000", "0", "2000"),  // active months 1, 2, 3 are guaranteed
            ("2000", "0", "4000"),
            ("2000", "0", "6000"),
            ("0", "0", "6000"),     // 4th active month: G = 0, commission 0 recovers nothing
        ])
    }

    @Test func aClawbackMonthIsToppedUpToTheGuaranteeAndRecoversNothing() {
        Self.expect(Self.replay(.recoverable, [(true, "-500"), (true, "0"), (true, "0"), (true, "-400")]), [
            ("2500", "0", "2500"),  // topup = max(0, 2000 − (−500)) = 2500
            ("2000", "0", "4500"),
            ("2000", "0", "6500"),
            ("0", "0", "6500"),     // recovery = min(6500, max(0, −400 − 0)) = 0
        ])
    }
}

/// The shared AccountExecutive scenario replayed through April (see Support/AccountExecutive.swift):
/// commission 1200 / 7200 / −7200 + 1800 / 2000, draw 2000 a month for 2 months (recoverable).
@Suite struct PayScheduleTests {
    let april = AccountExecutive.run("2026-04")

    func lines(month: Int) -> Set<PayLine> { april.lines("R1", on: "2026-01-01", month: month) }

    @Test func january() {
        #expect(lines(month: 1) == [
            line(.base, "5000.00"),                         // 60000 / 12
            line(.commission, "new-business", "1200.00"),   // 0.08 × (90000 − 75000)
            line(.draw, "800.00"),                          // 2000 − 1200; balance 800
        ])
    }

    @Test func february() {
        #expect(lines(month: 2) == [
            line(.base, "5000.00"),
            line(.commission, "new-business", "7200.00"),   // 8400 − 1200
            line(.bonus, "new-business", "2500"),           // 170000 / 150000 ≥ 1.0
            line(.spiff, "analytics-push", "500.00"),       // D2 is an ANALYTICS deal: 500 × 100 / 100
            line(.drawRecovery, "-800.00"),                 // min(800, 7200 − 2000) = 800; balance 0
        ])
    }

    @Test func march() {
        // The renewal pays; D2's chargeback claws back commission, bonus and SPIFF. Draw: G = 0 after
        // two months, nothing to recover (balance 0): no draw lines. Zero lines are left out.
        #expect(lines(month: 3) == [
            line(.base, "5000.00"),
            line(.commission, "new-business", "-7200.00"),  // 1200 − 8400
            line(.commission, "renewals", "1800.00"),       // 0.03 × 60000 − 0
            line(.bonus, "new-business", "-2500"),
            line(.spiff, "analytics-push", "-500.00"),
        ])
    }

    @Test func aNewHireGetsTheDrawFromHerFirstMonth() {
        // R2: no base, no deals. Draw 2000 in January (hired the 15th: a month with an active day counts whole)
        // and February; nothing recovered since commission stays 0.
        #expect(april.lines("R2", on: "2026-01-15", month: 1) == [line(.draw, "2000.00")])
        #expect(april.lines("R2", on: "2026-01-15", month: 2) == [line(.draw, "2000.00")])
        #expect(april.lines("R2", on: "2026-01-15", month: 3) == [])
    }

    @Test func baseIsProratedInTheMonthsOfAPlanChange() {
        // R1 leaves plan A on Mar 15 and joins B on Mar 16; March has 31 days.
        let plans = [
            Fixture.plan("A", components: [], participants: [Fixture.person("R1", end: "2026-03-15", base: "60000")]),
            Fixture.plan("B", components: [], participants: [Fixture.person("R1", start: "2026-03-16", base: "72000")]),
        ]
        let march = Scenario(month: "2026-03", plans: plans, deals: [])
        #expect(march.lines("R1", on: "2026-03-15", month: 3) == [line(.base, "2419.35")])  // 60000 × 15 / 372 = 2419.354… → 2419.35
        #expect(march.lines("R1", on: "2026-03-16", month: 3) == [line(.base, "3096.77")])  // 72000 × 16 / 372 = 3096.774… → 3096.77
        #expect(march.lines("R1", on: "2026-03-16", month: 2) == [])                         // not active in February
    }
}

/// Pay lines are stored in 16 bytes; an amount beyond 64 bits keeps every digit all the same.
@Suite struct PayScheduleStorageTests {
    @Test func amountsOfEverySizeReadBackExactly() {
        var lines = PaySchedule.Lines(book: AccountExecutive.run("2026-01").book, entryOffsets: [], firstBound: [])
        let amounts = [
            dec("-1234.56"),
            ExactDecimal(mantissa: Int128(Int64.max), scale: 2),
            ExactDecimal(mantissa: Int128(Int64.min) - 1, scale: 2),  // one beyond 64 bits
            ExactDecimal(mantissa: Int128(1) << 100, scale: 36),
        ]
        for (part, amount) in amounts.enumerated() { lines.append(.commission, part: part, amount: amount) }
        lines.append(.bonus, part: 9, amount: dec("0.00"))  // a zero amount adds no line
        #expect(MemoryLayout<PaySchedule.StoredLine>.stride == 16)
        #expect(lines.stored.map { lines.amount(of: $0) } == amounts)
        #expect(lines.stored.map(\.part) == [0, 1, 2, 3])
        #expect(lines.wideAmounts.count == 2)
    }
}
