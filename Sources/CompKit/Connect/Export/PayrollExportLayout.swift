/// The columns of each payroll system's import file (§8.2; docs/CONNECTORS.md names the vendor
/// page each follows). Amounts keep payroll.csv's decimals; a row per payroll.csv row, but for
/// Gusto, whose upload takes one row per employee with a column per earning type.
enum PayrollExportLayout {
    static func csv(_ lines: [PayrollExport.Line], options: PayrollExport.Options) -> [UInt8] {
        switch options.format {
        case .adp: return adp(lines, options)
        case .paychex: return paychex(lines, options)
        case .workday: return workday(lines, options)
        case .gusto: return gusto(lines)
        }
    }

    private static func amount(_ line: PayrollExport.Line) -> String { line.currency.format(line.amount) }

    /// ADP Workforce Now paydata import (EPI file): company code, batch, file number, then the
    /// earnings code and amount in the "Earnings 3" pair; an employee may have several rows.
    private static func adp(_ lines: [PayrollExport.Line], _ options: PayrollExport.Options) -> [UInt8] {
        var writer = CSVWriter(header: ["Co Code", "Batch ID", "File #", "Earnings 3 Code", "Earnings 3 Amount"])
        for line in lines {
            writer.row([options.companyCode ?? "", options.batchID ?? "", line.externalID, line.code, amount(line)])
        }
        return writer.bytes
    }

    /// Paychex Flex pay-data import (the SPI layout): client, worker, pay component and amount; the
    /// line date is the pay date when given (MM/DD/YYYY).
    private static func paychex(_ lines: [PayrollExport.Line], _ options: PayrollExport.Options) -> [UInt8] {
        var writer = CSVWriter(header: ["Client ID", "Worker ID", "Org", "Job Number", "Pay Component", "Rate", "Rate Number", "Hours",
                                        "Units", "Line Date", "Amount", "Check Seq Number", "Override State", "Override Local",
                                        "Override Local Jurisdiction", "Labor Override"])
        let date = options.payDate.map { "\(CalendarDate.pad($0.month, 2))/\(CalendarDate.pad($0.day, 2))/\(CalendarDate.pad($0.year, 4))" } ?? ""
        for line in lines {
            writer.row([options.companyCode ?? "", line.externalID, "", "", line.code, "", "", "", "", date, amount(line), "", "", "", "", ""])
        }
        return writer.bytes
    }

    /// Workday's Request One-Time Payment load: employee, one-time payment plan, amount and currency,
    /// effective and scheduled payment date (the pay date), sent to payroll.
    private static func workday(_ lines: [PayrollExport.Line], _ options: PayrollExport.Options) -> [UInt8] {
        var writer = CSVWriter(header: ["Spreadsheet Key", "Employee ID", "Effective Date", "One-Time Payment Plan", "Scheduled Payment Date",
                                        "Amount", "Currency", "Send to Payroll", "Comment"])
        let date = options.payDate?.description ?? ""
        for (index, line) in lines.enumerated() {
            let key = (options.batchID.map { $0 + "-" } ?? "") + String(index + 1)
            writer.row([key, line.externalID, date, line.code, date, amount(line), line.currency.code, "Y",
                        "comp \(options.period) \(line.description)"])
        }
        return writer.bytes
    }

    /// Gusto's payroll CSV upload: one row per employee (and currency), the Gusto employee id and
    /// name, then a column per earning type (the codes, e.g. `commission`, `bonus`), amounts of the
    /// same type added up.
    private static func gusto(_ lines: [PayrollExport.Line]) -> [UInt8] {
        let codes = Set(lines.map(\.code)).sorted(by: byteOrder)
        var rows: [(line: PayrollExport.Line, amounts: [String: ExactDecimal])] = []
        for line in lines {
            if let index = rows.lastIndex(where: { $0.line.employeeID == line.employeeID && $0.line.currency == line.currency }) {
                rows[index].amounts[line.code, default: .zero] += line.amount
            } else {
                rows.append((line, [line.code: line.amount]))
            }
        }
        var writer = CSVWriter(header: ["gusto_employee_id", "first_name", "last_name"] + codes)
        for row in rows {
            let (first, last) = names(row.line.name)
            writer.row([row.line.externalID, first, last] + codes.map { code in
                row.amounts[code].map { row.line.currency.format($0) } ?? ""
            })
        }
        return writer.bytes
    }

    /// First and last name: `Kowalska, Anna` → (Anna, Kowalska); `Anna Kowalska` → (Anna, Kowalska).
    static func names(_ name: String) -> (first: String, last: String) {
        if let comma = name.range(of: ", ") {
            return (String(name[comma.upperBound...]), String(name[..<comma.lowerBound]))
        }
        guard let space = name.lastIndex(of: " ") else { return ("", name) }
        return (String(name[..<space]), String(name[name.index(after: space)...]))
    }
}
