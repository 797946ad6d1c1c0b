import ChatPipeline
import CoachCore
import CoachStore
import Conversation

/// Keeps health data in private conversations (chat-networks.md, "Where an athlete's data may be
/// posted"). Reads only the membership the pipeline stored from the network's own reports, so a
/// check costs no request. A room whose membership was never reported (console, transcript) is
/// private by construction.
struct PrivacyRouter {
    let db: StoreDatabase
    let network: String

    /// Whether `person` may be answered with health data in `room`: everyone else who can read it
    /// is a coach on the roster.
    /// `kind`: the room's kind when the caller has already looked it up (nil: unknown room).
    func isPrivate(room: String, kind: RoomKind?, for person: Person) throws -> Bool {
        // The coaches' room is for coaches: whoever else is in it now, it is not an athlete's.
        if person.role != .coach, kind == .coaches { return false }
        guard let members = try db.roomMembers(network: network, roomID: room) else { return true }
        return try outsiders(in: members, besides: person.id) == 0
    }

    /// Members who are neither `person` nor a coach on the roster.
    func outsiders(in members: Set<String>, besides person: PersonID?) throws -> Int {
        var count = 0
        for address in members {
            let member = try db.findPerson(Identity(network: network, address: address))
            if let member, member.id == person || member.role == .coach { continue }
            count += 1
        }
        return count
    }

    /// The replies to `message` with privacy applied: what was meant for a room that is not
    /// private goes to the sender's private conversation instead (opened by the network when
    /// needed), and the room gets only the neutral line; alerts meant for a coaches' room that is
    /// not coaches-only go to each coach privately.
    /// `isPrivate`: `isPrivate(room:kind:for:)` of the message's room, computed once per message.
    func route(_ replies: [OutgoingMessage], answering message: IncomingMessage, from person: Person, isPrivate: Bool,
               language: Language) throws -> [OutgoingMessage] {
        guard !isPrivate else {
            // What answers the sender stays with the sender; alerts follow the coaches' room rule.
            return try replies.flatMap { $0.room == message.room && $0.network == nil ? [$0] : try toCoaches($0) }
        }
        let destination = try privateDestination(of: person)
        var out = [OutgoingMessage(room: message.room, text: Replies(language: language).answeredPrivately, replyTo: message.messageID)]
        for reply in replies {
            if reply.room == message.room, reply.network == nil {
                out.append(OutgoingMessage(room: destination, text: reply.text, html: reply.html))
            } else {
                out += try toCoaches(reply)
            }
        }
        return out
    }

    /// A message for the coaches' room, or for each coach privately while that room has an outsider.
    func toCoaches(_ message: OutgoingMessage) throws -> [OutgoingMessage] {
        let net = message.network ?? network
        guard let room = try db.room(network: net, roomID: message.room), room.kind == .coaches,
              let members = try db.roomMembers(network: net, roomID: message.room) else { return [message] }
        let router = PrivacyRouter(db: db, network: net)
        guard try router.outsiders(in: members, besides: nil) > 0 else { return [message] }
        return try db.roster(role: .coach).compactMap { coach in
            guard let destination = try? router.privateDestination(of: coach), destination != message.room else { return nil }
            return OutgoingMessage(room: destination, text: message.text, html: message.html, network: message.network)
        }
    }

    /// The person's direct room on this network, or their address there (the network opens a
    /// private conversation for an address).
    func privateDestination(of person: Person) throws -> String {
        let kind: RoomKind = person.role == .athlete ? .athleteDirect : .coachDirect
        if let room = try db.room(kind: kind, network: network, person: person.id)?.roomID { return room }
        guard let address = try db.identities(of: person.id).first(where: { $0.network == network })?.address else {
            throw StoreError.notFound("\(person.handle) has no address on \(network)")
        }
        return address
    }

    /// Called when a room's membership is learnt or changes: a direct room that someone else can
    /// now read is retired for good (a new one is opened when needed), and the state of the
    /// coaches' room is kept for `coachbot status`.
    func membershipChanged(room roomID: String, members: Set<String>) throws {
        guard let room = try db.room(network: network, roomID: roomID) else { return }
        switch room.kind {
        case .athleteDirect, .coachDirect:
            if try outsiders(in: members, besides: room.personID) > 0 { try db.retireRoom(network: network, roomID: roomID) }
        case .coaches:
            let count = try outsiders(in: members, besides: nil)
            try db.setSyncValue(PipelineKey.coachesRoomStatus(network), count == 0 ? "" :
                "alerts go to each coach privately: the coaches' room has \(count) member(s) who are not coaches on the roster")
        case .retired:
            break
        }
    }
}
