import CoachCore

/// One row of a plan CSV, with the line it came from for error messages.
public struct PlanRow: Sendable, Hashable {
    /// 1-based line number in the file (the header is line 1).
    public var line: Int
    /// Athlete handle as written.
    public var athlete: String
    public var day: Day
    public var workout: WorkoutSpec

    public init(line: Int, athlete: String, day: Day, workout: WorkoutSpec) {
        self.line = line
        self.athlete = athlete
        self.day = day
        self.workout = workout
    }
}

/// The plan CSV format (RFC 4180 style), header required:
///
///     athlete,date,type,minutes,km,description,target
///     alice,2026-03-02,threshold,60,12,"6x5min at LT2, 90s jog",LT2
///
/// `athlete`, `date` and `type` are required columns; `minutes`, `km`, `description`,
/// `target` may be left out or empty. Fields may be quoted; a quote inside a quoted field is
/// doubled (`""`). Dates are ISO `YYYY-MM-DD`; types are `WorkoutType` names.
public enum PlanCSV {
    /// The documented header.
    public static let header = ["athlete", "date", "type", "minutes", "km", "description", "target"]
    static let required: Set<String> = ["athlete", "date", "type"]

    /// Parses the whole file; throws `StoreError.invalidPlan` listing every bad line.
    /// Pure: no database access (unknown athletes are found by `Database.importPlan`).
    public static func parse(_ text: String) throws -> [PlanRow] {
        let (rows, problems) = try parseCollecting(text)
        if !problems.isEmpty { throw StoreError.invalidPlan(problems) }
        return rows
    }

    /// The good rows and the problems of the bad ones, so an import can add the athletes it does
    /// not know to the same list (every bad line is named at once). Throws only for a bad header.
    public static func parseCollecting(_ text: String) throws -> (rows: [PlanRow], problems: [String]) {
        let records = try splitRecords(text)
        guard let (headerLine, headerFields) = records.first else {
            throw StoreError.invalidPlan(["the file is empty; expected the header \(header.joined(separator: ","))"])
        }
        var column: [String: Int] = [:]
        var problems: [String] = []
        for (index, name) in headerFields.enumerated() {
            let key = name.trimmingSpaces().lowercased()
            if !header.contains(key) {
                problems.append("line \(headerLine): unknown column '\(name)' (expected: \(header.joined(separator: ",")))")
            } else if column[key] != nil {
                problems.append("line \(headerLine): column '\(key)' appears twice")
            } else {
                column[key] = index
            }
        }
        for name in header where required.contains(name) && column[name] == nil {
            problems.append("line \(headerLine): missing column '\(name)' (header must be \(header.joined(separator: ",")))")
        }
        if !problems.isEmpty { throw StoreError.invalidPlan(problems) }

        var rows: [PlanRow] = []
        var seen: [String: Int] = [:]
        for (line, fields) in records.dropFirst() {
            func field(_ name: String) -> String {
                guard let i = column[name], i < fields.count else { return "" }
                return fields[i].trimmingSpaces()
            }
            if fields.count > headerFields.count {
                problems.append("line \(line): \(fields.count) fields but the header has \(headerFields.count) (quote fields that contain commas)")
                continue
            }
            switch parseRow(line: line, field: field) {
            case .failure(let error):
                problems.append("line \(line): \(error.message)")
            case .success(let row):
                let key = "\(row.athlete.lowercased()) \(row.day)"
                if let first = seen[key] {
                    problems.append("line \(line): \(row.athlete) already has a workout on \(row.day) (line \(first))")
                } else {
                    seen[key] = line
                    rows.append(row)
                }
            }
        }
        return (rows, problems)
    }

    struct RowError: Error { var message: String }

    private static func parseRow(line: Int, field: (String) -> String) -> Result<PlanRow, RowError> {
        let athlete = field("athlete")
        guard !athlete.isEmpty else { return .failure(RowError(message: "athlete is empty")) }
        let date = field("date")
        guard let day = Day(iso: date) else {
            return .failure(RowError(message: "invalid date '\(date)' (expected YYYY-MM-DD, e.g. 2026-03-02)"))
        }
        let typeText = field("type")
        guard let type = WorkoutType(rawValue: typeText.lowercased()) else {
            let names = WorkoutType.allCases.map(\.rawValue).joined(separator: ", ")
            return .failure(RowError(message: "unknown workout type '\(typeText)' (expected one of: \(names))"))
        }
        var minutes: Int?
        let minutesText = field("minutes")
        if !minutesText.isEmpty {
            guard let m = Int(minutesText), (0...1440).contains(m) else {
                return .failure(RowError(message: "invalid minutes '\(minutesText)' (expected a whole number 0-1440)"))
            }
            minutes = m
        }
        var km: Double?
        let kmText = field("km")
        if !kmText.isEmpty {
            guard let k = Double(kmText), k.isFinite, (0...500).contains(k) else {
                return .failure(RowError(message: "invalid km '\(kmText)' (expected a number such as 12.5)"))
            }
            km = k
        }
        let description = field("description")
        let target = field("target")
        let workout = WorkoutSpec(type: type, minutes: minutes, km: km,
                                  description: description.isEmpty ? nil : description,
                                  target: target.isEmpty ? nil : target)
        return .success(PlanRow(line: line, athlete: athlete, day: day, workout: workout))
    }

    /// Splits CSV text into records of fields, each with its starting line; skips blank lines.
    static func splitRecords(_ text: String) throws -> [(line: Int, fields: [String])] {
        var records: [(Int, [String])] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var fieldWasQuoted = false
        var iterator = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil

        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].trimmingSpaces().isEmpty && !fieldWasQuoted) {
                records.append((recordLine, fields))
            }
            fields = []
            field = ""
            fieldWasQuoted = false
        }

        while let c = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = next }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.trimmingSpaces().isEmpty:
                inQuotes = true
                fieldWasQuoted = true
                field = ""
            case ",":
                fields.append(field)
                field = ""
                fieldWasQuoted = false
            case "\r":
                break
            case "\n":
                endRecord()
                line += 1
                recordLine = line
            default:
                field.unicodeScalars.append(c)
            }
        }
        if inQuotes {
            throw StoreError.invalidPlan(["line \(recordLine): a quoted field is not closed (missing \")"])
        }
        endRecord()
        return records
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
