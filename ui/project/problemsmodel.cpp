#include "project/problemsmodel.h"

#include "project/project.h"
#include "widgets/icons.h"

#include <algorithm>

namespace slipway::ui {

ProblemsModel::ProblemsModel(const project::Project* project, QObject* parent)
    : QAbstractTableModel(parent), m_project(project) {
    connect(project, &project::Project::filesAboutToChange, this, &ProblemsModel::beginResetModel);
    connect(project, &project::Project::filesChanged, this, [this] {
        rebuild();
        endResetModel();
    });
}

// Errors before warnings, then in file and line order: what blocks a build comes first.
void ProblemsModel::rebuild() {
    m_rows.clear();
    const auto& files = m_project->files();
    bool liveListed = false;
    for (int file = 0; file < files.size(); ++file) {
        if (!m_liveFile.isEmpty() && files[file].path == m_liveFile) {
            liveListed = true;
            const int spec = files[file].specs.isEmpty() ? -1 : 0;
            for (const spec::Diagnostic& diagnostic : std::as_const(m_liveDiagnostics))
                m_rows.append({file, spec, diagnostic});
            continue;
        }
        for (const spec::Diagnostic& diagnostic : files[file].diagnostics)
            m_rows.append({file, -1, diagnostic});
        for (int spec = 0; spec < files[file].specs.size(); ++spec) {
            for (const spec::Diagnostic& diagnostic : files[file].specs[spec].diagnostics)
                m_rows.append({file, spec, diagnostic});
        }
    }
    if (!m_liveFile.isEmpty() && !liveListed) {
        for (const spec::Diagnostic& diagnostic : std::as_const(m_liveDiagnostics))
            m_rows.append({-1, -1, diagnostic});
    }
    std::stable_sort(m_rows.begin(), m_rows.end(), [](const Row& a, const Row& b) {
        if (a.diagnostic.isError() != b.diagnostic.isError())
            return a.diagnostic.isError();
        if (a.file != b.file)
            return a.file < b.file;
        return a.diagnostic.position.line < b.diagnostic.position.line;
    });
}

void ProblemsModel::setLiveDiagnostics(const QString& file, const spec::Diagnostics& diagnostics) {
    beginResetModel();
    m_liveFile = file;
    m_liveDiagnostics = diagnostics;
    rebuild();
    endResetModel();
}

int ProblemsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ProblemsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProblemsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid())
        return {};
    const spec::Diagnostic& diagnostic = m_rows[index.row()].diagnostic;
    if (role == Qt::ToolTipRole)
        return diagnostic.text();
    switch (index.column()) {
    case LocationColumn:
        if (role == Qt::DisplayRole) {
            return diagnostic.position.line > 0
                       ? QStringLiteral("%1:%2").arg(diagnostic.file).arg(diagnostic.position.line)
                       : diagnostic.file;
        }
        if (role == Qt::DecorationRole)
            return icon(diagnostic.isError() ? IconName::Error : IconName::Warning);
        if (role == Qt::AccessibleDescriptionRole)
            return diagnostic.isError() ? QStringLiteral("Error") : QStringLiteral("Warning");
        return {};
    case MessageColumn:
        return role == Qt::DisplayRole ? QVariant(diagnostic.message) : QVariant();
    case FixColumn:
        return role == Qt::DisplayRole ? QVariant(diagnostic.fix) : QVariant();
    default:
        return {};
    }
}

QVariant ProblemsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case LocationColumn:
        return QStringLiteral("Location");
    case MessageColumn:
        return QStringLiteral("Problem");
    case FixColumn:
        return QStringLiteral("Fix");
    default:
        return {};
    }
}

} // namespace slipway::ui
