import ArgumentParser
import CompKit
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `comp import`: a CRM's opportunity export into deals.csv, and its open opportunities into a
/// pipeline snapshot (§8.1).
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Turn a Salesforce or HubSpot export into deals.csv (and its open opportunities into pipeline.csv).",
        subcommands: [SalesforceImport.self, HubSpotImport.self])
}

/// Parses `--currency CODE`.
extension Currency: ExpressibleByArgument {
    public init?(argument: String) { self.init(code: argument) }
}
