import Eligibility
import Synchronization

/// The rules the workspace evaluates cases with, swapped whole when they are reloaded.
///
/// A lock rather than an actor: a save evaluates the case inside its database transaction
/// (a synchronous closure), so that a save and a change of the rules cannot cross.
final class RulesInForce: Sendable {
    private let engine: Mutex<Engine>

    init(_ engine: Engine) {
        self.engine = Mutex(engine)
    }

    var value: Engine {
        engine.withLock { $0 }
    }

    func replace(with new: Engine) {
        engine.withLock { $0 = new }
    }
}
