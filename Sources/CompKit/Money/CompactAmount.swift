/// An exact amount in 9 bytes where its mantissa fits 64 bits, as nearly every amount's does; a
/// wider one is kept in a list of the store's own (its wide amounts), which the compact amount
/// numbers. For stores of millions of amounts (payments, paid deals, pay lines), where an
/// `ExactDecimal` takes 32 bytes.
struct CompactAmount: Sendable {
    private var mantissa: Int64
    /// The decimals; -1 when `mantissa` is the number of a wide amount.
    private var scale: Int8

    static let zero = CompactAmount(mantissa: 0, scale: 0)

    private init(mantissa: Int64, scale: Int8) {
        (self.mantissa, self.scale) = (mantissa, scale)
    }

    /// `amount`, appended to `wide` when it does not fit.
    init(_ amount: ExactDecimal, wide: inout [ExactDecimal]) {
        if let mantissa = Int64(exactly: amount.mantissa), let scale = Int8(exactly: amount.scale) {
            (self.mantissa, self.scale) = (mantissa, scale)
        } else {
            (mantissa, scale) = (Int64(wide.count), -1)
            wide.append(amount)
        }
    }

    /// The amount, its store's wide amounts being `wide`.
    func value(wide: [ExactDecimal]) -> ExactDecimal {
        scale < 0 ? wide[Int(mantissa)] : ExactDecimal(mantissa: Int128(mantissa), scale: Int(scale))
    }

    /// The same amount in a store whose wide amounts are `to`, moved from one whose are `from`.
    func moved(from: [ExactDecimal], to: inout [ExactDecimal]) -> CompactAmount {
        scale < 0 ? CompactAmount(from[Int(mantissa)], wide: &to) : self
    }
}
