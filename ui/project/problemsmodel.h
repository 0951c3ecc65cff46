#pragma once

#include "spec/diagnostic.h"

#include <QAbstractTableModel>
#include <QList>

namespace slipway::project {
class Project;
}

namespace slipway::ui {

// Every diagnostic of the project in one table: where, what, and the fix.
class ProblemsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { LocationColumn, MessageColumn, FixColumn, ColumnCount };

    explicit ProblemsModel(const project::Project* project, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The file and spec a row is about; spec is -1 for problems with the file as a whole. File is -1
    // for a file being edited that the project has not listed yet.
    int fileOf(int row) const { return m_rows[row].file; }
    int specOf(int row) const { return m_rows[row].spec; }
    const spec::Diagnostic& diagnosticOf(int row) const { return m_rows[row].diagnostic; }

    // The problems of a file open in the editor, as they are now rather than as last saved; they take
    // the place of that file's scanned ones. An empty `file` shows the scan only.
    void setLiveDiagnostics(const QString& file, const spec::Diagnostics& diagnostics);

private:
    struct Row {
        int file;
        int spec;
        spec::Diagnostic diagnostic;
    };

    void rebuild();

    const project::Project* m_project;
    QList<Row> m_rows;
    QString m_liveFile;
    spec::Diagnostics m_liveDiagnostics;
};

} // namespace slipway::ui
