/// An ISO 4217 currency with its minor unit (the number of decimals amounts are rounded to).
public struct Currency: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The three-letter code, e.g. `USD`.
    public let code: String
    /// Decimals of the minor unit: 2 for USD, 0 for JPY, 3 for KWD.
    public let minorUnits: Int

    /// The currency with this ISO 4217 code, or nil when the code is not an active ISO 4217 currency.
    public init?(code: String) {
        guard let units = Currency.minorUnitsByCode[code] else { return nil }
        self.code = code
        self.minorUnits = units
    }

    public var description: String { code }

    public static func < (lhs: Currency, rhs: Currency) -> Bool { lhs.code.utf8.lexicographicallyPrecedes(rhs.code.utf8) }

    /// Rounds an amount half away from zero to this currency's minor unit.
    public func round(_ amount: ExactDecimal) -> ExactDecimal { amount.rounded(toScale: minorUnits) }

    /// Prints an amount with exactly the minor unit's decimals (`-12.50`, never `-0.00`).
    public func format(_ amount: ExactDecimal) -> String { amount.formatted(decimals: minorUnits) }

    /// Active ISO 4217 codes and their minor units (ISO 4217 list, 2024).
    static let minorUnitsByCode: [String: Int] = {
        var table: [String: Int] = [:]
        let zero = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF"
        let three = "BHD IQD JOD KWD LYD OMR TND"
        let four = "CLF UYW"
        let two = """
            AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD \
            CAD CDF CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL \
            GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR \
            LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB \
            PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL \
            THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UZS VED VES WST XCD YER ZAR ZMW ZWG
            """
        for (codes, units) in [(zero, 0), (two, 2), (three, 3), (four, 4)] {
            for code in codes.split(separator: " ") { table[String(code)] = units }
        }
        return table
    }()
}
