import Foundation
@testable import CompKit

// Short spellings for values written by hand in tests.

/// A decimal from its plain text, a leading `-` allowed: `dec("-12.50")`.
func dec(_ text: String) -> ExactDecimal {
    let negative = text.hasPrefix("-")
    guard case .success(let value) = ExactDecimal.parse(String(text.dropFirst(negative ? 1 : 0)), maxDecimals: 12) else {
        preconditionFailure("not a decimal: \(text)")
    }
    return negative ? -value : value
}

/// A date from `YYYY-MM-DD`.
func day(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }

/// A month from `YYYY-MM`.
func month(_ text: String) -> YearMonth { YearMonth(parsing: text)! }

extension Currency {
    static let usd = Currency(code: "USD")!
    static let eur = Currency(code: "EUR")!
    static let gbp = Currency(code: "GBP")!
    static let jpy = Currency(code: "JPY")!
}

/// Builders for plans, participants and deals with the defaults most tests share.
enum Fixture {
    /// A rate table from `(from, rate)` pairs.
    static func table(_ method: RateTable.Method, _ basis: RateTable.Basis, _ tiers: [(String, String)]) -> RateTable {
        RateTable(method: method, basis: basis, tiers: tiers.map { RateTable.Tier(from: dec($0.0), rate: dec($0.1)) })
    }

    /// The tiers of §2.1's new-business table: 0 %, 8 % from 50 %, 12 % from 100 %, 15 % from 150 % of quota.
    static let aeTiers = [("0", "0"), ("0.5", "0.08"), ("1.0", "0.12"), ("1.5", "0.15")]

    static func component(
        _ id: String, types: Set<String>? = nil, products: Set<String>? = nil, from source: Component.CreditSource = .own,
        table: RateTable = Fixture.table(.graduated, .attainment, aeTiers), cap: String? = nil, bonuses: [Bonus] = []
    ) -> Component {
        Component(id: id, filter: DealFilter(types: types, products: products), creditFrom: source, rateTable: table,
                  cap: cap.map(dec), bonuses: bonuses)
    }

    static func plan(
        _ id: String, currency: Currency = .usd, yearStart: String = "2026-01-01", quotaPeriod: Plan.QuotaPeriodKind = .quarter,
        components: [Component] = [component("all")], spiffs: [Spiff] = [], draw: Draw? = nil, clawbackDays: Int? = 90,
        participants: [ParticipantEntry]
    ) -> Plan {
        Plan(id: id, name: id, currency: currency, yearStart: day(yearStart), quotaPeriod: quotaPeriod,
             components: components, spiffs: spiffs, draw: draw, clawback: clawbackDays.map(Clawback.init(windowDays:)),
             participants: participants)
    }

    static func person(
        _ id: String, name: String? = nil, start: String = "2026-01-01", end: String? = nil, manager: String? = nil,
        base: String = "0", quotas: [String: Quota] = [:]
    ) -> ParticipantEntry {
        ParticipantEntry(id: id, name: name ?? id, start: day(start), end: end.map(day), managerID: manager,
                         baseSalaryAnnual: dec(base), quotas: quotas)
    }

    /// A deal; `reps` as in deals.csv (`R1`, or `R1:60;R2:40`); cancelled when `cancelled` gives the date.
    static func deal(
        _ id: String, closed: String, amount: String, currency: Currency = .usd, type: String = "new",
        product: String = "CORE", reps: String = "R1", cancelled: String? = nil
    ) -> Deal {
        let splits = reps.split(separator: ";").map { share -> Deal.Split in
            let parts = share.split(separator: ":")
            return Deal.Split(repID: String(parts[0]), percent: parts.count > 1 ? dec(String(parts[1])) : ExactDecimal(100))
        }
        return Deal(id: id, closeDate: day(closed), amount: dec(amount), currency: currency, type: type, product: product,
                    splits: splits, status: cancelled == nil ? .won : .cancelled, cancelDate: cancelled.map(day))
    }
}
