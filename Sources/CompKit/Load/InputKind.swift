/// What an input file of a run holds, as manifest.json names it.
public enum InputKind: String, Codable, Sendable {
    case plan, deals, fx, forecasts, pipeline, expected, payments
}
