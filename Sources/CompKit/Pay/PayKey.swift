/// What payroll.csv and the ledger add amounts up by: employee, pay type, component, currency.
public struct PayKey: Sendable, Hashable, Comparable {
    public var employeeID: String
    public var payType: PayType
    /// The component id (COMMISSION, HOLDBACK, HOLDBACK_RELEASE, BONUS), the spiff id (SPIFF), or empty (BASE, draws).
    public var component: String
    public var currency: Currency

    public init(employeeID: String, payType: PayType, component: String, currency: Currency) {
        self.employeeID = employeeID
        self.payType = payType
        self.component = component
        self.currency = currency
    }

    /// payroll.csv's order: employee id (bytes), pay type in payroll.csv's order (§5), component (bytes), currency.
    public static func < (lhs: PayKey, rhs: PayKey) -> Bool {
        let employee = byteCompare(lhs.employeeID, rhs.employeeID)
        if employee != 0 { return employee < 0 }
        if lhs.payType != rhs.payType { return lhs.payType < rhs.payType }
        let component = byteCompare(lhs.component, rhs.component)
        if component != 0 { return component < 0 }
        return lhs.currency < rhs.currency
    }
}
