import CLibXML2
import Foundation

/// Reads plan files (§2.1): libxml2 parses safely, the shipped XSD validates, then the rules a
/// schema cannot say are checked here. Every problem goes to the log with file, line and column.
public enum PlanReader {
    /// The plan schema, shipped in the repository as `plan.xsd` and embedded in the binary.
    static let schema = XMLSchema(bytes: PackageResources.plan_xsd)

    /// Reads every plan file, in the order given, and checks the rules that span files (unique plan
    /// ids, participants that overlap, managers that exist, manager cycles). Returns the plans that
    /// could be read. On one core: a run reads payments.csv on another meanwhile, and with the
    /// plans spread over every core a ten-million-deal run's load took longer (docs/PERFORMANCE.md).
    public static func read(files: [String], log: DiagnosticLog) -> [Plan] {
        // libxml2 sets up its globals here rather than lazily in whichever thread parses first.
        xmlInitParser()
        let read = files.map { readPlan(file: $0, log: log) }
        let plans = read.compactMap { $0?.0 }
        PlanSetRules.check(plans: plans, elements: read.compactMap { $0?.1 }, allPlansRead: plans.count == files.count, log: log)
        return plans
    }

    private static func readPlan(file: String, log: DiagnosticLog) -> (Plan, PlanSetRules.Elements)? {
        let bytes: [UInt8]
        do {
            bytes = try InputFile.readAll(path: file, limit: XMLSafety.maxDocumentBytes)
        } catch let error as InputFile.Failure {
            log.error(file: file, line: 1, column: 1, error.message)
            return nil
        } catch {
            log.error(file: file, line: 1, column: 1, "cannot read the file: \(error)")
            return nil
        }
        guard let document = XMLDocument(bytes: bytes, path: file, log: log),
              let root = document.root else { return nil }
        guard root.name == "plan" else {
            log.error(root.location(), "the root element must be <plan>, not <\(root.name)>")
            return nil
        }
        guard document.validate(against: schema, log: log) else { return nil }
        var builder = PlanBuilder(root: root, log: log)
        return builder.build().map { ($0, PlanSetRules.Elements(plan: root, participants: builder.participantElements)) }
    }
}
