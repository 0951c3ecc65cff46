#pragma once

#include "project/buildrecord.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>

namespace slipway::ui {

// Build records as a table, newest first: Image (outcome icon and reference), Started, Duration,
// Outcome.
class BuildHistoryModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { ImageColumn, StartedColumn, DurationColumn, OutcomeColumn, ColumnCount };
    enum Role { RecordIdRole = Qt::UserRole + 1 };

    explicit BuildHistoryModel(QObject* parent = nullptr);

    void setRecords(QList<project::BuildRecord> records);
    // The build running in this session, listed as "Running" rather than "Interrupted".
    void setLiveRecordId(const QString& id);
    QString liveRecordId() const { return m_liveId; }

    const project::BuildRecord* record(int row) const;
    int rowOf(const QString& id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<project::BuildRecord> m_records;
    QString m_liveId;
};

} // namespace slipway::ui
