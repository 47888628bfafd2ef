/// One forecast F measured against the actual A (SPEC 4). F may carry any number of decimals
/// (the weighted forecast is not rounded); ratios are rounded half away from zero to 6 decimals,
/// each computed from the exact values.
public struct ForecastScore: Sendable, Hashable {
    public var forecast: ExactDecimal
    public var actual: ExactDecimal

    public init(forecast: ExactDecimal, actual: ExactDecimal) {
        self.forecast = forecast
        self.actual = actual
    }

    /// `F − A`.
    public var error: ExactDecimal { forecast - actual }

    /// `|F − A|`.
    public var absoluteError: ExactDecimal { error.magnitude }

    /// `max(0, 1 − |F − A| / A)`, computed as `max(0, A − |F − A|) / A` so that it is rounded once;
    /// for A = 0: 1 when F = 0, else 0. (A ≤ 0 only happens for a team whose actual is 0.)
    public var accuracy: ExactDecimal {
        guard actual > .zero else { return forecast.isZero && actual.isZero ? ExactDecimal(1).widened(to: 6) : ExactDecimal.zero.widened(to: 6) }
        return ExactDecimal.quotient(max(.zero, actual - absoluteError), actual, scale: 6)
    }

    /// `(F − A) / A`; nil (blank) when A = 0.
    public var bias: ExactDecimal? {
        actual.isZero ? nil : ExactDecimal.quotient(error, actual, scale: 6)
    }

    /// `|F − A| / A` carried to `scale` decimals, for the MAPE; nil when A ≤ 0.
    public func absolutePercentageError(scale: Int) -> ExactDecimal? {
        actual > .zero ? ExactDecimal.quotient(absoluteError, actual, scale: scale) : nil
    }
}

/// A set of forecasts (reps, or rep-months) taken together, SPEC 4's team measures: the sums, the
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
    struct Sums {
        var forecast = ExactDecimal.zero
        var actual = ExactDecimal.zero
        var absoluteError = ExactDecimal.zero
        /// Σ of the MAPE terms (`mapeTermScale` decimals) and how many there are.
        var percentageErrors = ExactDecimal.zero
        var percentageErrorCount = 0
        var accurate = 0
        var members = 0

        mutating func add(_ score: ForecastScore) {
            forecast += score.forecast
            actual += score.actual
            absoluteError += score.absoluteError
            if let term = score.absolutePercentageError(scale: TeamForecastScore.mapeTermScale) {
                percentageErrors += term
                percentageErrorCount += 1
            }
            if score.accuracy >= TeamForecastScore.accuracyLine { accurate += 1 }
            members += 1
        }

        mutating func add(_ other: Sums) {
            forecast += other.forecast
            actual += other.actual
            absoluteError += other.absoluteError
            percentageErrors += other.percentageErrors
            percentageErrorCount += other.percentageErrorCount
            accurate += other.accurate
            members += other.members
        }
    }

    /// A member counts as accurate from this accuracy on.
    static let accuracyLine = ExactDecimal(mantissa: 75, scale: 2)

    init(_ sums: Sums) {
        total = ForecastScore(forecast: sums.forecast, actual: sums.actual)
        wape = sums.actual > .zero ? ExactDecimal.quotient(sums.absoluteError, sums.actual, scale: 6) : nil
        mape = sums.percentageErrorCount == 0 ? nil
            : ExactDecimal.quotient(sums.percentageErrors, ExactDecimal(sums.percentageErrorCount), scale: 6)
        shareAccurate = sums.members == 0 ? nil
            : ExactDecimal.quotient(ExactDecimal(sums.accurate), ExactDecimal(sums.members), scale: 6)
        members = sums.members
    }
}
