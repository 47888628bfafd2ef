/// The finance reports' arithmetic, kept inside 128 bits whatever the inputs: conversions are
/// carried to 12 decimals (exact for amounts of 6 decimals times probabilities of 6; a rate's
/// further decimals are rounded half away from zero at the 12th), and every amount they handle
/// stays below 10^18 in its currency, or the run reports the input that went past it.
enum FinanceArithmetic {
    /// Decimals a converted amount (a weighted forecast, a team total) is carried to.
    static let scale = 12
    /// The largest amount (exclusive) the finance reports handle: 10^18.
    static let limit = ExactDecimal(mantissa: ExactDecimal.powerOfTen(18), scale: 0)

    static func isInRange(_ value: ExactDecimal) -> Bool { value.magnitude < limit }

    /// `lhs + rhs`, or nil when the sum does not fit in 128 bits.
    static func sum(_ lhs: ExactDecimal, _ rhs: ExactDecimal) -> ExactDecimal? {
        let scale = max(lhs.scale, rhs.scale)
        guard let left = widened(lhs, to: scale), let right = widened(rhs, to: scale) else { return nil }
        let (mantissa, overflow) = left.addingReportingOverflow(right)
        return overflow ? nil : ExactDecimal(mantissa: mantissa, scale: scale)
    }

    /// `lhs × rhs` rounded half away from zero to `scale` decimals, multiplied in 256 bits so that
    /// only the result has to fit in 128; nil when it does not.
    static func product(_ lhs: ExactDecimal, _ rhs: ExactDecimal, roundedTo scale: Int) -> ExactDecimal? {
        let productScale = lhs.scale + rhs.scale
        let negative = (lhs.mantissa < 0) != (rhs.mantissa < 0)
        var wide = lhs.mantissa.magnitude.multipliedFullWidth(by: rhs.mantissa.magnitude)
        var lastRemainder: UInt128 = 0, lastDivisor: UInt128 = 1
        var decimals = productScale
        while decimals > scale {
            // Divide by up to 10^19 at a time; rounding depends on the last step's remainder only
            // (the divisors are even: the overall remainder is ≥ half the divisor exactly when it is).
            let step = min(19, decimals - scale)
            lastDivisor = UInt128(ExactDecimal.powerOfTen(step))
            let high = wide.high.quotientAndRemainder(dividingBy: lastDivisor)
            let low = lastDivisor.dividingFullWidth((high: high.remainder, low: wide.low))
            wide = (high.quotient, low.quotient)
            lastRemainder = low.remainder
            decimals -= step
        }
        guard wide.high == 0 else { return nil }
        var magnitude = wide.low
        if lastRemainder * 2 >= lastDivisor && lastRemainder > 0 {
            let (rounded, overflow) = magnitude.addingReportingOverflow(1)
            guard !overflow else { return nil }
            magnitude = rounded
        }
        if decimals < scale {
            let (widened, overflow) = magnitude.multipliedReportingOverflow(by: UInt128(ExactDecimal.powerOfTen(scale - decimals)))
            guard !overflow else { return nil }
            magnitude = widened
        }
        guard magnitude <= UInt128(Int128.max) else { return nil }
        return ExactDecimal(mantissa: negative ? -Int128(magnitude) : Int128(magnitude), scale: scale)
    }

    private static func widened(_ value: ExactDecimal, to scale: Int) -> Int128? {
        guard scale > value.scale else { return value.mantissa }
        let (mantissa, overflow) = value.mantissa.multipliedReportingOverflow(by: ExactDecimal.powerOfTen(scale - value.scale))
        return overflow ? nil : mantissa
    }
}
