import CompGenerate
import Foundation
import Testing
@testable import CompKit

/// Statements and payroll.csv are built separately from one run; what the statements say each
/// person is paid must be exactly what payroll pays them.
@Suite struct PayrollStatementPropertyTests {
    /// The project's example plans (four plans, two currencies, managers, draws, SPIFFs, a mid-year
    /// plan change) and exchange rates; the deals are drawn at random.
    static let project = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let people = (1...11).map { "R\(String(1000 + $0).dropFirst())" } + ["M01", "M02"]

    /// A deals.csv of random deals in 2026 (some just before it), some split, some cancelled.
    static func deals(_ random: inout SplitMix64) -> String {
        var lines = ["deal_id,close_date,amount,currency,type,product,reps,status,cancel_date"]
        for index in 0..<random.int(1...40) {
            let closed = CalendarDate(dayNumber: day("2025-12-01").dayNumber + random.int(0...395))
            let currency = random.pick(["USD", "USD", "EUR", "GBP"])
            let percents = random.percents(count: random.pick([1, 1, 2, 3]))
            let reps = zip(people.shuffled(using: &random), percents).map { "\($0):\($1)" }.joined(separator: ";")
            let cancelled = random.chance(0.15)
            lines.append([
                "D\(index)", "\(closed)", "\(random.money(upTo: 150_000, in: .usd))", currency,
                random.pick(["new", "upsell", "renewal"]), random.pick(["CORE", "ANALYTICS", "SUPPORT", "SECURITY", ""]), reps,
                cancelled ? "cancelled" : "won", cancelled ? "\(closed.adding(days: random.int(0...120)))" : "",
            ].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func everyonesStatementAddsUpToTheirPayrollRows() throws {
        try withTemporaryFolder { folder in
            try forAll(cases: 50, seed: 0x57A7_E001) { random in
                let deals = try write(Self.deals(&random), to: "deals.csv", in: folder)
                let period = YearMonth(year: 2026, month: random.int(1...12))
                let inputs = RunInputs(planPaths: [Self.project.appendingPathComponent("plans").path], dealPaths: [deals],
                                       fxPath: Self.project.appendingPathComponent("inputs/fx.csv").path)
                let result = try PayrollRun.compute(inputs: inputs, period: period)
                let builder = StatementBuilder(result: result)
                var payroll: [String: ExactDecimal] = [:]
                for row in result.payroll.rows { payroll["\(row.key.employeeID) \(row.key.currency)", default: .zero] += row.amount }
                var statements: [String: ExactDecimal] = [:]
                try builder.forEachStatement { statement in
                    for total in statement.totals { statements["\(statement.participantID) \(total.currency)", default: .zero] += total.amount }
                }
                let differences = Set(payroll.keys).union(statements.keys).sorted()
                    .filter { (payroll[$0] ?? .zero) != (statements[$0] ?? .zero) }
                    .map { "\($0): payroll \(payroll[$0] ?? .zero), statement \(statements[$0] ?? .zero)" }
                return differences.isEmpty ? nil : "\(period): \(differences.joined(separator: "; "))"
            }
        }
    }
}
