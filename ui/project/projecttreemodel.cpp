#include "project/projecttreemodel.h"

#include "project/project.h"
#include "widgets/counted.h"
#include "widgets/icons.h"

#include <QDir>
#include <QFont>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QPalette>

namespace slipway::ui {

using project::ProblemCount;
using project::ReferenceStatus;

namespace {

// Spec rows carry their file's index + 1 as internal id; file rows carry 0.
constexpr quintptr kFileRowId = 0;

QString problemSummary(const ProblemCount& count) {
    QStringList parts;
    if (count.errors > 0)
        parts.append(counted(count.errors, QStringLiteral("error"), QStringLiteral("errors")));
    if (count.warnings > 0)
        parts.append(counted(count.warnings, QStringLiteral("warning"), QStringLiteral("warnings")));
    return parts.join(QStringLiteral(", "));
}

struct StatusCell {
    QString text;
    QString toolTip;
    std::optional<IconName> icon;
};

StatusCell specStatus(const project::SpecEntry& entry, const ReferenceStatus& reference) {
    ProblemCount count;
    count.add(entry.diagnostics);
    const QString problems = problemSummary(count);
    const QString details =
        problems.isEmpty() ? QString() : QStringLiteral("%1 — see Problems").arg(problems);
    // The cell is narrow: the worst news only; the tooltip and Problems have the rest.
    if (count.errors > 0)
        return {counted(count.errors, QStringLiteral("error"), QStringLiteral("errors")), details,
                IconName::Error};
    if (reference.state == ReferenceStatus::State::Failed)
        return {reference.message, reference.message, IconName::Error};
    if (reference.state == ReferenceStatus::State::Unavailable)
        return {reference.message, reference.message, IconName::Warning};
    if (count.warnings > 0)
        return {problems, details, IconName::Warning};
    if (reference.state == ReferenceStatus::State::Ready)
        return {QStringLiteral("OK"), QStringLiteral("No problems found"), IconName::Ok};
    return {};
}

QVariant statusData(const StatusCell& cell, int role) {
    switch (role) {
    case Qt::DisplayRole:
        return cell.text;
    case Qt::ToolTipRole:
        return cell.toolTip.isEmpty() ? QVariant() : cell.toolTip;
    case Qt::DecorationRole:
        return cell.icon ? QVariant(icon(*cell.icon)) : QVariant();
    default:
        return {};
    }
}

} // namespace

ProjectTreeModel::ProjectTreeModel(const project::Project* project, QObject* parent)
    : QAbstractItemModel(parent), m_project(project), m_imageStatuses(new ImageStatuses(this)) {
    connect(m_imageStatuses, &ImageStatuses::changed, this, &ProjectTreeModel::imageStatusesChanged);
    connect(project, &project::Project::filesAboutToChange, this, &ProjectTreeModel::beginResetModel);
    connect(project, &project::Project::filesChanged, this, &ProjectTreeModel::endResetModel);
    connect(project, &project::Project::referenceChanged, this, [this](int file, int spec) {
        const QModelIndex first = specIndex(file, spec);
        Q_EMIT dataChanged(first.siblingAtColumn(ReferenceColumn), first.siblingAtColumn(StatusColumn));
    });
}

QModelIndex ProjectTreeModel::index(int row, int column, const QModelIndex& parent) const {
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, kFileRowId);
    return createIndex(row, column, static_cast<quintptr>(parent.row()) + 1);
}

QModelIndex ProjectTreeModel::parent(const QModelIndex& child) const {
    if (!child.isValid() || child.internalId() == kFileRowId)
        return {};
    return createIndex(static_cast<int>(child.internalId() - 1), 0, kFileRowId);
}

int ProjectTreeModel::rowCount(const QModelIndex& parent) const {
    const auto& files = m_project->files();
    if (!parent.isValid())
        return static_cast<int>(files.size());
    if (parent.column() != 0 || parent.internalId() != kFileRowId)
        return 0;
    return static_cast<int>(files[parent.row()].specs.size());
}

int ProjectTreeModel::columnCount(const QModelIndex&) const {
    return ColumnCount;
}

QVariant ProjectTreeModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid())
        return {};
    const int file = fileOf(index);
    if (role == FileIndexRole)
        return file;
    if (role == SpecIndexRole)
        return specOf(index);
    const int spec = specOf(index);
    return spec < 0 ? fileData(file, index.column(), role) : specData(file, spec, index.column(), role);
}

// File rows span the whole width (the path is often the longest text in the tree), so what is wrong
// with the file as a whole shows as its icon and tooltip; the Problems dock has the details.
void ProjectTreeModel::setModifiedFile(const QString& path) {
    if (path == m_modifiedFile)
        return;
    const QString old = std::exchange(m_modifiedFile, path);
    const auto& files = m_project->files();
    for (int row = 0; row < files.size(); ++row) {
        if (files[row].path == old || files[row].path == path)
            Q_EMIT dataChanged(index(row, NameColumn), index(row, NameColumn));
    }
}

QVariant ProjectTreeModel::fileData(int fileIndex, int column, int role) const {
    const project::ProjectFile& file = m_project->files()[fileIndex];
    if (column != NameColumn)
        return {};
    const bool modified = !m_modifiedFile.isEmpty() && file.path == m_modifiedFile;
    switch (role) {
    case Qt::DisplayRole:
        return modified ? file.path + QStringLiteral(" *") : file.path;
    case Qt::FontRole: {
        if (!modified)
            return {};
        QFont font;
        font.setItalic(true);
        return font;
    }
    case Qt::AccessibleDescriptionRole:
        return modified ? QStringLiteral("unsaved changes") : QVariant();
    case Qt::ToolTipRole: {
        QStringList lines{QDir::toNativeSeparators(QDir(m_project->folder()).filePath(file.path))};
        for (const spec::Diagnostic& diagnostic : file.diagnostics)
            lines.append(diagnostic.text());
        return lines.join(QLatin1Char('\n'));
    }
    case Qt::DecorationRole: {
        ProblemCount count;
        count.add(file.diagnostics);
        if (count.errors > 0)
            return icon(IconName::Error);
        return icon(count.warnings > 0 ? IconName::Warning : IconName::File);
    }
    default:
        return {};
    }
}

QVariant ProjectTreeModel::specData(int fileIndex, int specIndex, int column, int role) const {
    const project::ProjectFile& file = m_project->files()[fileIndex];
    const project::SpecEntry& entry = file.specs[specIndex];
    const ReferenceStatus reference = m_project->referenceStatus(fileIndex, specIndex);
    switch (column) {
    case NameColumn:
        if (role == Qt::DisplayRole)
            return entry.displayName();
        if (role == Qt::DecorationRole)
            return icon(file.source == project::SpecSource::Python ? IconName::SpecPython
                                                                   : IconName::SpecYaml);
        if (role == Qt::ToolTipRole) {
            const int line = entry.spec.origin().position.line;
            return QStringLiteral("ImageSpec in %1%2")
                .arg(file.path, line > 0 ? QStringLiteral(":%1").arg(line) : QString());
        }
        return {};
    case ReferenceColumn:
        if (role == Qt::DisplayRole) {
            if (reference.state == ReferenceStatus::State::Computing)
                return QStringLiteral("computing…");
            return reference.state == ReferenceStatus::State::Ready ? reference.reference
                                                                    : QStringLiteral("—");
        }
        if (role == Qt::ToolTipRole)
            return reference.state == ReferenceStatus::State::Ready ? reference.reference : reference.message;
        if (role == Qt::FontRole && reference.state == ReferenceStatus::State::Ready)
            return QFontDatabase::systemFont(QFontDatabase::FixedFont);
        if (role == Qt::ForegroundRole && reference.state != ReferenceStatus::State::Ready)
            return QGuiApplication::palette().brush(QPalette::PlaceholderText);
        return {};
    case ImageStatusColumn:
        return imageStatusData(
            reference.state == ReferenceStatus::State::Ready ? reference.reference : QString(), role);
    case StatusColumn:
        return statusData(specStatus(entry, reference), role);
    default:
        return {};
    }
}

void ProjectTreeModel::setStatusSources(const project::BuildHistory* history,
                                        const project::ImageStatusStore* statuses) {
    m_imageStatuses->setSources(history, statuses);
    imageStatusesChanged();
}

QString ProjectTreeModel::referenceOf(const QModelIndex& index) const {
    const int spec = specOf(index);
    if (spec < 0)
        return {};
    const ReferenceStatus reference = m_project->referenceStatus(fileOf(index), spec);
    return reference.state == ReferenceStatus::State::Ready ? reference.reference : QString();
}

// Any spec's image may be the one that changed, and there are few specs: all their cells repaint.
void ProjectTreeModel::imageStatusesChanged() {
    for (int file = 0; file < rowCount(); ++file) {
        const QModelIndex parent = fileIndex(file);
        if (const int specs = rowCount(parent); specs > 0)
            Q_EMIT dataChanged(index(0, ImageStatusColumn, parent),
                               index(specs - 1, ImageStatusColumn, parent));
    }
}

QVariant ProjectTreeModel::imageStatusData(const QString& reference, int role) const {
    const std::optional<ImageStatus> status = m_imageStatuses->status(reference);
    if (!status)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return specStatusText(status->status);
    case Qt::AccessibleTextRole:
        return QStringLiteral("Image status: %1").arg(specStatusText(status->status));
    case Qt::ToolTipRole:
        return status->toolTip(reference);
    case ImageStatusRole:
        return static_cast<int>(status->status);
    case ImageBuildStateRole:
        return static_cast<int>(status->build);
    case LastVerdictRole:
        return status->lastCheck ? QVariant(static_cast<int>(status->lastCheck->verdict)) : QVariant();
    default:
        return {};
    }
}

QVariant ProjectTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == StatusColumn)
        return QStringLiteral("Problems in the spec: errors and warnings (the Problems panel lists them)");
    if (role == Qt::ToolTipRole && section == ImageStatusColumn)
        return QStringLiteral("How far the spec's current image got: built, pushed, and who can pull it");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return QStringLiteral("Name");
    case ReferenceColumn:
        return QStringLiteral("Image reference");
    case ImageStatusColumn:
        return QStringLiteral("Image");
    case StatusColumn:
        // No title: in a narrow dock the column shrinks to its icons, and a title would be cut; the
        // tool tip says what the column shows.
        return QString();
    default:
        return {};
    }
}

QModelIndex ProjectTreeModel::fileIndex(int fileIndex) const {
    return index(fileIndex, NameColumn);
}

QModelIndex ProjectTreeModel::specIndex(int fileIndex, int specIndex) const {
    return index(specIndex, NameColumn, this->fileIndex(fileIndex));
}

int ProjectTreeModel::fileOf(const QModelIndex& index) {
    if (!index.isValid())
        return -1;
    return index.internalId() == kFileRowId ? index.row() : static_cast<int>(index.internalId() - 1);
}

int ProjectTreeModel::specOf(const QModelIndex& index) {
    if (!index.isValid() || index.internalId() == kFileRowId)
        return -1;
    return index.row();
}

} // namespace slipway::ui
