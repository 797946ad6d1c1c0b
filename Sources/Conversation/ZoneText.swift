import CoachCore
import ReadinessEngine
import TrainingEngine

/// An athlete's zones from their latest test, as workouts are written in them (spec §2).
public struct AthleteZones: Sendable, Equatable {
    public var sport: TestSport
    public var zones: [Zone]

    public init(sport: TestSport, zones: [Zone]) {
        self.sport = sport
        self.zones = zones
    }

    public init(_ analysis: LactateAnalysis) {
        self.init(sport: analysis.sport, zones: analysis.zones)
    }
}

extension WorkoutText {
    /// The workout with its target in the athlete's zones when they have a test (spec §2):
    /// "threshold 60 min: 4x8min in zone 3, 13.7–15.3 km/h (3:56–4:23 /km), HR 162–171";
    /// easy days give zone 1's ceiling ("keep under 12.1 km/h (4:58 /km), HR 153"). Without
    /// zones, or for a workout with no zone (rest, strength, cross, race), the words stay.
    public static func describe(_ w: WorkoutSpec?, zones: AthleteZones?, language: Language = .en) -> String {
        guard let w, let zones else { return describe(w) }
        let words = [w.description, w.target].compactMap { $0 }.filter { !$0.isEmpty }
        let planned = words.lazy.compactMap(ZoneToken.zone(in:)).first ?? w.type.zone
        // Lowered targets (reduce intensity) are run one zone below the planned one.
        let easier = w.target?.hasPrefix(Prescription.oneZoneEasier) == true
        let zoneNumber = planned.map { easier ? max(1, $0 - 1) : $0 }
        guard let n = zoneNumber, let zone = zones.zones.first(where: { $0.number == n }) else { return describe(w) }
        let sv = language == .sv
        var base = w.type == .rest ? "rest day" : w.type.rawValue
        if let m = w.minutes { base += " \(m) min" }
        if let k = w.km { base += " \(formatNumber(k)) km" }
        var details: [String] = []
        for text in words {
            let plain = ZoneToken.removing(from: text)
            if !plain.isEmpty, !details.contains(plain) { details.append(plain) }
        }
        let detail = details.joined(separator: "; ")
        let target = zoneTarget(zone, sport: zones.sport, sv: sv)
        if n == 1 {
            return base + (detail.isEmpty ? "" : " (\(detail))") + ": " + target
        }
        return base + ": " + (detail.isEmpty ? "" : detail + " ") + (sv ? "i zon \(n), " : "in zone \(n), ") + target
    }

    /// "13.7–15.3 km/h (3:56–4:23 /km), HR 162–171"; zone 1 as a ceiling.
    static func zoneTarget(_ z: Zone, sport: TestSport, sv: Bool) -> String {
        let decimals = sport == .run ? 1 : 0
        func num(_ x: Double) -> String {
            let s = LactateNumber.text(x, decimals: decimals)
            return sv ? String(s.map { $0 == "." ? "," : $0 }) : s
        }
        func pace(_ x: Double?) -> String? { sport == .run ? x.flatMap { Pace.text(kmh: $0) } : nil }
        let unit = sport.unit, hr = sv ? "puls" : "HR"
        switch (z.from, z.to) {
        case (nil, let to?):
            var s = (sv ? "håll under " : "keep under ") + "\(num(to)) \(unit)"
            if let p = pace(to) { s += " (\(p) /km)" }
            if let h = z.hrTo { s += ", \(hr) \(Int(h.rounded()))" }
            return s
        case (let from?, nil):
            var s = (sv ? "över " : "above ") + "\(num(from)) \(unit)"
            if let p = pace(from) { s += " (\(sv ? "snabbare än" : "faster than") \(p) /km)" }
            if let h = z.hrFrom { s += ", \(hr) \(sv ? "över" : "over") \(Int(h.rounded()))" }
            return s
        case (let from?, let to?):
            var s = "\(num(from))–\(num(to)) \(unit)"
            if let fast = pace(to), let slow = pace(from) { s += " (\(fast)–\(slow) /km)" }
            if let a = z.hrFrom, let b = z.hrTo { s += ", \(hr) \(Int(a.rounded()))–\(Int(b.rounded()))" }
            return s
        default:
            return ""
        }
    }
}

