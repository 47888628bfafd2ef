/// A (month, from, to) rate that the run needs and fx.csv lacks.
public struct MissingRate: Hashable, Sendable, Comparable {
    public var month: YearMonth
    public var from: String
    public var to: String

    public static func < (lhs: MissingRate, rhs: MissingRate) -> Bool {
        (lhs.month, lhs.from, lhs.to) < (rhs.month, rhs.from, rhs.to)
    }
}
