import CoachStore

/// The store's saved assessment, named apart from the rules engine's `Readiness`.
typealias StoredAssessment = Assessment
