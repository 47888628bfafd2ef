
/// One amount computed for a participant entry in a month.
public struct PayLine: Sendable, Hashable {
    public var type: PayType
    /// The component id (COMMISSION, HOLDBACK, HOLDBACK_RELEASE, BONUS), the spiff id (SPIFF), or empty (BASE, draws).
    public var component: String
    public var amount: ExactDecimal

    public init(type: PayType, component: String, amount: ExactDecimal) {
        self.type = type
        self.component = component
        self.amount = amount
    }
}
