import Testing
@testable import CompKit

@Suite struct ExactDecimalParsingTests {
    @Test(arguments: [
        ("123.45", 2, 12345, 2),
        ("0.5", 6, 5, 1),
        ("007", 6, 7, 0),           // leading zeros are digits like any other
        ("100", 2, 100, 0),
        ("0.000001", 6, 1, 6),
        ("1.10", 2, 110, 2),        // the written scale is kept
    ])
    func parsesPlainDecimals(text: String, maxDecimals: Int, mantissa: Int, scale: Int) throws {
        let value = try ExactDecimal.parse(text, maxDecimals: maxDecimals).get()
        #expect(value.mantissa == Int128(mantissa) && value.scale == scale)
    }

    @Test(arguments: ["", ".5", "5.", "-1", "+1", "1,000", "1e3", " 100", "100 ", "1.2.3", "abc", "1_000", "٣"])
    func refusesAnythingElse(text: String) {
        #expect(ExactDecimal.parse(text, maxDecimals: 6) == .failure(.notADecimal))
    }

    @Test func refusesTooManyDecimals() {
        #expect(ExactDecimal.parse("1.234", maxDecimals: 2) == .failure(.tooManyDecimals(allowed: 2)))
        #expect(ExactDecimal.parse("0.0000001", maxDecimals: 6) == .failure(.tooManyDecimals(allowed: 6)))
        #expect(ExactDecimal.parse("0.123456", maxDecimals: 6) == .success(dec("0.123456")))  // exactly 6 is fine
    }

    @Test func boundsTheIntegerDigits() {
        #expect(ExactDecimal.parse("123456789012345", maxDecimals: 2) == .success(dec("123456789012345")))  // 15 digits
        #expect(ExactDecimal.parse("1234567890123456", maxDecimals: 2) == .failure(.tooLarge(allowedIntegerDigits: 15)))  // 16
        #expect(ExactDecimal.parse("0000000000000001", maxDecimals: 2) == .success(ExactDecimal(1)))  // 16 characters, value 1
        #expect(ExactDecimal.parse("1000", maxDecimals: 2, maxIntegerDigits: 3) == .failure(.tooLarge(allowedIntegerDigits: 3)))
    }

    @Test func explainsFailuresInLowercase() {
        #expect(ExactDecimal.ParseFailure.tooManyDecimals(allowed: 2).explanation == "has more than 2 decimal places")
        #expect(ExactDecimal.ParseFailure.tooLarge(allowedIntegerDigits: 15).explanation
                == "is too large (at most 15 digits before the decimal point)")
    }
}
