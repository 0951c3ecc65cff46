#pragma once

#include "docker/buildevents.h"
#include "project/buildrun.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

namespace slipway::ui {

// The layers of a push as a table: Layer (state icon and id), Status ("Pushing", "Already exists"),
// Progress ("45%  12.3 MB of 27.0 MB"). Follows a live BuildRun, or shows a finished record's layers.
class PushLayerModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { LayerColumn, StatusColumn, ProgressColumn, ColumnCount };

    explicit PushLayerModel(QObject* parent = nullptr);

    void setRun(project::BuildRun* run);
    void setLayers(const QList<docker::PushLayerProgress>& layers);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const QList<docker::PushLayerProgress>& layers() const;

    QPointer<project::BuildRun> m_run;
    QList<docker::PushLayerProgress> m_layers;
};

// "45%  12.3 MB of 27.0 MB", "Already exists", "" when nothing is known.
QString layerProgressText(const docker::PushLayerProgress& layer);

} // namespace slipway::ui
