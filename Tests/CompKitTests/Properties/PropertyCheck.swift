import CompGenerate
import Testing
@testable import CompKit

/// Checks a property on `cases` inputs drawn from a fixed `seed`. Case `n` has its own generator
/// (seeded from `seed` and `n`), so a failure names the single case to replay with `only:`.
/// `property` returns nil when it holds, or a description of the counterexample.
func forAll(
    cases: Int, seed: UInt64, only: Int? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation,
    _ property: (inout SplitMix64) throws -> String?
) rethrows {
    for index in only.map({ [$0] }) ?? Array(0..<cases) {
        var generator = SplitMix64(seed: seed &+ UInt64(index) &* 0xD1B5_4A32_D192_ED03)
        if let counterexample = try property(&generator) {
            Issue.record("fails for case \(index) of seed 0x\(String(seed, radix: 16, uppercase: true)): \(counterexample)", sourceLocation: sourceLocation)
            return
        }
    }
}

/// Values drawn for the properties: plain decimals, rate tables, currencies, deals and splits,
/// inside the limits the readers enforce (docs/RELIABILITY.md).
extension SplitMix64 {
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &self) < probability }

    mutating func pick<T>(_ choices: [T]) -> T { choices[int(0...(choices.count - 1))] }

    /// A decimal in [0, `upTo`] with `decimals` places.
    mutating func decimal(upTo limit: Int, decimals: Int) -> ExactDecimal {
        let unit = Int(ExactDecimal.powerOfTen(decimals))
        return ExactDecimal(mantissa: Int128(int(0...(limit * unit))), scale: decimals)
    }

    /// An amount of money in (0, `upTo`], in the minor units of `currency`.
    mutating func money(upTo limit: Int, in currency: Currency) -> ExactDecimal {
        let unit = Int(ExactDecimal.powerOfTen(currency.minorUnits))
        return ExactDecimal(mantissa: Int128(int(1...(limit * unit))), scale: currency.minorUnits)
    }

    mutating func currency() -> Currency { pick([.usd, .eur, .jpy, Currency(code: "BHD")!]) }

    /// A rate as plans write them: 0 to 10 with up to 6 decimals, mostly below 30 %.
    mutating func rate() -> ExactDecimal {
        chance(0.9) ? ExactDecimal(mantissa: Int128(int(0...300_000)), scale: 6).rounded(toScale: int(2...6))
            : decimal(upTo: 10, decimals: 6)
    }

    /// A rate table of one to five tiers from 0; bounds are fractions of quota (attainment) or
    /// amounts (amount). With `rising`, each tier's rate is at least the one before.
    mutating func rateTable(_ method: RateTable.Method, _ basis: RateTable.Basis, rising: Bool = false) -> RateTable {
        var from = ExactDecimal.zero
        var tiers: [RateTable.Tier] = []
        var rates = (0..<int(1...5)).map { _ in rate() }
        if rising { rates.sort(by: <) }
        for rate in rates {
            tiers.append(RateTable.Tier(from: from, rate: rate))
            from += basis == .attainment ? ExactDecimal(mantissa: Int128(int(1...150)), scale: 2)
                : ExactDecimal(mantissa: Int128(int(1...10_000_000)), scale: 2)
        }
        return RateTable(method: method, basis: basis, tiers: tiers)
    }

    /// Split percents with two decimals, each > 0, adding up to exactly 100.
    mutating func percents(count: Int) -> [ExactDecimal] {
        var cuts = Set<Int>()
        while cuts.count < count - 1 { cuts.insert(int(1...9_999)) }
        let bounds = [0] + cuts.sorted() + [10_000]
        return zip(bounds, bounds.dropFirst()).map { ExactDecimal(mantissa: Int128($1 - $0), scale: 2) }
    }

    /// A date in the first quarter of 2026 up to `last` (a day of it).
    mutating func date(upTo last: CalendarDate) -> CalendarDate {
        CalendarDate(dayNumber: int(day("2026-01-01").dayNumber...last.dayNumber))
    }
}
