#pragma once

#include "build/buildnotificationsink.h"

#include <QPointer>
#include <QWidget>
#include <memory>

class QSystemTrayIcon;

namespace slipway::ui {

// A desktop notification through the system tray when there is one; otherwise the window asks for
// attention (QApplication::alert: a blinking task bar entry).
class SystemNotificationSink : public BuildNotificationSink {
public:
    explicit SystemNotificationSink(QWidget* window);
    ~SystemNotificationSink() override;

    void notify(const QString& title, const QString& message, bool succeeded) override;

private:
    QPointer<QWidget> m_window;
    std::unique_ptr<QSystemTrayIcon> m_tray;
};

} // namespace slipway::ui
