#include "build/pushlayermodel.h"

#include "build/buildtext.h"
#include "project/buildrun.h"

#include <QApplication>
#include <QStyle>

namespace slipway::ui {

using docker::PushLayerProgress;

QString layerProgressText(const PushLayerProgress& layer) {
    if (layer.state == PushLayerProgress::State::AlreadyExists ||
        layer.state == PushLayerProgress::State::Mounted)
        return QStringLiteral("—");
    if (layer.total <= 0)
        return layer.current > 0 ? byteText(layer.current) : QString();
    const qint64 current = layer.state == PushLayerProgress::State::Pushed ? layer.total : layer.current;
    return QStringLiteral("%1%  %2 of %3")
        .arg(current * 100 / layer.total)
        .arg(byteText(current), byteText(layer.total));
}

PushLayerModel::PushLayerModel(QObject* parent) : QAbstractTableModel(parent) {}

void PushLayerModel::setRun(project::BuildRun* run) {
    beginResetModel();
    if (m_run)
        m_run->disconnect(this);
    m_run = run;
    m_layers.clear();
    endResetModel();
    if (!run)
        return;
    connect(run, &project::BuildRun::pushLayerAdded, this, [this](int row) {
        beginInsertRows({}, row, row);
        endInsertRows();
    });
    connect(run, &project::BuildRun::pushLayerChanged, this,
            [this](int row) { Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1)); });
}

void PushLayerModel::setLayers(const QList<PushLayerProgress>& layers) {
    beginResetModel();
    if (m_run)
        m_run->disconnect(this);
    m_run = nullptr;
    m_layers = layers;
    endResetModel();
}

const QList<PushLayerProgress>& PushLayerModel::layers() const {
    return m_run ? m_run->record().pushLayers : m_layers;
}

int PushLayerModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(layers().size());
}

int PushLayerModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PushLayerModel::data(const QModelIndex& index, int role) const {
    if (index.row() < 0 || index.row() >= layers().size())
        return {};
    const PushLayerProgress& layer = layers()[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case LayerColumn:
            return layer.layerId;
        case StatusColumn:
            return layerStateText(layer.state);
        case ProgressColumn:
            return layerProgressText(layer);
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == LayerColumn)
            return layerStateIcon(layer.state, QApplication::style());
        break;
    case Qt::AccessibleTextRole:
        return QStringLiteral("Layer %1, %2 %3")
            .arg(layer.layerId, layerStateText(layer.state), layerProgressText(layer));
    }
    return {};
}

QVariant PushLayerModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case LayerColumn:
        return QStringLiteral("Layer");
    case StatusColumn:
        return QStringLiteral("Status");
    case ProgressColumn:
        return QStringLiteral("Progress");
    }
    return {};
}

} // namespace slipway::ui
