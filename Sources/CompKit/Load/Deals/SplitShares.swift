/// A deal's shares one after the other: (rep, percent if given).
protocol SplitShares {
    var count: Int { get }
    /// The same shares from the first again.
    var restarted: Self { get }
    mutating func next() -> (rep: RawField, percent: RawField?)?
}
