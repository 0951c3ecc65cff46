#pragma once

#include <QString>

namespace slipway::ui {

// Where BuildNotifier sends "your build finished": the desktop (SystemNotificationSink) or, in tests,
// a recorder.
class BuildNotificationSink {
public:
    virtual ~BuildNotificationSink() = default;
    virtual void notify(const QString& title, const QString& message, bool succeeded) = 0;
};

} // namespace slipway::ui
