/// The plan rules that span files: unique plan ids, one active entry per person and date, managers
/// that exist, and manager chains without cycles (SPEC 2.1 and 7).
enum PlanSetRules {
    /// The elements of one plan file that diagnostics point at.
    struct Elements {
        let plan: XMLElement
        let participants: [XMLElement]
    }

    /// `allPlansRead` is false when a plan file could not be read at all: its participants are then
    /// unknown, and managers are not blamed for pointing at them.
    static func check(plans: [Plan], elements: [Elements], allPlansRead: Bool, log: DiagnosticLog) {
        var planFiles: [String: String] = [:]
        for (plan, planElements) in zip(plans, elements) {
            if let first = planFiles[plan.id] {
                log.error(planElements.plan.location(attribute: "id"), "plan id '\(plan.id)' is also used by \(first)")
            } else {
                planFiles[plan.id] = plan.sourcePath
            }
        }

        struct Located {
            let entry: ParticipantEntry
            let element: XMLElement
        }
        var byID: [String: [Located]] = [:]
        for (plan, planElements) in zip(plans, elements) {
            for (entry, element) in zip(plan.participants, planElements.participants) {
                byID[entry.id, default: []].append(Located(entry: entry, element: element))
            }
        }
        for (id, entries) in byID {
            let sorted = entries.sorted { $0.entry.start < $1.entry.start }
            for (earlier, later) in zip(sorted, sorted.dropFirst())
            where earlier.entry.activeRange.overlapDays(with: later.entry.activeRange) > 0 {
                let where_ = earlier.element.location()
                log.error(later.element.location(attribute: "start"),
                          "participant '\(id)' is active in two entries at once (this one overlaps \(where_.file):\(where_.line))")
            }
        }
        for entries in byID.values where allPlansRead {
            for located in entries {
                if let manager = located.entry.managerID, byID[manager] == nil {
                    log.error(located.element.location(attribute: "manager"),
                              "manager '\(manager)' is not a participant of any plan")
                }
            }
        }
        checkCycles(byID.values.flatMap { $0.map { ($0.entry, $0.element) } }, log: log)
    }

    /// The most levels a manager chain is followed up (docs/RELIABILITY.md): far more than any
    /// organisation has, and it keeps the check below linear in the number of entries.
    static let maxChainDepth = 100

    /// A manager chain must never lead back to where it started. Chains change only where an entry
    /// starts or ends, and a cycle can only appear where an entry starts (its link, and the links
    /// pointing at it, come into force): so the dates are swept in order, keeping the links active
    /// on each, and chains are followed up only from the entries starting there, at most
    /// `maxChainDepth` levels. A chain that goes deeper is an error too.
    private static func checkCycles(_ entries: [(ParticipantEntry, XMLElement)], log: DiagnosticLog) {
        var starting: [CalendarDate: [Int]] = [:]
        var ending: [CalendarDate: [Int]] = [:]  // by the day after the last
        for (index, (entry, _)) in entries.enumerated() {
            starting[entry.start, default: []].append(index)
            if let end = entry.end { ending[end.adding(days: 1), default: []].append(index) }
        }
        var active: [String: Int] = [:]  // id → index of its active entry
        var reported = Set<String>()
        func manager(of id: String) -> String? { active[id].flatMap { entries[$0].0.managerID } }
        func element(of id: String) -> XMLElement { entries[active[id]!].1 }

        for date in Set(starting.keys).union(ending.keys).sorted() {
            for index in ending[date] ?? [] where active[entries[index].0.id] == index { active[entries[index].0.id] = nil }
            for index in starting[date] ?? [] { active[entries[index].0.id] = index }
            var done = Set<String>()
            for start in Set((starting[date] ?? []).map { entries[$0].0.id }).sorted() where !done.contains(start) {
                var path: [String] = []
                var position: [String: Int] = [:]
                var current = start
                var tooDeep = false
                while !done.contains(current), position[current] == nil, let next = manager(of: current) {
                    guard path.count < maxChainDepth else {
                        tooDeep = true
                        break
                    }
                    position[current] = path.count
                    path.append(current)
                    current = next
                }
                done.formUnion(path)
                if tooDeep {
                    if reported.insert("deep:" + start).inserted {
                        log.error(element(of: start).location(attribute: "manager"),
                                  "the manager chain of \(start) on \(date) is more than \(maxChainDepth) levels deep, more than comp follows")
                    }
                } else if let at = position[current] {
                    // Back at a participant of this walk: a cycle, reported from its first id as the others would be.
                    let members = Array(path[at...])
                    let first = members.firstIndex(of: members.min()!)!
                    let cycle = members[first...] + members[..<first]
                    if reported.insert(Set(members).sorted().joined(separator: ",")).inserted {
                        log.error(element(of: cycle.first!).location(attribute: "manager"),
                                  "manager chain forms a cycle on \(date): \((cycle + [cycle.first!]).joined(separator: " → "))")
                    }
                }
            }
        }
    }
}
