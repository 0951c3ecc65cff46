#include "build/buildnotifier.h"

#include "build/systemnotificationsink.h"
#include "project/buildrun.h"

namespace slipway::ui {

using docker::BuildOutcome;

BuildNotifier::BuildNotifier(QWidget* window, std::unique_ptr<BuildNotificationSink> sink, QObject* parent)
    : QObject(parent), m_window(window),
      m_sink(sink ? std::move(sink) : std::make_unique<SystemNotificationSink>(window)) {}

BuildNotifier::~BuildNotifier() = default;

void BuildNotifier::watch(project::BuildRun* run) {
    connect(run, &project::BuildRun::finished, this, [this, run] { runFinished(run); });
}

void BuildNotifier::runFinished(const project::BuildRun* run) {
    if (m_window && m_window->window()->isActiveWindow())
        return;
    const project::BuildRecord& record = run->record();
    const bool succeeded = record.outcome && (record.outcome->status == BuildOutcome::Status::Succeeded ||
                                              record.outcome->status == BuildOutcome::Status::SkippedExists);
    m_sink->notify(title(record), message(record), succeeded);
}

QString BuildNotifier::title(const project::BuildRecord& record) {
    const QString action = record.options.push ? QStringLiteral("Build and push") : QStringLiteral("Build");
    if (!record.outcome)
        return action + QStringLiteral(" stopped");
    switch (record.outcome->status) {
    case BuildOutcome::Status::Succeeded:
        return action + QStringLiteral(" succeeded");
    case BuildOutcome::Status::SkippedExists:
        return QStringLiteral("Image already exists");
    case BuildOutcome::Status::Failed:
        return action + QStringLiteral(" failed");
    case BuildOutcome::Status::Cancelled:
        return action + QStringLiteral(" cancelled");
    }
    return action;
}

QString BuildNotifier::message(const project::BuildRecord& record) {
    if (!record.outcome)
        return record.imageReference;
    const BuildOutcome& outcome = *record.outcome;
    switch (outcome.status) {
    case BuildOutcome::Status::Succeeded:
    case BuildOutcome::Status::SkippedExists:
    case BuildOutcome::Status::Cancelled:
        return outcome.imageReference;
    case BuildOutcome::Status::Failed:
        break;
    }
    if (!outcome.failedStep.isEmpty())
        return QStringLiteral("Failed at %1").arg(outcome.failedStep);
    return outcome.error.message;
}

} // namespace slipway::ui
