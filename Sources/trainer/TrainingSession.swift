import Foundation
import SlotCommandLine
import SlotMath
import SlotTagger
import Synchronization

/// Set by the SIGINT and SIGTERM handlers; polled between batches.
let interruptRequested = Atomic<Int32>(0)

/// One run of the trainer: turns the command line into a ``TrainingJob``,
/// lets Ctrl-C and SIGTERM stop it with a checkpoint, and prints its notes
/// and progress on standard error.
struct TrainingSession {
    let inputs: TrainerInputs
    let hyperparameters: [String]

    /// Runs the session and returns the process exit status.
    func run() -> Int32 {
        var status: Int32 = 0
        let reported = Diagnostics.run { status = try train() }
        return reported == .success ? status : reported.rawValue
    }

    private func train() throws -> Int32 {
        GEMM.useCallingThreadOnly()
        var job = TrainingJob(train: inputs.train, dev: inputs.dev, output: inputs.output)
        job.format = inputs.format.corpusFormat
        job.configFile = inputs.config
        job.options = hyperparameters
        job.checkpoint = inputs.checkpoint
        job.resume = inputs.resume
        job.synonyms = try inputs.synonymTable()
        job.allowUnseenDevLabels = inputs.allowUnseenDevLabels
        job.command = (["trainer"] + CommandLine.arguments.dropFirst()).map(Self.quoted).joined(separator: " ")

        // SIGTERM (a service manager, `kill`) stops training like Ctrl-C: a checkpoint, then exit.
        signal(SIGINT) { _ in interruptRequested.store(SIGINT, ordering: .relaxed) }
        signal(SIGTERM) { _ in interruptRequested.store(SIGTERM, ordering: .relaxed) }
        // A blocked signal mask survives exec: unblock both so that they reach
        // the handlers even when the parent process had them blocked.
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        sigaddset(&stopSignals, SIGINT)
        sigaddset(&stopSignals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &stopSignals, nil)
        let progress = ProgressPrinter(interactive: !inputs.plainProgress && isatty(STDERR_FILENO) == 1)
        defer { progress.finish() }
        let outcome = try job.run(events: progress.handle, shouldStop: { interruptRequested.load(ordering: .relaxed) != 0 })
        guard outcome.stopReason == .interrupted else { return ExitStatus.success.rawValue }
        progress.finish()
        let signalNumber = interruptRequested.load(ordering: .relaxed)
        Diagnostics.note("\(signalNumber == SIGTERM ? "terminated" : "interrupted"): checkpoint saved to \(outcome.directory); "
            + "continue with the same options and --resume \(outcome.directory)")
        return ExitStatus.interrupted(by: signalNumber)
    }

    private static func quoted(_ argument: String) -> String {
        argument.contains(where: { " \"'$".contains($0) }) ? "'\(argument)'" : argument
    }
}
