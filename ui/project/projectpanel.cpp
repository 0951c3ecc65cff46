#include "project/projectpanel.h"

#include "project/project.h"
#include "project/projecttreemodel.h"

#include <QHeaderView>
#include <QResizeEvent>
#include <QTreeView>
#include <QVBoxLayout>

namespace slipway::ui {

ProjectPanel::ProjectPanel(project::Project* project, QWidget* parent)
    : QWidget(parent), m_project(project), m_model(new ProjectTreeModel(project, this)),
      m_view(new QTreeView(this)) {
    setObjectName(QStringLiteral("projectPanel"));
    m_view->setObjectName(QStringLiteral("projectTree"));
    m_view->setAccessibleName(QStringLiteral("Project ImageSpecs"));
    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(false);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setMinimumWidth(260);

    QHeaderView* header = m_view->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(ProjectTreeModel::NameColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(ProjectTreeModel::ReferenceColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(ProjectTreeModel::StatusColumn, QHeaderView::Interactive);
    header->resizeSection(ProjectTreeModel::NameColumn, 190);
    header->resizeSection(ProjectTreeModel::StatusColumn, 110);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);

    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, &ProjectPanel::rememberPlace);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ProjectPanel::restorePlace);
    // By path, not by the shown text, which carries the unsaved-changes mark.
    connect(m_view, &QTreeView::collapsed, this, [this](const QModelIndex& index) {
        if (const int file = ProjectTreeModel::fileOf(index); file >= 0)
            m_collapsedFiles.insert(m_project->files()[file].path);
    });
    connect(m_view, &QTreeView::expanded, this, [this](const QModelIndex& index) {
        if (const int file = ProjectTreeModel::fileOf(index); file >= 0)
            m_collapsedFiles.remove(m_project->files()[file].path);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &ProjectPanel::emitCurrent);
    connect(project, &project::Project::folderChanged, this, [this] { m_collapsedFiles.clear(); });
}

void ProjectPanel::selectSpec(int fileIndex, int specIndex) {
    const QModelIndex index = m_model->specIndex(fileIndex, specIndex);
    if (!index.isValid())
        return;
    m_view->expand(index.parent());
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
}

void ProjectPanel::selectFile(int fileIndex) {
    const QModelIndex index = m_model->fileIndex(fileIndex);
    if (!index.isValid())
        return;
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
}

int ProjectPanel::fileIndexOf(const QString& path) const {
    const auto& files = m_project->files();
    for (int file = 0; file < files.size(); ++file)
        if (files[file].path == path)
            return file;
    return -1;
}

void ProjectPanel::setModifiedFile(const QString& path) {
    m_model->setModifiedFile(path);
}

bool ProjectPanel::selectFirstSpec() {
    const auto& files = m_project->files();
    for (int file = 0; file < files.size(); ++file) {
        if (!files[file].specs.isEmpty()) {
            selectSpec(file, 0);
            return true;
        }
    }
    return false;
}

void ProjectPanel::rememberPlace() {
    const QModelIndex current = m_view->currentIndex();
    const int file = ProjectTreeModel::fileOf(current);
    const int spec = ProjectTreeModel::specOf(current);
    m_currentFile = file >= 0 ? m_project->files()[file].path : QString();
    m_currentSpecIndex = spec;
    m_currentSpec = spec >= 0 ? m_project->files()[file].specs[spec].displayName() : QString();
}

// A spec is found again by name in the same file; if it was renamed, by its position there. Listeners
// hear about the current row once, at the end, even when it is the same row as before: its data changed.
void ProjectPanel::restorePlace() {
    m_restoring = true;
    const auto& files = m_project->files();
    int currentFile = -1;
    for (int file = 0; file < files.size(); ++file) {
        m_view->setFirstColumnSpanned(file, {}, true);
        m_view->setExpanded(m_model->fileIndex(file), !m_collapsedFiles.contains(files[file].path));
        if (files[file].path == m_currentFile)
            currentFile = file;
    }
    if (currentFile >= 0) {
        const auto& specs = files[currentFile].specs;
        int currentSpec = -1;
        for (int spec = 0; spec < specs.size() && !m_currentSpec.isEmpty(); ++spec) {
            if (specs[spec].displayName() == m_currentSpec)
                currentSpec = spec;
        }
        if (currentSpec < 0 && m_currentSpecIndex >= 0 && m_currentSpecIndex < specs.size())
            currentSpec = m_currentSpecIndex;
        if (currentSpec >= 0)
            selectSpec(currentFile, currentSpec);
        else
            selectFile(currentFile);
    }
    // Room for the longest spec name plus a gap before the reference; file rows span all columns.
    m_view->resizeColumnToContents(ProjectTreeModel::NameColumn);
    QHeaderView* header = m_view->header();
    header->resizeSection(ProjectTreeModel::NameColumn,
                          header->sectionSize(ProjectTreeModel::NameColumn) + 16);
    fitReferenceColumn();
    m_restoring = false;
    emitCurrent();
}

void ProjectPanel::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    fitReferenceColumn();
}

// A reference squeezed to "..." next to a clipped header says nothing: in a narrow dock the column
// goes away (the editor shows the full reference, with Copy) and comes back when there is room.
void ProjectPanel::fitReferenceColumn() {
    constexpr int kMinimumReferenceWidth = 140;
    const QHeaderView* header = m_view->header();
    const int room = m_view->viewport()->width() - header->sectionSize(ProjectTreeModel::NameColumn) -
                     header->sectionSize(ProjectTreeModel::StatusColumn);
    m_view->setColumnHidden(ProjectTreeModel::ReferenceColumn, room < kMinimumReferenceWidth);
}

void ProjectPanel::emitCurrent() {
    if (m_restoring)
        return;
    const QModelIndex current = m_view->currentIndex();
    Q_EMIT currentChanged(ProjectTreeModel::fileOf(current), ProjectTreeModel::specOf(current));
}

} // namespace slipway::ui
