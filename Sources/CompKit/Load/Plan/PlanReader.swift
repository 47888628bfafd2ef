import CLibXML2
import Foundation

/// Reads plan files (§2.1): libxml2 parses safely, the shipped XSD validates, then the rules a
/// schema cannot say are checked here. Every problem goes to the log with file, line and column.
public enum PlanReader {
    /// The plan schema, shipped in the repository as `plan.xsd` and embedded in the binary.
    static let schema = XMLSchema(bytes: PackageResources.plan_xsd)

    /// Reads every plan file and checks the rules that span files (unique plan ids, participants
    /// that overlap, managers that exist, manager cycles). Returns the plans that could be read.
    /// Files are parsed on every core; their documents are freed before this returns.
    public static func read(files: [String], log: DiagnosticLog) -> [Plan] {
        var read = readInParallel(files: files)
        if read.contains(where: { !$0.log.isEmpty }) {
            // A file with problems: read again in order, so the log is exactly that of one reader.
            read = files.map { file in (plan: readPlan(file: file, log: log), log: log) }
        }
        let plans = read.compactMap { $0.plan?.0 }
        PlanSetRules.check(plans: plans, elements: read.compactMap { $0.plan?.1 }, allPlansRead: plans.count == files.count, log: log)
        // Freeing a large document takes a good part of the time parsing it did: on every core too.
        Parallel.forEach(&read) { _, file in file.plan = nil }
        return plans
    }

    /// Each file read on whichever core is free, largest first so that the cores finish together,
    /// each into a log of its own.
    private static func readInParallel(files: [String]) -> [(plan: (Plan, PlanSetRules.Elements)?, log: DiagnosticLog)] {
        xmlInitParser()
        let sizes = files.map(InputFile.size(of:))
        let order = files.indices.sorted { sizes[$0] > sizes[$1] }
        var byTurn = order.map { _ in (plan: (Plan, PlanSetRules.Elements)?.none, log: DiagnosticLog()) }
        Parallel.forEach(&byTurn) { turn, read in read.plan = readPlan(file: files[order[turn]], log: read.log) }
        var read = byTurn
        for (turn, file) in order.enumerated() { read[file] = byTurn[turn] }
        return read
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
