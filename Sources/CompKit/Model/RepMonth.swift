/// A person and a calendar month: the key of forecasts, expectations and actuals.
public struct RepMonth: Sendable, Hashable {
    public var rep: String
    public var month: YearMonth

    public init(rep: String, month: YearMonth) {
        self.rep = rep
        self.month = month
    }
}
