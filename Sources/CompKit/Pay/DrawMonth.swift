/// One month of a draw (§3.9), as draws.csv shows it.
public struct DrawMonth: Sendable {
    /// G: the guaranteed amount this month (0 after the draw's months).
    public var guarantee: ExactDecimal
    /// The month's COMMISSION total of the entry, all components.
    public var commission: ExactDecimal
    public var topUp: ExactDecimal
    public var recovery: ExactDecimal
    /// What is still to be recovered after this month (always 0 for a non-recoverable draw).
    public var balance: ExactDecimal
}
