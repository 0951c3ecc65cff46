#include "build/buildstepmodel.h"

#include "build/buildtext.h"
#include "project/buildrecord.h"
#include "project/buildrun.h"

#include <QApplication>
#include <QColor>
#include <QPalette>
#include <QStyle>

namespace slipway::ui {

using docker::BuildStep;

BuildStepModel::BuildStepModel(QObject* parent) : QAbstractTableModel(parent) {}

void BuildStepModel::setRun(project::BuildRun* run) {
    beginResetModel();
    if (m_run)
        m_run->disconnect(this);
    m_run = run;
    m_steps.clear();
    endResetModel();
    if (!run)
        return;
    connect(run, &project::BuildRun::stepAdded, this, [this](int index) {
        beginInsertRows({}, index, index);
        endInsertRows();
    });
    connect(run, &project::BuildRun::stepChanged, this,
            [this](int row) { Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1)); });
    // Running steps stop when the build ends: their icons and clocks change.
    connect(run, &project::BuildRun::finished, this, [this] {
        if (rowCount() > 0)
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    });
}

void BuildStepModel::setSteps(const QList<BuildStep>& steps) {
    beginResetModel();
    if (m_run)
        m_run->disconnect(this);
    m_run = nullptr;
    m_steps = steps;
    endResetModel();
}

const QList<BuildStep>& BuildStepModel::steps() const {
    return m_run ? m_run->record().steps : m_steps;
}

bool BuildStepModel::isLive() const {
    return m_run && !m_run->isFinished();
}

const BuildStep* BuildStepModel::step(int row) const {
    return row >= 0 && row < steps().size() ? &steps()[row] : nullptr;
}

int BuildStepModel::failedRow() const {
    for (int row = 0; row < steps().size(); ++row) {
        if (steps()[row].state == BuildStep::State::Failed)
            return row;
    }
    return -1;
}

void BuildStepModel::tick() {
    for (int row = 0; row < steps().size(); ++row) {
        if (steps()[row].state == BuildStep::State::Running)
            Q_EMIT dataChanged(index(row, DurationColumn), index(row, DurationColumn), {Qt::DisplayRole});
    }
}

int BuildStepModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(steps().size());
}

int BuildStepModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BuildStepModel::data(const QModelIndex& index, int role) const {
    const BuildStep* item = step(index.row());
    if (!item)
        return {};
    // A step still "running" when the build is over was stopped by the cancel or the failure.
    const bool stopped = item->state == BuildStep::State::Running && !isLive();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StepColumn:
            return item->name;
        case StatusColumn:
            return stopped ? QStringLiteral("Stopped") : stepStateText(item->state);
        case DurationColumn:
            return item->state == BuildStep::State::Waiting ? QString()
                                                            : durationText(project::stepDurationMs(*item));
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == StepColumn)
            return stepStateIcon(stopped ? BuildStep::State::Waiting : item->state, QApplication::style());
        break;
    case Qt::ToolTipRole:
        return item->error.isEmpty() ? item->name : item->name + QStringLiteral("\n\n") + item->error;
    case Qt::AccessibleTextRole:
        return QStringLiteral("%1, %2, %3")
            .arg(item->name, stepStateText(item->state), durationText(project::stepDurationMs(*item)));
    case Qt::TextAlignmentRole:
        if (index.column() == DurationColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::BackgroundRole:
        if (item->state == BuildStep::State::Failed) {
            QColor tint(QStringLiteral("#d32f2f"));
            tint.setAlpha(48); // shows on light and dark palettes
            return tint;
        }
        break;
    case Qt::ForegroundRole:
        if (item->state == BuildStep::State::Waiting || stopped)
            return QApplication::palette().color(QPalette::Disabled, QPalette::Text);
        break;
    case StateRole:
        return static_cast<int>(item->state);
    case CachedRole:
        return item->state == BuildStep::State::Cached;
    }
    return {};
}

QVariant BuildStepModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StepColumn:
        return QStringLiteral("Step");
    case StatusColumn:
        return QStringLiteral("Status");
    case DurationColumn:
        return QStringLiteral("Time");
    }
    return {};
}

} // namespace slipway::ui
