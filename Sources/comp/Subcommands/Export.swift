import ArgumentParser
import CompKit
import Foundation

/// `comp export`: a run's payroll.csv as a payroll system's import file (§8.2).
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Turn a run's payroll.csv into the import file of ADP, Paychex, Workday or Gusto, in <out>/export/<format>.csv.")

    @Option(help: ArgumentHelp("The pay period whose payroll.csv to export.", valueName: "YYYY-MM"))
    var period: YearMonth

    @Option(help: ArgumentHelp("The payroll system: adp, paychex, workday or gusto.", valueName: "format"))
    var format: PayrollFormat

    @Option(help: ArgumentHelp("The run's output folder (default out/<period>).", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("people.csv: each employee's id in the payroll system (default inputs/people.csv).", valueName: "file"))
    var people: String?

    @Option(name: .customLong("earning-codes"),
            help: ArgumentHelp("earning-codes.csv: the payroll system's code per pay type (default inputs/earning-codes.csv).", valueName: "file"))
    var earningCodes: String?

    @Option(name: .customLong("company-code"), help: ArgumentHelp("ADP's company code, Paychex's client id.", valueName: "code"))
    var companyCode: String?

    @Option(name: .customLong("batch-id"), help: ArgumentHelp("ADP's batch id; Workday's spreadsheet key prefix.", valueName: "id"))
    var batchID: String?

    @Option(name: .customLong("pay-date"), help: ArgumentHelp("The pay date (Workday's payment date, Paychex's line date).", valueName: "YYYY-MM-DD"))
    var payDate: String?

    func validate() throws {
        let given: [PayrollFormat.Setting: Bool] = [.companyCode: companyCode != nil, .batchID: batchID != nil, .payDate: payDate != nil]
        let missing = format.requiredSettings.filter { given[$0] != true }
        guard missing.isEmpty else {
            throw ValidationError("the \(format.rawValue) format needs \(missing.map(\.rawValue).joined(separator: " and "))")
        }
        if let payDate, CalendarDate(parsing: payDate) == nil { throw ValidationError("--pay-date: '\(payDate)' is not a date YYYY-MM-DD") }
    }

    func run() throws {
        do {
            let defaults = [people == nil ? "inputs/people.csv" : nil, earningCodes == nil ? "inputs/earning-codes.csv" : nil].compactMap { $0 }
            if !defaults.isEmpty { announceImplicitInputs(defaults) }
            let log = DiagnosticLog()
            let crosswalk = try PeopleCrosswalk.read(path: people ?? "inputs/people.csv", log: log)
            let codes = try EarningCodes.read(path: earningCodes ?? "inputs/earning-codes.csv", log: log)
            guard log.isEmpty else { throw CompError.invalidInput(log.sorted, more: log.droppedCount) }
            var options = PayrollExport.Options(format: format, period: period, folder: out ?? "out/\(period)", people: crosswalk,
                                                earningCodes: codes)
            options.companyCode = companyCode
            options.batchID = batchID
            options.payDate = payDate.flatMap { CalendarDate(parsing: $0) }
            let summary = try PayrollExport.run(options)
            let totals = summary.totals.sorted { $0.key < $1.key }.map { "\($0.key.format($0.value)) \($0.key.code)" }.joined(separator: ", ")
            print("comp: wrote \(summary.path): \(summary.rows) payroll rows for \(summary.employees) employees, \(totals.isEmpty ? "nothing" : totals) in all, as in payroll.csv")
        } catch let error as CompError {
            throw report(error)
        }
    }
}

/// Parses `--format adp|paychex|workday|gusto`.
extension PayrollFormat: ExpressibleByArgument {}
