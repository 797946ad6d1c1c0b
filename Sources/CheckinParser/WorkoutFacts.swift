import CoachCore

/// A logged session: minutes, kilometres and effort.
extension ParseState {
    mutating func readWorkout() -> WorkoutLog {
        var log = WorkoutLog()
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

    private func rpe(_ value: Value?) -> Double? {
        switch value {
        case .plain(let n)? where n >= 1 && n <= 10: return n
        case .fraction(let a, 10)? where a >= 1: return a
        default: return nil
        }
    }
}
