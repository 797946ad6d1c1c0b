/// One training zone on the intensity axis, anchored on the athlete's own LT1 and LT2
/// (D = LT2 − LT1): 1 below LT1, 2 to LT1 + D/2, 3 to LT2, 4 to LT2 + D/2, 5 above.
public struct Zone: Sendable, Equatable, Codable {
    public var number: Int
    /// Lower bound; nil for zone 1.
    public var from: Double?
    /// Upper bound; nil for zone 5.
    public var to: Double?
    public var hrFrom: Double?
    public var hrTo: Double?

    public init(number: Int, from: Double?, to: Double?, hrFrom: Double?, hrTo: Double?) {
        self.number = number; self.from = from; self.to = to; self.hrFrom = hrFrom; self.hrTo = hrTo
    }

    /// The zone's English name, as the spec's table gives it.
    public var name: String {
        switch number {
        case 1: "recovery / easy"
        case 2: "steady"
        case 3: "threshold"
        case 4: "VO2"
        default: "speed"
        }
    }

    /// The five zones from LT1 and LT2, with HR bounds from the HR line when there is one.
    public static func anchored(lt1: Double, lt2: Double, sport: TestSport, hr: HRLine?) -> [Zone] {
        let d = lt2 - lt1
        let bounds: [Double?] = [nil, lt1, lt1 + d / 2, lt2, lt2 + d / 2, nil]
        return (1...5).map { n in
            let from = bounds[n - 1], to = bounds[n]
            return Zone(number: n, from: from, to: to, hrFrom: from.flatMap { x in hr.map { $0(x) } }, hrTo: to.flatMap { x in hr.map { $0(x) } })
        }
    }
}

/// Running pace from speed: minutes per km = 60 / (km/h), written m:ss.
public enum Pace {
    /// "4:58" for 12.08 km/h; nil for speeds that give no sensible pace.
    public static func text(kmh: Double) -> String? {
        guard kmh.isFinite, kmh > 0.5 else { return nil }
        let seconds = Int((3600 / kmh).rounded())
        let m = seconds / 60, s = seconds % 60
        return "\(m):\(s < 10 ? "0" : "")\(s)"
    }
}
