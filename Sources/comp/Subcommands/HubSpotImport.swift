import ArgumentParser
import CompKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `comp import hubspot`.
struct HubSpotImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hubspot", abstract: "Import a HubSpot deals export (internal property names or English labels).")

    @Argument(help: ArgumentHelp("The deals export.", valueName: "deals.csv"))
    var export: String

    @Option(name: .customLong("won-stage"), help: ArgumentHelp("A deal stage that counts as won besides closedwon (repeatable).", valueName: "value"))
    var wonStages: [String] = []

    @OptionGroup var common: ImportOptions

    func run() throws {
        do {
            var options = try common.options(system: .hubspot, export: export)
            options.wonStages = wonStages
            try common.run(options)
        } catch let error as CompError {
            throw report(error)
        }
    }
}
