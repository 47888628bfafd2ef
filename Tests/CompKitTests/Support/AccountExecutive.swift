@testable import CompKit

/// The §2.1 account-executive plan in small, shared by the measure, pay and report tests.
///
/// Plan AE-2026, USD, fiscal year from 2026-01-01, quarterly quotas:
/// - new-business: types new/upsell, graduated on attainment (0 / 8 % from 0.5 / 12 % from 1.0 /
///   15 % from 1.5), cap 60000, bonus q-club 2500 at attainment ≥ 1.0;
/// - renewals: type renewal, retroactive on amount (2 % from 0, 3 % from 50000);
/// - SPIFF analytics-push: 500 per ANALYTICS deal; recoverable draw 2000 a month for 2 months;
///   clawback window 90 days.
/// - R1 Anna Kowalska from 2026-01-01, base 60000, new-business quota 600000 a year
///   (600000 / 4 = 150000 a quarter), renewals 0;
///   R2 Ben Okafor hired 2026-01-15, same quotas, no base.
///
/// R1's deals: D1 2026-01-10 new 90000; D2 2026-02-10 new ANALYTICS 80000, cancelled 2026-03-20
/// (38 days after closing: inside the window); D3 2026-03-05 renewal 60000; D4 2026-04-15 new 100000.
enum AccountExecutive {
    static let plan = Fixture.plan(
        "AE-2026",
        components: [
            Fixture.component("new-business", types: ["new", "upsell"], cap: "60000",
                              bonuses: [Bonus(id: "q-club", atLeast: dec("1.0"), amount: dec("2500"))]),
            Fixture.component("renewals", types: ["renewal"],
                              table: Fixture.table(.retroactive, .amount, [("0", "0.02"), ("50000", "0.03")])),
        ],
        spiffs: [Spiff(id: "analytics-push", filter: DealFilter(products: ["ANALYTICS"]), payout: .perDeal(dec("500")))],
        draw: Draw(kind: .recoverable, monthly: dec("2000"), months: 2),
        participants: [
            Fixture.person("R1", name: "Anna Kowalska", base: "60000", quotas: quotas),
            Fixture.person("R2", name: "Ben Okafor", start: "2026-01-15", quotas: quotas),
        ])

    static let quotas: [String: Quota] = ["new-business": .annual(dec("600000")), "renewals": .annual(.zero)]

    static let deals = [
        Fixture.deal("D1", closed: "2026-01-10", amount: "90000"),
        Fixture.deal("D2", closed: "2026-02-10", amount: "80000", product: "ANALYTICS", cancelled: "2026-03-20"),
        Fixture.deal("D3", closed: "2026-03-05", amount: "60000", type: "renewal"),
        Fixture.deal("D4", closed: "2026-04-15", amount: "100000"),
    ]

    static func run(_ runMonth: String, paid: [PaymentLedger.Payment]? = nil) -> Scenario {
        Scenario(month: runMonth, plans: [plan], deals: deals, paid: paid)
    }
}
