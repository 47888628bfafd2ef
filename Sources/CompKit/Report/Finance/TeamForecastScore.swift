/// A set of forecasts (reps, or rep-months) taken together, §4's team measures: the sums, the
/// total accuracy and bias of ΣF against ΣA, WAPE, MAPE and the share with accuracy ≥ 0.75.
/// Amounts must all be in one currency.
public struct TeamForecastScore: Sendable, Hashable {
    /// ΣF against ΣA: the TEAM row's forecast, actual, error, accuracy and bias.
    public var total: ForecastScore
    /// `Σ|F − A| / ΣA` to 6 decimals; nil when ΣA ≤ 0.
    public var wape: ExactDecimal?
    /// Mean of `|F − A| / A` over the members with A > 0, to 6 decimals; nil when there are none.
    public var mape: ExactDecimal?
    /// Share of members whose accuracy is ≥ 0.75, to 6 decimals; nil when there are none.
    public var shareAccurate: ExactDecimal?
    public var members: Int

    /// MAPE terms are carried to this many decimals before they are averaged (a quotient per rep
    /// cannot be added up exactly in decimals; 12 places move the 6-decimal mean only on a tie
    /// within 10^-12).
    public static let mapeTermScale = 12

    public init(_ scores: [ForecastScore]) {
        var sums = Sums()
        for score in scores { sums.add(score) }
        self.init(sums)
    }

    /// What the team measures are made of, added up member by member: the sums of a run of months
    /// are the sums of its months (every term is exact, so the order of the additions does not matter).
    /// A sum is nil once a member's term is unknown (a missing fx rate): one blank makes the total blank.
    struct Sums {
        var forecast: ExactDecimal? = .zero
        var actual: ExactDecimal? = .zero
        var absoluteError: ExactDecimal? = .zero
        /// Σ of the MAPE terms (`mapeTermScale` decimals) and how many there are.
        var percentageErrors: ExactDecimal? = .zero
        var percentageErrorCount = 0
        var accurate: Int? = 0
        var members = 0

        mutating func add(_ score: ForecastScore) {
            forecast = Sums.sum(forecast, score.forecast)
            actual = Sums.sum(actual, score.actual)
            absoluteError = Sums.sum(absoluteError, score.absoluteError)
            // A member's MAPE term is unknown when A is, or when A > 0 and F is unknown.
            let termUnknown = score.actual.map { $0 > .zero && score.forecast == nil } ?? true
            if termUnknown {
                percentageErrors = nil
            } else if let term = score.absolutePercentageError(scale: TeamForecastScore.mapeTermScale) {
                percentageErrors = Sums.sum(percentageErrors, term)
                percentageErrorCount += 1
            }
            accurate = score.accuracy.flatMap { accuracy in accurate.map { $0 + (accuracy >= TeamForecastScore.accuracyLine ? 1 : 0) } }
            members += 1
        }

        mutating func add(_ other: Sums) {
            forecast = Sums.sum(forecast, other.forecast)
            actual = Sums.sum(actual, other.actual)
            absoluteError = Sums.sum(absoluteError, other.absoluteError)
            percentageErrors = Sums.sum(percentageErrors, other.percentageErrors)
            percentageErrorCount += other.percentageErrorCount
            accurate = accurate.flatMap { mine in other.accurate.map { mine + $0 } }
            members += other.members
        }

        private static func sum(_ lhs: ExactDecimal?, _ rhs: ExactDecimal?) -> ExactDecimal? {
            guard let lhs, let rhs else { return nil }
            return lhs + rhs
        }
    }

    /// A member counts as accurate from this accuracy on.
    static let accuracyLine = ExactDecimal(mantissa: 75, scale: 2)

    init(_ sums: Sums) {
        total = ForecastScore(forecast: sums.forecast, actual: sums.actual)
        if let actual = sums.actual, actual > .zero, let absoluteError = sums.absoluteError {
            wape = ExactDecimal.quotient(absoluteError, actual, scale: 6)
        }
        if let terms = sums.percentageErrors, sums.percentageErrorCount > 0 {
            mape = ExactDecimal.quotient(terms, ExactDecimal(sums.percentageErrorCount), scale: 6)
        }
        if let accurate = sums.accurate, sums.members > 0 {
            shareAccurate = ExactDecimal.quotient(ExactDecimal(accurate), ExactDecimal(sums.members), scale: 6)
        }
        members = sums.members
    }
}
