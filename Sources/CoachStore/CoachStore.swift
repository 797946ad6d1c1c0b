// Placeholder until the CoachStore issue lands.
