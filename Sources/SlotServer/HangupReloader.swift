import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads every model when the process receives SIGHUP, until the service
/// group shuts down.
package struct HangupReloader: Service {
    /// The server whose models are reloaded.
    package let server: TaggerServer
    private let hangups: UnixSignalsSequence

    /// Creates the reloader and traps SIGHUP from now on (so that a SIGHUP
    /// that comes before the server runs no longer ends the process).
    package init(server: TaggerServer, hangups: UnixSignalsSequence) {
        self.server = server
        self.hangups = hangups
    }

    /// SIGHUP, trapped: create it before loading the models.
    package static func trapHangups() async -> UnixSignalsSequence {
        await UnixSignalsSequence(trapping: .sighup)
    }

    package func run() async throws {
        for await _ in hangups.cancelOnGracefulShutdown() {
            server.logger.notice("SIGHUP: reloading every model")
            server.reloadAll()
        }
    }
}
