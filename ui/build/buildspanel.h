#pragma once

#include <QWidget>

class QTabWidget;

namespace slipway::project {
class BuildHistory;
class BuildRun;
} // namespace slipway::project

namespace slipway::ui {

class BuildHistoryView;
class BuildPanel;

// The Builds dock: the build running now (or the last one) and the history of builds, as two tabs.
// A run that starts brings its tab forward; the history lists it as running until it ends.
class BuildsPanel : public QWidget {
    Q_OBJECT

public:
    explicit BuildsPanel(project::BuildHistory* history, QWidget* parent = nullptr);

    void showRun(project::BuildRun* run);
    void showHistory();

    BuildPanel* buildPanel() const { return m_panel; }
    BuildHistoryView* historyView() const { return m_history; }
    QTabWidget* tabs() const { return m_tabs; }

private:
    QTabWidget* m_tabs;
    BuildPanel* m_panel;
    BuildHistoryView* m_history;
};

} // namespace slipway::ui
