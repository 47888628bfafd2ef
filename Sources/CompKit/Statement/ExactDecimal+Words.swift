/// How statements write numbers that are not money amounts of the minor unit: exact intermediate
/// amounts (`1200.013`), tier bounds as written (`0.5`) and rates as percentages (`8 %`).
extension ExactDecimal {
    /// The exact value with trailing zeros dropped, but never fewer than `minDecimals` decimals:
    /// `1200.0130` → `1200.013`, `8000.0000` → `8000.00` (minDecimals 2).
    public func exactText(minDecimals: Int = 0) -> String {
        let exact = exactDigits(minDecimals: minDecimals)
        return exact.value.formatted(decimals: exact.decimals)
    }

    /// `exactText`'s value and how many decimals it is written with.
    func exactDigits(minDecimals: Int) -> (value: ExactDecimal, decimals: Int) {
        var mantissa = self.mantissa
        var scale = self.scale
        while scale > minDecimals && mantissa % 10 == 0 {
            mantissa /= 10
            scale -= 1
        }
        return (ExactDecimal(mantissa: mantissa, scale: scale), max(scale, minDecimals))
    }

    /// The rate × 100: a statement writes a rate as this, exactly, and ` %` (`0.08` → `8 %`,
    /// `0.004` → `0.4 %`, `0.125` → `12.5 %`).
    var percentValue: ExactDecimal { self * ExactDecimal(100) }
}
