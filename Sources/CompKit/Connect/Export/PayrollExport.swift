import Foundation

/// `comp export` (§8.2): a run's payroll.csv, checked against its manifest, turned into a payroll
/// system's import file — employee ids from people.csv, earning codes from earning-codes.csv, every
/// row of payroll.csv carried once with its amount, so that each employee's total per currency is
/// payroll.csv's.
public enum PayrollExport {
    /// What the command line asks for.
    public struct Options: Sendable {
        public var format: PayrollFormat
        public var period: YearMonth
        /// The run's output folder, holding payroll.csv and manifest.json.
        public var folder: String
        public var people: PeopleCrosswalk
        public var earningCodes: EarningCodes
        public var companyCode: String?
        public var batchID: String?
        public var payDate: CalendarDate?

        public init(format: PayrollFormat, period: YearMonth, folder: String, people: PeopleCrosswalk, earningCodes: EarningCodes) {
            self.format = format
            self.period = period
            self.folder = folder
            self.people = people
            self.earningCodes = earningCodes
        }

        /// Where the file goes: `<folder>/export/<format>.csv`.
        public var outputPath: String { (folder as NSString).appendingPathComponent("export/\(format.rawValue).csv") }
    }

    /// One payroll.csv row as the payroll system receives it.
    public struct Line: Sendable, Hashable {
        public var employeeID: String
        public var externalID: String
        public var name: String
        public var code: String
        public var amount: ExactDecimal
        public var currency: Currency
        /// `COMMISSION new-business`: what the line pays, for a comment column.
        public var description: String
    }

    /// What an export wrote.
    public struct Summary: Sendable {
        public var path: String
        public var rows: Int
        public var employees: Int
        public var totals: [Currency: ExactDecimal]
    }

    /// Writes the file; throws `CompError.invalidInput` listing every payroll row without an id or
    /// a code (nothing is written then), or for a payroll.csv changed since its run.
    public static func run(_ options: Options) throws -> Summary {
        let log = DiagnosticLog()
        let payrollPath = (options.folder as NSString).appendingPathComponent("payroll.csv")
        try checkAgainstManifest(payrollPath: payrollPath, folder: options.folder, log: log)
        guard log.isEmpty else { throw CompError.invalidInput(log.sorted, more: log.droppedCount) }
        let lines = try read(payrollPath: payrollPath, options: options, log: log)
        guard log.isEmpty else { throw CompError.invalidInput(log.sorted, more: log.droppedCount) }
        let file = try StagedFile(target: options.outputPath)
        try file.append(PayrollExportLayout.csv(lines, options: options))
        try StagedFile.commit([file])
        var totals: [Currency: ExactDecimal] = [:]
        for line in lines { totals[line.currency, default: .zero] += line.amount }
        return Summary(path: options.outputPath, rows: lines.count, employees: Set(lines.map(\.employeeID)).count, totals: totals)
    }

    /// payroll.csv must be the file its run wrote: its SHA-256 is the one manifest.json lists.
    private static func checkAgainstManifest(payrollPath: String, folder: String, log: DiagnosticLog) throws {
        let manifestPath = (folder as NSString).appendingPathComponent("manifest.json")
        guard let data = FileManager.default.contents(atPath: manifestPath),
              let manifest = try? JSONDecoder().decode(Manifest.self, from: data) else {
            log.error(.wholeFile(manifestPath), "no readable manifest.json beside payroll.csv: export the folder a comp run wrote")
            return
        }
        guard let recorded = manifest.outputs.first(where: { $0.file == "payroll.csv" }) else {
            log.error(.wholeFile(manifestPath), "manifest.json lists no payroll.csv")
            return
        }
        let digest: (bytes: Int, sha256: String)
        do {
            digest = try Manifest.fileDigest(path: payrollPath)
        } catch {
            log.error(.wholeFile(payrollPath), "cannot be read")
            return
        }
        if digest.sha256 != recorded.sha256 {
            log.error(.wholeFile(payrollPath),
                      "changed since the run that wrote it (its SHA-256 is \(digest.sha256), manifest.json says \(recorded.sha256)): run comp again")
        }
    }

    /// payroll.csv's rows with an amount, each with its id and code; every row lacking one is logged.
    private static func read(payrollPath: String, options: Options, log: DiagnosticLog) throws -> [Line] {
        let header = ["period", "employee_id", "employee_name", "pay_type", "component", "amount", "currency"]
        guard let csv = CSVTable(path: payrollPath, required: header, log: log) else { return [] }
        let columns = header.map { csv.column($0)! }
        let system = options.format.system
        var lines: [Line] = []
        try csv.forEachRow(log: log) {
            let field = { (index: Int) in csv.field(columns[index]).string }
            let (period, employee, name, label, component, amountText, code) = (field(0), field(1), field(2), field(3), field(4), field(5), field(6))
            func problem(_ index: Int, _ message: String) { log.error(file: payrollPath, line: csv.line, column: columns[index] + 1, message) }
            if period != options.period.description { problem(0, "the row is for \(period), not \(options.period)") }
            let payType = PayType(label: label)
            if payType == nil { problem(3, "unknown pay type '\(label)'") }
            let currency = Currency(code: code)
            if currency == nil { problem(6, "unknown currency '\(code)'") }
            guard let amount = ExactDecimal.parseSigned(amountText, maxDecimals: 6) else {
                problem(5, "amount '\(amountText)' is not a decimal number")
                return
            }
            guard let payType, let currency, !amount.isZero else { return }
            let externalID = options.people.externalID(system: system, participant: employee)
            if externalID == nil { problem(1, "\(employee) has no \(system) id in people.csv") }
            let earningCode = options.earningCodes.code(system: system, payType: payType, component: component)
            if earningCode == nil {
                problem(3, "no \(system) earning code for \(label)\(component.isEmpty ? "" : " " + component) in earning-codes.csv")
            }
            guard let externalID, let earningCode else { return }
            lines.append(Line(employeeID: employee, externalID: externalID, name: name, code: earningCode, amount: amount,
                              currency: currency, description: label + (component.isEmpty ? "" : " " + component)))
        }
        return lines
    }
}
