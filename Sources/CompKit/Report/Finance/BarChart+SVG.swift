/// Draws a `BarChart` as inline SVG with explicit width and height (so it has a size before any
/// style loads), computed with exact decimals like everything else in comp.
extension BarChart {
    static let width = 720
    static let labelWidth = 190
    static let valueWidth = 120
    static let barHeight = 14
    static let barGap = 2
    static let groupGap = 10
    /// Fills that stay apart in grey when printed black and white.
    static let palette = ["#1f4e79", "#e07b00", "#8fb8de", "#5a5a5a"]

    func svg(id: String) -> String {
        let legend = series.count > 1 ? 24 : 0
        let top = 6 + legend
        let groupHeight = series.count * (BarChart.barHeight + BarChart.barGap) - BarChart.barGap + BarChart.groupGap
        let height = top + max(1, categories.count) * groupHeight + 8
        let plotLeft = BarChart.labelWidth
        let plotWidth = BarChart.width - BarChart.labelWidth - BarChart.valueWidth
        let values = categories.flatMap(\.values)
        let low = min(.zero, values.min() ?? .zero)
        var high = max(.zero, values.max() ?? .zero)
        if high == low { high = low + ExactDecimal(1) }
        func x(_ value: ExactDecimal) -> ExactDecimal {
            ExactDecimal(plotLeft) + ExactDecimal.quotient((value - low) * ExactDecimal(plotWidth), high - low, scale: 1)
        }
        let zero = x(.zero)

        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(id)\" width=\"\(BarChart.width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(BarChart.width) \(height)\" role=\"img\">\n"
        svg += "<title>\(SummaryHTML.escape(title))</title>\n"
        svg += "<rect x=\"0\" y=\"0\" width=\"\(BarChart.width)\" height=\"\(height)\" fill=\"#ffffff\"/>\n"
        if legend > 0 {
            var left = plotLeft
            for (index, name) in series.enumerated() {
                svg += "<rect x=\"\(left)\" y=\"6\" width=\"12\" height=\"12\" fill=\"\(color(index))\"/>"
                svg += "<text x=\"\(left + 16)\" y=\"16\" font-size=\"12\">\(SummaryHTML.escape(name))</text>\n"
                left += 28 + 7 * name.count
            }
        }
        for (row, category) in categories.enumerated() {
            let groupTop = top + row * groupHeight
            let middle = groupTop + (groupHeight - BarChart.groupGap) / 2
            svg += "<text x=\"\(plotLeft - 8)\" y=\"\(middle + 4)\" font-size=\"12\" text-anchor=\"end\">\(SummaryHTML.escape(shortened(category.label)))</text>\n"
            for (index, value) in category.values.enumerated() {
                let y = groupTop + index * (BarChart.barHeight + BarChart.barGap)
                let end = x(value)
                svg += "<rect x=\"\(min(end, zero))\" y=\"\(y)\" width=\"\((end - zero).magnitude)\" height=\"\(BarChart.barHeight)\" fill=\"\(color(index))\"/>"
                svg += "<text x=\"\(max(end, zero) + ExactDecimal(4))\" y=\"\(y + BarChart.barHeight - 3)\" font-size=\"11\" fill=\"#333333\">\(SummaryHTML.escape(format(value)))</text>\n"
            }
        }
        svg += "<line x1=\"\(zero)\" y1=\"\(top - 2)\" x2=\"\(zero)\" y2=\"\(height - 6)\" stroke=\"#1a1a1a\" stroke-width=\"1\"/>\n"
        return svg + "</svg>\n"
    }

    private func color(_ index: Int) -> String { BarChart.palette[index % BarChart.palette.count] }

    private func shortened(_ label: String) -> String {
        label.count <= 28 ? label : String(label.prefix(27)) + "…"
    }
}
