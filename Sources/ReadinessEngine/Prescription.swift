import CoachCore

/// Turns the planned workout and today's decision into today's workout.
public enum Prescription {
    /// "Reduce volume" and the `shorter` modifier keep about 70% (spec: shorten 25–40%).
    public static let volumeFactor = 0.7
    /// Cross-training at about 80% of the planned duration.
    public static let crossTrainFactor = 0.8
    /// "Easy aerobic" keeps the duration up to this cap (our choice: same or shorter).
    public static let easyCapMinutes = 60
    /// Km cap for an easy run when the plan gives only distance (our choice).
    public static let easyCapKm = 12.0
    public static let easyTarget = "easy, conversational (RPE 3-4)"
    /// How a hard session with lowered targets begins its target: zone text shows the zone below.
    public static let oneZoneEasier = "one zone easier than planned"
    public static let crossTrainTarget = "moderate effort (RPE 4-5)"

    /// Today's workout. Nothing planned → nil, except a rest or cross-train prescription.
    /// A planned rest day stays rest. Modifiers (shorter, flat, easy run) apply to any decision up
    /// to easy aerobic.
    public static func workout(
        planned: WorkoutSpec?, decision: Decision, modifiers: Set<WorkoutModifier> = [], modality: String? = nil
    ) -> WorkoutSpec? {
        if decision == .seePhysio {
            return WorkoutSpec(type: .rest, description: "no running until seen by a physio or doctor")
        }
        if decision == .rest { return planned?.type == .rest ? planned : WorkoutSpec(type: .rest) }
        guard let planned else {
            return decision == .crossTrain
                ? WorkoutSpec(type: .cross, description: modality, target: crossTrainTarget) : nil
        }
        if planned.type == .rest { return planned }
        var w = planned
        switch decision {
        case .asPlanned: break
        case .reduceVolume: w = shorten(w)
        case .reduceIntensity: w = lowerTargets(w)
        case .easyAerobic: w = easyAerobic(w)
        case .crossTrain: return crossTrain(w, modality: modality)
        case .rest, .seePhysio: return WorkoutSpec(type: .rest)
        }
        if modifiers.contains(.easyRun), w.type.isHard { w = easyAerobic(w) }
        if modifiers.contains(.shorter), decision != .reduceVolume { w = shorten(w) }
        if modifiers.contains(.flat), w.type.isRun { w.description = appending(w.description, "flat route") }
        return w
    }

    /// About 30% shorter in minutes and km; shape and targets unchanged.
    public static func shorten(_ w: WorkoutSpec) -> WorkoutSpec {
        var w = w
        w.minutes = w.minutes.map { max(1, Int((Double($0) * volumeFactor).rounded())) }
        w.km = w.km.map { (($0 * volumeFactor) * 10).rounded() / 10 }
        return w
    }

    /// Same shape, lower targets.
    public static func lowerTargets(_ w: WorkoutSpec) -> WorkoutSpec {
        var w = w
        if w.type.isHard {
            w.target = oneZoneEasier + ", RPE 6 at most" + (w.target.map { " (planned: \($0))" } ?? "")
        } else {
            w.target = "very easy (RPE 2-3)"
        }
        return w
    }

    /// A hard session becomes an easy run of the same or shorter duration; others run easy.
    public static func easyAerobic(_ w: WorkoutSpec) -> WorkoutSpec {
        guard w.type.isHard else {
            var w = w
            w.target = easyTarget
            return w
        }
        var minutes = w.minutes
        var km = w.km
        if let m = w.minutes {
            let capped = min(m, easyCapMinutes)
            minutes = capped
            if let k = w.km, m > 0 { km = ((k * Double(capped) / Double(m)) * 10).rounded() / 10 }
        } else if let k = w.km {
            km = min(k, easyCapKm)
        }
        return WorkoutSpec(type: .easy, minutes: minutes, km: km, description: "easy run instead of \(w.type.rawValue)",
                           target: easyTarget)
    }

    /// Cross-training by modality at about 80% of the planned duration, moderate effort.
    public static func crossTrain(_ w: WorkoutSpec, modality: String?) -> WorkoutSpec {
        WorkoutSpec(type: .cross, minutes: w.minutes.map { max(1, Int((Double($0) * crossTrainFactor).rounded())) },
                    description: modality ?? "deep-water running", target: crossTrainTarget)
    }

    static func appending(_ s: String?, _ extra: String) -> String {
        guard let s, !s.isEmpty else { return extra }
        return s + ", " + extra
    }
}
