import Testing
@testable import CompKit

/// Invariants of the credit stage (§3.1, §3.5) on random deals, splits, currencies and rates.
@Suite struct CreditPropertyTests {
    static let reps = (1...6).map { "R\($0)" }

    /// One plan in `currency` with everyone in `reps`, one component taking every deal.
    static func plan(currency: Currency, table: RateTable = Fixture.table(.graduated, .amount, [("0", "0.1")]),
                     quota: ExactDecimal = .zero, cap: String? = nil) -> Plan {
        Fixture.plan("P", currency: currency, components: [Fixture.component("all", table: table, cap: cap)],
                     participants: reps.map { Fixture.person($0, quotas: ["all": .annual(quota)]) })
    }

    /// The credits of one deal add up to its amount converted into plan currency, within the
    /// rounding of its splits: |Σ credits − round(amount × fx)| ≤ splits × half a minor unit.
    @Test func theCreditsOfADealAddUpToItsConvertedAmount() throws {
        try forAll(cases: 1000, seed: 0x5EED_0C01) { random in
            let planCurrency = random.currency()
            let dealCurrency = random.chance(0.3) ? planCurrency : random.currency()
            // Amounts below 10^9 and rates below 10^3: every credit stays below the largest comp
            // accepts (10^15 minor units, `CreditWorker.largestMinor`).
            let rate = dealCurrency == planCurrency ? ExactDecimal(1)
                : ExactDecimal(mantissa: Int128(random.int(1...999_999_999)), scale: random.int(6...12))
            let amount = ExactDecimal(mantissa: Int128(random.int(1...999_999_999)), scale: random.int(0...6))
            let percents = random.percents(count: random.int(1...6))
            let reps = Self.reps.shuffled(using: &random).prefix(percents.count)
            let splits = zip(reps, percents).map { "\($0):\($1)" }.joined(separator: ";")
            let deal = Fixture.deal("D", closed: "2026-03-10", amount: "\(amount)", currency: dealCurrency, reps: splits)
            let scenario = Scenario(month: "2026-03", plans: [Self.plan(currency: planCurrency)], deals: [deal],
                                    rates: dealCurrency == planCurrency ? [] : [("2026-03", dealCurrency, planCurrency, "\(rate)")])
            let credits = try scenario.rows(deal: "D").filter { $0.kind == .credit }.map(\.credit)
            let converted = planCurrency.round(amount * rate)
            let total = credits.reduce(ExactDecimal.zero, +)
            let halfUnit = ExactDecimal(mantissa: 5, scale: planCurrency.minorUnits + 1)
            guard credits.count == percents.count,
                  (total - converted).magnitude <= halfUnit * ExactDecimal(percents.count) else {
                return "\(amount) \(dealCurrency) × \(rate) → \(planCurrency) split \(splits): credits \(credits) add up to \(total), converted \(converted)"
            }
            return nil
        }
    }

    /// Splitting a deal into two deals of the same reps on the same day leaves every component's
    /// quota-period earnings (commission and bonus) unchanged to the cent. The amounts are whole
    /// hundreds, so that no split credit needs rounding.
    @Test func splittingADealLeavesTheQuotaPeriodCommissionUnchanged() {
        forAll(cases: 500, seed: 0x5EED_0C02) { random in
            let runMonth = random.pick(["2026-01", "2026-02", "2026-03"])
            let lastDay = month(runMonth).lastDay
            let table = random.rateTable(random.pick([.graduated, .retroactive]), random.pick([.attainment, .amount]))
            var plan = Self.plan(currency: .usd, table: table, quota: ExactDecimal(random.int(1...40) * 100_000),
                                 cap: random.chance(0.3) ? "\(random.int(1...400) * 100)" : nil)
            plan.components[0].bonuses = [Bonus(id: "b", atLeast: ExactDecimal(mantissa: Int128(random.int(1...150)), scale: 2), amount: dec("500"))]
            func splits() -> String {
                let percents = random.percents(count: random.int(1...3))
                return zip(Self.reps.shuffled(using: &random), percents).map { "\($0):\($1)" }.joined(separator: ";")
            }
            var deals = (0..<random.int(0...6)).map { index in
                Fixture.deal("B\(index)", closed: "\(random.date(upTo: lastDay))", amount: "\(random.int(1...3_000) * 100)", reps: splits())
            }
            let whole = random.int(2...3_000)
            let part = random.int(1...(whole - 1))
            let (closed, reps) = ("\(random.date(upTo: lastDay))", splits())
            let before = Scenario(month: runMonth, plans: [plan],
                                  deals: deals + [Fixture.deal("W", closed: closed, amount: "\(whole * 100)", reps: reps)])
            deals += [Fixture.deal("W1", closed: closed, amount: "\(part * 100)", reps: reps),
                      Fixture.deal("W2", closed: closed, amount: "\((whole - part) * 100)", reps: reps)]
            let after = Scenario(month: runMonth, plans: [plan], deals: deals)
            for rep in Self.reps {
                let was = before.measure(rep, on: "2026-01-01", "all", month: month(runMonth).month)
                let now = after.measure(rep, on: "2026-01-01", "all", month: month(runMonth).month)
                guard was.creditedToDate == now.creditedToDate, was.earnedToDate == now.earnedToDate,
                      was.bonusToDate == now.bonusToDate, was.commission == now.commission else {
                    return "\(rep), \(table): deal of \(whole * 100) (\(reps)) split into \(part * 100) + \((whole - part) * 100): earned \(was.earnedToDate) → \(now.earnedToDate), bonus \(was.bonusToDate) → \(now.bonusToDate)"
                }
            }
            return nil
        }
    }
}
