import CLibXML2
import Foundation
import Synchronization

/// Reads plan files (§2.1): libxml2 parses safely, the shipped XSD validates, then the rules a
/// schema cannot say are checked here. Every problem goes to the log with file, line and column.
public enum PlanReader {
    /// The plan schema, shipped in the repository as `plan.xsd` and embedded in the binary.
    static let schema = XMLSchema(bytes: PackageResources.plan_xsd)

    /// Reads every plan file, in the order given, and checks the rules that span files (unique plan
    /// ids, participants that overlap, managers that exist, manager cycles). Returns the plans that
    /// could be read.
    public static func read(files: [String], log: DiagnosticLog) -> [Plan] {
        read(files: files, log: log, alongside: {}).plans
    }

    /// The same, with `alongside()` (a run reads payments.csv) made at the same time: it starts
    /// first, on a core of its own, and the plan files go to whichever core is free, the largest
    /// first, so that neither a large payments file nor a large plan set leaves a core idle.
    static func read<Other: Sendable>(files: [String], log: DiagnosticLog,
                                      alongside: @Sendable () -> Other) -> (plans: [Plan], alongside: Other) {
        // libxml2 sets up its globals here rather than lazily in whichever thread parses first.
        xmlInitParser()
        let sizes = files.map(InputFile.size(of:))
        let largestFirst = files.indices.sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : $0 < $1 }
        let other = Mutex<Other?>(nil)
        let reads = Mutex<[Int: FileRead]>([:])
        // Work goes out in order of number: `alongside` first, then the files by size.
        DispatchQueue.concurrentPerform(iterations: files.count + 1) { turn in
            guard turn > 0 else { return other.withLock { $0 = alongside() } }
            let index = largestFirst[turn - 1]
            let fileLog = DiagnosticLog(limit: log.limit)
            let read = FileRead(parsed: readPlan(file: files[index], log: fileLog), log: fileLog)
            reads.withLock { $0[index] = read }
        }
        let read = reads.withLock { all in files.indices.map { all[$0]! } }
        // Each file's problems in file order, as if one core had read them one after another.
        for file in read { log.append(file.log) }
        let plans = read.compactMap { $0.parsed?.plan }
        PlanSetRules.check(plans: plans, elements: read.compactMap { $0.parsed?.elements }, allPlansRead: plans.count == files.count, log: log)
        return (plans, other.withLock { $0! })
    }

    /// One plan file as read on a core, with the problems found in it alone.
    ///
    /// `@unchecked Sendable`: its parsed document is made and read on the core that read the file,
    /// then handed over once, when that core is done with it (its elements point into libxml2's tree).
    private struct FileRead: @unchecked Sendable {
        var parsed: (plan: Plan, elements: PlanSetRules.Elements)?
        var log: DiagnosticLog
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
