#include "project/buildrunconnect.h"

#include "docker/buildjob.h"
#include "docker/pushjob.h"
#include "project/buildrun.h"

namespace slipway::project {

using docker::BuildJob;
using docker::BuildOutcome;
using docker::PushJob;

void followBuildJob(BuildRun* run, BuildJob* job) {
    QObject::connect(job, &BuildJob::stepChanged, run, &BuildRun::updateStep);
    QObject::connect(job, &BuildJob::logReceived, run, &BuildRun::appendLog);
    QObject::connect(job, &BuildJob::pushProgress, run, &BuildRun::updatePushLayer);
    QObject::connect(job, &BuildJob::warning, run, &BuildRun::appendNote);
    QObject::connect(job, &BuildJob::planned, run, [run, job] {
        if (job->plan())
            run->setDockerfile(QString::fromUtf8(job->plan()->dockerfile));
    });
    QObject::connect(job, &BuildJob::finished, run,
                     [run](const BuildOutcome& outcome) { run->finish(outcome); });
}

void followPushJob(BuildRun* run, PushJob* job) {
    QObject::connect(job, &PushJob::layerProgress, run, &BuildRun::updatePushLayer);
    QObject::connect(job, &PushJob::statusLine, run, [run](const QString& line) {
        docker::BuildLogChunk chunk;
        chunk.text = line.toUtf8() + '\n';
        chunk.timestamp = QDateTime::currentDateTimeUtc();
        run->appendLog(chunk);
    });
    QObject::connect(job, &PushJob::finished, run, [run](const Result<docker::PushResult>& result) {
        if (!result) {
            run->finish(std::unexpected(result.error()));
            return;
        }
        BuildOutcome outcome;
        outcome.status = BuildOutcome::Status::Succeeded;
        outcome.imageReference = result->imageReference;
        outcome.digest = result->digest;
        run->finish(outcome);
    });
}

} // namespace slipway::project
