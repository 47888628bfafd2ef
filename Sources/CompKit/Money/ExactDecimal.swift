/// An exact decimal number: `mantissa × 10^-scale`, held in a 128-bit integer.
///
/// All money, rates and ratios in comp are `ExactDecimal`s: additions and multiplications are exact
/// (no binary floating point anywhere), and rounding happens only where docs/REFERENCE.md says, through
/// `rounded(toScale:)` or `quotient(_:_:scale:)`, always half away from zero.
/// Arithmetic traps on overflow; the readers bound every input so that it cannot overflow.
public struct ExactDecimal: Sendable, Hashable {
    /// The integer digits, sign included.
    public var mantissa: Int128
    /// How many of the mantissa's digits are decimals.
    public var scale: Int

    public init(mantissa: Int128, scale: Int) {
        precondition(scale >= 0 && scale <= ExactDecimal.maxScale, "scale out of range")
        self.mantissa = mantissa
        self.scale = scale
    }

    public init(_ integer: Int) {
        self.init(mantissa: Int128(integer), scale: 0)
    }

    public static let zero = ExactDecimal(mantissa: 0, scale: 0)
    public static let maxScale = 36

    public var isZero: Bool { mantissa == 0 }
    public var isNegative: Bool { mantissa < 0 }
    public var magnitude: ExactDecimal { ExactDecimal(mantissa: mantissa < 0 ? -mantissa : mantissa, scale: scale) }

    /// The same value written with `newScale` decimals; `newScale` must not be smaller than `scale`.
    @inline(__always)
    public func widened(to newScale: Int) -> ExactDecimal {
        // Sums and comparisons mostly meet amounts of one scale: then there is nothing to multiply,
        // and no call to make (every `+`, `-`, `<` and `==` asks).
        if newScale == scale { return self }
        return multiplied(toScale: newScale)
    }

    @inline(never)
    private func multiplied(toScale newScale: Int) -> ExactDecimal {
        precondition(newScale > scale)
        return ExactDecimal(mantissa: mantissa * ExactDecimal.powerOfTen(newScale - scale), scale: newScale)
    }

    /// Rounds half away from zero to `newScale` decimals (or widens, which is exact).
    public func rounded(toScale newScale: Int) -> ExactDecimal {
        if newScale >= scale { return widened(to: newScale) }
        let divisor = ExactDecimal.powerOfTen(scale - newScale)
        return ExactDecimal(mantissa: ExactDecimal.divideRoundingHalfAwayFromZero(mantissa, divisor), scale: newScale)
    }

    /// `numerator / denominator` rounded half away from zero to `scale` decimals; exact rational arithmetic.
    public static func quotient(_ numerator: ExactDecimal, _ denominator: ExactDecimal, scale: Int) -> ExactDecimal {
        precondition(!denominator.isZero, "division by zero")
        // n/10^a ÷ d/10^b = (n × 10^(b + scale - a)) / d × 10^-scale, arranged to keep every step integral.
        var n = numerator.mantissa
        var d = denominator.mantissa
        let shift = denominator.scale + scale - numerator.scale
        if shift >= 0 { n *= powerOfTen(shift) } else { d *= powerOfTen(-shift) }
        return ExactDecimal(mantissa: divideRoundingHalfAwayFromZero(n, d), scale: scale)
    }

    /// Integer division rounding half away from zero.
    static func divideRoundingHalfAwayFromZero(_ n: Int128, _ d: Int128) -> Int128 {
        let (q, r) = n.quotientAndRemainder(dividingBy: d)
        if r == 0 { return q }
        let twiceRemainder = (r < 0 ? -r : r) * 2
        let absDivisor = d < 0 ? -d : d
        guard twiceRemainder >= absDivisor else { return q }
        return (n < 0) != (d < 0) ? q - 1 : q + 1
    }

    /// 10^exponent. A switch of literals for the common small exponents (no table to load on
    /// every operation of the hot path), a multiplication loop beyond.
    @inline(__always)
    static func powerOfTen(_ exponent: Int) -> Int128 {
        precondition(exponent >= 0 && exponent <= 38)
        switch exponent {
        case 0: return 1
        case 1: return 10
        case 2: return 100
        case 3: return 1_000
        case 4: return 10_000
        case 5: return 100_000
        case 6: return 1_000_000
        case 7: return 10_000_000
        case 8: return 100_000_000
        case 9: return 1_000_000_000
        case 10: return 10_000_000_000
        case 11: return 100_000_000_000
        case 12: return 1_000_000_000_000
        default:
            var power: Int128 = 1_000_000_000_000
            for _ in 12..<exponent { power *= 10 }
            return power
        }
    }
}

extension ExactDecimal: Comparable {
    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        let scale = max(lhs.scale, rhs.scale)
        return lhs.widened(to: scale).mantissa < rhs.widened(to: scale).mantissa
    }

    public static func == (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        let scale = max(lhs.scale, rhs.scale)
        return lhs.widened(to: scale).mantissa == rhs.widened(to: scale).mantissa
    }

    public func hash(into hasher: inout Hasher) {
        // Equal values hash alike whatever their scale: hash the value with trailing zeros removed.
        var m = mantissa
        var s = scale
        while s > 0 && m % 10 == 0 { m /= 10; s -= 1 }
        hasher.combine(m)
        hasher.combine(s)
    }
}

extension ExactDecimal {
    public static func + (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal {
        let scale = max(lhs.scale, rhs.scale)
        return ExactDecimal(mantissa: lhs.widened(to: scale).mantissa + rhs.widened(to: scale).mantissa, scale: scale)
    }

    public static func - (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal {
        let scale = max(lhs.scale, rhs.scale)
        return ExactDecimal(mantissa: lhs.widened(to: scale).mantissa - rhs.widened(to: scale).mantissa, scale: scale)
    }

    public static prefix func - (value: ExactDecimal) -> ExactDecimal {
        ExactDecimal(mantissa: -value.mantissa, scale: value.scale)
    }

    public static func * (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal {
        ExactDecimal(mantissa: lhs.mantissa * rhs.mantissa, scale: lhs.scale + rhs.scale)
    }

    public static func += (lhs: inout ExactDecimal, rhs: ExactDecimal) { lhs = lhs + rhs }
    public static func -= (lhs: inout ExactDecimal, rhs: ExactDecimal) { lhs = lhs - rhs }
}

extension ExactDecimal: CustomStringConvertible {
    /// The plain decimal form with all `scale` decimals, e.g. `-12.50`.
    public var description: String { formatted(decimals: scale) }

    /// The value rounded half away from zero to `decimals` places and printed with exactly that many;
    /// a result of zero never carries a minus sign.
    public func formatted(decimals: Int) -> String {
        let value = rounded(toScale: decimals).mantissa
        guard decimals <= ExactDecimal.maxFastDecimals, let magnitude = UInt64(exactly: value.magnitude) else {
            return ExactDecimal.formattedSlowly(value, decimals: decimals)
        }
        return String(unsafeUninitializedCapacity: ExactDecimal.maxFastLength) { buffer in
            ExactDecimal.writeDigits(magnitude, negative: value < 0, decimals: decimals, to: buffer.baseAddress!)
        }
    }

    /// Calls `body` with the UTF-8 bytes of `formatted(decimals:)`, written without making a string
    /// (CSV fields and statement cells are millions of numbers).
    func withFormattedBytes<Result>(decimals: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        let value = rounded(toScale: decimals).mantissa
        guard decimals <= ExactDecimal.maxFastDecimals, let magnitude = UInt64(exactly: value.magnitude) else {
            var text = ExactDecimal.formattedSlowly(value, decimals: decimals)
            return try text.withUTF8(body)
        }
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: ExactDecimal.maxFastLength) { scratch in
            let count = ExactDecimal.writeDigits(magnitude, negative: value < 0, decimals: decimals, to: scratch.baseAddress!)
            return try body(UnsafeBufferPointer(rebasing: scratch[..<count]))
        }
    }

    /// The most decimals `writeDigits` takes, and the most bytes it then writes.
    static let maxFastDecimals = 18
    static let maxFastLength = 22

    /// Writes `magnitude` as a number with `decimals` of its digits after the point (a `-` first
    /// when `negative`, `0.` before decimals alone) at `out`; returns how many bytes it wrote.
    @inline(__always)
    static func writeDigits(_ magnitude: UInt64, negative: Bool, decimals: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let digits = max(digitCount(magnitude), decimals + 1)
        let sign = negative ? 1 : 0
        let count = sign + digits + (decimals > 0 ? 1 : 0)
        if negative { out[0] = UInt8(ascii: "-") }
        var rest = magnitude, end = out + count
        if decimals > 0 {
            rest = writeLastDigits(rest, count: decimals, endingAt: end)
            end -= decimals + 1
            end[0] = UInt8(ascii: ".")
        }
        _ = writeLastDigits(rest, count: digits - decimals, endingAt: end)
        return count
    }

    /// How many decimal digits `value` has (1 for 0): the bit length times log10 2 (1233 / 4096)
    /// is that count or one less, and the power of ten tells which, without a loop over the digits.
    /// (`value | 1`: the same count, 0 counted as one digit.)
    @inline(__always)
    private static func digitCount(_ value: UInt64) -> Int {
        let odd = value | 1
        let atLeast = ((64 - odd.leadingZeroBitCount) &* 1233) >> 12
        return atLeast + (odd >= powersOfTen[atLeast] ? 1 : 0)
    }

    /// 10^0 to 10^19, the powers of ten below 2^64: one load per figure, where `powerOfTen` (128
    /// bits, checked, a switch) costs 0.4 % more of a 100 k-deal run's instructions (Valgrind).
    private static let powersOfTen: [UInt64] = (0...19).map { (0..<$0).reduce(1) { power, _ in power * 10 } }

    /// "00" to "99", one after another.
    private static let digitPairs: StaticString = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

    /// Writes the last `count` decimal digits of `value` (leading zeros where it has fewer) to end
    /// just before `end`, two at a time; returns what is left of `value`.
    @inline(__always)
    private static func writeLastDigits(_ value: UInt64, count: Int, endingAt end: UnsafeMutablePointer<UInt8>) -> UInt64 {
        var rest = value, end = end, left = count
        while left >= 2 {
            let pair = digitPairs.utf8Start + 2 * Int(rest % 100)
            rest /= 100
            end -= 2
            end[0] = pair[0]
            end[1] = pair[1]
            left -= 2
        }
        if left == 1 {
            end[-1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        }
        return rest
    }

    /// `formatted` for a mantissa beyond 64 bits or more than 18 decimals (rare: big sums, fine ratios).
    private static func formattedSlowly(_ mantissa: Int128, decimals: Int) -> String {
        let negative = mantissa < 0
        var digits = String(negative ? -mantissa : mantissa)
        if decimals > 0 {
            if digits.count <= decimals {
                digits = String(repeating: "0", count: decimals - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        return negative ? "-" + digits : digits
    }
}
