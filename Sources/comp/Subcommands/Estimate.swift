import ArgumentParser
import CompKit

/// `comp estimate`: what a participant would be paid this month if some more deals closed, beside
/// what they are actually paid. Writes nothing.
struct EstimateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "estimate",
        abstract: "What-if: a rep's pay this month with more deals added, beside the actual, with the tiers crossed.")

    @Option(help: ArgumentHelp("The participant.", valueName: "id"))
    var rep: String

    @Option(help: ArgumentHelp("The pay period.", valueName: "YYYY-MM"))
    var period: YearMonth

    @Option(help: ArgumentHelp("A deal to add: amount in the rep's plan currency, type (default new), product (repeatable).",
                               valueName: "AMOUNT[:TYPE[:PRODUCT]]"))
    var add: [String] = []

    @Option(help: ArgumentHelp("A payment to add on a deal of the deals files, in the deal's currency; negative for a refund (repeatable).",
                               valueName: "DEAL:AMOUNT"))
    var addPayment: [String] = []

    @OptionGroup var inputs: InputOptions

    @OptionGroup var ledger: LedgerOption

    func validate() throws {
        guard !add.isEmpty || !addPayment.isEmpty else {
            throw ValidationError("give at least one --add AMOUNT[:TYPE[:PRODUCT]] or --add-payment DEAL:AMOUNT")
        }
        for value in add {
            if case .failure(let problem) = WhatIfDeal.parse(value) { throw ValidationError("--add: \(problem)") }
        }
        for value in addPayment {
            if case .failure(let problem) = WhatIfPayment.parse(value) { throw ValidationError("--add-payment: \(problem)") }
        }
    }

    func run() throws {
        let additions = add.compactMap { try? WhatIfDeal.parse($0).get() }
        do {
            let paidLedger = try ledger.ledgerForRun()
            let runInputs = inputs.runInputs()
            let actual = try PayrollRun.compute(inputs: runInputs, period: period, ledger: paidLedger)
            guard let actualStatement = try StatementBuilder(result: actual).statement(for: rep),
                  let placement = WhatIfDeal.placement(of: rep, in: actual.book) else {
                throw ValidationError("\(rep) has no plan entry active in \(period) in a plan whose fiscal year holds it")
            }
            let deals = additions.enumerated().map {
                $1.deal(number: $0 + 1, repID: rep, date: placement.date, currency: placement.currency)
            }
            let payments = WhatIfPayment.payments(addPayment.compactMap { try? WhatIfPayment.parse($0).get() }, date: placement.date)
            let whatIf = try PayrollRun.compute(inputs: runInputs, period: period, ledger: paidLedger,
                                                options: RunOptions(whatIfDeals: deals, whatIfPayments: payments))
            guard let whatIfStatement = try StatementBuilder(result: whatIf).statement(for: rep) else {
                return
            }
            TerminalProgress.shared.finish()
            let estimate = Estimate(actual: actualStatement, whatIf: whatIfStatement, deals: deals)
            print(TextRenderer.render(EstimateLayout.document(estimate)), terminator: "")
        } catch let error as CompError {
            throw report(error)
        }
    }
}
