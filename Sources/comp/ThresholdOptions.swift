import ArgumentParser
import CompKit

/// `--threshold-pct P --threshold-amount A`: when variance.csv flags a change (§6 and §7).
struct ThresholdOptions: ParsableArguments {
    @Option(name: .customLong("threshold-pct"),
            help: ArgumentHelp("Flag a variance of at least this percent of its baseline (10 means 10 %).", valueName: "P"))
    var percent = ExactDecimal(10)

    @Option(name: .customLong("threshold-amount"),
            help: ArgumentHelp("Flag a variance of at least this amount, in the person's currency.", valueName: "A"))
    var amount = ExactDecimal(100)

    var thresholds: VarianceReport.Thresholds { VarianceReport.Thresholds(percent: percent, amount: amount) }
}

/// Parses a plain non-negative decimal such as `10` or `12.5`.
extension ExactDecimal: ExpressibleByArgument {
    public init?(argument: String) {
        guard case .success(let value) = ExactDecimal.parse(argument, maxDecimals: 6, maxIntegerDigits: 15) else { return nil }
        self = value
    }
}
