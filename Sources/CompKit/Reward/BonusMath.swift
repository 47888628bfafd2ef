/// Bonuses earned in a quota period (§3.6).
public enum BonusMath {
    /// The sum of the component's bonuses whose threshold `C / Q ≥ atLeast` is met (none when Q ≤ 0).
    /// Compared as `C ≥ atLeast × Q`, which is exact.
    public static func earned(bonuses: [Bonus], credited: ExactDecimal, quota: ExactDecimal) -> ExactDecimal {
        guard quota > .zero else { return .zero }
        var total = ExactDecimal.zero
        for bonus in bonuses where credited >= bonus.atLeast * quota { total += bonus.amount }
        return total
    }
}
