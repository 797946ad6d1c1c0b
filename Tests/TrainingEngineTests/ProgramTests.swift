import CoachCore
import Testing
@testable import TrainingEngine

@Suite struct ProgramTests {
    /// Monday 2026-11-23; the program starts Monday 2026-11-30.
    static let today = Day(year: 2026, month: 11, day: 23)

    static func request(_ distance: RaceDistance = .marathon, weeks: Int = 16, raceWeekday: Int = 6, method: Methodology = .polarized, peak: Double? = 70, current: Double = 50) -> ProgramRequest {
        let start = Day(year: 2026, month: 11, day: 30)
        return ProgramRequest(distance: distance, raceDay: start.adding(days: 7 * (weeks - 1) + raceWeekday), today: today, method: method, peakKm: peak, currentWeeklyKm: current)
    }

    @Test func startsNextMondayAndCountsWeeks() {
        let r = Self.request()
        #expect(r.start == Day(year: 2026, month: 11, day: 30))
        #expect(r.weekCount == 16)
        var sunday = r; sunday.today = Day(year: 2026, month: 11, day: 29)
        #expect(sunday.start == Day(year: 2026, month: 11, day: 30))
        #expect(Self.request(weeks: 10, raceWeekday: 2).weekCount == 10)
        #expect(Self.request(peak: nil, current: 50).targetPeakKm == 60)
    }

    @Test func phasesFollowTheShares() {
        // 16 weeks, marathon: taper 2; of 14, base 6 (40%), build 5 (35%), peak 3.
        let p = ProgramGenerator.phases(weeks: 16, taper: RaceDistance.marathon.taperWeeks)
        #expect(p.filter { $0 == .base }.count == 6)
        #expect(p.filter { $0 == .build }.count == 5)
        #expect(p.filter { $0 == .peak }.count == 3)
        #expect(p.suffix(2) == [.taper, .taper])
        #expect(ProgramGenerator.phases(weeks: 10, taper: RaceDistance.k10.taperWeeks).filter { $0 == .taper }.count == 1)
        #expect(RaceDistance.k5.taperWeeks == 1 && RaceDistance.half.taperWeeks == 2)
        let order = Dictionary(uniqueKeysWithValues: ProgramPhase.allCases.enumerated().map { ($1, $0) })
        #expect(p == p.sorted { (order[$0] ?? 0) < (order[$1] ?? 0) })
    }

    @Test func volumesRiseThreeWeeksDeloadTheFourthAndTaper() {
        let v = ProgramGenerator.volumes(phases: ProgramGenerator.phases(weeks: 16, taper: 2), currentKm: 50, peakKm: 70)
        let expected = [50, 55, 60.5, 42.35, 66.55, 70, 70, 49, 70, 70, 70, 49, 70, 70, 49, 35]
        #expect(v.km.count == 16)
        for (a, b) in zip(v.km, expected) { #expect(abs(a - b) < 1e-9, "\(v.km)") }
        #expect(v.deload == [false, false, false, true, false, false, false, true, false, false, false, true, false, false, false, false])
        #expect(v.reachesPeak)
    }

    @Test func firstWeekIsAtLeastSixtyPercentOfPeak() {
        let v = ProgramGenerator.volumes(phases: ProgramGenerator.phases(weeks: 8, taper: 1), currentKm: 20, peakKm: 100)
        #expect(v.km[0] == 60)
        #expect(!v.reachesPeak)  // 60 → 100 needs more than 7 loading weeks at 10% with deloads
    }

    @Test func everyDayHasARowAndTheLastIsTheRace() throws {
        for method in Methodology.allCases {
            let p = ProgramGenerator.generate(Self.request(weeks: 12, raceWeekday: 2, method: method))
            let days = Set(p.sessions.map(\.day))
            #expect(days.count == p.request.raceDay.ordinal - p.start.ordinal + 1)
            #expect(days.min() == p.start)
            let last = try #require(p.sessions.last)
            #expect(last.day == p.request.raceDay && last.workout.type == .race)
            #expect(p.sessions.filter { $0.workout.type == .race }.count == 1)
            #expect(p.sessions.first { $0.day == p.request.raceDay.adding(days: -1) }?.workout.type == .rest)
        }
    }

    @Test(arguments: Methodology.allCases)
    func oneLongRunAtMostThirtyPercentAndStrengthInBaseAndBuild(_ method: Methodology) {
        let p = ProgramGenerator.generate(Self.request(method: method))
        for w in p.weeks.dropLast(1) {
            let longs = w.sessions.filter { $0.workout.type == .long }
            #expect(longs.count == 1, "week \(w.number)")
            #expect((longs.first?.workout.km ?? 0) <= 0.30 * w.volumeKm + 0.05)
            #expect(abs(w.plannedKm - w.volumeKm) < 0.5, "week \(w.number): \(w.plannedKm) vs \(w.volumeKm)")
            let strength = w.sessions.filter { $0.workout.type == .strength }.count
            switch w.phase {
            case .base: #expect(strength == 2)
            case .build: #expect(strength == 1)
            default: #expect(strength == 0)
            }
        }
    }

    @Test func intensityDistributionByMethod() throws {
        func shares(_ m: Methodology, _ phase: ProgramPhase) -> (easy: Double, z3: Double, hard: Double) {
            let p = ProgramGenerator.generate(Self.request(method: m))
            let runs = (p.weeks.first { $0.phase == phase }?.sessions ?? []).compactMap(\.zone)
            let n = Double(runs.count)
            return (Double(runs.filter { $0 <= 2 }.count) / n, Double(runs.filter { $0 == 3 }.count) / n, Double(runs.filter { $0 >= 4 }.count) / n)
        }
        let pol = shares(.polarized, .build)
        #expect(pol.easy > 0.75 && pol.easy < 0.9 && pol.z3 == 0 && pol.hard > 0.1 && pol.hard < 0.25)
        let pyr = shares(.pyramidal, .build)
        #expect(pyr.easy > 0.6 && pyr.easy < 0.8 && pyr.z3 > 0.1 && pyr.hard > 0.05 && pyr.hard < 0.2)
        let can = ProgramGenerator.generate(Self.request(method: .canova))
        #expect(try #require(can.weeks.first { $0.phase == .build }).sessions.filter { $0.workout.description?.contains("95–105%") == true }.count == 2)
        #expect(try #require(can.weeks.first { $0.phase == .base }).sessions.allSatisfy { $0.workout.description?.contains("95–105%") != true })
    }

    @Test func norwegianDoubleThresholdDays() {
        let p = ProgramGenerator.generate(Self.request(method: .norwegian))
        let w = p.weeks[1]
        let doubles = Dictionary(grouping: w.sessions.filter { $0.slot != nil }, by: \.day)
        #expect(doubles.count == 2)
        for (day, rows) in doubles {
            #expect(rows.map(\.slot) == ["AM", "PM"])
            #expect(rows.allSatisfy { $0.zone == 3 })
            #expect([1, 3].contains(day.weekday))
        }
        #expect(w.sessions.filter { $0.zone == 5 }.count == 1)
        #expect(w.sessions.compactMap(\.zone).filter { ![1, 3, 5].contains($0) }.isEmpty)
        #expect(w.sessions.first { $0.slot == "PM" }?.workout.target?.contains("2.5–3.5") == true)
    }

    /// Every run carries its zone token (rendered with the latest test's speeds and HR in chat);
    /// with a run test the minutes come from the zone's speed.
    @Test func zoneTargetsAndMinutesFromTheTest() throws {
        let a = try LactateAnalyzer.analyze(NorwegianTests.runTest)
        let withTest = ProgramGenerator.generate(Self.request(), analysis: a)
        let without = ProgramGenerator.generate(Self.request())
        let intervals = try #require(withTest.sessions.first { $0.workout.type == .intervals })
        #expect(intervals.workout.target == "z4")
        #expect(withTest.sessions.filter { $0.workout.type.isRun && $0.workout.type != .race }.allSatisfy { $0.workout.target?.hasPrefix("z") == true })
        let z4 = a.zones[3]
        let speed = (try #require(z4.from) + (try #require(z4.to))) / 2
        #expect(intervals.workout.minutes == Int((try #require(intervals.workout.km) / speed * 60).rounded()))
        #expect(without.sessions.first { $0.workout.type == .intervals }?.workout.minutes == Int((try #require(intervals.workout.km) * 4.5).rounded()))
    }

    /// Over random race dates, volumes and methods: loading weeks never rise more than 10% over
    /// the previous loading week (a deload week is a recovery, not a new base), deloads are
    /// lower, the taper only falls, and the program ends on race day.
    @Test func propertyNeverMoreThanTenPercentAndEndsOnRaceDay() throws {
        var rng = SplitMix64(seed: 0x10_2026)
        let distances: [RaceDistance] = [.k5, .k10, .half, .marathon, .km(30)]
        for n in 0..<1500 {
            let today = Day(ordinal: Day(year: 2026, month: 1, day: 1).ordinal + rng.int(0...700))
            let race = today.adding(days: rng.int(1...200))
            let current = rng.unit() * 120
            let peak: Double? = rng.unit() < 0.3 ? nil : 10 + rng.unit() * 150
            let r = ProgramRequest(distance: distances[rng.int(0...4)], raceDay: race, today: today,
                                   method: Methodology.allCases[rng.int(0...3)], peakKm: peak, currentWeeklyKm: current)
            let p = ProgramGenerator.generate(r)
            guard r.weekCount > 0 else { #expect(p.sessions.isEmpty); continue }
            #expect(p.weeks.count == r.weekCount)
            #expect(p.sessions.last?.day == race && p.sessions.last?.workout.type == .race, "case \(n)")
            #expect(p.sessions.allSatisfy { $0.day <= race && $0.day >= r.start })
            var lastLoad: Double?
            var previous: Double?
            for w in p.weeks {
                if w.phase == .taper {
                    if let previous { #expect(w.volumeKm <= previous + 1e-9, "case \(n) week \(w.number)") }
                } else if w.deload {
                    #expect(w.volumeKm < (lastLoad ?? .infinity), "case \(n) week \(w.number)")
                } else {
                    if let lastLoad { #expect(w.volumeKm <= lastLoad * 1.10 + 1e-9, "case \(n) week \(w.number)") }
                    lastLoad = w.volumeKm
                }
                if let previous, !w.deload, w.phase != .taper, !(p.weeks[max(0, w.number - 2)].deload) {
                    #expect(w.volumeKm <= previous * 1.10 + 1e-9, "case \(n) week \(w.number)")
                }
                previous = w.volumeKm
            }
        }
    }
}
