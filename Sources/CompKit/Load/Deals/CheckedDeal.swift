/// A deal that follows every rule, as days, numbers and the bytes it was read from (valid as long
/// as those are); its split is in `DealRules.splits`.
struct CheckedDeal {
    var id: UnsafeBufferPointer<UInt8>
    var closeDay: Int32
    /// `YearMonth.ordinal` of the close date.
    var closeMonth: Int
    var amount: ExactDecimal
    /// The currency's number in `CreditIndex.currencies`.
    var currency: Int16
    var type: UnsafeBufferPointer<UInt8>
    var product: UnsafeBufferPointer<UInt8>
    var isCancelled: Bool
    /// The cancel date's day and month ordinal (0 when not cancelled).
    var cancelDay: Int32
    var cancelMonth: Int
    var createdDay: Int32?
}
