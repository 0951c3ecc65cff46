#pragma once

#include "build/buildnotificationsink.h"

#include <QObject>
#include <QPointer>
#include <QWidget>
#include <memory>

namespace slipway::project {
class BuildRun;
struct BuildRecord;
} // namespace slipway::project

namespace slipway::ui {

// Tells the user that a build ended while they were looking elsewhere: when a watched run finishes
// and `window` is not the active window, the sink gets a title and one line ("Built ghcr.io/...",
// "Build failed at [2/6] RUN ..."). Nothing is shown while the user watches the window.
class BuildNotifier : public QObject {
    Q_OBJECT

public:
    // Without a sink: SystemNotificationSink for `window`.
    explicit BuildNotifier(QWidget* window, std::unique_ptr<BuildNotificationSink> sink = nullptr,
                           QObject* parent = nullptr);
    ~BuildNotifier() override;

    void watch(project::BuildRun* run);

    static QString title(const project::BuildRecord& record);
    static QString message(const project::BuildRecord& record);

private:
    void runFinished(const project::BuildRun* run);

    QPointer<QWidget> m_window;
    std::unique_ptr<BuildNotificationSink> m_sink;
};

} // namespace slipway::ui
