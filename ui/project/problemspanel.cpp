#include "project/problemspanel.h"

#include "project/problemsmodel.h"

#include <QHeaderView>
#include <QTreeView>
#include <QVBoxLayout>

namespace slipway::ui {

ProblemsPanel::ProblemsPanel(const project::Project* project, QWidget* parent)
    : QWidget(parent), m_model(new ProblemsModel(project, this)), m_view(new QTreeView(this)) {
    setObjectName(QStringLiteral("problemsPanel"));
    m_view->setObjectName(QStringLiteral("problemsView"));
    m_view->setAccessibleName(QStringLiteral("Problems"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setFrameShape(QFrame::NoFrame);
    QHeaderView* header = m_view->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(ProblemsModel::LocationColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ProblemsModel::MessageColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(ProblemsModel::FixColumn, QHeaderView::Stretch);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);

    // activated() covers double-click and Enter, as the platform defines activation.
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex& index) {
        Q_EMIT problemActivated(m_model->fileOf(index.row()), m_model->specOf(index.row()),
                                m_model->diagnosticOf(index.row()));
    });
}

} // namespace slipway::ui
