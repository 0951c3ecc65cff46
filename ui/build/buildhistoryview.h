#pragma once

#include "project/buildhistory.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QToolButton;
class QTreeView;

namespace slipway::ui {

class BuildHistoryModel;
class BuildLogView;
class BuildResultView;
class BuildStepModel;
class PushLayerModel;

// The builds this user ran, newest first, and the details of the selected one: its result, steps
// with timings and cache hits, full log, Dockerfile, spec snapshot and pushed layers. Delete removes
// a record, Prune keeps the newest ones or drops old ones. Reloads when the history changes.
class BuildHistoryView : public QWidget {
    Q_OBJECT

public:
    // Logs larger than this open at their end; "Open log file" shows all of it.
    static constexpr qint64 kShownLogBytes = qint64(4) * 1024 * 1024;
    static constexpr int kPruneKeepNewest = 50;
    static constexpr int kPruneOlderThanDays = 30;

    explicit BuildHistoryView(project::BuildHistory* history, QWidget* parent = nullptr);

    void setFilter(const project::BuildHistory::Filter& filter);
    // The record of the build running now, listed as running instead of interrupted.
    void setLiveRecordId(const QString& id);
    void reload();

    bool selectRecord(const QString& id);
    QString selectedRecordId() const;

Q_SIGNALS:
    // Delete / prune failed, or a record could not be read: for the Output panel or a status bar.
    void problem(const QString& message);

private:
    void showRecord(const QString& id);
    void deleteSelected();
    void prune(int keepNewest, const QDateTime& olderThan);

    QPointer<project::BuildHistory> m_history;
    project::BuildHistory::Filter m_filter;
    BuildHistoryModel* m_model;
    QTreeView* m_list;
    QLabel* m_problems;
    QTabWidget* m_tabs;
    QLabel* m_summary;
    BuildResultView* m_result;
    BuildStepModel* m_stepModel;
    QTreeView* m_steps;
    BuildLogView* m_log;
    QPlainTextEdit* m_dockerfile;
    QPlainTextEdit* m_spec;
    PushLayerModel* m_layerModel;
    QTreeView* m_layers;
    QPushButton* m_delete;
    QToolButton* m_prune;
    QPushButton* m_openLog;
};

} // namespace slipway::ui
