#pragma once

#include <QAbstractItemModel>

namespace slipway::project {
class Project;
}

namespace slipway::ui {

// The project's spec files as parents and their ImageSpecs as children, with each spec's image
// reference and status. Observes a Project; holds no state of its own.
class ProjectTreeModel : public QAbstractItemModel {
    Q_OBJECT

public:
    enum Column { NameColumn, ReferenceColumn, StatusColumn, ColumnCount };
    enum Role { FileIndexRole = Qt::UserRole + 1, SpecIndexRole };

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

private:
    QVariant fileData(int fileIndex, int column, int role) const;
    QVariant specData(int fileIndex, int specIndex, int column, int role) const;

    const project::Project* m_project;
    QString m_modifiedFile;
};

} // namespace slipway::ui
