#include "build/buildhistorymodel.h"

#include "build/buildtext.h"

#include <QApplication>
#include <QLocale>
#include <QStyle>

namespace slipway::ui {

BuildHistoryModel::BuildHistoryModel(QObject* parent) : QAbstractTableModel(parent) {}

void BuildHistoryModel::setRecords(QList<project::BuildRecord> records) {
    beginResetModel();
    m_records = std::move(records);
    endResetModel();
}

void BuildHistoryModel::setLiveRecordId(const QString& id) {
    m_liveId = id;
    if (!m_records.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

const project::BuildRecord* BuildHistoryModel::record(int row) const {
    return row >= 0 && row < m_records.size() ? &m_records[row] : nullptr;
}

int BuildHistoryModel::rowOf(const QString& id) const {
    for (int row = 0; row < m_records.size(); ++row) {
        if (m_records[row].id == id)
            return row;
    }
    return -1;
}

int BuildHistoryModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_records.size());
}

int BuildHistoryModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BuildHistoryModel::data(const QModelIndex& index, int role) const {
    const project::BuildRecord* item = record(index.row());
    if (!item)
        return {};
    const bool live = item->id == m_liveId;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ImageColumn:
            return item->imageReference.isEmpty() ? item->specName : item->imageReference;
        case StartedColumn:
            return QLocale().toString(item->started.toLocalTime(), QLocale::ShortFormat);
        case DurationColumn:
            return item->isFinished() || live ? durationText(item->durationMs()) : QString();
        case OutcomeColumn:
            return recordStatusText(*item, live);
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == ImageColumn)
            return outcomeIcon(item->outcome, QApplication::style());
        break;
    case Qt::ToolTipRole:
        return item->specFile.isEmpty() ? item->imageReference
                                        : QStringLiteral("%1\n%2").arg(item->imageReference, item->specFile);
    case Qt::AccessibleTextRole:
        return QStringLiteral("%1, %2, %3")
            .arg(item->imageReference, recordStatusText(*item, live),
                 QLocale().toString(item->started.toLocalTime(), QLocale::ShortFormat));
    case Qt::TextAlignmentRole:
        if (index.column() == DurationColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case RecordIdRole:
        return item->id;
    }
    return {};
}

QVariant BuildHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ImageColumn:
        return QStringLiteral("Image");
    case StartedColumn:
        return QStringLiteral("Started");
    case DurationColumn:
        return QStringLiteral("Took");
    case OutcomeColumn:
        return QStringLiteral("Outcome");
    }
    return {};
}

} // namespace slipway::ui
