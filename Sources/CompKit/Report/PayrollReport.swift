/// payroll.csv (§5, §7): the month's `Payroll`, a row per key, in its order.
public enum PayrollReport {
    public static func csv(_ payroll: Payroll, period: YearMonth) -> [UInt8] {
        var writer = CSVWriter(header: ["period", "employee_id", "employee_name", "pay_type", "component", "amount",
                                        "currency", "prior_adjustment"])
        for row in payroll.rows {
            let money = row.key.currency
            writer.row([period.description, row.key.employeeID, row.employeeName, row.key.payType.label, row.key.component,
                        money.format(row.amount), money.code, money.format(row.priorAdjustment)])
        }
        return writer.bytes
    }
}
