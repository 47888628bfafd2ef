/// The plans of a run, indexed for the calculation: which plans take part in the run month, and
/// which participant entry is active for a person on a date.
public struct PlanBook: Sendable {
    /// A participant entry by position: `plans[plan].participants[entry]`.
    public struct EntryRef: Sendable, Hashable, Comparable {
        public let plan: Int
        public let entry: Int

        public static func < (lhs: EntryRef, rhs: EntryRef) -> Bool { (lhs.plan, lhs.entry) < (rhs.plan, rhs.entry) }
    }

    public let plans: [Plan]
    public let runMonth: YearMonth
    /// Per plan: whether its fiscal year holds the run month (§3.3).
    public let participates: [Bool]
    /// Everyone in any plan, their ids in byte order.
    public let people: [String]
    /// Per person (by position in `people`), their entries ordered by start date.
    let entriesOfPerson: [[EntryRef]]
    /// A person's position in `people`.
    private let personIndex: [String: Int]

    public init(plans: [Plan], runMonth: YearMonth) {
        self.plans = plans
        self.runMonth = runMonth
        participates = plans.map { $0.fiscalYear.contains(runMonth) }
        var byID: [String: [EntryRef]] = [:]
        for (planIndex, plan) in plans.enumerated() {
            for (entryIndex, entry) in plan.participants.enumerated() {
                byID[entry.id, default: []].append(EntryRef(plan: planIndex, entry: entryIndex))
            }
        }
        people = byID.keys.sorted(by: byteOrder)
        entriesOfPerson = people.map { id in
            byID[id]!.sorted { plans[$0.plan].participants[$0.entry].start < plans[$1.plan].participants[$1.entry].start }
        }
        personIndex = Dictionary(uniqueKeysWithValues: people.enumerated().map { ($1, $0) })
    }

    public func plan(_ ref: EntryRef) -> Plan { plans[ref.plan] }
    public func entry(_ ref: EntryRef) -> ParticipantEntry { plans[ref.plan].participants[ref.entry] }

    /// The entry of `id` active on `date`, if any (entries of one person never overlap).
    public func entry(of id: String, on date: CalendarDate) -> EntryRef? {
        guard let person = person(id) else { return nil }
        return entriesOfPerson[person].first { entry($0).isActive(on: date) }
    }

    /// Whether `id` has an entry active on `date` in a plan taking part in the run (§3.11: who is
    /// still there to be paid a holdback's release).
    public func isTakingPart(_ id: String, on date: CalendarDate) -> Bool {
        guard let person = person(id) else { return false }
        return entriesOfPerson[person].contains { participates[$0.plan] && entry($0).isActive(on: date) }
    }

    /// A person's position in `people`, nil for an id in no plan.
    func person(_ id: String) -> Int? { personIndex[id] }

    /// The ids of everyone in any plan.
    public var participantIDs: Set<String> { Set(people) }

    /// Every entry of a participating plan, in plan and entry order.
    public var participatingEntries: [EntryRef] {
        plans.indices.filter { participates[$0] }.flatMap { planIndex in
            plans[planIndex].participants.indices.map { EntryRef(plan: planIndex, entry: $0) }
        }
    }
}
