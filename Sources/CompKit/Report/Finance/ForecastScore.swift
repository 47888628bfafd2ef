/// One forecast F measured against the actual A (§4). F may carry any number of decimals
/// (the weighted forecast is not rounded); ratios are rounded half away from zero to 6 decimals,
/// each computed from the exact values. F or A is nil when an fx rate it needs is missing (§7):
/// every measure made from it is then nil too, a blank cell.
public struct ForecastScore: Sendable, Hashable {
    public var forecast: ExactDecimal?
    public var actual: ExactDecimal?

    public init(forecast: ExactDecimal?, actual: ExactDecimal?) {
        self.forecast = forecast
        self.actual = actual
    }

    /// `F − A`.
    public var error: ExactDecimal? {
        guard let forecast, let actual else { return nil }
        return forecast - actual
    }

    /// `|F − A|`.
    public var absoluteError: ExactDecimal? { error?.magnitude }

    /// `max(0, 1 − |F − A| / A)`, computed as `max(0, A − |F − A|) / A` so that it is rounded once;
    /// for A = 0: 1 when F = 0, else 0. (A ≤ 0 only happens for a team whose actual is 0.)
    public var accuracy: ExactDecimal? {
        guard let forecast, let actual, let absoluteError else { return nil }
        guard actual > .zero else { return forecast.isZero && actual.isZero ? ExactDecimal(1).widened(to: 6) : ExactDecimal.zero.widened(to: 6) }
        return ExactDecimal.quotient(max(.zero, actual - absoluteError), actual, scale: 6)
    }

    /// `(F − A) / A`; nil (blank) when A = 0.
    public var bias: ExactDecimal? {
        guard let error, let actual, !actual.isZero else { return nil }
        return ExactDecimal.quotient(error, actual, scale: 6)
    }

    /// `|F − A| / A` carried to `scale` decimals, for the MAPE; nil when A ≤ 0 or a value is unknown.
    public func absolutePercentageError(scale: Int) -> ExactDecimal? {
        guard let actual, actual > .zero, let absoluteError else { return nil }
        return ExactDecimal.quotient(absoluteError, actual, scale: scale)
    }
}
