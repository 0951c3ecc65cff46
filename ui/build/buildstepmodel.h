#pragma once

#include "docker/buildevents.h"
#include "project/buildrun.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QPointer>

namespace slipway::ui {

// The steps of one build as a table: Step (state icon and name), Status, Duration. Follows a live
// BuildRun, or shows a finished record's steps.
class BuildStepModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { StepColumn, StatusColumn, DurationColumn, ColumnCount };
    enum Role {
        StateRole = Qt::UserRole + 1, // docker::BuildStep::State as int
        CachedRole,                   // bool: draw the CACHED badge
    };

    explicit BuildStepModel(QObject* parent = nullptr);

    void setRun(project::BuildRun* run);
    void setSteps(const QList<docker::BuildStep>& steps);

    const docker::BuildStep* step(int row) const;
    // The first failed step's row, -1 when none failed.
    int failedRow() const;
    // Refreshes the durations of running steps (their clocks tick); the owner calls it once a second.
    void tick();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const QList<docker::BuildStep>& steps() const;
    bool isLive() const;

    QPointer<project::BuildRun> m_run;
    QList<docker::BuildStep> m_steps; // when showing a record
};

} // namespace slipway::ui
