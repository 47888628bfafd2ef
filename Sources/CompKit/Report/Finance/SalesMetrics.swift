/// The summary's sales metrics (§4), from the data at hand: quota attainment, wins, deal size,
/// sales cycle, the pipeline's stage calibration and the slipped commits of the run month.
public struct SalesMetrics: Sendable {
    /// One rep's attainment on one component (quota > 0), quota period to date.
    public struct Attainment: Sendable, Hashable {
        public var rep: String
        public var name: String
        public var planID: String
        public var component: String
        public var quotaPeriod: String
        public var attainment: ExactDecimal
    }

    /// How many reps with a quota on a component are at ≥ 100 % (nil component: on every component).
    public struct Standing: Sendable, Hashable {
        public var component: String?
        public var reps: Int
        public var atTarget: Int
        public var share: ExactDecimal? { reps == 0 ? nil : ExactDecimal.quotient(ExactDecimal(atTarget), ExactDecimal(reps), scale: 6) }
    }

    /// A band of the attainment distribution: `lower ≤ attainment < upper` (open above when nil).
    public struct Band: Sendable, Hashable {
        public var lower: ExactDecimal
        public var upper: ExactDecimal?
        public var count: Int
    }

    /// Deals closed in the run month in one deal currency.
    public struct Wins: Sendable, Hashable {
        public var currency: Currency
        public var count: Int
        public var total: ExactDecimal
        public var average: ExactDecimal { ExactDecimal.quotient(total, ExactDecimal(count), scale: currency.minorUnits) }
    }

    /// Per pipeline stage: the stated probability against what happened in the month.
    public struct Calibration: Sendable, Hashable {
        public var stage: String
        public var opportunities: Int
        /// Mean stated probability, 6 decimals.
        public var meanProbability: ExactDecimal
        /// Opportunities whose id closed as a deal in the month.
        public var closed: Int
        public var closedShare: ExactDecimal { ExactDecimal.quotient(ExactDecimal(closed), ExactDecimal(opportunities), scale: 6) }
    }

    /// Sorted as attainment.csv; the entry that speaks for each rep in the month only.
    public var attainment: [Attainment]
    /// Per component id (bytes), then every component together (component nil) last.
    public var standings: [Standing]
    public var distribution: [Band]
    public var wins: [Wins]
    public var cancelled: Int
    /// Mean days from created_date to close_date, one decimal; nil without created dates.
    public var averageCycleDays: ExactDecimal?
    public var cycleDeals: Int
    /// The pipeline snapshot the month is read from.
    public var snapshot: CalendarDate?
    /// Sorted by mean stated probability, then stage.
    public var calibration: [Calibration]
    /// Probability ≥ 0.9, expected to close in the month, not closed in it; by rep, then opportunity id.
    public var slipped: [Pipeline.Opportunity]

    /// The bands of the attainment chart: below 50 %, 50–75 %, 75–100 %, 100–125 %, 125–150 %, 150 % and up.
    static let bandEdges = ["0.5", "0.75", "1", "1.25", "1.5"].map { text -> ExactDecimal in
        guard case .success(let value) = ExactDecimal.parse(text, maxDecimals: 2) else { preconditionFailure(text) }
        return value
    }

    init(book: PlanBook, measures: [ComponentMeasure], inputs: ForecastInputs, activity: DealActivity, directory: RepDirectory) {
        let runMonth = book.runMonth
        let attainment = measures.compactMap { measure -> Attainment? in
            let entry = book.entry(measure.entry)
            guard let value = measure.attainment, directory.entry(of: entry.id, in: runMonth) == measure.entry else { return nil }
            let plan = book.plan(measure.entry)
            return Attainment(rep: entry.id, name: entry.name, planID: plan.id, component: plan.components[measure.component].id,
                              quotaPeriod: measure.quotaPeriodLabel, attainment: value)
        }
        self.attainment = attainment
        let one = ExactDecimal(1)
        var byComponent: [String: (reps: Int, atTarget: Int)] = [:]
        var allOnTarget: [String: Bool] = [:]
        for row in attainment {
            byComponent[row.component, default: (0, 0)].reps += 1
            if row.attainment >= one { byComponent[row.component, default: (0, 0)].atTarget += 1 }
            allOnTarget[row.rep] = (allOnTarget[row.rep] ?? true) && row.attainment >= one
        }
        standings = byComponent.keys.sorted(by: byteOrder).map { Standing(component: $0, reps: byComponent[$0]!.reps, atTarget: byComponent[$0]!.atTarget) }
            + [Standing(component: nil, reps: allOnTarget.count, atTarget: allOnTarget.values.filter { $0 }.count)]
        let edges = SalesMetrics.bandEdges
        distribution = (0...edges.count).map { index in
            let lower = index == 0 ? ExactDecimal.zero : edges[index - 1]
            let upper = index < edges.count ? edges[index] : nil
            let count = attainment.filter { row in
                (index == 0 || row.attainment >= lower) && (upper.map { row.attainment < $0 } ?? true)
            }.count
            return Band(lower: lower, upper: upper, count: count)
        }

        wins = activity.closedInMonth.sorted { $0.key < $1.key }.map { Wins(currency: $0.key, count: $0.value.count, total: $0.value.total) }
        cancelled = activity.cancelledInMonth
        cycleDeals = activity.cycleDeals
        averageCycleDays = activity.cycleDeals == 0 ? nil
            : ExactDecimal.quotient(ExactDecimal(activity.cycleDays), ExactDecimal(activity.cycleDeals), scale: 1)

        snapshot = inputs.pipeline.snapshot(for: runMonth)
        let expected = inputs.pipeline.expected(in: runMonth)
        var stages: [String: (count: Int, probability: ExactDecimal, closed: Int)] = [:]
        for opportunity in expected {
            stages[opportunity.stage, default: (0, .zero, 0)].count += 1
            stages[opportunity.stage, default: (0, .zero, 0)].probability += opportunity.probability
            if activity.closedIDs.contains(opportunity.id) { stages[opportunity.stage, default: (0, .zero, 0)].closed += 1 }
        }
        calibration = stages.map { stage, tally in
            Calibration(stage: stage, opportunities: tally.count,
                        meanProbability: ExactDecimal.quotient(tally.probability, ExactDecimal(tally.count), scale: 6), closed: tally.closed)
        }.sorted { $0.meanProbability != $1.meanProbability ? $0.meanProbability < $1.meanProbability : byteOrder($0.stage, $1.stage) }
        let commitLine = ExactDecimal(mantissa: 9, scale: 1)
        slipped = expected.filter { $0.probability >= commitLine && !activity.closedIDs.contains($0.id) }.sorted {
            $0.repID != $1.repID ? byteOrder($0.repID, $1.repID) : byteOrder($0.id, $1.id)
        }
    }
}
