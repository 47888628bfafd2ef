/// The optional finance inputs of a run (§2.3): committed forecasts, pipeline snapshots and
/// what reps expect to be paid. A file not given reads as empty.
public struct ForecastInputs: Sendable {
    public var commits = RepMonthAmounts()
    public var pipeline = Pipeline()
    public var expected = RepMonthAmounts()
    /// Whether expected.csv was given (variance.csv then has `expected` rows).
    public var hasExpected = false

    public init(commits: RepMonthAmounts = RepMonthAmounts(), pipeline: Pipeline = Pipeline(),
                expected: RepMonthAmounts = RepMonthAmounts(), hasExpected: Bool = false) {
        self.commits = commits
        self.pipeline = pipeline
        self.expected = expected
        self.hasExpected = hasExpected
    }

    /// Reads and checks the files the inputs name, logging every problem; `record` is told each
    /// file's path, kind and row count (for the manifest).
    static func read(_ inputs: RunInputs, participantIDs: Set<String>?, log: DiagnosticLog,
                     record: (_ path: String, _ kind: InputKind, _ rows: Int) -> Void) throws -> ForecastInputs {
        var result = ForecastInputs()
        if let path = inputs.forecastsPath {
            let read = try RepMonthAmounts.read(path: path, valueColumn: "commit", participantIDs: participantIDs, log: log)
            result.commits = read.amounts
            record(path, .forecasts, read.rows)
        }
        if let path = inputs.pipelinePath {
            let read = try Pipeline.read(path: path, participantIDs: participantIDs, log: log)
            result.pipeline = read.pipeline
            record(path, .pipeline, read.rows)
        }
        if let path = inputs.expectedPath {
            let read = try RepMonthAmounts.read(path: path, valueColumn: "expected", participantIDs: participantIDs, log: log)
            result.expected = read.amounts
            result.hasExpected = true
            record(path, .expected, read.rows)
        }
        return result
    }
}
