/// A guaranteed minimum commission for the first months (§3.9).
public struct Draw: Sendable {
    public enum Kind: String, Sendable { case recoverable, nonrecoverable }

    public var kind: Kind
    public var monthly: ExactDecimal
    public var months: Int

    public init(kind: Kind, monthly: ExactDecimal, months: Int) {
        self.kind = kind
        self.monthly = monthly
        self.months = months
    }
}
