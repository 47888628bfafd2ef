/// people.csv (§2.3): who a plan participant is in other systems — the CRM's owner ids and the
/// payroll system's employee ids.
public struct PeopleCrosswalk: Sendable {
    /// An external id and where people.csv gives it.
    struct Link: Sendable {
        var id: String
        var line: Int
    }

    /// By system: external id → participant id.
    private var participants: [String: [String: Link]] = [:]
    /// By system: participant id → external id.
    private var externalIDs: [String: [String: Link]] = [:]

    public init() {}

    /// Every external id of `system` with its participant, in the order people.csv gives them.
    public func participants(system: String) -> [(externalID: String, participant: String)] {
        (participants[system] ?? [:]).sorted { $0.value.line < $1.value.line }.map { ($0.key, $0.value.id) }
    }

    /// The participant's id in `system`.
    public func externalID(system: String, participant: String) -> String? { externalIDs[system]?[participant]?.id }

    static let columns = ["participant_id", "system", "external_id"]

    /// Reads people.csv, logging every problem: an empty field, an external id given twice in one
    /// system, a participant with two ids in one system.
    public static func read(path: String, log: DiagnosticLog) throws -> PeopleCrosswalk {
        var result = PeopleCrosswalk()
        guard let csv = CSVTable(path: path, required: columns, log: log) else { return result }
        let positions = columns.map { csv.column($0)! }
        try csv.forEachRow(log: log) {
            let fields = positions.map { csv.field($0) }
            for (index, field) in fields.enumerated() where field.isEmpty || String(validating: field, as: UTF8.self) == nil {
                log.error(file: path, line: csv.line, column: positions[index] + 1,
                          field.isEmpty ? "\(columns[index]) is required" : "\(columns[index]) is not valid UTF-8")
            }
            let (participant, system, external) = (fields[0].string, fields[1].string, fields[2].string)
            guard !fields.contains(where: \.isEmpty) else { return }
            if let first = result.participants[system]?[external] {
                log.error(file: path, line: csv.line, column: positions[2] + 1,
                          "\(system) id '\(external)' is given twice (first on line \(first.line), for \(first.id))")
                return
            }
            if let first = result.externalIDs[system]?[participant] {
                log.error(file: path, line: csv.line, column: positions[0] + 1,
                          "\(participant) has two \(system) ids ('\(first.id)' on line \(first.line) and '\(external)')")
                return
            }
            result.participants[system, default: [:]][external] = Link(id: participant, line: csv.line)
            result.externalIDs[system, default: [:]][participant] = Link(id: external, line: csv.line)
        }
        return result
    }
}
