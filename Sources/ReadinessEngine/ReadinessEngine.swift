// Placeholder until the ReadinessEngine issue lands.
