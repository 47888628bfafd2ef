import Testing
@testable import CompKit

@Suite struct ExactDecimalTests {
    @Test func addsAndSubtractsAtTheWiderScale() {
        let sum = dec("1.5") + dec("2.25")
        #expect(sum.mantissa == 375 && sum.scale == 2)  // 1.50 + 2.25 = 3.75
        #expect(dec("1.5") - dec("2.25") == dec("-0.75"))  // 1.50 − 2.25 = −0.75
        #expect(dec("0.1") + dec("0.2") == dec("0.3"))  // exact, unlike binary floating point
    }

    @Test func multipliesExactly() {
        let product = dec("1.5") * dec("2.25")
        #expect(product.mantissa == 3375 && product.scale == 3)  // 15 × 225 = 3375, scale 1 + 2 = 3 → 3.375
        #expect(dec("1234.57") * dec("1.085") == dec("1339.50845"))  // 1234.57 + 1234.57 × 0.085 (104.93845) = 1339.50845
        #expect(dec("-2") * dec("0.5") == dec("-1"))  // −2 × 0.5 = −1
    }

    @Test func comparesValuesWhateverTheScale() {
        #expect(dec("1.50") == dec("1.5"))
        #expect(Set([dec("1.50"), dec("1.5"), dec("1.500000")]).count == 1)  // one value, three spellings
        #expect(dec("-0.01") < .zero)
        #expect(ExactDecimal.zero < dec("0.001"))
        #expect(dec("2.3449") < dec("2.345"))
    }

    @Test(arguments: [
        ("2.345", 2, "2.35"),     // third decimal 5: half, away from zero → up
        ("-2.345", 2, "-2.35"),   // half, away from zero → down
        ("2.3449", 2, "2.34"),    // 0.0049 < half
        ("-2.3449", 2, "-2.34"),
        ("2.5", 0, "3"),
        ("-2.5", 0, "-3"),
        ("1.005", 2, "1.01"),     // exactly half (a binary double 1.005 is below half and gives 1.00)
        ("0.004", 2, "0"),
        ("-0.005", 2, "-0.01"),
        ("11999.9992", 2, "12000.00"),  // 11999.99|92: 0.0092 > half → 12000.00
    ])
    func roundsHalfAwayFromZero(value: String, scale: Int, expected: String) {
        let rounded = dec(value).rounded(toScale: scale)
        #expect(rounded == dec(expected))
        #expect(rounded.scale == scale)
    }

    @Test func roundingToMoreDecimalsWidensExactly() {
        let widened = dec("1.5").rounded(toScale: 3)
        #expect(widened.mantissa == 1500 && widened.scale == 3)  // 1.5 = 1.500
    }

    @Test(arguments: [
        ("100000", "12", 2, "8333.33"),  // 8333.3333… → 8333.33
        ("2", "3", 2, "0.67"),           // 0.6666… → 0.67
        ("-2", "3", 2, "-0.67"),
        ("1", "8", 2, "0.13"),           // 0.125 exactly half → 0.13
        ("-1", "8", 2, "-0.13"),         // −0.125 → −0.13
        ("1", "-8", 2, "-0.13"),         // negative denominator, same rule
        ("10", "4", 0, "3"),             // 2.5 → 3
        ("1.23456", "2", 2, "0.62"),     // 0.61728 → 0.62 (numerator has more decimals than the result)
        ("1", "3", 6, "0.333333"),
        ("200000", "300000", 6, "0.666667"),  // 0.6666666… → 0.666667
        ("11400000", "90", 2, "126666.67"),   // 126666.666… → 126666.67
    ])
    func quotientIsTheExactRatioRoundedOnce(numerator: String, denominator: String, scale: Int, expected: String) {
        let result = ExactDecimal.quotient(dec(numerator), dec(denominator), scale: scale)
        #expect(result == dec(expected))
        #expect(result.scale == scale)
    }

    @Test(arguments: [
        ("-0.004", 2, "0.00"),     // rounds to zero: never "-0.00"
        ("-0.00", 2, "0.00"),
        ("-12.5", 2, "-12.50"),
        ("0.05", 2, "0.05"),       // leading zero before the point
        ("-0.05", 2, "-0.05"),     // sign, then the padded zero
        ("7", 0, "7"),
        ("-0.5", 0, "-1"),         // −0.5 → −1, half away from zero
        ("1234.5", 3, "1234.500"),
        ("0", 6, "0.000000"),
        ("1.2000005", 6, "1.200001"),
        ("98765.4321", 4, "98765.4321"),  // digits written two at a time: odd and even counts either side of the point
        ("-1000000", 0, "-1000000"),
        ("123456789012.5", 1, "123456789012.5"),
        ("10", 0, "10"),
    ])
    func formatsWithExactlyTheDecimalsAsked(value: String, decimals: Int, expected: String) {
        #expect(dec(value).formatted(decimals: decimals) == expected)
    }

    @Test(arguments: [
        (Int128(UInt64.max), 0, 0, "18446744073709551615"),       // the largest magnitude of 64 bits
        (Int128(UInt64.max), 18, 18, "18.446744073709551615"),
        (Int128(9_999_999_999_999_999_999 as UInt64), 0, 0, "9999999999999999999"),
        (-Int128(UInt64.max) - 1, 0, 0, "-18446744073709551616"), // one beyond: the long form, same text
        (-Int128(UInt64.max) - 1, 2, 2, "-184467440737095516.16"),
        (123, 22, 22, "0.0000000000000000000123"),               // more than 18 decimals
        (-5, 20, 19, "-0.0000000000000000001"),                  // −0.5e-19 → −1e-19
    ])
    func formatsBeyondSixtyFourBitsAndEighteenDecimals(mantissa: Int128, scale: Int, decimals: Int, expected: String) {
        #expect(ExactDecimal(mantissa: mantissa, scale: scale).formatted(decimals: decimals) == expected)
    }

    /// Each side of every power of ten a 64-bit magnitude reaches, where a number gains a digit.
    @Test func formatsEveryLengthOfDigits() {
        var nines = "", power: UInt64 = 1
        for zeros in 0...19 {
            let one = "1" + String(repeating: "0", count: zeros)
            #expect(ExactDecimal(mantissa: Int128(power), scale: 0).formatted(decimals: 0) == one)
            #expect(ExactDecimal(mantissa: Int128(power), scale: 2).formatted(decimals: 2)
                    == (zeros < 2 ? "0." + String(repeating: "0", count: 1 - zeros) + one : String(one.dropLast(2)) + ".00"))
            if zeros > 0 { #expect(ExactDecimal(mantissa: Int128(power - 1), scale: 0).formatted(decimals: 0) == nines) }
            nines += "9"
            if zeros < 19 { power *= 10 }
        }
        #expect(ExactDecimal(mantissa: 0, scale: 0).formatted(decimals: 0) == "0")
    }

    @Test func descriptionKeepsTheScale() {
        #expect(dec("-0.001").description == "-0.001")
        #expect(dec("12.50").description == "12.50")
        #expect(ExactDecimal(42).description == "42")
    }

    @Test func magnitudeAndSign() {
        #expect(dec("-12.50").magnitude == dec("12.50"))
        #expect(dec("-12.50").isNegative)
        #expect(!dec("0.00").isNegative && dec("0.00").isZero)
        #expect(-dec("3.25") == dec("-3.25"))
    }
}
