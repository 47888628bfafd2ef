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
        let sumF = scores.reduce(ExactDecimal.zero) { $0 + $1.forecast }
        let sumA = scores.reduce(ExactDecimal.zero) { $0 + $1.actual }
        let sumAbsolute = scores.reduce(ExactDecimal.zero) { $0 + $1.absoluteError }
        total = ForecastScore(forecast: sumF, actual: sumA)
        wape = sumA > .zero ? ExactDecimal.quotient(sumAbsolute, sumA, scale: 6) : nil
        let terms = scores.compactMap { $0.absolutePercentageError(scale: TeamForecastScore.mapeTermScale) }
        mape = terms.isEmpty ? nil
            : ExactDecimal.quotient(terms.reduce(ExactDecimal.zero, +), ExactDecimal(terms.count), scale: 6)
        let threshold = ExactDecimal(mantissa: 75, scale: 2)
        let accurate = scores.filter { $0.accuracy >= threshold }.count
        shareAccurate = scores.isEmpty ? nil : ExactDecimal.quotient(ExactDecimal(accurate), ExactDecimal(scores.count), scale: 6)
        members = scores.count
    }
}
