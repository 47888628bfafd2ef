/// A fixed amount earned in a quota period once attainment reaches `atLeast`.
public struct Bonus: Sendable {
    public var id: String
    public var atLeast: ExactDecimal
    public var amount: ExactDecimal

    public init(id: String, atLeast: ExactDecimal, amount: ExactDecimal) {
        self.id = id
        self.atLeast = atLeast
        self.amount = amount
    }
}
