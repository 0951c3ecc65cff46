#include "build/buildpanel.h"

#include "build/buildlogview.h"
#include "build/buildresultview.h"
#include "build/buildstepmodel.h"
#include "build/buildtext.h"
#include "build/cachedbadgedelegate.h"
#include "build/pushlayermodel.h"
#include "build/tableview.h"
#include "project/buildrun.h"
#include "widgets/emptystate.h"
#include "widgets/icons.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace slipway::ui {

using docker::BuildStep;
using docker::PushLayerProgress;
using project::BuildLogLine;
using project::BuildRun;

namespace {

constexpr int kProgressSteps = 1000;
constexpr int kStatusIconSize = 22;
constexpr int kSplitUnit = 1000; // QSplitter scales the sizes it is given to the space it has

QStringList texts(const QList<BuildLogLine>& lines) {
    QStringList result;
    result.reserve(lines.size());
    for (const BuildLogLine& line : lines)
        result.append(line.text);
    return result;
}

} // namespace

BuildPanel::BuildPanel(QWidget* parent)
    : QWidget(parent), m_stack(new QStackedWidget(this)), m_empty(new EmptyState(this)),
      m_statusIcon(new QLabel), m_reference(new QLabel), m_status(new QLabel), m_elapsed(new QLabel),
      m_progress(new QProgressBar), m_cancel(new QPushButton(QStringLiteral("Cancel"))),
      m_storageWarning(new QLabel), m_result(new BuildResultView), m_stepModel(new BuildStepModel(this)),
      m_steps(createTableView(this, "buildSteps", QStringLiteral("Build steps"), m_stepModel)),
      m_layerModel(new PushLayerModel(this)),
      m_layers(createTableView(this, "pushLayers", QStringLiteral("Pushed layers"), m_layerModel)),
      m_log(new BuildLogView), m_stepFilter(new QCheckBox(QStringLiteral("Only the selected step"))),
      m_clock(new QTimer(this)) {
    setObjectName(QStringLiteral("buildPanel"));
    m_empty->setObjectName(QStringLiteral("buildPanelEmpty"));
    m_empty->setTitle(QStringLiteral("No build yet"));
    m_empty->setText(QStringLiteral("Build an ImageSpec to watch its steps, cache hits and log here."));

    m_statusIcon->setObjectName(QStringLiteral("buildStatusIcon"));
    m_reference->setObjectName(QStringLiteral("buildReference"));
    m_reference->setAccessibleName(QStringLiteral("Image reference"));
    m_reference->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont referenceFont = m_reference->font();
    referenceFont.setBold(true);
    referenceFont.setPointSizeF(referenceFont.pointSizeF() * 1.15);
    m_reference->setFont(referenceFont);
    m_status->setObjectName(QStringLiteral("buildStatus"));
    m_status->setAccessibleName(QStringLiteral("Build status"));
    m_elapsed->setObjectName(QStringLiteral("buildElapsed"));
    m_elapsed->setAccessibleName(QStringLiteral("Elapsed time"));
    m_progress->setObjectName(QStringLiteral("buildProgress"));
    m_progress->setAccessibleName(QStringLiteral("Overall progress"));
    m_progress->setRange(0, kProgressSteps);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(10);
    m_cancel->setObjectName(QStringLiteral("cancelBuildButton"));
    m_cancel->setAccessibleName(QStringLiteral("Cancel the build"));
    m_cancel->setIcon(style()->standardIcon(QStyle::SP_BrowserStop));
    m_storageWarning->setObjectName(QStringLiteral("buildStorageWarning"));
    m_storageWarning->setWordWrap(true);
    m_storageWarning->setTextFormat(Qt::PlainText);
    m_storageWarning->hide();

    m_steps->setItemDelegateForColumn(BuildStepModel::StatusColumn, new CachedBadgeDelegate(m_steps));
    m_layers->hide();
    m_stepFilter->setObjectName(QStringLiteral("stepFilterCheck"));
    m_stepFilter->setAccessibleName(QStringLiteral("Show only the selected step's log"));
    m_log->addToolbarWidget(m_stepFilter);

    auto* titleRow = new QHBoxLayout;
    titleRow->addWidget(m_statusIcon);
    titleRow->addWidget(m_reference, 1);
    titleRow->addWidget(m_elapsed);
    titleRow->addWidget(m_cancel);
    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status);
    statusRow->addWidget(m_progress, 1);
    auto* header = new QVBoxLayout;
    header->setContentsMargins(8, 6, 8, 2);
    header->addLayout(titleRow);
    header->addLayout(statusRow);
    header->addWidget(m_storageWarning);

    auto* left = new QSplitter(Qt::Vertical);
    left->setObjectName(QStringLiteral("buildStepsSplitter"));
    left->addWidget(m_steps);
    left->addWidget(m_layers);
    auto* body = new QSplitter(Qt::Horizontal);
    body->setObjectName(QStringLiteral("buildPanelSplitter"));
    body->addWidget(left);
    body->addWidget(m_log);
    body->setStretchFactor(0, 2);
    body->setStretchFactor(1, 3);
    body->setSizes({2 * kSplitUnit, 3 * kSplitUnit}); // step names are long: give them room from the start

    auto* page = new QWidget;
    page->setObjectName(QStringLiteral("buildPanelPage"));
    auto* pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->setSpacing(4);
    pageLayout->addLayout(header);
    pageLayout->addWidget(m_result);
    pageLayout->addWidget(body, 1);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(page);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_cancel->setEnabled(false);
        m_cancel->setText(QStringLiteral("Cancelling…"));
        Q_EMIT cancelRequested();
    });
    connect(m_steps->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        if (m_stepFilter->isChecked())
            refillLog();
    });
    connect(m_stepFilter, &QCheckBox::toggled, this, &BuildPanel::refillLog);
    connect(m_result, &BuildResultView::showFailedStepRequested, this, [this] {
        selectStep(m_stepModel->failedRow());
        setStepFilter(true);
    });
    m_clock->setInterval(1000);
    connect(m_clock, &QTimer::timeout, this, [this] {
        updateHeader();
        m_stepModel->tick();
    });
    setRun(nullptr);
}

BuildPanel::~BuildPanel() = default;

void BuildPanel::setRun(BuildRun* run) {
    if (m_run)
        m_run->disconnect(this);
    m_run = run;
    m_stepModel->setRun(run);
    m_layerModel->setRun(run);
    m_stepFilter->setChecked(false);
    m_log->clear();
    m_storageWarning->hide();
    m_result->hide();
    m_stack->setCurrentIndex(run ? 1 : 0);
    if (!run) {
        m_clock->stop();
        return;
    }
    m_log->setLines(texts(run->logLines()));
    m_layers->setVisible(!run->record().pushLayers.isEmpty());
    connect(run, &BuildRun::linesAppended, this, &BuildPanel::showLines);
    connect(run, &BuildRun::stepAdded, this, &BuildPanel::stepChanged);
    connect(run, &BuildRun::stepChanged, this, &BuildPanel::stepChanged);
    connect(run, &BuildRun::pushLayerAdded, this, [this] {
        m_layers->show();
        updateHeader();
    });
    connect(run, &BuildRun::pushLayerChanged, this, &BuildPanel::updateHeader);
    connect(run, &BuildRun::finished, this, &BuildPanel::runFinished);
    connect(run, &BuildRun::storageFailed, this, [this](const Error& error) {
        m_storageWarning->setText(QStringLiteral("This build is not being saved to the history: %1 %2")
                                      .arg(error.message, error.fix));
        m_storageWarning->show();
    });
    m_cancel->setText(QStringLiteral("Cancel"));
    m_cancel->setEnabled(!run->isFinished());
    m_cancel->setVisible(true);
    if (run->isFinished())
        runFinished();
    else
        m_clock->start();
    if (const int failed = m_stepModel->failedRow(); failed >= 0)
        selectStep(failed);
    updateHeader();
}

void BuildPanel::setStepFilter(bool onlySelectedStep) {
    m_stepFilter->setChecked(onlySelectedStep);
}

void BuildPanel::selectStep(int index) {
    if (index < 0 || index >= m_stepModel->rowCount())
        return;
    m_steps->setCurrentIndex(m_stepModel->index(index, 0));
    m_steps->scrollTo(m_stepModel->index(index, 0));
}

int BuildPanel::selectedStep() const {
    const QModelIndex current = m_steps->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void BuildPanel::showLines(const QList<BuildLogLine>& lines) {
    if (!m_stepFilter->isChecked() || selectedStep() < 0) {
        m_log->appendLines(texts(lines));
        return;
    }
    QStringList shown;
    for (const BuildLogLine& line : lines) {
        if (line.step == selectedStep())
            shown.append(line.text);
    }
    if (!shown.isEmpty())
        m_log->appendLines(shown);
}

void BuildPanel::refillLog() {
    if (!m_run)
        return;
    const int step = selectedStep();
    if (!m_stepFilter->isChecked() || step < 0) {
        m_log->setLines(texts(m_run->logLines()));
        return;
    }
    QStringList shown;
    for (const BuildLogLine& line : m_run->logLines()) {
        if (line.step == step)
            shown.append(line.text);
    }
    m_log->setLines(shown);
}

void BuildPanel::stepChanged(int index) {
    const BuildStep* step = m_stepModel->step(index);
    // The failed step is what the user needs to see next: select it (the log filter follows).
    if (step && step->state == BuildStep::State::Failed && m_stepModel->failedRow() == index)
        selectStep(index);
    updateHeader();
}

void BuildPanel::updateHeader() {
    if (!m_run)
        return;
    const project::BuildRecord& record = m_run->record();
    m_reference->setText(record.imageReference);
    m_elapsed->setText(durationText(record.durationMs()));
    m_statusIcon->setPixmap(outcomeIcon(record.outcome, style()).pixmap(kStatusIconSize, kStatusIconSize));

    const double progress = m_run->progress();
    if (progress < 0 && !m_run->isFinished()) {
        m_progress->setRange(0, 0); // busy until the builder says how many steps there are
    } else {
        m_progress->setRange(0, kProgressSteps);
        m_progress->setValue(static_cast<int>(std::max(progress, 0.0) * kProgressSteps));
    }

    QString status;
    switch (m_run->phase()) {
    case BuildRun::Phase::NotStarted:
        status = QStringLiteral("Starting");
        break;
    case BuildRun::Phase::Building: {
        int finished = 0;
        for (const BuildStep& step : record.steps)
            finished +=
                step.state == BuildStep::State::Done || step.state == BuildStep::State::Cached ? 1 : 0;
        status = record.steps.isEmpty() ? QStringLiteral("Building: sending the build context")
                                        : QStringLiteral("Building: %1 of %2 steps, %3 cached")
                                              .arg(finished)
                                              .arg(record.steps.size())
                                              .arg(record.cachedStepCount());
        break;
    }
    case BuildRun::Phase::Pushing: {
        int complete = 0;
        qint64 bytes = 0;
        qint64 total = 0;
        for (const PushLayerProgress& layer : record.pushLayers) {
            complete += layer.state == PushLayerProgress::State::Pushed ||
                                layer.state == PushLayerProgress::State::AlreadyExists ||
                                layer.state == PushLayerProgress::State::Mounted
                            ? 1
                            : 0;
            if (layer.state == PushLayerProgress::State::Pushing ||
                layer.state == PushLayerProgress::State::Pushed) {
                bytes += layer.state == PushLayerProgress::State::Pushed ? layer.total : layer.current;
                total += layer.total;
            }
        }
        status = QStringLiteral("Pushing: %1 of %2 layers").arg(complete).arg(record.pushLayers.size());
        if (total > 0)
            status += QStringLiteral(", %1 of %2").arg(byteText(bytes), byteText(total));
        break;
    }
    case BuildRun::Phase::Finished:
        status =
            recordStatusText(record) +
            QStringLiteral(": %1 steps, %2 cached").arg(record.steps.size()).arg(record.cachedStepCount());
        break;
    }
    m_status->setText(status);
    m_progress->setAccessibleDescription(status);
}

void BuildPanel::runFinished() {
    m_clock->stop();
    m_stepModel->tick();
    m_cancel->setEnabled(false);
    m_cancel->setText(QStringLiteral("Cancel"));
    m_result->setRecord(m_run->record());
    if (const int failed = m_stepModel->failedRow(); failed >= 0)
        selectStep(failed);
    updateHeader();
}

} // namespace slipway::ui
