#pragma once

#include "project/buildrun.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTimer;
class QTreeView;

namespace slipway::ui {

class BuildLogView;
class BuildResultView;
class BuildStepModel;
class EmptyState;
class PushLayerModel;

// Watches one build as it happens: a header with the image reference, status, elapsed time, overall
// progress and Cancel; the steps (cached / running / done / failed, durations; a failed step is
// selected by itself); the log, following the output, searchable, optionally only the selected
// step's; the layers of a push; at the end the result (reference and digest, or the failing step,
// its last lines and the fix). Holds no build logic: it observes a project::BuildRun and turns the
// Cancel click into cancelRequested(), which the owner connects to the job's cancel().
class BuildPanel : public QWidget {
    Q_OBJECT

public:
    explicit BuildPanel(QWidget* parent = nullptr);
    ~BuildPanel() override;

    // The run to show (not owned; may be finished already). nullptr shows the empty state.
    void setRun(project::BuildRun* run);
    project::BuildRun* run() const { return m_run; }

    BuildLogView* logView() const { return m_log; }
    // Only the selected step's lines in the log.
    void setStepFilter(bool onlySelectedStep);
    void selectStep(int index);
    int selectedStep() const;

Q_SIGNALS:
    void cancelRequested();

private:
    void showLines(const QList<project::BuildLogLine>& lines);
    void refillLog();
    void updateHeader();
    void stepChanged(int index);
    void runFinished();

    QPointer<project::BuildRun> m_run;
    QStackedWidget* m_stack;
    EmptyState* m_empty;
    QLabel* m_statusIcon;
    QLabel* m_reference;
    QLabel* m_status;
    QLabel* m_elapsed;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    QLabel* m_storageWarning;
    BuildResultView* m_result;
    BuildStepModel* m_stepModel;
    QTreeView* m_steps;
    PushLayerModel* m_layerModel;
    QTreeView* m_layers;
    BuildLogView* m_log;
    QCheckBox* m_stepFilter;
    QTimer* m_clock;
};

} // namespace slipway::ui
