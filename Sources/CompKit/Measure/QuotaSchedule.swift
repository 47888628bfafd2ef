/// Quota per participant entry, component and quota period (§3.4).
public enum QuotaSchedule {
    /// The period's quota before proration: an annual quota split equally and rounded to the
    /// currency's minor unit, or the amount given for the period, used as written.
    public static func periodQuota(_ quota: Quota, period: Int, periodsPerYear: Int, currency: Currency) -> ExactDecimal {
        switch quota {
        case .annual(let annual):
            return ExactDecimal.quotient(annual, ExactDecimal(periodsPerYear), scale: currency.minorUnits)
        case .perPeriod(let amounts):
            return amounts[period] ?? .zero
        }
    }

    /// The entry's quota for a period, prorated by active calendar days when the entry starts or
    /// ends inside it: `round(period_quota × active_days / days_in_period)`.
    public static func quota(
        _ quota: Quota, of entry: ParticipantEntry, period: Int, fiscalYear: FiscalYear, currency: Currency
    ) -> ExactDecimal {
        let full = periodQuota(quota, period: period, periodsPerYear: fiscalYear.quotaPeriod.periodsPerYear, currency: currency)
        let dates = fiscalYear.dates(ofQuotaPeriod: period)
        let activeDays = entry.activeRange.overlapDays(with: dates)
        if activeDays == dates.dayCount { return full }
        return ExactDecimal.quotient(full * ExactDecimal(activeDays), ExactDecimal(dates.dayCount), scale: currency.minorUnits)
    }
}
