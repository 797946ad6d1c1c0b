import ChatPipeline
import CoachStore
import Foundation

/// Whether the daemon can do its job: the database takes writes and every network has synced
/// recently without an error since. Pure over what `probe` read, so it is tested without I/O.
public enum Readiness {
    /// A network must have synced within this many seconds (the spec's 2 minutes).
    public static let maxSyncAge = 120.0

    public struct NetworkState: Sendable, Equatable {
        public var name: String
        public var lastSync: Double?
        public var lastError: String?

        public init(name: String, lastSync: Double?, lastError: String?) {
            self.name = name
            self.lastSync = lastSync
            self.lastError = lastError
        }
    }

    /// The reasons the daemon is not ready (empty: ready).
    public static func reasons(databaseError: String?, networks: [NetworkState], now: Double) -> [String] {
        var out: [String] = []
        if let databaseError { out.append("database not writable: \(databaseError)") }
        for n in networks {
            guard let last = n.lastSync else {
                out.append("\(n.name): not synced yet")
                continue
            }
            let age = now - last
            if age > maxSyncAge {
                out.append("\(n.name): last sync \(Int(age)) s ago (more than \(Int(maxSyncAge)) s)")
            } else if let error = n.lastError, !error.isEmpty {
                out.append("\(n.name): last step failed")
            }
        }
        return out
    }

    /// Reads the state and answers `reasons`. The write probe touches one `sync_state` row.
    public static func probe(store: CoachStore, networks: [String], now: Double) -> [String] {
        var databaseError: String?
        do {
            try store.write { db in try db.setSyncValue("ops.ready_probe", String(now)) }
        } catch {
            databaseError = "\(error)"
        }
        let states: [NetworkState] = networks.map { name in
            let values = try? store.read { db in
                (try db.syncValue(PipelineKey.lastReceive(name)).flatMap(Double.init), try db.syncValue(PipelineKey.lastError(name)))
            }
            return NetworkState(name: name, lastSync: values?.0, lastError: values?.1)
        }
        return reasons(databaseError: databaseError, networks: states, now: now)
    }
}
