/// Whom an export's rows credit, looked up straight from a field's bytes: the opportunities of the
/// splits export with their shares, and people.csv's ids of the CRM with the participant each
/// stands for. Made once and shared by the cores reading the export.
struct RepLookup {
    let splits: OpportunitySplits?
    let splitIDs: ByteKeyTable
    let splitShares: [[OpportunitySplits.Share]]
    /// A bit per slot, set for the split opportunities' fingerprints: most rows have no splits,
    /// and this small table answers for them without a look-up in the large one.
    private let splitFilter: [UInt64]
    /// Whether owners go through people.csv.
    let usesPeople: Bool
    let ownerIDs: ByteKeyTable
    let ownerParticipants: [String]
    /// Why each of those participant ids cannot stand in deals.csv's reps, or nil (checked once).
    let ownerProblems: [String?]

    init(splits: OpportunitySplits?, people: PeopleCrosswalk?, system: CRMSystem) {
        self.splits = splits
        let opportunities = Array(splits?.shares ?? [:])
        splitIDs = ByteKeyTable(opportunities.map(\.key))
        splitShares = opportunities.map(\.value)
        var bits = 64
        while bits < opportunities.count * 16 { bits *= 2 }
        var filter = [UInt64](repeating: 0, count: bits / 64)
        for (opportunity, _) in opportunities {
            let slot = Int(truncatingIfNeeded: opportunity.withUTF8Bytes(DealIDFingerprint.of)) & (bits - 1)
            filter[slot / 64] |= 1 << UInt64(slot % 64)
        }
        splitFilter = filter
        usesPeople = people != nil
        let owners = people?.participants(system: system.rawValue) ?? []
        ownerIDs = ByteKeyTable(owners.map(\.externalID))
        ownerParticipants = owners.map(\.participant)
        ownerProblems = owners.map { $0.participant.withUTF8Bytes(RepLookup.repIDProblem) }
    }

    /// The number of the opportunity whose id has these bytes and `fingerprint`
    /// (`DealIDFingerprint.of`) in the splits export, or -1.
    func splitOpportunity(_ id: UnsafeBufferPointer<UInt8>, fingerprint: UInt64) -> Int {
        let slot = Int(truncatingIfNeeded: fingerprint) & (splitFilter.count * 64 - 1)
        guard splitFilter[slot / 64] & (1 << UInt64(slot % 64)) != 0 else { return -1 }
        return Int(splitIDs.lookup(id))
    }

    /// Why bytes cannot be a rep id of deals.csv's reps column — a token without `:` or `;` — or nil.
    static func repIDProblem(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        DealRules.tokenProblem(bytes, name: "rep id")
            ?? (bytes.contains { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ";") } ? "rep id '\(bytes.string)' must not contain ':' or ';'" : nil)
    }
}
