#pragma once

namespace slipway::docker {
class BuildJob;
class PushJob;
} // namespace slipway::docker

namespace slipway::project {

class BuildRun;

// Feeds an engine job's events into a BuildRun: steps, log output, warnings, push progress, the
// Dockerfile once planned, and the end. Connect before the job starts; the run finishes when the job
// does.
void followBuildJob(BuildRun* run, docker::BuildJob* job);

// A push of an image built earlier: layer progress, the engine's status lines as build-wide log
// lines, and the end (the pushed digest, or the push error with its fix).
void followPushJob(BuildRun* run, docker::PushJob* job);

} // namespace slipway::project
