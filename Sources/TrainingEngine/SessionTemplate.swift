import CoachCore

/// The week's layout by methodology (spec §5), Monday = 0. Each slot is a share of the week's
/// km; the shares of a template add up to 1 and the long run's is ≤ 0.30.
struct Slot: Sendable {
    var weekday: Int
    var type: WorkoutType
    var share: Double
    var zone: Int?
    var slot: String? = nil
    var label: String
}

enum SessionTemplate {
    /// Polarized: ~80% of runs zone 1–2, ~20% zone 4–5 (one interval session of six runs).
    static let polarized: [Slot] = [
        Slot(weekday: 1, type: .intervals, share: 0.15, zone: 4, label: "intervals"),
        Slot(weekday: 2, type: .easy, share: 0.15, zone: 2, label: "steady run"),
        Slot(weekday: 3, type: .easy, share: 0.15, zone: 1, label: "easy run"),
        Slot(weekday: 4, type: .recovery, share: 0.12, zone: 1, label: "recovery run"),
        Slot(weekday: 5, type: .easy, share: 0.15, zone: 1, label: "easy run"),
        Slot(weekday: 6, type: .long, share: 0.28, zone: 1, label: "long run"),
    ]

    /// Pyramidal: of seven runs five zone 1–2 (~70%), one zone 3 and one zone 4 in build and
    /// peak (the zone-4 run is easy in base).
    static func pyramidal(_ phase: ProgramPhase) -> [Slot] {
        [
            Slot(weekday: 0, type: .recovery, share: 0.08, zone: 1, label: "recovery run"),
            Slot(weekday: 1, type: .threshold, share: 0.14, zone: 3, label: "tempo"),
            Slot(weekday: 2, type: .easy, share: 0.14, zone: 2, label: "steady run"),
            Slot(weekday: 3, type: .easy, share: 0.14, zone: 1, label: "easy run"),
            Slot(weekday: 4, type: .recovery, share: 0.08, zone: 1, label: "recovery run"),
            phase == .base ? Slot(weekday: 5, type: .easy, share: 0.14, zone: 1, label: "easy run")
                : Slot(weekday: 5, type: .intervals, share: 0.14, zone: 4, label: "intervals"),
            Slot(weekday: 6, type: .long, share: 0.28, zone: 1, label: "long run"),
        ]
    }

    /// Norwegian: double threshold on Tuesday and Thursday (zone 3 at the lactate targets, AM
    /// 2.0–3.0 and PM 2.5–3.5 mmol/L), hills in zone 5 on Saturday, everything else zone 1.
    static let norwegian: [Slot] = [
        Slot(weekday: 0, type: .recovery, share: 0.05, zone: 1, label: "recovery run"),
        Slot(weekday: 1, type: .threshold, share: 0.08, zone: 3, slot: "AM", label: "double threshold, morning"),
        Slot(weekday: 1, type: .threshold, share: 0.08, zone: 3, slot: "PM", label: "double threshold, afternoon"),
        Slot(weekday: 2, type: .easy, share: 0.13, zone: 1, label: "easy run"),
        Slot(weekday: 3, type: .threshold, share: 0.08, zone: 3, slot: "AM", label: "double threshold, morning"),
        Slot(weekday: 3, type: .threshold, share: 0.08, zone: 3, slot: "PM", label: "double threshold, afternoon"),
        Slot(weekday: 4, type: .easy, share: 0.12, zone: 1, label: "easy run"),
        Slot(weekday: 5, type: .hills, share: 0.12, zone: 5, label: "hills"),
        Slot(weekday: 6, type: .long, share: 0.26, zone: 1, label: "long run"),
    ]

    /// Canova: polarized in base; in build and peak two specific-endurance runs at 95–105% of
    /// race pace.
    static func canova(_ phase: ProgramPhase, _ distance: RaceDistance) -> [Slot] {
        guard phase == .build || phase == .peak else { return polarized }
        let z = distance.km >= 21 ? 3 : 4
        return [
            Slot(weekday: 1, type: .tempo, share: 0.15, zone: z, label: "specific endurance at 95–105% of race pace"),
            Slot(weekday: 2, type: .easy, share: 0.15, zone: 1, label: "easy run"),
            Slot(weekday: 3, type: .easy, share: 0.15, zone: 1, label: "easy run"),
            Slot(weekday: 4, type: .recovery, share: 0.12, zone: 1, label: "recovery run"),
            Slot(weekday: 5, type: .tempo, share: 0.15, zone: z, label: "specific endurance at 95–105% of race pace"),
            Slot(weekday: 6, type: .long, share: 0.28, zone: 1, label: "long run"),
        ]
    }

    static func slots(_ method: Methodology, _ phase: ProgramPhase, _ distance: RaceDistance) -> [Slot] {
        switch method {
        case .polarized: polarized
        case .pyramidal: pyramidal(phase)
        case .norwegian: norwegian
        case .canova: canova(phase, distance)
        }
    }

    /// The plan rows of one day: the race on race day, rest the day before, otherwise the
    /// template's runs plus strength (two a week in base, one in build), rest when nothing else.
    static func sessions(day: Day, weekday: Int, week: ProgramWeek, request r: ProgramRequest, analysis: LactateAnalysis?, exercises: [Exercise]) -> [PlannedSession] {
        if day == r.raceDay {
            return [PlannedSession(day: day, slot: nil, workout: WorkoutSpec(type: .race, km: r.distance.km, description: "race: \(r.distance)"), zone: nil)]
        }
        if day == r.raceDay.adding(days: -1) {
            return [PlannedSession(day: day, slot: nil, workout: WorkoutSpec(type: .rest, description: "rest before the race"), zone: nil)]
        }
        var rows: [PlannedSession] = []
        for s in slots(r.method, week.phase, r.distance) where s.weekday == weekday {
            let km = (s.share * week.volumeKm * 10).rounded() / 10
            var w = WorkoutSpec(type: s.type, minutes: minutes(km: km, zone: s.zone, analysis: analysis), km: km, description: s.label)
            w.target = target(zone: s.zone, slot: s.slot, method: r.method, analysis: analysis)
            rows.append(PlannedSession(day: day, slot: s.slot, workout: w, zone: s.zone))
        }
        let strengthDays: Set<Int> = week.phase == .base ? [0, 3] : week.phase == .build ? [0] : []
        if strengthDays.contains(weekday) {
            let names = exercises.prefix(4).map(\.nameEN)
            let text = names.isEmpty ? "strength" : "strength: " + names.joined(separator: ", ")
            rows.append(PlannedSession(day: day, slot: nil, workout: WorkoutSpec(type: .strength, minutes: 30, description: text), zone: nil))
        }
        if rows.isEmpty {
            rows.append(PlannedSession(day: day, slot: nil, workout: WorkoutSpec(type: .rest, description: "rest"), zone: nil))
        }
        return rows
    }

    /// The zone token ("z3") the chat renders with the athlete's latest test (speed, pace, HR),
    /// so a new test updates every written session; Norwegian threshold sessions add the lactate
    /// target.
    static func target(zone: Int?, slot: String?, method: Methodology, analysis: LactateAnalysis?) -> String? {
        guard let zone else { return nil }
        var parts = ["z\(zone)"]
        if method == .norwegian, let slot {
            parts.append(slot == "AM" ? "lactate 2.0–3.0 mmol/L" : "lactate 2.5–3.5 mmol/L")
        }
        return parts.joined(separator: ", ")
    }

    /// Minutes from km at the zone's middle speed when a run test gives it, else typical paces
    /// (6:00/km zone 1 down to 4:15/km zone 5).
    static func minutes(km: Double, zone: Int?, analysis: LactateAnalysis?) -> Int {
        let z = zone ?? 1
        if let a = analysis, a.sport == .run, let zz = a.zones.first(where: { $0.number == z }) {
            let speed: Double? = switch (zz.from, zz.to) {
            case let (f?, t?): (f + t) / 2
            case let (nil, t?): t * 0.92
            case let (f?, nil): f * 1.04
            default: nil
            }
            if let speed, speed > 3 { return Int((km / speed * 60).rounded()) }
        }
        let pace = [6.0, 5.6, 5.0, 4.5, 4.25][max(0, min(4, z - 1))]
        return Int((km * pace).rounded())
    }
}
