/// What payroll.csv and the ledger add amounts up by: employee, pay type, component, currency.
public struct PayKey: Sendable, Hashable, Comparable {
    public var employeeID: String
    public var payType: PayType
    /// The component id (COMMISSION, BONUS), the spiff id (SPIFF), or empty (BASE, draws).
    public var component: String
    public var currency: Currency

    public init(employeeID: String, payType: PayType, component: String, currency: Currency) {
        self.employeeID = employeeID
        self.payType = payType
        self.component = component
        self.currency = currency
    }

    /// payroll.csv's order: employee id (bytes), pay type in SPEC order, component (bytes), currency.
    public static func < (lhs: PayKey, rhs: PayKey) -> Bool {
        if lhs.employeeID != rhs.employeeID { return byteOrder(lhs.employeeID, rhs.employeeID) }
        if lhs.payType != rhs.payType { return lhs.payType < rhs.payType }
        if lhs.component != rhs.component { return byteOrder(lhs.component, rhs.component) }
        return lhs.currency < rhs.currency
    }
}
