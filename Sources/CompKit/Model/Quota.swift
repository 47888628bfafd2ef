/// A component's quota: split equally from an annual amount, or given per quota period.
public enum Quota: Sendable {
    case annual(ExactDecimal)
    /// Amounts by quota period index (1-based).
    case perPeriod([Int: ExactDecimal])
}
