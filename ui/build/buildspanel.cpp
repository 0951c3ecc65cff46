#include "build/buildspanel.h"

#include "build/buildhistoryview.h"
#include "build/buildpanel.h"
#include "project/buildrun.h"

#include <QTabWidget>
#include <QVBoxLayout>

namespace slipway::ui {

BuildsPanel::BuildsPanel(project::BuildHistory* history, QWidget* parent)
    : QWidget(parent), m_tabs(new QTabWidget(this)), m_panel(new BuildPanel(this)),
      m_history(new BuildHistoryView(history, this)) {
    setObjectName(QStringLiteral("buildsPanel"));
    m_tabs->setObjectName(QStringLiteral("buildsTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_panel, QStringLiteral("Current Build"));
    m_tabs->addTab(m_history, QStringLiteral("History"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
}

void BuildsPanel::showRun(project::BuildRun* run) {
    m_panel->setRun(run);
    m_tabs->setCurrentWidget(m_panel);
    if (!run)
        return;
    m_history->setLiveRecordId(run->record().id);
    connect(run, &project::BuildRun::finished, m_history, [this] {
        m_history->setLiveRecordId({});
        m_history->reload();
    });
}

void BuildsPanel::showHistory() {
    m_tabs->setCurrentWidget(m_history);
}

} // namespace slipway::ui
