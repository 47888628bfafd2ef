/// earning-codes.csv (§2.3): the payroll system's earning (or deduction) code for each pay type,
/// for every component or for one.
public struct EarningCodes: Sendable {
    private struct Key: Hashable {
        var system: String
        var payType: PayType
        /// Empty: any component.
        var component: String
    }

    private var codes: [Key: (code: String, line: Int)] = [:]

    public init() {}

    /// The code of a pay type and component in `system`: the row naming the component, else the
    /// row with an empty component.
    public func code(system: String, payType: PayType, component: String) -> String? {
        (codes[Key(system: system, payType: payType, component: component)]
            ?? codes[Key(system: system, payType: payType, component: "")])?.code
    }

    static let columns = ["system", "pay_type", "component", "code"]

    /// Reads earning-codes.csv, logging every problem: an unknown pay type, an empty system or code,
    /// the same (system, pay type, component) twice.
    public static func read(path: String, log: DiagnosticLog) throws -> EarningCodes {
        var result = EarningCodes()
        guard let csv = CSVTable(path: path, required: columns, log: log) else { return result }
        let positions = columns.map { csv.column($0)! }
        try csv.forEachRow(log: log) {
            func text(_ index: Int, required: Bool) -> String? {
                let field = csv.field(positions[index])
                guard let text = String(validating: field, as: UTF8.self), !(required && text.isEmpty) else {
                    log.error(file: path, line: csv.line, column: positions[index] + 1,
                              field.isEmpty ? "\(columns[index]) is required" : "\(columns[index]) is not valid UTF-8")
                    return nil
                }
                return text
            }
            let system = text(0, required: true), label = text(1, required: true)
            let component = text(2, required: false), code = text(3, required: true)
            let payType = label.flatMap(PayType.init(label:))
            if let label, payType == nil {
                log.error(file: path, line: csv.line, column: positions[1] + 1,
                          "unknown pay type '\(label)' (one of \(PayType.allCases.map(\.label).joined(separator: ", ")))")
            }
            guard let system, let payType, let component, let code else { return }
            let key = Key(system: system, payType: payType, component: component)
            if let first = result.codes[key] {
                log.error(.wholeLine(path, csv.line),
                          "\(system) \(payType.label)\(component.isEmpty ? "" : " " + component) has a code already (line \(first.line))")
                return
            }
            result.codes[key] = (code, csv.line)
        }
        return result
    }
}
