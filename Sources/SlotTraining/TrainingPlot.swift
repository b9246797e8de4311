import SlotModel
import SlotEvaluation

/// Draws training progress as a standalone SVG picture: training loss per
/// epoch in an upper panel, development F1 (and intent accuracy, when
/// present) per epoch in a lower panel sharing the epoch axis.
///
/// Each panel has a frame, grid lines with tick labels on both axes, an axis
/// title, one polyline per series with at least two finite values, and a
/// circle per finite value. The epoch with the best dev F1 (the one whose
/// model the trainer keeps when it selects by slot F1) gets a dotted line
/// through both panels and a ring.
/// A legend under the title names the series with their last or best values. Not-a-number and infinite values are skipped; one epoch or a
/// constant series gets a padded axis range, never a division by zero.
package enum TrainingPlot {
    /// The picture's width in SVG user units (pixels when opened directly).
    package static let width = 720.0
    /// The picture's height in SVG user units.
    package static let height = 560.0

    private static let lossColor = "#d1495b"
    private static let f1Color = "#2e6fba"
    private static let intentColor = "#3a9a5b"
    private static let plotLeft = 80.0
    private static let plotRight = width - 30
    private static let lossFrame = Frame(top: 100, bottom: 285)
    private static let scoreFrame = Frame(top: 325, bottom: 505)

    /// Renders the SVG document.
    ///
    /// - Parameters:
    ///   - points: The epochs, in any order (they are drawn sorted by epoch).
    ///   - title: The picture's title.
    /// - Returns: The SVG document as text, starting with `<svg` and ending with a newline.
    package static func svg(_ points: [EpochRecord], title: String = "Training progress") -> String {
        let sorted = points.sorted { $0.epoch < $1.epoch }
        let loss = Series(name: "training loss", color: lossColor, dashed: false,
                          values: sorted.map { ($0.epoch, $0.trainLoss) })
        let f1 = Series(name: "dev F1", color: f1Color, dashed: false, values: sorted.map { ($0.epoch, $0.devF1) })
        let intentValues = sorted.compactMap { point in point.devIntentAccuracy.map { (point.epoch, $0) } }
        let intent = intentValues.isEmpty
            ? nil : Series(name: "dev intent accuracy", color: intentColor, dashed: true, values: intentValues)
        let scores = [f1] + (intent.map { [$0] } ?? [])

        let epochs = sorted.map { Double($0.epoch) }
        let epochAxis = Axis(epochs: epochs)
        var lines = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(number(width))\" height=\"\(number(height))\" "
                + "viewBox=\"0 0 \(number(width)) \(number(height))\" font-family=\"Helvetica, Arial, sans-serif\" "
                + "font-size=\"12\">",
            "<title>\(escaped(title))</title>",
            "<rect x=\"0\" y=\"0\" width=\"\(number(width))\" height=\"\(number(height))\" fill=\"white\"/>",
            "<text x=\"\(number(width / 2))\" y=\"30\" text-anchor=\"middle\" font-size=\"17\" "
                + "font-weight=\"bold\">\(escaped(title))</text>",
        ]
        lines += legend(loss: loss, scores: scores)
        let lossAxis = Axis(covering: loss.finite.map(\.value), within: 0...Double.greatestFiniteMagnitude)
        lines += panel(lossFrame, epochAxis: epochAxis, valueAxis: lossAxis, valueTitle: "training loss",
                       series: [loss], showEpochLabels: false)
        let scoreAxis = Axis(covering: scores.flatMap { $0.finite.map(\.value) }, within: 0...100)
        lines += panel(scoreFrame, epochAxis: epochAxis, valueAxis: scoreAxis, valueTitle: "dev score (%)",
                       series: scores, showEpochLabels: true)
        if let best = f1.best {
            // The kept model's epoch: a dotted line through both panels and a ring on its F1.
            let x = epochAxis.position(Double(best.epoch), from: plotLeft, to: plotRight)
            let y = scoreAxis.position(best.value, from: scoreFrame.bottom, to: scoreFrame.top)
            lines.append("<line class=\"best\" x1=\"\(number(x))\" y1=\"\(number(lossFrame.top))\" x2=\"\(number(x))\" "
                + "y2=\"\(number(scoreFrame.bottom))\" stroke=\"\(f1Color)\" stroke-width=\"1\" stroke-dasharray=\"2 3\"/>")
            lines.append("<circle class=\"best\" cx=\"\(number(x))\" cy=\"\(number(y))\" r=\"7\" fill=\"none\" "
                + "stroke=\"\(f1Color)\" stroke-width=\"1.5\"/>")
        }
        if sorted.isEmpty {
            lines.append("<text x=\"\(number((plotLeft + plotRight) / 2))\" y=\"\(number(lossFrame.bottom + 20))\" "
                + "text-anchor=\"middle\" fill=\"#666666\">no epochs recorded</text>")
        }
        lines.append("<text x=\"\(number((plotLeft + plotRight) / 2))\" y=\"\(number(scoreFrame.bottom + 40))\" "
            + "text-anchor=\"middle\">epoch</text>")
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The legend under the title: one row with a swatch and a label per series.
    private static func legend(loss: Series, scores: [Series]) -> [String] {
        var entries: [(Series, String)] = [(loss, loss.last.map { "last \(shortNumber($0.value))" } ?? "no finite values")]
        for series in scores {
            entries.append((series, series.best.map {
                "best \(FixedPoint.format($0.value, fractionDigits: 2)) at epoch \($0.epoch)"
            } ?? "no finite values"))
        }
        var lines = ["<g class=\"legend\">"]
        for (index, (series, detail)) in entries.enumerated() {
            let y = 50 + 16 * Double(index)
            lines.append("<line x1=\"\(number(plotLeft))\" y1=\"\(number(y))\" x2=\"\(number(plotLeft + 24))\" "
                + "y2=\"\(number(y))\" stroke=\"\(series.color)\" stroke-width=\"2.5\""
                + "\(series.dashed ? " stroke-dasharray=\"6 3\"" : "")/>")
            lines.append("<text x=\"\(number(plotLeft + 30))\" y=\"\(number(y + 4))\">"
                + "\(escaped(series.name)) (\(escaped(detail)))</text>")
        }
        lines.append("</g>")
        return lines
    }

    /// One panel: frame, grid and ticks, value-axis title, then the series.
    private static func panel(
        _ frame: Frame, epochAxis: Axis, valueAxis: Axis, valueTitle: String, series: [Series], showEpochLabels: Bool
    ) -> [String] {
        var lines = ["<g class=\"panel\">"]
        lines.append("<rect x=\"\(number(plotLeft))\" y=\"\(number(frame.top))\" width=\"\(number(plotRight - plotLeft))\" "
            + "height=\"\(number(frame.bottom - frame.top))\" fill=\"#fafafa\" stroke=\"#333333\"/>")
        for tick in valueAxis.ticks {
            let y = valueAxis.position(tick, from: frame.bottom, to: frame.top)
            lines.append("<line x1=\"\(number(plotLeft))\" y1=\"\(number(y))\" x2=\"\(number(plotRight))\" y2=\"\(number(y))\" "
                + "stroke=\"#dddddd\"/>")
            lines.append("<text x=\"\(number(plotLeft - 6))\" y=\"\(number(y + 4))\" text-anchor=\"end\">"
                + "\(FixedPoint.format(tick, fractionDigits: valueAxis.fractionDigits))</text>")
        }
        for tick in epochAxis.ticks {
            let x = epochAxis.position(tick, from: plotLeft, to: plotRight)
            lines.append("<line x1=\"\(number(x))\" y1=\"\(number(frame.top))\" x2=\"\(number(x))\" y2=\"\(number(frame.bottom))\" "
                + "stroke=\"#eeeeee\"/>")
            if showEpochLabels {
                lines.append("<text x=\"\(number(x))\" y=\"\(number(frame.bottom + 16))\" text-anchor=\"middle\">"
                    + "\(FixedPoint.format(tick, fractionDigits: 0))</text>")
            }
        }
        let middle = (frame.top + frame.bottom) / 2
        lines.append("<text x=\"22\" y=\"\(number(middle))\" text-anchor=\"middle\" "
            + "transform=\"rotate(-90 22 \(number(middle)))\">\(escaped(valueTitle))</text>")
        for item in series {
            let points = item.finite.map { point in
                (x: epochAxis.position(Double(point.epoch), from: plotLeft, to: plotRight),
                 y: valueAxis.position(point.value, from: frame.bottom, to: frame.top))
            }
            if points.count >= 2 {
                lines.append("<polyline fill=\"none\" stroke=\"\(item.color)\" stroke-width=\"2\""
                    + "\(item.dashed ? " stroke-dasharray=\"6 3\"" : "") points=\""
                    + points.map { "\(number($0.x)),\(number($0.y))" }.joined(separator: " ") + "\"/>")
            }
            let radius = points.count > 40 ? "1.5" : "3"
            for point in points {
                lines.append("<circle cx=\"\(number(point.x))\" cy=\"\(number(point.y))\" r=\"\(radius)\" fill=\"\(item.color)\"/>")
            }
        }
        lines.append("</g>")
        return lines
    }

    /// A coordinate with one decimal.
    private static func number(_ value: Double) -> String {
        FixedPoint.format(value, fractionDigits: 1)
    }

    /// A value with four significant digits or so: `1234`, `12.35`, `0.0123`.
    private static func shortNumber(_ value: Double) -> String {
        var digits = 2
        var magnitude = value.magnitude
        while digits < 8 && magnitude > 0 && magnitude < 10 {
            magnitude *= 10
            digits += 1
        }
        return FixedPoint.format(value, fractionDigits: value.magnitude >= 100 ? 0 : min(digits, 8))
    }

    /// Text with the XML special characters escaped.
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

/// The vertical extent of a panel.
private struct Frame {
    var top: Double
    var bottom: Double
}

/// One plotted series: its finite values by epoch.
private struct Series {
    var name: String
    var color: String
    var dashed: Bool
    /// The values that can be drawn: finite ones, in epoch order.
    var finite: [(epoch: Int, value: Double)]

    init(name: String, color: String, dashed: Bool, values: [(Int, Double)]) {
        self.name = name
        self.color = color
        self.dashed = dashed
        finite = values.filter { $0.1.isFinite }.map { (epoch: $0.0, value: $0.1) }
    }

    /// The last finite value.
    var last: (epoch: Int, value: Double)? { finite.last }

    /// The highest value, the earliest epoch on ties.
    var best: (epoch: Int, value: Double)? {
        finite.reduce(nil) { best, point in
            guard let best, best.value >= point.value else { return point }
            return best
        }
    }
}

/// A numeric axis: a range rounded out to "nice" tick steps (1, 2 or 5 × 10^k).
private struct Axis {
    var lower: Double
    var upper: Double
    var step: Double
    /// Digits after the decimal point that the tick labels need.
    var fractionDigits: Int

    /// A value axis covering `values` with about five ticks and a margin of
    /// 5% of their span on each side, the margin kept within `bounds` when the
    /// values are (no negative loss, no score above 100). A constant series or
    /// none gets a padded range, so no span is zero.
    ///
    /// - Parameters:
    ///   - values: Finite values to cover.
    ///   - bounds: The natural range of the values, used only to clip the margins.
    init(covering values: [Double], within bounds: ClosedRange<Double>) {
        var low = values.min() ?? 0
        var high = values.max() ?? 1
        let margin = high > low ? (high - low) * 0.05 : max(low.magnitude * 0.05, 0.5)
        let inBounds = bounds.contains(low) && bounds.contains(high)
        low -= margin
        high += margin
        if inBounds {
            low = max(low, bounds.lowerBound)
            high = min(high, bounds.upperBound)
        }
        self.init(low: low, high: high, step: Axis.niceStep(for: (high - low) / 5))
    }

    /// An epoch axis from the first to the last epoch with whole-number ticks;
    /// a single epoch `e` (or none, taken as 0) spans `e - 1` to `e + 1`.
    ///
    /// - Parameter epochs: The epoch numbers.
    init(epochs: [Double]) {
        var low = epochs.min() ?? 0
        var high = epochs.max() ?? 0
        if high <= low {
            low -= 1
            high += 1
        }
        self.init(low: low, high: high, step: max(Axis.niceStep(for: (high - low) / 5), 1))
    }

    /// An axis from `low` rounded down to `high` rounded up to multiples of `step`.
    private init(low: Double, high: Double, step: Double) {
        lower = (low / step).rounded(.down) * step
        upper = (high / step).rounded(.up) * step
        self.step = step
        var digits = 0
        var scaled = step
        while digits < 10 && (scaled - scaled.rounded()).magnitude > 1e-9 * scaled {
            scaled *= 10
            digits += 1
        }
        fractionDigits = digits
    }

    /// The tick values from ``lower`` to ``upper``.
    var ticks: [Double] {
        let count = Int(((upper - lower) / step).rounded())
        return (0...count).map { lower + Double($0) * step }
    }

    /// Maps `value` linearly from this axis onto the interval `start`…`end` of the picture.
    func position(_ value: Double, from start: Double, to end: Double) -> Double {
        start + (value - lower) / (upper - lower) * (end - start)
    }

    /// The smallest step of the form 1, 2 or 5 × 10^k that is at least `rough`.
    static func niceStep(for rough: Double) -> Double {
        guard rough.isFinite, rough > 0 else { return 1 }
        var magnitude = 1.0
        while magnitude * 10 <= rough { magnitude *= 10 }
        while magnitude > rough { magnitude /= 10 }
        for factor in [1.0, 2, 5, 10] where factor * magnitude >= rough {
            return factor * magnitude
        }
        return 10 * magnitude
    }
}
