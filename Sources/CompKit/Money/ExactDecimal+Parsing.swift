extension ExactDecimal {
    /// Why a text is not an acceptable decimal.
    public enum ParseFailure: Error, Equatable {
        /// Not of the form `digits[.digits]` (no sign, no exponent, no thousands separator).
        case notADecimal
        /// More decimals than allowed.
        case tooManyDecimals(allowed: Int)
        /// More integer digits than allowed.
        case tooLarge(allowedIntegerDigits: Int)
    }

    /// Parses a plain non-negative decimal `digits[.digits]` from UTF-8 bytes.
    public static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, maxDecimals: Int, maxIntegerDigits: Int = 15
    ) -> Result<ExactDecimal, ParseFailure> {
        var mantissa: Int128 = 0
        var integerDigits = 0
        var decimals = 0
        var seenPoint = false
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                if seenPoint || integerDigits == 0 { return .failure(.notADecimal) }
                seenPoint = true
                continue
            }
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return .failure(.notADecimal) }
            if seenPoint {
                decimals += 1
                if decimals > maxDecimals { return .failure(.tooManyDecimals(allowed: maxDecimals)) }
            } else {
                integerDigits += 1
                // Leading zeros do not make a number larger.
                if integerDigits > maxIntegerDigits && mantissa != 0 {
                    return .failure(.tooLarge(allowedIntegerDigits: maxIntegerDigits))
                }
            }
            mantissa = mantissa * 10 + Int128(byte &- UInt8(ascii: "0"))
        }
        if integerDigits == 0 || (seenPoint && decimals == 0) { return .failure(.notADecimal) }
        return .success(ExactDecimal(mantissa: mantissa, scale: decimals))
    }

    /// Parses a decimal that may be negative, `[-]digits[.digits]`, as comp writes money; nil when it is not one.
    public static func parseSigned(_ text: String, maxDecimals: Int, maxIntegerDigits: Int = 15) -> ExactDecimal? {
        let negative = text.hasPrefix("-")
        guard case .success(let value) = parse(String(text.dropFirst(negative ? 1 : 0)), maxDecimals: maxDecimals,
                                               maxIntegerDigits: maxIntegerDigits) else { return nil }
        return negative ? -value : value
    }

    /// Parses a plain non-negative decimal `digits[.digits]` from a string.
    public static func parse(_ text: String, maxDecimals: Int, maxIntegerDigits: Int = 15) -> Result<ExactDecimal, ParseFailure> {
        text.withUTF8Bytes { parse($0, maxDecimals: maxDecimals, maxIntegerDigits: maxIntegerDigits) }
    }
}

extension ExactDecimal.ParseFailure {
    /// A short lowercase explanation for diagnostics.
    public var explanation: String {
        switch self {
        case .notADecimal: return "is not a plain decimal number (digits with an optional '.' and decimals)"
        case .tooManyDecimals(let allowed): return "has more than \(allowed) decimal places"
        case .tooLarge(let digits): return "is too large (at most \(digits) digits before the decimal point)"
        }
    }
}
