import Testing
@testable import CompKit

@Suite struct CurrencyTests {
    @Test(arguments: [("USD", 2), ("EUR", 2), ("GBP", 2), ("JPY", 0), ("KRW", 0), ("KWD", 3), ("BHD", 3), ("CLF", 4)])
    func knowsMinorUnits(code: String, units: Int) {
        #expect(Currency(code: code)?.minorUnits == units)
    }

    @Test(arguments: ["XYZ", "usd", "", "US", "USDD", "EURO"])
    func refusesUnknownCodes(code: String) {
        #expect(Currency(code: code) == nil)
    }

    @Test func roundsToTheMinorUnit() {
        #expect(Currency.jpy.round(dec("1234.5")) == dec("1235"))  // 0 decimals, .5 → up
        #expect(Currency(code: "KWD")!.round(dec("1.2345")) == dec("1.235"))  // 3 decimals, 4th digit 5 → up
        #expect(Currency.usd.round(dec("-0.005")) == dec("-0.01"))  // half away from zero
    }

    @Test func formatsWithTheMinorUnitsDecimals() {
        #expect(Currency.jpy.format(dec("1234.5")) == "1235")
        #expect(Currency(code: "KWD")!.format(dec("12.5")) == "12.500")
        #expect(Currency.usd.format(dec("-12.5")) == "-12.50")
        #expect(Currency.usd.format(dec("-0.004")) == "0.00")  // never -0.00
    }

    @Test func sortsByCodeBytes() {
        #expect([Currency.usd, .jpy, .eur].sorted().map(\.code) == ["EUR", "JPY", "USD"])
        #expect(Currency.usd.description == "USD")
    }
}
