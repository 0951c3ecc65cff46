#include "build/systemnotificationsink.h"

#include "widgets/icons.h"

#include <QApplication>
#include <QSystemTrayIcon>
#include <QTimer>

namespace slipway::ui {

namespace {
constexpr int kTrayLingerMs = 30'000; // the icon leaves the tray after the message has been seen
}

SystemNotificationSink::SystemNotificationSink(QWidget* window) : m_window(window) {}

SystemNotificationSink::~SystemNotificationSink() = default;

void SystemNotificationSink::notify(const QString& title, const QString& message, bool succeeded) {
    if (!QSystemTrayIcon::isSystemTrayAvailable() || !QSystemTrayIcon::supportsMessages()) {
        if (m_window)
            QApplication::alert(m_window->window());
        return;
    }
    if (!m_tray) {
        m_tray = std::make_unique<QSystemTrayIcon>(icon(IconName::App));
        m_tray->setToolTip(QStringLiteral("Slipway"));
        QObject::connect(m_tray.get(), &QSystemTrayIcon::messageClicked, m_tray.get(), [this] {
            if (m_window) {
                m_window->window()->showNormal();
                m_window->window()->activateWindow();
            }
        });
    }
    m_tray->show();
    m_tray->showMessage(title, message, succeeded ? QSystemTrayIcon::Information : QSystemTrayIcon::Warning);
    QTimer::singleShot(kTrayLingerMs, m_tray.get(), &QSystemTrayIcon::hide);
}

} // namespace slipway::ui
