import Synchronization

/// What the finance reports find wrong in the inputs while computing: fx rates they need and
/// fx.csv lacks, and amounts past `FinanceArithmetic.limit`, each kept with the first place and
/// purpose that needed it. A missing rate never stops payroll (§7): the cells it would fill
/// are left blank and it is listed in exceptions.csv and the summary. An amount too large is an
/// input error.
final class FinanceChecks: Sendable {
    private struct Noted {
        var missing: [MissingRate: (location: SourceLocation, purpose: String)] = [:]
        var tooLarge: [SourceLocation: String] = [:]
    }

    let fx: FXTable
    private let noted = Mutex(Noted())

    init(fx: FXTable) { self.fx = fx }

    /// `amount × rate(month, from → to)` carried to `FinanceArithmetic.scale` decimals (the amount
    /// as it is for the same currency); nil, and noted, when the rate is missing or the result too large.
    /// The place and purpose are worked out only for a problem.
    func convert(_ amount: ExactDecimal, month: YearMonth, from: Currency, to: Currency,
                 neededBy location: @autoclosure () -> SourceLocation, for purpose: @autoclosure () -> String) -> ExactDecimal? {
        guard let rate = fx.rate(month: month, from: from, to: to) else {
            let key = MissingRate(month: month, from: from.code, to: to.code)
            if noted.withLock({ $0.missing[key] == nil }) {
                let need = (location(), purpose())
                noted.withLock { noted in if noted.missing[key] == nil { noted.missing[key] = need } }
            }
            return nil
        }
        if from == to { return bounded(amount, at: location(), what: purpose()) }
        return bounded(FinanceArithmetic.product(amount, rate, roundedTo: FinanceArithmetic.scale), at: location(), what: purpose())
    }

    /// `lhs + rhs` when the sum stays in range; nil, and noted, otherwise.
    func add(_ lhs: ExactDecimal, _ rhs: ExactDecimal, at location: @autoclosure () -> SourceLocation,
             what: @autoclosure () -> String) -> ExactDecimal? {
        bounded(FinanceArithmetic.sum(lhs, rhs), at: location(), what: what())
    }

    /// The value when it is below the limit; nil, and noted, otherwise.
    func bounded(_ value: ExactDecimal?, at location: @autoclosure () -> SourceLocation, what: @autoclosure () -> String) -> ExactDecimal? {
        if let value, FinanceArithmetic.isInRange(value) { return value }
        let place = location()
        if noted.withLock({ $0.tooLarge[place] == nil }) {
            let purpose = what()
            noted.withLock { noted in if noted.tooLarge[place] == nil { noted.tooLarge[place] = purpose } }
        }
        return nil
    }

    /// Takes over what `later` noted, as if its checks had come after these: a problem noted here
    /// keeps the place and purpose it was first noted with.
    func append(_ later: FinanceChecks) {
        let other = later.noted.withLock { $0 }
        noted.withLock { noted in
            for (key, need) in other.missing where noted.missing[key] == nil { noted.missing[key] = need }
            for (location, what) in other.tooLarge where noted.tooLarge[location] == nil { noted.tooLarge[location] = what }
        }
    }

    /// The rates noted missing, in (month, from, to) order, each with what first needed it.
    var missingRates: [FinanceView.MissingRate] {
        noted.withLock { $0.missing }.sorted { $0.key < $1.key }.map { FinanceView.MissingRate(rate: $0.key, purpose: $0.value.purpose) }
    }

    /// Logs every amount too large as an input error.
    func report(to log: DiagnosticLog) {
        for (location, what) in noted.withLock({ $0.tooLarge }).sorted(by: { $0.key < $1.key }) {
            log.error(location, "an amount reaches 10^18, more than the finance reports compute exactly (\(what))")
        }
    }
}
