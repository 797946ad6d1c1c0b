import CoachCore

/// Soreness and pain: which body part, which side, how bad, and whether it is pain (an injury
/// signal) or ordinary training soreness.
extension ParseState {
    /// Joints and tendons: "ache" there is pain; in a muscle it is soreness.
    private static let joints: Set<BodyLocation> = [
        .achilles, .ankle, .knee, .hip, .heel, .plantarFascia, .foot, .toe, .shin, .itBand, .back, .lowerBack, .neck, .shoulder,
    ]

    private enum Indicator { case pain, sore, ache, gait }

    private func indicator(_ item: Item) -> Indicator? {
        for tag in item.tags {
            switch tag {
            case .pain: return .pain
            case .sore: return .sore
            case .ache: return .ache
            case .gait: return .gait
            default: continue
            }
        }
        return nil
    }

    /// A pain score next to `i`: `3/10`, `3 out of 10`, or a bare 0–10 right after it.
    private func score(near i: Int, in clause: Range<Int>) -> Int? {
        var best: Int?
        for j in clause where !items[j].used && abs(j - i) <= 4 {
            switch items[j].value {
            case .fraction(let a, let b)? where b == 10 && a >= 0 && a <= 100:
                if best == nil || abs(j - i) < abs(best! - i) { best = j }
            case .plain(let n)? where n >= 0 && n <= 10 && n == n.rounded() && abs(j - i) <= 2:
                if best == nil { best = j }
            default:
                continue
            }
        }
        return best
    }

    private func scoreValue(_ j: Int) -> Double? {
        switch items[j].value {
        case .fraction(let a, _)?: return a
        case .plain(let n)?: return n
        default: return nil
        }
    }

    mutating func readBodyFacts() {
        let bony = items.contains { $0.redFlag == .bony }
        var bareLocations: [Int] = []
        var i = 0
        while i < items.count {
            defer { i += 1 }
            guard !items[i].used, var location = items[i].location else { continue }
            if items[i].illness != nil { continue }
            let clause = self.clause(around: i)
            if location == .heel && !bony { location = .plantarFascia }
            if location == .knee, clause.contains(where: { $0 < i && i - $0 <= 4 && items[$0].has { $0 == .outside } }) {
                location = .itBand
            }
            // "arch of my left foot": the foot only says where the arch is.
            if location == .foot, clause.contains(where: { j in
                j != i && [.plantarFascia, .heel, .toe, .achilles, .ankle].contains(items[j].location ?? .general)
            }) {
                continue
            }

            // The nearest indicator word in the clause.
            var nearest: (index: Int, kind: Indicator)?
            for j in clause where j != i {
                guard let kind = indicator(items[j]) else { continue }
                if nearest == nil || abs(j - i) < abs(nearest!.index - i) || (abs(j - i) == abs(nearest!.index - i) && kind == .pain) {
                    nearest = (j, kind)
                }
            }
            let scoreIndex = score(near: nearest.map { $0.kind == .pain ? $0.index : i } ?? i, in: clause)
                ?? score(near: i, in: clause)

            // Negated: "no knee pain", "not sore", "knee pain gone", "achilles fine".
            let anchor = nearest.map { max($0.index, i) } ?? i
            if let n = negationBetween(i, nearest?.index) ?? negated(before: min(i, nearest?.index ?? i), distance: 3) ?? negated(after: anchor, distance: 3)
                ?? (scoreIndex == nil ? scaleAfter(i) : nil)
            {
                items[i].used = true
                items[n].used = true
                if let k = nearest?.index { items[k].used = true }
                negatedFacts += 1
                denied.append(nearest?.kind == .sore ? .soreness(location) : .pain(location))
                continue
            }

            let side = sideNear(i)
            let redFlags = clause.compactMap { items[$0].redFlag }
            var isPain: Bool
            switch nearest?.kind {
            case .pain?, .gait?: isPain = true
            case .sore?: isPain = scoreIndex != nil && abs(nearest!.index - i) > 2
            case .ache?: isPain = Self.joints.contains(location)
            case nil:
                guard scoreIndex != nil || !redFlags.isEmpty else {
                    bareLocations.append(i)
                    continue
                }
                isPain = true
            }
            if !redFlags.isEmpty { isPain = true }
            items[i].used = true
            if let k = nearest?.index { items[k].used = true }
            if let s = side { items[s].used = true }
            if isPain {
                var p = Pain(location: location, side: side.flatMap { items[$0].side })
                if let s = scoreIndex {
                    p.score = scoreValue(s)
                    items[s].used = true
                }
                if nearest?.kind == .gait { p.gaitAffected = true }
                addPain(p)
            } else {
                addSoreness(Soreness(location: location, side: side.flatMap { items[$0].side }))
            }
        }
        readUnplacedIndicators(bareLocations: bareLocations)
        readGaitAndRedFlags(bareLocations: bareLocations)
        readLooseScore()
    }

    /// A negation between a body part and its pain or soreness word: "knee not hurting", "knee
    /// doesn't hurt", "knät gör inte ont", "achilles no pain".
    private func negationBetween(_ i: Int, _ k: Int?) -> Int? {
        guard let k, abs(k - i) > 1 else { return nil }
        for j in (min(i, k) + 1)..<max(i, k) where items[j].has({ $0 == .negation }) { return j }
        return nil
    }

    /// Pain at a body part named without a pain word ("left knee, can't run normally").
    private mutating func painAtBareLocation(_ bare: [Int], bony: Bool = false) -> Bool {
        var added = false
        for i in bare where !items[i].used {
            guard var location = items[i].location else { continue }
            if location == .heel && !bony { location = .plantarFascia }
            let side = sideNear(i)
            items[i].used = true
            use(side)
            addPain(Pain(location: location, side: side.flatMap { items[$0].side }))
            added = true
        }
        return added
    }

    /// "some pain when running, 3 out of 10": one pain without a score, one loose score out of 10.
    private mutating func readLooseScore() {
        guard !hasLogVerb, pain.filter({ $0.score == nil }).count == 1, let k = pain.firstIndex(where: { $0.score == nil }) else { return }
        let loose = items.indices.filter {
            if !items[$0].used, case .fraction(_, 10)? = items[$0].value { return true }
            return false
        }
        guard loose.count == 1 else { return }
        pain[k].score = scoreValue(loose[0])
        items[loose[0]].used = true
    }

    /// "achilles fine", "knee ok": a location followed by an all-right word means no problem there.
    private func scaleAfter(_ i: Int) -> Int? {
        guard let j = neighbour(of: i, step: 1, limit: 2), let v = items[j].scale, v >= 3, !items[j].used else { return nil }
        return j
    }

    /// The side word nearest to `i` in its clause ("left achilles", "ITB tight on the left").
    private func sideNear(_ i: Int) -> Int? {
        var best: Int?
        for j in clause(around: i) where items[j].side != nil && !items[j].used && abs(j - i) <= 5 {
            // Another body part closer to the side word owns it.
            let owner = clause(around: i).filter { items[$0].location != nil && (items[$0].location != .foot || $0 == i) }.min { abs($0 - j) < abs($1 - j) }
            if let owner, owner != i, abs(owner - j) < abs(i - j) { continue }
            if best == nil || abs(j - i) < abs(best! - i) || (abs(j - i) == abs(best! - i) && j < i) { best = j }
        }
        return best
    }

    /// Pain or soreness words with no body part: "sharp pain", "feeling sore". Only when nothing
    /// else was placed: in "bony pain in the shin that hurts at night", "hurts" is the shin's.
    private mutating func readUnplacedIndicators(bareLocations: [Int]) {
        let placed = !pain.isEmpty || !soreness.isEmpty
        for i in items.indices where !items[i].used {
            guard let kind = indicator(items[i]), kind != .gait else { continue }
            items[i].used = true
            if let n = negated(before: i, distance: 3) ?? negated(after: i, distance: 2) {
                items[n].used = true
                negatedFacts += 1
                denied.append(kind == .sore ? .soreness(nil) : .pain(nil))
                continue
            }
            if placed { continue }
            // "chest feels tight", "har ont i halsen": the word belongs to the illness.
            if clause(around: i).contains(where: { items[$0].illness != nil }) { continue }
            if kind == .pain, painAtBareLocation(bareLocations) { continue }
            if kind == .pain {
                var p = Pain(location: .general)
                if let s = score(near: i, in: clause(around: i)) {
                    p.score = scoreValue(s)
                    items[s].used = true
                }
                addPain(p)
            } else {
                addSoreness(Soreness(location: .general))
            }
        }
    }

    /// Limping and red flags belong to the pain in their clause, or to all pain.
    private mutating func readGaitAndRedFlags(bareLocations: [Int]) {
        for i in items.indices {
            let isGait = indicator(items[i]) == .gait && !items[i].used
            let flag = items[i].redFlag
            guard isGait || flag != nil else { continue }
            items[i].used = true
            if let n = negated(before: i, distance: 2) {
                items[n].used = true
                negatedFacts += 1
                continue
            }
            let clause = self.clause(around: i)
            let locationsInClause = Set(clause.compactMap { items[$0].location })
            var targets = pain.indices.filter { locationsInClause.contains(pain[$0].location) }
            if targets.isEmpty { targets = Array(pain.indices) }
            if targets.isEmpty, isGait {
                if !painAtBareLocation(bareLocations) { addPain(Pain(location: .general)) }
                targets = Array(pain.indices)
            }
            for t in targets {
                if isGait { pain[t].gaitAffected = true }
                if let flag, !pain[t].redFlags.contains(flag) { pain[t].redFlags.append(flag) }
            }
        }
    }

    private mutating func addPain(_ p: Pain) {
        if let k = pain.firstIndex(where: { $0.location == p.location && $0.side == p.side }) {
            pain[k].score = max(pain[k].score ?? -1, p.score ?? -1) < 0 ? nil : max(pain[k].score ?? 0, p.score ?? 0)
            pain[k].gaitAffected = pain[k].gaitAffected || p.gaitAffected
            return
        }
        soreness.removeAll { $0.location == p.location && $0.side == p.side }
        pain.append(p)
    }

    private mutating func addSoreness(_ s: Soreness) {
        guard !soreness.contains(s), !pain.contains(where: { $0.location == s.location && $0.side == s.side }) else { return }
        soreness.append(s)
    }
}
