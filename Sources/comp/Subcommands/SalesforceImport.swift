import ArgumentParser
import CompKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `comp import salesforce`.
struct SalesforceImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "salesforce", abstract: "Import a Salesforce Opportunity export (API field names), with its OpportunitySplit export.")

    @Argument(help: ArgumentHelp("The Opportunity export (Data Loader or Bulk API CSV).", valueName: "opportunities.csv"))
    var export: String

    @Option(help: ArgumentHelp("The OpportunitySplit export: the reps sharing each opportunity.", valueName: "file"))
    var splits: String?

    @Option(name: .customLong("split-type"), help: ArgumentHelp("The split type to use when the splits export holds several.", valueName: "id"))
    var splitType: String?

    @OptionGroup var common: ImportOptions

    func run() throws {
        do {
            var options = try common.options(system: .salesforce, export: export)
            options.splitsPath = splits
            options.splitType = splitType
            try common.run(options)
        } catch let error as CompError {
            throw report(error)
        }
    }
}
