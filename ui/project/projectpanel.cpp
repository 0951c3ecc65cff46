#include "project/projectpanel.h"

#include "check/specstatus.h"
#include "project/compactstatusdelegate.h"
#include "project/project.h"
#include "project/projecttreemodel.h"
#include "project/specstatusdelegate.h"

#include <QAction>
#include <QHeaderView>
#include <QMenu>
#include <QResizeEvent>
#include <QTreeView>
#include <QVBoxLayout>
#include <algorithm>

namespace slipway::ui {

namespace {

constexpr int kStatusColumnWidth = 110;

} // namespace

ProjectPanel::ProjectPanel(project::Project* project, QWidget* parent)
    : QWidget(parent), m_project(project), m_model(new ProjectTreeModel(project, this)),
      m_view(new QTreeView(this)),
      m_recheckAction(new QAction(QStringLiteral("Re-check Pull Access"), this)) {
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
    m_view->setItemDelegateForColumn(ProjectTreeModel::ImageStatusColumn, new SpecStatusDelegate(m_view));
    m_view->setItemDelegateForColumn(ProjectTreeModel::StatusColumn, new CompactStatusDelegate(m_view));

    QHeaderView* header = m_view->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(ProjectTreeModel::NameColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(ProjectTreeModel::ReferenceColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(ProjectTreeModel::ImageStatusColumn, QHeaderView::Fixed);
    header->setSectionResizeMode(ProjectTreeModel::StatusColumn, QHeaderView::Interactive);
    header->resizeSection(ProjectTreeModel::NameColumn, 190);
    header->resizeSection(ProjectTreeModel::StatusColumn, kStatusColumnWidth);
    fitImageStatusColumn();

    m_recheckAction->setObjectName(QStringLiteral("recheckImageAction"));
    m_recheckAction->setToolTip(
        QStringLiteral("Ask the registry again whether the cluster can pull this spec's image"));
    m_recheckAction->setEnabled(false);
    m_view->addAction(m_recheckAction);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint& position) {
        // The press already made the row under the pointer current; file rows have no menu.
        if (ProjectTreeModel::specOf(m_view->indexAt(position)) < 0)
            return;
        QMenu menu(this);
        menu.addAction(m_recheckAction);
        menu.exec(m_view->viewport()->mapToGlobal(position));
    });
    connect(m_recheckAction, &QAction::triggered, this, [this] {
        if (const QString reference = m_model->referenceOf(m_view->currentIndex()); !reference.isEmpty())
            Q_EMIT recheckRequested(reference);
    });
    // The reference of the current spec may arrive (or change) after it became current; a badge may
    // grow wider than its column.
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex& topLeft, const QModelIndex& bottomRight) {
                updateRecheckAction();
                if (topLeft.column() <= ProjectTreeModel::ImageStatusColumn &&
                    bottomRight.column() >= ProjectTreeModel::ImageStatusColumn)
                    fitImageStatusColumn();
            });

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

void ProjectPanel::setStatusSources(const project::BuildHistory* history,
                                    const project::ImageStatusStore* statuses) {
    m_model->setStatusSources(history, statuses);
    fitImageStatusColumn();
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
    fitNameColumn();
    fitImageStatusColumn();
    m_restoring = false;
    emitCurrent();
}

// Room for the longest spec name plus a gap before the next column. File rows span all columns, so
// their paths (often the longest texts) need no room there: a narrow dock keeps space for the badges.
void ProjectPanel::fitNameColumn() {
    constexpr int kGap = 16;
    int widest = 0;
    const auto& files = m_project->files();
    for (int file = 0; file < files.size(); ++file) {
        for (int spec = 0; spec < files[file].specs.size(); ++spec)
            widest = std::max(widest, m_view->sizeHintForIndex(m_model->specIndex(file, spec)).width());
    }
    if (widest == 0) {
        m_view->resizeColumnToContents(ProjectTreeModel::NameColumn);
        return;
    }
    // Spec rows sit one level down, behind the root's branch indicators.
    const int indent = m_view->indentation() * (m_view->rootIsDecorated() ? 2 : 1);
    m_view->header()->resizeSection(ProjectTreeModel::NameColumn, indent + widest + kGap);
}

void ProjectPanel::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    fitReferenceColumn();
}

void ProjectPanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        fitImageStatusColumn();
}

// As wide as the widest badge shown, so none is ever cut and a narrow dock keeps the room that the
// widest possible one ("Platform mismatch") would take while no spec has it. Hidden without sources.
void ProjectPanel::fitImageStatusColumn() {
    const bool hidden = !m_model->hasStatusSources();
    if (hidden != m_view->isColumnHidden(ProjectTreeModel::ImageStatusColumn)) {
        m_view->setColumnHidden(ProjectTreeModel::ImageStatusColumn, hidden);
        // Uniform row heights were measured without (or with) the badges: measure again.
        m_view->doItemsLayout();
    }
    const QFont font = m_view->font();
    int widest = SpecStatusDelegate::widthFor(specStatusLook(SpecStatus::NotBuilt), font);
    const auto& files = m_project->files();
    for (int file = 0; file < files.size(); ++file) {
        for (int spec = 0; spec < files[file].specs.size(); ++spec) {
            const QModelIndex cell =
                m_model->specIndex(file, spec).siblingAtColumn(ProjectTreeModel::ImageStatusColumn);
            if (const BadgeLook look = SpecStatusDelegate::lookFor(cell); !look.text.isEmpty())
                widest = std::max(widest, SpecStatusDelegate::widthFor(look, font));
        }
    }
    QHeaderView* header = m_view->header();
    if (header->sectionSize(ProjectTreeModel::ImageStatusColumn) != widest)
        header->resizeSection(ProjectTreeModel::ImageStatusColumn, widest);
    fitReferenceColumn();
}

void ProjectPanel::updateRecheckAction() {
    m_recheckAction->setEnabled(!m_model->referenceOf(m_view->currentIndex()).isEmpty());
}

// A reference squeezed to "..." next to a clipped header says nothing: in a narrow dock the column
// goes away (the editor shows the full reference, with Copy) and comes back when there is room.
// Without it, the problems column takes the room that is left, after the name and the image badge.
void ProjectPanel::fitReferenceColumn() {
    constexpr int kMinimumReferenceWidth = 140;
    QHeaderView* header = m_view->header();
    const int image = m_view->isColumnHidden(ProjectTreeModel::ImageStatusColumn)
                          ? 0
                          : header->sectionSize(ProjectTreeModel::ImageStatusColumn);
    const int status = m_narrow ? kStatusColumnWidth : header->sectionSize(ProjectTreeModel::StatusColumn);
    const int room =
        m_view->viewport()->width() - header->sectionSize(ProjectTreeModel::NameColumn) - image - status;
    const bool narrow = room < kMinimumReferenceWidth;
    m_view->setColumnHidden(ProjectTreeModel::ReferenceColumn, narrow);
    if (narrow == m_narrow)
        return;
    m_narrow = narrow;
    header->setSectionResizeMode(ProjectTreeModel::StatusColumn,
                                 narrow ? QHeaderView::Stretch : QHeaderView::Interactive);
    if (!narrow)
        header->resizeSection(ProjectTreeModel::StatusColumn, kStatusColumnWidth);
}

void ProjectPanel::emitCurrent() {
    if (m_restoring)
        return;
    updateRecheckAction();
    const QModelIndex current = m_view->currentIndex();
    Q_EMIT currentChanged(ProjectTreeModel::fileOf(current), ProjectTreeModel::specOf(current));
}

} // namespace slipway::ui
