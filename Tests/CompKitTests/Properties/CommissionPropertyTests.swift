import Testing
@testable import CompKit

/// Invariants of the rate-table math (§3.5) on random tables, quotas, caps and credits.
@Suite struct CommissionPropertyTests {
    /// A random component around `table`: a cap one time in three.
    private static func component(_ table: RateTable, cap: ExactDecimal?) -> Component {
        Component(id: "c", rateTable: table, cap: cap)
    }

    /// Adding a credit ≥ 0 never lowers a graduated table's commission, whatever the credit
    /// before (a chargeback may have made it negative), the quota, the cap and the rounding.
    @Test func graduatedCommissionNeverDecreasesWhenACreditIsAdded() {
        forAll(cases: 2000, seed: 0xC0FF_EE01) { random in
            let currency = random.currency()
            let table = random.rateTable(.graduated, random.pick([.attainment, .amount]))
            let cap = random.chance(0.3) ? random.money(upTo: 200_000, in: currency) : nil
            let component = Self.component(table, cap: cap)
            let quota = random.money(upTo: 1_000_000, in: currency)
            let before = random.money(upTo: 3_000_000, in: currency) - random.money(upTo: 500_000, in: currency)
            let added = random.chance(0.1) ? .zero : random.money(upTo: 1_000_000, in: currency)
            let earned = { (credit: ExactDecimal) in
                CommissionMath.earned(component: component, credited: credit, quota: quota, currency: currency)
            }
            guard earned(before + added) >= earned(before) else {
                return "\(table) quota \(quota) cap \(cap.map(\.description) ?? "-"): C \(before) earns \(earned(before)), C + \(added) earns \(earned(before + added))"
            }
            return nil
        }
    }

    /// The same through a whole month's calculation: one more won deal never lowers the quota
    /// period's earnings of any component it is credited to.
    @Test func anotherDealNeverLowersWhatAGraduatedComponentEarned() {
        forAll(cases: 500, seed: 0xC0FF_EE02) { random in
            let runMonth = random.pick(["2026-01", "2026-02", "2026-03"])
            let lastDay = month(runMonth).lastDay
            let plan = Fixture.plan("P", components: [
                Fixture.component("graduated", types: ["new"], table: random.rateTable(.graduated, .attainment),
                                  cap: random.chance(0.3) ? "\(random.int(1_000...50_000))" : nil),
                Fixture.component("all", table: random.rateTable(.graduated, .amount)),
            ], participants: [Fixture.person("R1", quotas: ["graduated": .annual(random.money(upTo: 2_000_000, in: .usd))])])
            var deals: [Deal] = []
            for index in 0..<random.int(0...8) {
                let closed = random.date(upTo: lastDay)
                let cancelled = random.chance(0.2) ? closed.adding(days: random.int(0...40)) : nil
                deals.append(Fixture.deal("D\(index)", closed: "\(closed)", amount: "\(random.money(upTo: 300_000, in: .usd))",
                                          type: random.pick(["new", "renewal"]), cancelled: cancelled.map { "\($0)" }))
            }
            let extra = Fixture.deal("X", closed: "\(random.date(upTo: lastDay))", amount: "\(random.money(upTo: 300_000, in: .usd))",
                                     type: random.pick(["new", "renewal"]))
            let before = Scenario(month: runMonth, plans: [plan], deals: deals)
            let after = Scenario(month: runMonth, plans: [plan], deals: deals + [extra])
            let fiscalMonth = month(runMonth).month
            for component in ["graduated", "all"] {
                let was = before.measure("R1", on: "2026-01-01", component, month: fiscalMonth).earnedToDate
                let now = after.measure("R1", on: "2026-01-01", component, month: fiscalMonth).earnedToDate
                if now < was { return "\(component): \(was) before deal \(extra.id) of \(extra.amount) on \(extra.closeDate), \(now) after" }
            }
            return nil
        }
    }

    /// When each tier's rate is at least the one before, paying the highest reached rate on all
    /// the credit (retroactive) pays at least what paying each tier's rate on its slice does
    /// (graduated), before and after cap and rounding.
    @Test func retroactivePaysAtLeastGraduatedWhenRatesRise() {
        forAll(cases: 2000, seed: 0xC0FF_EE03) { random in
            let currency = random.currency()
            let graduated = random.rateTable(.graduated, random.pick([.attainment, .amount]), rising: true)
            let retroactive = RateTable(method: .retroactive, basis: graduated.basis, tiers: graduated.tiers)
            let quota = random.money(upTo: 1_000_000, in: currency)
            let credit = random.money(upTo: 3_000_000, in: currency)
            let cap = random.chance(0.3) ? random.money(upTo: 200_000, in: currency) : nil
            let uncapped = (CommissionMath.uncappedEarned(table: retroactive, credited: credit, quota: quota),
                            CommissionMath.uncappedEarned(table: graduated, credited: credit, quota: quota))
            let earned = (
                CommissionMath.earned(component: Self.component(retroactive, cap: cap), credited: credit, quota: quota, currency: currency),
                CommissionMath.earned(component: Self.component(graduated, cap: cap), credited: credit, quota: quota, currency: currency))
            guard uncapped.0 >= uncapped.1, earned.0 >= earned.1 else {
                return "tiers \(graduated.tiers.map { "\($0.from)@\($0.rate)" }) quota \(quota) C \(credit): retroactive \(uncapped.0) (\(earned.0)), graduated \(uncapped.1) (\(earned.1))"
            }
            return nil
        }
    }
}
