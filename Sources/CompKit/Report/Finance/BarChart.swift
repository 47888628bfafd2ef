/// A horizontal bar chart: one group of bars per category, one bar per series.
struct BarChart {
    struct Category {
        var label: String
        var values: [ExactDecimal]
    }

    var title: String
    var series: [String]
    var categories: [Category]
    /// How a bar's value is printed beside it.
    var format: (ExactDecimal) -> String
}
