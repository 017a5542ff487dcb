import Dispatch
import Foundation
import NNScript

/// Ctrl-C while a recipe runs: the first stops training cleanly (weights kept, the run still reports); a second
/// one, if training does not stop, ends the process.
enum Interrupts {
    static func during<T>(_ session: Session, _ body: () throws -> T) rethrows -> T {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        nonisolated(unsafe) var presses = 0
        source.setEventHandler {
            presses += 1
            if presses > 1 { exit(130) }
            session.requestInterrupt()
        }
        source.resume()
        defer {
            source.cancel()
            signal(SIGINT, SIG_DFL)
        }
        return try body()
    }
}
