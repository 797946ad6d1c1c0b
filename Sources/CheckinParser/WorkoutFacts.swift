import CoachCore

/// A logged session: minutes, kilometres and effort.
extension ParseState {
    mutating func readWorkout() -> WorkoutLog {
        var log = WorkoutLog()
        readIntervals(into: &log)
        readSessionHeartRate(into: &log)
        for i in items.indices {
            if log.modality == nil, let m = items[i].modality {
                log.modality = m
                items[i].used = true
            }
            if log.day == nil, let d = items[i].pastDay {
                log.day = d
                items[i].used = true
            }
            if log.day == nil, case .date(let iso) = items[i].kind, Day(iso: iso) != nil {
                log.day = iso
                items[i].used = true
            }
            if items[i].has({ $0 == .skipped }), negated(before: i, distance: 2) == nil {
                log.skipped = true
                items[i].used = true
            }
        }
        // Effort keyword first: "rpe 4", "effort 7/10", "felt hard 7/10".
        for k in items.indices where items[k].has({ $0 == .rpe }) {
            var j = k
            for _ in 0..<3 {
                j += 1
                guard items.indices.contains(j), !items[j].isSeparator else { break }
                if let r = rpe(items[j].value), !items[j].used {
                    log.rpe = r
                    items[j].used = true
                    items[k].used = true
                    break
                }
            }
            if log.rpe != nil { break }
        }
        for i in items.indices where !items[i].used {
            switch items[i].value {
            case .duration(let minutes, _)? where log.minutes == nil:
                log.minutes = minutes
            case .clock(let h, let m, let s)? where log.minutes == nil:
                // "1:05" is an hour and five minutes; "48:30" is minutes and seconds.
                log.minutes = s != nil || h < 4 ? Double(h * 60 + m) + Double(s ?? 0) / 60 : Double(h) + Double(m) / 60
            case .distance(let km)? where log.km == nil:
                log.km = (km * 100).rounded() / 100
            case .fraction(let a, 10)? where log.rpe == nil && a >= 1:
                log.rpe = a
            default:
                continue
            }
            items[i].used = true
        }
        markUsed {
            switch $0 {
            case .workoutType, .nonRun, .rpe: return true
            default: return false
            }
        }
        return log
    }

    /// "6x3min", "5 x 1k", "10x400m", "8x90s", "6x3" (minutes when no unit is said).
    private mutating func readIntervals(into log: inout WorkoutLog) {
        for t in items.indices where items[t].has({ $0 == .times }) && t > 0 && t + 1 < items.count {
            guard case .plain(let n)? = items[t - 1].value, n >= 1, n <= 100, n == n.rounded() else { continue }
            switch items[t + 1].value {
            case .duration(let minutes, let hours)?:
                // "400m" is metres, not 400 minutes.
                if !hours && minutes >= 100 { log.repKm = minutes / 1000 } else { log.repMinutes = minutes }
            case .distance(let km)?: log.repKm = km
            case .plain(let m)? where m >= 100: log.repKm = m / 1000
            case .plain(let m)? where m > 0: log.repMinutes = m
            case .clock(let h, let m, nil)?: log.repMinutes = Double(h) + Double(m) / 60
            default: continue
            }
            log.reps = Int(n)
            items[t - 1].used = true
            items[t].used = true
            items[t + 1].used = true
            return
        }
    }

    /// "avg hr 172", "snittpuls 165", and in a logged session a bare "hr 145": the session's heart
    /// rate, never the resting HR.
    private mutating func readSessionHeartRate(into log: inout WorkoutLog) {
        for k in items.indices where items[k].has({ $0 == .hrAvg }) || isBareHeartRate(k) {
            var j = k
            for _ in 0..<3 {
                j += 1
                guard items.indices.contains(j), !items[j].isSeparator else { break }
                if items[j].used { continue }
                switch items[j].value {
                case .plain(let n)? where n >= 30 && n <= 250, .bpm(let n)? where n >= 30 && n <= 250:
                    log.hrAvg = n
                    items[j].used = true
                    items[k].used = true
                    return
                default:
                    if items[j].isFiller || items[j].has({ $0 == .hrAvg || $0.isRHR }) { continue }
                }
            }
        }
    }

    private func rpe(_ value: Value?) -> Double? {
        switch value {
        case .plain(let n)? where n >= 1 && n <= 10: return n
        case .fraction(let a, 10)? where a >= 1: return a
        default: return nil
        }
    }
}
