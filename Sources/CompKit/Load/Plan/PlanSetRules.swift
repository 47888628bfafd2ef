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

    /// A manager chain must never lead back to where it started. A cycle is there on some date
    /// only if it is there on the latest start date of its members' entries, and a walk up the
    /// chain from that member on that date finds it; so one walk per entry, on its start date,
    /// checks every date.
    private static func checkCycles(_ entries: [(ParticipantEntry, XMLElement)], log: DiagnosticLog) {
        var byID: [String: [ParticipantEntry]] = [:]
        for (entry, _) in entries { byID[entry.id, default: []].append(entry) }
        func active(_ id: String, on date: CalendarDate) -> ParticipantEntry? {
            byID[id]?.first { $0.isActive(on: date) }
        }
        var reported = Set<String>()
        for (entry, element) in entries {
            let date = entry.start
            var seen: [String] = [entry.id]
            var current = entry
            while let manager = current.managerID, let next = active(manager, on: date) {
                if manager == entry.id {
                    let cycle = (seen + [entry.id]).joined(separator: " → ")
                    if reported.insert(Set(seen).sorted().joined(separator: ",")).inserted {
                        log.error(element.location(attribute: "manager"), "manager chain forms a cycle on \(date): \(cycle)")
                    }
                    break
                }
                if seen.contains(manager) { break }  // a cycle above: found from its own members
                seen.append(manager)
                current = next
            }
        }
    }
}
