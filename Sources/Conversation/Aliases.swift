import ReadinessEngine

/// The rules engine's verdict, named so it does not clash with the store's saved assessment.
public typealias Readiness = Assessment
