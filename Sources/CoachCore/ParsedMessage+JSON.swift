/// The JSON contract of `coachbot parse --json`, written by hand: it is on the hot path of the
/// parse benchmark, keys come in the spec's order, and keys with no value are omitted.
extension ParsedMessage {
    public var json: String {
        var w = JSONWriter()
        w.beginObject()
        w.key("intent"); w.string(intent.rawValue)
        if let language { w.key("lang"); w.string(language.rawValue) }
        if !metrics.isEmpty { w.key("metrics"); w.metrics(metrics) }
        if !soreness.isEmpty {
            w.key("soreness"); w.beginArray()
            for s in soreness {
                w.beginObject()
                w.key("location"); w.string(s.location.rawValue)
                w.key("side"); w.optionalString(s.side?.rawValue)
                w.endObject()
            }
            w.endArray()
        }
        if !pain.isEmpty {
            w.key("pain"); w.beginArray()
            for p in pain {
                w.beginObject()
                w.key("location"); w.string(p.location.rawValue)
                w.key("side"); w.optionalString(p.side?.rawValue)
                w.key("score"); if let s = p.score { w.number(s) } else { w.null() }
                w.key("gait_affected"); w.bool(p.gaitAffected)
                if !p.redFlags.isEmpty {
                    w.key("red_flags"); w.beginArray()
                    for f in p.redFlags { w.string(f.rawValue) }
                    w.endArray()
                }
                w.endObject()
            }
            w.endArray()
        }
        if !illness.isEmpty {
            w.key("illness"); w.beginArray()
            for i in illness { w.string(i.rawValue) }
            w.endArray()
        }
        if let workout, !workout.isEmpty {
            w.key("workout"); w.beginObject()
            if let m = workout.minutes { w.key("minutes"); w.number(m) }
            if let k = workout.km { w.key("km"); w.number(k) }
            if let r = workout.rpe { w.key("rpe"); w.number(r) }
            if let d = workout.day { w.key("day"); w.string(d) }
            if let m = workout.modality { w.key("modality"); w.string(m.rawValue) }
            if workout.skipped { w.key("skipped"); w.bool(true) }
            if let r = workout.reps { w.key("reps"); w.number(Double(r)) }
            if let m = workout.repMinutes { w.key("rep_minutes"); w.number(m) }
            if let k = workout.repKm { w.key("rep_km"); w.number(k) }
            if let h = workout.hrAvg { w.key("hr_avg"); w.number(h) }
            w.endObject()
        }
        if let athlete { w.key("athlete"); w.string(athlete) }
        if let date { w.key("date"); w.string(date) }
        if let prescribed {
            w.key("prescribed"); w.beginObject()
            w.key("type"); w.string(prescribed.type.rawValue)
            if let m = prescribed.minutes { w.key("minutes"); w.number(Double(m)) }
            if let k = prescribed.km { w.key("km"); w.number(k) }
            if let d = prescribed.description { w.key("description"); w.string(d) }
            if let t = prescribed.words { w.key("words"); w.string(t) }
            w.endObject()
        }
        if let day { w.key("day"); w.string(day) }
        if movesPlanned { w.key("move"); w.bool(true) }
        if let noteText { w.key("note"); w.string(noteText) }
        if !denied.isEmpty {
            w.key("denied"); w.beginArray()
            for d in denied { w.string(d.code) }
            w.endArray()
        }
        if let text { w.key("text"); w.string(text) }
        if let unparsed { w.key("unparsed"); w.string(unparsed) }
        w.endObject()
        return w.output
    }
}

/// A minimal streaming JSON writer: enough for flat objects, arrays, strings and numbers.
struct JSONWriter {
    private(set) var output = ""
    private var needsComma = false

    init() { output.reserveCapacity(256) }

    mutating func beginObject() {
        comma()
        output.append("{")
        needsComma = false
    }

    mutating func endObject() {
        output.append("}")
        needsComma = true
    }

    mutating func beginArray() {
        comma()
        output.append("[")
        needsComma = false
    }

    mutating func endArray() {
        output.append("]")
        needsComma = true
    }

    mutating func key(_ k: String) {
        comma()
        output.append("\"")
        output.append(k)
        output.append("\":")
        needsComma = false
    }

    mutating func string(_ s: String) {
        comma()
        if s.needsJSONEscaping {
            output.append(s.jsonQuoted)
        } else {
            // The common case, without an intermediate string: this is the parse benchmark's hot path.
            output.append("\"")
            output.append(s)
            output.append("\"")
        }
        needsComma = true
    }

    mutating func optionalString(_ s: String?) {
        if let s { string(s) } else { null() }
    }

    mutating func null() {
        comma()
        output.append("null")
        needsComma = true
    }

    mutating func bool(_ b: Bool) {
        comma()
        output.append(b ? "true" : "false")
        needsComma = true
    }

    mutating func number(_ d: Double) {
        comma()
        output.append(formatNumber(d))
        needsComma = true
    }

    mutating func score(_ s: Score) {
        beginObject()
        key("value"); number(s.value)
        key("out_of"); number(Double(s.outOf))
        endObject()
    }

    mutating func metrics(_ m: Metrics) {
        beginObject()
        if let v = m.hrvMs { key("hrv_ms"); number(v) }
        if let v = m.rhrBpm { key("rhr_bpm"); number(v) }
        if let v = m.sleepHours { key("sleep_hours"); number(v) }
        if let v = m.sleepQuality { key("sleep_quality"); score(v) }
        if let v = m.fatigue { key("fatigue"); score(v) }
        if let v = m.stress { key("stress"); score(v) }
        if let v = m.mood { key("mood"); score(v) }
        if let v = m.motivation { key("motivation"); score(v) }
        if let v = m.temperatureC { key("temperature_c"); number(v) }
        endObject()
    }

    private mutating func comma() {
        if needsComma { output.append(",") }
    }
}

/// Whole numbers print without a fraction; others with at most two decimals, which is more
/// than any metric is measured to.
public func formatNumber(_ d: Double) -> String {
    guard d.isFinite else { return "null" }
    if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
    let rounded = (d * 100).rounded() / 100
    if rounded == rounded.rounded() { return String(Int(rounded)) }
    return "\(rounded)"
}

extension String {
    /// The string as a JSON string literal, quotes included. Shared by the parser's output and
    /// the store's JSON columns so escaping is written once.
    public var jsonQuoted: String {
        guard needsJSONEscaping else { return "\"" + self + "\"" }
        var out = "\""
        for scalar in unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    var needsJSONEscaping: Bool {
        utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
    }
}
