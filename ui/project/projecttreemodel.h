#pragma once

#include "project/imagestatuses.h"

#include <QAbstractItemModel>

namespace slipway::project {
class BuildHistory;
class ImageStatusStore;
class Project;
} // namespace slipway::project

namespace slipway::ui {

// The project's spec files as parents and their ImageSpecs as children, with each spec's image
// reference, problems and image status. Observes a Project and, when given, the build history and the
// pull check results; holds no state of its own.
class ProjectTreeModel : public QAbstractItemModel {
    Q_OBJECT

public:
    // StatusColumn: problems of the spec; ImageStatusColumn: how far its image got (a badge).
    enum Column { NameColumn, ReferenceColumn, ImageStatusColumn, StatusColumn, ColumnCount };
    enum Role {
        FileIndexRole = Qt::UserRole + 1,
        SpecIndexRole,
        ImageStatusRole,     // SpecStatus as int; invalid while unknown (no sources, no reference yet)
        ImageBuildStateRole, // SpecBuildState as int
        LastVerdictRole,     // registry::PullVerdict as int; invalid when never checked
    };

    explicit ProjectTreeModel(const project::Project* project, QObject* parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    QModelIndex fileIndex(int fileIndex) const;
    QModelIndex specIndex(int fileIndex, int specIndex) const;
    // -1 when the index is not a file row or spec row respectively.
    static int fileOf(const QModelIndex& index);
    static int specOf(const QModelIndex& index);

    // The file with unsaved edits in the editor (relative path, as ProjectFile::path), marked with a
    // "*" in the tree; empty for none.
    void setModifiedFile(const QString& path);

    // Where image statuses come from; either may be null (then the status column stays empty).
    void setStatusSources(const project::BuildHistory* history, const project::ImageStatusStore* statuses);
    bool hasStatusSources() const { return m_imageStatuses->hasSources(); }
    // The spec's current image reference when it is known, else empty.
    QString referenceOf(const QModelIndex& index) const;

private:
    void imageStatusesChanged();
    QVariant imageStatusData(const QString& reference, int role) const;
    QVariant fileData(int fileIndex, int column, int role) const;
    QVariant specData(int fileIndex, int specIndex, int column, int role) const;

    const project::Project* m_project;
    QString m_modifiedFile;
    ImageStatuses* m_imageStatuses;
};

} // namespace slipway::ui
