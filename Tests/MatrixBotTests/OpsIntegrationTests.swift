import ChatPipeline
import CoachStore
import Foundation
import HTTPClient
import MatrixBot
import MatrixTransport
import TOMLKit
import PipelineTestSupport
import Testing

/// Operations on a real run: the `coachbot` daemon on the dev Synapse with `[http]` and `[backup]`,
/// driven through check-ins, alerts, an override, a note and errors. Its `/metrics` passes
