/// Where each field `comp import` needs sits in a CRM export, found by name whatever its case.
struct ExportColumns {
    let id: Int
    let amount: Int
    let closeDate: Int
    let stage: Int
    let owner: Int
    /// Salesforce only.
    let isWon: Int?
    let isClosed: Int?
    /// nil when the export has none and `--currency` gives the currency.
    let currency: Int?
    let type: Int?
    let createdDate: Int?
    /// Required with `--pipeline-out`.
    let probability: Int?
    /// The columns `--product-field` and `--cancel-date-field` name.
    let product: Int?
    let cancelDate: Int?

    /// Finds the columns; logs every required one that is missing (at the header) and returns nil then.
    init?(table: CSVTable, options: CRMImport.Options, log: DiagnosticLog) {
        let system = options.system
        var missing: [String] = []
        func find(_ field: CRMSystem.Field, required: Bool) -> Int? {
            let column = table.column(anyOf: field.names)
            if column == nil && required { missing.append(field.names.joined(separator: " or ")) }
            return column
        }
        func named(_ name: String?) -> Int? {
            guard let name else { return nil }
            let column = table.column(name)
            if column == nil { missing.append(name) }
            return column
        }
        let id = find(system.id, required: true), amount = find(system.amount, required: true)
        let closeDate = find(system.closeDate, required: true), stage = find(system.stage, required: true)
        let owner = find(system.owner, required: true)
        isWon = system == .salesforce ? find(CRMSystem.isWon, required: true) : nil
        isClosed = find(system.isClosed, required: false)
        currency = find(system.currency, required: options.currency == nil)
        type = find(system.type, required: false)
        createdDate = find(system.createdDate, required: false)
        probability = find(system.probability, required: options.pipeline != nil)
        product = named(options.productField)
        cancelDate = named(options.cancelDateField)
        guard missing.isEmpty, let id, let amount, let closeDate, let stage, let owner else {
            log.error(.wholeLine(table.path, 1),
                      "missing column\(missing.count > 1 ? "s" : ""): \(missing.joined(separator: ", "))"
                          + (currency == nil && options.currency == nil ? " (a single-currency org's export has no currency column: give --currency)" : ""))
            return nil
        }
        (self.id, self.amount, self.closeDate, self.stage, self.owner) = (id, amount, closeDate, stage, owner)
    }
}
