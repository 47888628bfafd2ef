/// The plan rules that span files: unique plan ids, one active entry per person and date, managers
/// that exist, and manager chains without cycles (§2.1 and §7).
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

        // What the rules read of each entry, taken once (an entry's quotas and names are not needed).
        var links: [Link] = []
        var linkElements: [XMLElement] = []
        var byID: [String: [Int]] = [:]
        for (plan, planElements) in zip(plans, elements) {
            for (entry, element) in zip(plan.participants, planElements.participants) {
                byID[entry.id, default: []].append(links.count)
                links.append(Link(id: entry.id, manager: entry.managerID, end: entry.end, range: entry.activeRange))
                linkElements.append(element)
            }
        }
        for (id, indices) in byID where indices.count > 1 {
            let sorted = indices.sorted { links[$0].range.first < links[$1].range.first }
            for (earlier, later) in zip(sorted, sorted.dropFirst()) where links[earlier].range.overlapDays(with: links[later].range) > 0 {
                let where_ = linkElements[earlier].location()
                log.error(linkElements[later].location(attribute: "start"),
                          "participant '\(id)' is active in two entries at once (this one overlaps \(where_.fileAndLine))")
            }
        }
        for indices in byID.values where allPlansRead {
            for index in indices {
                if let manager = links[index].manager, byID[manager] == nil {
                    log.error(linkElements[index].location(attribute: "manager"),
                              "manager '\(manager)' is not a participant of any plan")
                }
            }
        }
        let order = byID.values.flatMap { $0 }
        checkCycles(order.map { links[$0] }, elements: order.map { linkElements[$0] }, log: log)
    }

    /// An entry as the rules spanning files see it: who, reporting to whom, when.
    private struct Link {
        var id: String
        var manager: String?
        /// The last day, nil when open-ended.
        var end: CalendarDate?
        var range: DateRange
    }

    /// The most levels a manager chain is followed up (docs/RELIABILITY.md): far more than any
    /// organisation has, and it keeps the check below linear in the number of entries.
    static let maxChainDepth = 100

    /// A manager chain must never lead back to where it started. Chains change only where an entry
    /// starts or ends, and a cycle can only appear where an entry starts (its link, and the links
    /// pointing at it, come into force): so the dates are swept in order, keeping the links active
    /// on each, and chains are followed up only from the entries starting there, at most
    /// `maxChainDepth` levels. A chain that goes deeper is an error too.
    private static func checkCycles(_ links: [Link], elements: [XMLElement], log: DiagnosticLog) {
        // People by number: each entry's person and its manager's (who may be in no plan).
        var numbers: [String: Int] = [:]
        var ids: [String] = []
        func number(_ id: String) -> Int {
            if let known = numbers[id] { return known }
            numbers[id] = ids.count
            ids.append(id)
            return ids.count - 1
        }
        let person = links.map { number($0.id) }
        let managers = links.map { $0.manager.map(number) }
        var starting: [CalendarDate: [Int]] = [:]
        var ending: [CalendarDate: [Int]] = [:]  // by the day after the last
        for (index, link) in links.enumerated() {
            starting[link.range.first, default: []].append(index)
            if let end = link.end { ending[end.adding(days: 1), default: []].append(index) }
        }
        var active = Array(repeating: -1, count: ids.count)  // person → index of its active entry
        var doneOnDate = Array(repeating: -1, count: ids.count)  // person → the last date whose walks reached it
        var reported = Set<String>()
        func manager(of person: Int) -> Int? { active[person] < 0 ? nil : managers[active[person]] }
        func element(of person: Int) -> XMLElement { elements[active[person]] }

        for (dateNumber, date) in Set(starting.keys).union(ending.keys).sorted().enumerated() {
            for index in ending[date] ?? [] where active[person[index]] == index { active[person[index]] = -1 }
            for index in starting[date] ?? [] { active[person[index]] = index }
            let starts = Set((starting[date] ?? []).map { person[$0] }).sorted { ids[$0] < ids[$1] }
            for start in starts where doneOnDate[start] != dateNumber {
                var path: [Int] = []
                var current = start
                var tooDeep = false
                while doneOnDate[current] != dateNumber, !path.contains(current), let next = manager(of: current) {
                    guard path.count < maxChainDepth else {
                        tooDeep = true
                        break
                    }
                    path.append(current)
                    current = next
                }
                for member in path { doneOnDate[member] = dateNumber }
                if tooDeep {
                    if reported.insert("deep:" + ids[start]).inserted {
                        log.error(element(of: start).location(attribute: "manager"),
                                  "the manager chain of \(ids[start]) on \(date) is more than \(maxChainDepth) levels deep, more than comp follows")
                    }
                } else if let at = path.firstIndex(of: current) {
                    // Back at a participant of this walk: a cycle, reported from its first id as the others would be.
                    let members = path[at...].map { ids[$0] }
                    let first = members.firstIndex(of: members.min()!)!
                    let cycle = members[first...] + members[..<first]
                    if reported.insert(Set(members).sorted().joined(separator: ",")).inserted {
                        log.error(element(of: numbers[cycle.first!]!).location(attribute: "manager"),
                                  "manager chain forms a cycle on \(date): \((cycle + [cycle.first!]).joined(separator: " → "))")
                    }
                }
            }
        }
    }
}
