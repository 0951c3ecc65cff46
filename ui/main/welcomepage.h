#pragma once

#include <QWidget>

class QLabel;
class QListWidget;

namespace slipway::ui {

class EmptyState;

// What the window shows before a project is open: what Slipway does, an Open Folder button and the
// recently opened folders.
class WelcomePage : public QWidget {
    Q_OBJECT

public:
    explicit WelcomePage(QWidget* parent = nullptr);

    void setRecentFolders(const QStringList& folders);
    // A line under the button, e.g. why the last project could not be opened; empty hides it.
    void setNotice(const QString& notice);

Q_SIGNALS:
    void openFolderRequested();
    void recentFolderRequested(const QString& folder);

private:
    EmptyState* m_state;
    QLabel* m_notice;
    QLabel* m_recentTitle;
    QListWidget* m_recent;
};

} // namespace slipway::ui
