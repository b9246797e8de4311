#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Draws reliability diagrams as a standalone SVG picture: one panel per
/// set of confidences (for example intents and chunks), side by side.
///
/// In each panel the x axis is the confidence and the y axis the accuracy,
/// both from 0 to 1. Every non-empty bin is a bar as high as its accuracy,
/// centred on its bin, with a dot at its mean confidence on the diagonal's
/// height: a perfectly calibrated model's bars reach the diagonal, bars below
/// it are over-confident. A thin grey bar under the axis shows how many
/// predictions each bin holds (on a logarithmic scale, `log(1 + n)` against
/// the fullest bin, since most predictions sit in the top bin). The panel's
/// title gives the ECE.
public enum ReliabilityDiagram {
    /// One panel's width in SVG user units.
    static let panelWidth = 360.0
    /// The picture's height in SVG user units.
    public static let height = 430.0
    private static let margin = (left: 60.0, right: 20.0, top: 70.0, plot: 280.0)
    private static let barColor = "#2e6fba"
    private static let gapColor = "#d1495b"

    /// Renders the SVG document.
    ///
    /// - Parameters:
    ///   - panels: each panel's name and reliability, left to right (at least one).
    ///   - title: the picture's title.
    /// - Returns: the SVG document as text, starting with `<svg` and ending with a newline.
    public static func svg(_ panels: [(name: String, reliability: Reliability)], title: String) -> String {
        precondition(!panels.isEmpty, "a reliability diagram needs at least one panel")
        let width = panelWidth * Double(panels.count)
        var lines = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(number(width))\" height=\"\(number(height))\" "
                + "viewBox=\"0 0 \(number(width)) \(number(height))\" font-family=\"Helvetica, Arial, sans-serif\" "
                + "font-size=\"12\">",
            "<title>\(escaped(title))</title>",
            "<rect x=\"0\" y=\"0\" width=\"\(number(width))\" height=\"\(number(height))\" fill=\"white\"/>",
            "<text x=\"\(number(width / 2))\" y=\"26\" text-anchor=\"middle\" font-size=\"16\" "
                + "font-weight=\"bold\">\(escaped(title))</text>",
        ]
        for (index, panel) in panels.enumerated() {
            lines += self.panel(panel.name, panel.reliability, left: Double(index) * panelWidth)
        }
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The drawing of one panel whose left edge is at `left`.
    private static func panel(_ name: String, _ reliability: Reliability, left: Double) -> [String] {
        let x0 = left + margin.left, side = margin.plot
        let y0 = margin.top + side
        func x(_ value: Double) -> Double { x0 + value * side }
        func y(_ value: Double) -> Double { y0 - value * side }
        let ece = FixedPoint.format(reliability.expectedCalibrationError, fractionDigits: 2)
        var lines = [
            "<text x=\"\(number(x(0.5)))\" y=\"52\" text-anchor=\"middle\" font-size=\"13\">"
                + "\(escaped(name)): ECE \(ece)% over \(reliability.count)</text>",
        ]
        for tick in stride(from: 0.0, through: 1.0, by: 0.2) {
            let label = FixedPoint.format(tick, fractionDigits: 1)
            lines.append("<line x1=\"\(number(x0))\" y1=\"\(number(y(tick)))\" x2=\"\(number(x(1)))\" "
                + "y2=\"\(number(y(tick)))\" stroke=\"#e3e3e3\"/>")
            lines.append("<text x=\"\(number(x0 - 6))\" y=\"\(number(y(tick) + 4))\" text-anchor=\"end\">\(label)</text>")
            lines.append("<text x=\"\(number(x(tick)))\" y=\"\(number(y0 + 30))\" text-anchor=\"middle\">\(label)</text>")
        }
        let largest = Double(reliability.bins.map(\.count).max() ?? 0)
        for bin in reliability.bins where bin.count > 0 {
            let barLeft = x(bin.lower) + 1, barWidth = (bin.upper - bin.lower) * side - 2
            lines.append("<rect x=\"\(number(barLeft))\" y=\"\(number(y(bin.accuracy)))\" width=\"\(number(barWidth))\" "
                + "height=\"\(number(bin.accuracy * side))\" fill=\"\(barColor)\" fill-opacity=\"0.75\">"
                + "<title>\(FixedPoint.format(bin.lower, fractionDigits: 1))–\(FixedPoint.format(bin.upper, fractionDigits: 1)): "
                + "\(bin.count) predictions, confidence \(FixedPoint.format(bin.confidence, fractionDigits: 3)), "
                + "accuracy \(FixedPoint.format(bin.accuracy, fractionDigits: 3))</title></rect>")
            let centre = x((bin.lower + bin.upper) / 2)
            lines.append("<line x1=\"\(number(centre))\" y1=\"\(number(y(bin.accuracy)))\" x2=\"\(number(centre))\" "
                + "y2=\"\(number(y(bin.confidence)))\" stroke=\"\(gapColor)\" stroke-width=\"2\"/>")
            lines.append("<circle cx=\"\(number(centre))\" cy=\"\(number(y(bin.confidence)))\" r=\"3\" fill=\"\(gapColor)\"/>")
            let share = largest > 0 ? log1p(Double(bin.count)) / log1p(largest) : 0
            lines.append("<rect x=\"\(number(barLeft))\" y=\"\(number(y0 + 4))\" width=\"\(number(barWidth))\" "
                + "height=\"\(number(max(1, 12 * share)))\" fill=\"#999999\"><title>\(bin.count) predictions</title></rect>")
        }
        lines += [
            "<line x1=\"\(number(x0))\" y1=\"\(number(y0))\" x2=\"\(number(x(1)))\" y2=\"\(number(y(1)))\" "
                + "stroke=\"#555555\" stroke-dasharray=\"4 3\"/>",
            "<rect x=\"\(number(x0))\" y=\"\(number(y(1)))\" width=\"\(number(side))\" height=\"\(number(side))\" "
                + "fill=\"none\" stroke=\"#333333\"/>",
            "<text x=\"\(number(x(0.5)))\" y=\"\(number(y0 + 50))\" text-anchor=\"middle\">confidence "
                + "(grey: predictions per bin, log scale)</text>",
            "<text x=\"\(number(x0 - 40))\" y=\"\(number(y(0.5)))\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 \(number(x0 - 40)) \(number(y(0.5))))\">accuracy</text>",
            "<text x=\"\(number(x0 + 8))\" y=\"\(number(y(1) + 16))\" fill=\"\(barColor)\">bars: accuracy</text>",
            "<text x=\"\(number(x0 + 8))\" y=\"\(number(y(1) + 32))\" fill=\"\(gapColor)\">dots: mean confidence</text>",
        ]
        return lines
    }

    /// A coordinate with at most two decimals.
    private static func number(_ value: Double) -> String {
        var text = FixedPoint.format(value, fractionDigits: 2)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// Text escaped for SVG.
    private static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
