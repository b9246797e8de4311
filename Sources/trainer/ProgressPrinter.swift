import Foundation
import SlotCommandLine
import SlotTraining

/// Shows training progress on standard error: a redrawn progress bar on a
/// terminal, plain lines (at every tenth of an epoch) otherwise.
final class ProgressPrinter {
    private let interactive: Bool
    private var lastTenth = -1
    private var barShown = false

    init(interactive: Bool) {
        self.interactive = interactive
    }

    /// Handles one training event.
    func handle(_ event: TrainingEvent) {
        switch event {
        case .note(let line):
            clearBar()
            Diagnostics.note(line)
        case .warning(let line):
            clearBar()
            Diagnostics.warning(line)
        case .batch(let progress):
            if interactive {
                let width = 30
                let filled = Int(progress.fraction * Double(width))
                let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
                Diagnostics.write(String(
                    format: "\repoch %d %@ %3.0f%% loss %.3f %5.0f sent/s ETA %@   ",
                    progress.epoch, bar, progress.fraction * 100, progress.loss, progress.sentencesPerSecond,
                    Self.duration(progress.secondsLeft)))
                barShown = true
            } else {
                let tenth = Int(progress.fraction * 10)
                if tenth != lastTenth && tenth < 10 && progress.batchesDone > 1 {
                    lastTenth = tenth
                    Diagnostics.note(String(
                        format: "epoch %d: %3.0f%% loss %.3f, %.0f sentences/s, ETA %@",
                        progress.epoch, progress.fraction * 100, progress.loss, progress.sentencesPerSecond,
                        Self.duration(progress.secondsLeft)))
                }
            }
        case .epoch(let record):
            clearBar()
            lastTenth = -1
            var line = String(
                format: "epoch %d: loss %.4f, dev precision %.2f recall %.2f F1 %.2f",
                record.epoch, record.trainLoss, record.devPrecision, record.devRecall, record.devF1)
            if let intent = record.devIntentAccuracy { line += String(format: ", intent accuracy %.2f", intent) }
            line += String(format: " (%.1f s, lr %.5f)%@", record.seconds, record.learningRate, record.improved ? " *best*" : "")
            Diagnostics.note(line)
        }
    }

    /// Ends the progress display.
    func finish() {
        clearBar()
    }

    private func clearBar() {
        if barShown {
            Diagnostics.write("\r\u{1B}[2K")
            barShown = false
        }
    }

    private static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        let whole = Int(seconds.rounded())
        return whole >= 60 ? "\(whole / 60)m\(String(format: "%02d", whole % 60))s" : "\(whole)s"
    }
}
