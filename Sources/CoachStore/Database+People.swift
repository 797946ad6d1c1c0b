import GRDB

/// People, identities, rooms and team settings.
extension Database {
    /// Creates the person or updates name and role of the existing `handle`; links `identity`
    /// when given (moving it from another person if it was linked elsewhere).
    @discardableResult
    public func upsertPerson(handle: String, displayName: String, role: Role, identity: Identity? = nil, at: Double) throws -> Person {
        let handle = handle.lowercased()
        try cachedStatement(sql: """
            INSERT INTO people (handle, display_name, role, created_at) VALUES (?, ?, ?, ?)
            ON CONFLICT(handle) DO UPDATE SET display_name = excluded.display_name, role = excluded.role
            """).execute(arguments: [handle, displayName, role.rawValue, at])
        guard let person = try findPerson(handle: handle) else {
            throw StoreError.notFound("person '\(handle)' vanished while being saved")
        }
        if let identity { try link(identity, to: person.id) }
        return person
    }

    /// Links a chat identity to a person.
    public func link(_ identity: Identity, to person: PersonID) throws {
        try cachedStatement(sql: """
            INSERT INTO identities (person_id, network, address) VALUES (?, ?, ?)
            ON CONFLICT(network, address) DO UPDATE SET person_id = excluded.person_id
            """).execute(arguments: [person, identity.network, identity.address])
    }

    /// Who is writing: the person behind a chat address, if known.
    public func findPerson(_ identity: Identity) throws -> Person? {
        let row = try Row.fetchOne(cachedStatement(sql: """
            SELECT p.id, p.handle, p.display_name, p.role, p.created_at FROM identities i
            JOIN people p ON p.id = i.person_id WHERE i.network = ? AND i.address = ?
            """), arguments: [identity.network, identity.address])
        return row.flatMap(Person.init(row:))
    }

    /// The person a coach command names (`override alice …`); handles are case-insensitive.
    public func findPerson(handle: String) throws -> Person? {
        let row = try Row.fetchOne(cachedStatement(sql: """
            SELECT id, handle, display_name, role, created_at FROM people WHERE handle = ?
            """), arguments: [handle.lowercased()])
        return row.flatMap(Person.init(row:))
    }

    /// The identities of a person, e.g. to address a direct message.
    public func identities(of person: PersonID) throws -> [Identity] {
        try Row.fetchAll(cachedStatement(sql: "SELECT network, address FROM identities WHERE person_id = ? ORDER BY network, address"),
                         arguments: [person]).map { Identity(network: $0[0], address: $0[1]) }
    }

    /// Everyone (or everyone with `role`), ordered by handle.
    public func roster(role: Role? = nil) throws -> [Person] {
        let rows = try Row.fetchAll(cachedStatement(sql: """
            SELECT id, handle, display_name, role, created_at FROM people
            WHERE ?1 IS NULL OR role = ?1 ORDER BY handle
            """), arguments: [role?.rawValue])
        return rows.compactMap(Person.init(row:))
    }

    /// Registers (or re-registers) a chat room and what it is for.
    @discardableResult
    public func upsertRoom(network: String, roomID: String, kind: RoomKind, person: PersonID?) throws -> Room {
        try cachedStatement(sql: """
            INSERT INTO rooms (network, room_id, kind, person_id) VALUES (?, ?, ?, ?)
            ON CONFLICT(network, room_id) DO UPDATE SET kind = excluded.kind, person_id = excluded.person_id
            """).execute(arguments: [network, roomID, kind.rawValue, person])
        guard let room = try room(network: network, roomID: roomID) else {
            throw StoreError.notFound("room \(roomID) vanished while being saved")
        }
        return room
    }

    /// A room by its network id.
    public func room(network: String, roomID: String) throws -> Room? {
        let row = try Row.fetchOne(cachedStatement(sql: """
            SELECT id, network, room_id, kind, person_id FROM rooms WHERE network = ? AND room_id = ?
            """), arguments: [network, roomID])
        guard let row, let kind = RoomKind(rawValue: row[3]) else { return nil }
        return Room(id: row[0], network: row[1], roomID: row[2], kind: kind, personID: row[4])
    }

    /// The room of a kind on a network, optionally of one person: the coaches' room for alerts,
    /// an athlete's direct room for a coach's override. One indexed lookup, not a scan of all rooms.
    public func room(kind: RoomKind, network: String, person: PersonID? = nil) throws -> Room? {
        let row = try Row.fetchOne(cachedStatement(sql: """
            SELECT id, network, room_id, kind, person_id FROM rooms
            WHERE network = ? AND kind = ? AND (?3 IS NULL OR person_id = ?3) ORDER BY id LIMIT 1
            """), arguments: [network, kind.rawValue, person])
        guard let row else { return nil }
        return Room(id: row[0], network: row[1], roomID: row[2], kind: kind, personID: row[4])
    }

    /// Rooms of a kind (e.g. the coaches' room for alerts).
    public func rooms(kind: RoomKind) throws -> [Room] {
        try Row.fetchAll(cachedStatement(sql: "SELECT id, network, room_id, kind, person_id FROM rooms WHERE kind = ? ORDER BY id"),
                         arguments: [kind.rawValue])
            .map { Room(id: $0[0], network: $0[1], roomID: $0[2], kind: kind, personID: $0[4]) }
    }

    /// Sets a team setting such as `checkin_deadline` (nil removes it).
    public func setTeamSetting(_ key: String, _ value: String?) throws {
        if let value {
            try execute(sql: "INSERT INTO team_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                        arguments: [key, value])
        } else {
            try cachedStatement(sql: "DELETE FROM team_settings WHERE key = ?").execute(arguments: [key])
        }
    }

    /// A team setting, nil when unset (callers apply the default).
    public func teamSetting(_ key: String) throws -> String? {
        try String.fetchOne(cachedStatement(sql: "SELECT value FROM team_settings WHERE key = ?"), arguments: [key])
    }
}

extension Person {
    /// Reads `id, handle, display_name, role, created_at`.
    init?(row: Row) {
        guard let role = Role(rawValue: row[3]) else { return nil }
        self.init(id: row[0], handle: row[1], displayName: row[2], role: role, createdAt: row[4])
    }
}
