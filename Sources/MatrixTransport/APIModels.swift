import CoachCore

/// Request and response bodies of the Client-Server API (v3) endpoints coachbot uses. Field names
/// follow the spec; only the fields the bot reads are modelled, everything else is ignored.

/// `POST /login` with `m.login.password`.
public struct LoginRequest: Sendable, Encodable {
    public struct Identifier: Sendable, Encodable {
        public var type = "m.id.user"
        public var user: String
    }
    public var type = "m.login.password"
    public var identifier: Identifier
    public var password: String
    /// Reusing a device id keeps the server-side device list short across re-logins.
    public var deviceID: String?
    public var initialDeviceDisplayName: String?

    public init(user: String, password: String, deviceID: String? = nil, displayName: String? = "coachbot") {
        self.identifier = Identifier(user: user)
        self.password = password
        self.deviceID = deviceID
        self.initialDeviceDisplayName = displayName
    }

    enum CodingKeys: String, CodingKey {
        case type, identifier, password
        case deviceID = "device_id"
        case initialDeviceDisplayName = "initial_device_display_name"
    }
}

public struct LoginResponse: Sendable, Decodable, Equatable {
    public var userID: String
    public var accessToken: String
    public var deviceID: String?

    enum CodingKeys: String, CodingKey {
        case userID = "user_id", accessToken = "access_token", deviceID = "device_id"
    }
}

/// `GET /account/whoami`.
public struct WhoAmIResponse: Sendable, Decodable, Equatable {
    public var userID: String
    public var deviceID: String?

    enum CodingKeys: String, CodingKey { case userID = "user_id", deviceID = "device_id" }
}

/// `POST /user/{userId}/filter` body: messages and memberships only, so a sync stays small.
public struct SyncFilter: Sendable, Encodable, Equatable {
    public struct EventFilter: Sendable, Encodable, Equatable {
        public var types: [String]
        public var limit: Int?
        public var lazyLoadMembers: Bool?

        enum CodingKeys: String, CodingKey { case types, limit, lazyLoadMembers = "lazy_load_members" }
    }
    public struct RoomFilter: Sendable, Encodable, Equatable {
        public var timeline: EventFilter
        public var state: EventFilter
        public var ephemeral: EventFilter
        public var accountData: EventFilter

        enum CodingKeys: String, CodingKey { case timeline, state, ephemeral, accountData = "account_data" }
    }
    public var room: RoomFilter
    public var presence: EventFilter
    public var accountData: EventFilter

    enum CodingKeys: String, CodingKey { case room, presence, accountData = "account_data" }

    /// The bot's filter: room messages and memberships in timelines, `m.direct` account data.
    public static func coachbot(timelineLimit: Int = 50) -> SyncFilter {
        SyncFilter(
            room: RoomFilter(
                timeline: EventFilter(types: ["m.room.message", "m.room.member"], limit: timelineLimit),
                state: EventFilter(types: ["m.room.member"], lazyLoadMembers: true),
                ephemeral: EventFilter(types: []),
                accountData: EventFilter(types: [])),
            presence: EventFilter(types: []),
            accountData: EventFilter(types: ["m.direct"]))
    }
}

public struct FilterResponse: Sendable, Decodable, Equatable {
    public var filterID: String
    enum CodingKeys: String, CodingKey { case filterID = "filter_id" }
}

/// A room event as `/sync` and `/messages` return it.
public struct ClientEvent: Sendable, Decodable, Equatable {
    public var eventID: String?
    public var type: String
    public var sender: String
    public var originServerTS: Double?
    public var stateKey: String?
    public var content: JSONValue
    /// Server-added data; `prev_content` tells a join from a profile change.
    public var unsigned: JSONValue?

    public init(
        eventID: String?, type: String, sender: String, originServerTS: Double?, stateKey: String? = nil, content: JSONValue,
        unsigned: JSONValue? = nil
    ) {
        self.eventID = eventID
        self.type = type
        self.sender = sender
        self.originServerTS = originServerTS
        self.stateKey = stateKey
        self.content = content
        self.unsigned = unsigned
    }

    enum CodingKeys: String, CodingKey {
        case eventID = "event_id", type, sender, originServerTS = "origin_server_ts", stateKey = "state_key", content, unsigned
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        eventID = try? c.decodeIfPresent(String.self, forKey: .eventID)
        type = try c.decode(String.self, forKey: .type)
        sender = (try? c.decodeIfPresent(String.self, forKey: .sender)) ?? ""
        originServerTS = try? c.decodeIfPresent(Double.self, forKey: .originServerTS)
        stateKey = try? c.decodeIfPresent(String.self, forKey: .stateKey)
        content = (try? c.decodeIfPresent(JSONValue.self, forKey: .content)) ?? .object([:])
        unsigned = try? c.decodeIfPresent(JSONValue.self, forKey: .unsigned)
    }
}

/// `GET /sync`.
public struct SyncResponse: Sendable, Decodable, Equatable {
    public struct Timeline: Sendable, Decodable, Equatable {
        public var events: [ClientEvent]
        public var limited: Bool
        public var prevBatch: String?

        enum CodingKeys: String, CodingKey { case events, limited, prevBatch = "prev_batch" }

        public init(events: [ClientEvent], limited: Bool = false, prevBatch: String? = nil) {
            self.events = events
            self.limited = limited
            self.prevBatch = prevBatch
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            events = try c.decodeIfPresent([ClientEvent].self, forKey: .events) ?? []
            limited = try c.decodeIfPresent(Bool.self, forKey: .limited) ?? false
            prevBatch = try c.decodeIfPresent(String.self, forKey: .prevBatch)
        }
    }
    public struct JoinedRoom: Sendable, Decodable, Equatable {
        public var timeline: Timeline?
        /// State changes before the timeline (memberships, lazily loaded).
        public var state: StateEvents?
    }
    public struct StateEvents: Sendable, Decodable, Equatable {
        public var events: [ClientEvent]?
    }
    /// A room the bot left or was removed from.
    public struct LeftRoom: Sendable, Decodable, Equatable {}
    public struct InvitedRoom: Sendable, Decodable, Equatable {
        public struct InviteState: Sendable, Decodable, Equatable {
            public var events: [ClientEvent]?
        }
        public var inviteState: InviteState?
        enum CodingKeys: String, CodingKey { case inviteState = "invite_state" }
    }
    public struct Rooms: Sendable, Decodable, Equatable {
        public var join: [String: JoinedRoom]?
        public var invite: [String: InvitedRoom]?
        public var leave: [String: LeftRoom]?
    }
    public struct AccountData: Sendable, Decodable, Equatable {
        public var events: [ClientEvent]?
    }

    public var nextBatch: String
    public var rooms: Rooms?
    public var accountData: AccountData?

    enum CodingKeys: String, CodingKey { case nextBatch = "next_batch", rooms, accountData = "account_data" }
}

/// `GET /rooms/{roomId}/messages`.
public struct MessagesResponse: Sendable, Decodable, Equatable {
    public var chunk: [ClientEvent]
    public var start: String?
    /// Absent when there are no more events in that direction.
    public var end: String?

    public init(chunk: [ClientEvent], start: String? = nil, end: String? = nil) {
        self.chunk = chunk
        self.start = start
        self.end = end
    }
}

/// `POST /join/{roomIdOrAlias}`, `POST /createRoom`.
public struct RoomIDResponse: Sendable, Decodable, Equatable {
    public var roomID: String
    enum CodingKeys: String, CodingKey { case roomID = "room_id" }
}

/// `POST /createRoom` for a direct room with one person.
public struct CreateRoomRequest: Sendable, Encodable, Equatable {
    public var preset = "trusted_private_chat"
    public var isDirect = true
    public var invite: [String]

    public init(invite: [String]) { self.invite = invite }

    enum CodingKeys: String, CodingKey { case preset, isDirect = "is_direct", invite }
}

/// `GET /directory/room/{roomAlias}`.
public struct DirectoryResponse: Sendable, Decodable, Equatable {
    public var roomID: String
    public var servers: [String]?
    enum CodingKeys: String, CodingKey { case roomID = "room_id", servers }
}

/// `PUT /rooms/{roomId}/send/m.room.message/{txnId}` body: a notice (so other bots ignore it),
/// with HTML, as a reply to the message it answers.
public struct RoomMessageContent: Sendable, Codable, Equatable {
    public struct InReplyTo: Sendable, Codable, Equatable {
        public var eventID: String
        enum CodingKeys: String, CodingKey { case eventID = "event_id" }
    }
    public struct RelatesTo: Sendable, Codable, Equatable {
        public var inReplyTo: InReplyTo
        enum CodingKeys: String, CodingKey { case inReplyTo = "m.in_reply_to" }
    }
    public var msgtype: String
    public var body: String
    public var format: String?
    public var formattedBody: String?
    public var relatesTo: RelatesTo?

    enum CodingKeys: String, CodingKey {
        case msgtype, body, format, formattedBody = "formatted_body", relatesTo = "m.relates_to"
    }

    public init(notice body: String, html: String? = nil, replyTo: String? = nil) {
        msgtype = "m.notice"
        self.body = body
        format = html == nil ? nil : "org.matrix.custom.html"
        formattedBody = html
        relatesTo = replyTo.map { RelatesTo(inReplyTo: InReplyTo(eventID: $0)) }
    }

    /// A person's plain text message (`m.text`), as a chat client sends it: tests and benchmarks
    /// write as athletes with it (the bot ignores other bots' `m.notice`).
    public init(text body: String) {
        self.init(notice: body)
        msgtype = "m.text"
    }

    public init(_ message: OutgoingMessage) {
        self.init(notice: message.text, html: message.html, replyTo: message.replyTo)
    }
}

/// `GET /rooms/{roomId}/members`.
public struct MembersResponse: Sendable, Decodable, Equatable {
    public var chunk: [ClientEvent]
}

public struct SendResponse: Sendable, Decodable, Equatable {
    public var eventID: String
    enum CodingKeys: String, CodingKey { case eventID = "event_id" }
}

/// The standard error body: `{"errcode": "M_…", "error": "…", "retry_after_ms": …}`.
public struct MatrixErrorBody: Sendable, Decodable, Equatable {
    public var errcode: String?
    public var error: String?
    public var retryAfterMS: Double?

    enum CodingKeys: String, CodingKey { case errcode, error, retryAfterMS = "retry_after_ms" }
}
