#include "build/buildhistoryview.h"

#include "build/buildhistorymodel.h"
#include "build/buildlogview.h"
#include "build/buildresultview.h"
#include "build/buildstepmodel.h"
#include "build/buildtext.h"
#include "build/cachedbadgedelegate.h"
#include "build/pushlayermodel.h"
#include "build/tableview.h"
#include "widgets/counted.h"

#include <QDesktopServices>
#include <QFile>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

namespace slipway::ui {

using project::BuildRecord;

namespace {

constexpr int kSplitUnit = 100; // QSplitter scales the sizes it is given to the space it has

QPlainTextEdit* sourceView(QWidget* parent, const char* objectName, const QString& accessibleName) {
    auto* view = new QPlainTextEdit(parent);
    view->setObjectName(QLatin1String(objectName));
    view->setAccessibleName(accessibleName);
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return view;
}

QString optionsText(const docker::BuildOptions& options) {
    QStringList parts;
    parts.append(options.dockerfile.dialect == build::DockerfileDialect::BuildKit
                     ? QStringLiteral("BuildKit")
                     : QStringLiteral("classic builder"));
    parts.append(options.dockerfile.installer == build::Installer::Uv ? QStringLiteral("uv")
                                                                      : QStringLiteral("pip"));
    parts.append(options.dockerfile.addFlytekit ? QStringLiteral("with flytekit")
                                                : QStringLiteral("without flytekit"));
    if (!options.platform.isEmpty())
        parts.append(options.platform);
    if (options.noCache)
        parts.append(QStringLiteral("no cache"));
    if (options.pull)
        parts.append(QStringLiteral("pull"));
    if (options.force)
        parts.append(QStringLiteral("forced"));
    if (options.push)
        parts.append(QStringLiteral("push"));
    for (auto it = options.buildArgs.cbegin(); it != options.buildArgs.cend(); ++it)
        parts.append(QStringLiteral("%1=%2").arg(it.key(), it.value()));
    return parts.join(QStringLiteral(", "));
}

QString summaryText(const BuildRecord& record, bool live) {
    QStringList lines;
    lines.append(
        QStringLiteral("<b>%1</b> — %2")
            .arg(record.imageReference.toHtmlEscaped(), recordStatusText(record, live).toHtmlEscaped()));
    if (!record.specFile.isEmpty())
        lines.append(QStringLiteral("Spec: %1").arg(record.specFile.toHtmlEscaped()));
    lines.append(QStringLiteral("Started %1, took %2; %3 of %4 steps from the cache")
                     .arg(QLocale().toString(record.started.toLocalTime(), QLocale::LongFormat),
                          durationText(record.durationMs()))
                     .arg(record.cachedStepCount())
                     .arg(record.steps.size()));
    lines.append(QStringLiteral("Options: %1").arg(optionsText(record.options).toHtmlEscaped()));
    return lines.join(QStringLiteral("<br>"));
}

} // namespace

BuildHistoryView::BuildHistoryView(project::BuildHistory* history, QWidget* parent)
    : QWidget(parent), m_history(history), m_model(new BuildHistoryModel(this)),
      m_list(createTableView(this, "buildHistoryList", QStringLiteral("Build history"), m_model)),
      m_problems(new QLabel(this)), m_tabs(new QTabWidget(this)), m_summary(new QLabel(this)),
      m_result(new BuildResultView(this)), m_stepModel(new BuildStepModel(this)),
      m_steps(
          createTableView(this, "historySteps", QStringLiteral("Steps of the selected build"), m_stepModel)),
      m_log(new BuildLogView(this)),
      m_dockerfile(sourceView(this, "historyDockerfile", QStringLiteral("Dockerfile of the selected build"))),
      m_spec(sourceView(this, "historySpec", QStringLiteral("ImageSpec of the selected build"))),
      m_layerModel(new PushLayerModel(this)),
      m_layers(createTableView(this, "historyLayers", QStringLiteral("Pushed layers"), m_layerModel)),
      m_delete(new QPushButton(style()->standardIcon(QStyle::SP_TrashIcon), QStringLiteral("Delete"), this)),
      m_prune(new QToolButton(this)), m_openLog(new QPushButton(style()->standardIcon(QStyle::SP_FileIcon),
                                                                QStringLiteral("Open log file"), this)) {
    setObjectName(QStringLiteral("buildHistoryView"));
    m_steps->setItemDelegateForColumn(BuildStepModel::StatusColumn, new CachedBadgeDelegate(m_steps));
    m_log->setObjectName(QStringLiteral("historyLogView"));
    m_problems->setObjectName(QStringLiteral("historyProblems"));
    m_problems->setWordWrap(true);
    m_problems->setTextFormat(Qt::PlainText);
    m_problems->hide();
    m_summary->setObjectName(QStringLiteral("historySummary"));
    m_summary->setAccessibleName(QStringLiteral("Summary of the selected build"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_tabs->setObjectName(QStringLiteral("historyTabs"));
    m_delete->setObjectName(QStringLiteral("deleteRecordButton"));
    m_delete->setAccessibleName(QStringLiteral("Delete the selected build record"));
    m_openLog->setObjectName(QStringLiteral("openLogButton"));
    m_openLog->setAccessibleName(QStringLiteral("Open the full log file"));
    m_prune->setObjectName(QStringLiteral("pruneButton"));
    m_prune->setAccessibleName(QStringLiteral("Prune the build history"));
    m_prune->setText(QStringLiteral("Prune"));
    m_prune->setPopupMode(QToolButton::InstantPopup);
    auto* pruneMenu = new QMenu(m_prune);
    QAction* keepNewest =
        pruneMenu->addAction(QStringLiteral("Keep the newest %1 builds").arg(kPruneKeepNewest));
    keepNewest->setObjectName(QStringLiteral("pruneKeepNewestAction"));
    QAction* dropOld =
        pruneMenu->addAction(QStringLiteral("Remove builds older than %1 days").arg(kPruneOlderThanDays));
    dropOld->setObjectName(QStringLiteral("pruneOlderAction"));
    m_prune->setMenu(pruneMenu);

    auto* summaryPage = new QWidget;
    summaryPage->setObjectName(QStringLiteral("historySummaryPage"));
    auto* summaryLayout = new QVBoxLayout(summaryPage);
    summaryLayout->addWidget(m_summary);
    summaryLayout->addWidget(m_result);
    summaryLayout->addStretch();
    m_tabs->addTab(summaryPage, QStringLiteral("Summary"));
    m_tabs->addTab(m_steps, QStringLiteral("Steps"));
    m_tabs->addTab(m_log, QStringLiteral("Log"));
    m_tabs->addTab(m_dockerfile, QStringLiteral("Dockerfile"));
    m_tabs->addTab(m_spec, QStringLiteral("Spec"));
    m_tabs->addTab(m_layers, QStringLiteral("Push"));

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_delete);
    buttons->addWidget(m_prune);
    buttons->addStretch();
    buttons->addWidget(m_openLog);
    auto* listPane = new QWidget;
    auto* listLayout = new QVBoxLayout(listPane);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_list, 1);
    listLayout->addWidget(m_problems);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("historySplitter"));
    splitter->addWidget(listPane);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({9 * kSplitUnit, 11 * kSplitUnit}); // room for whole image references
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter, 1);
    layout->addLayout(buttons);

    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                showRecord(current.data(BuildHistoryModel::RecordIdRole).toString());
            });
    // The stored log has no step filter: show the failed step's error line in the Log tab instead.
    connect(m_result, &BuildResultView::showFailedStepRequested, this, [this] {
        const BuildRecord* record = m_model->record(m_model->rowOf(selectedRecordId()));
        const docker::BuildStep* failed = record ? record->failedStep() : nullptr;
        if (!failed)
            return;
        m_tabs->setCurrentWidget(m_log);
        m_log->setSearchText(QStringLiteral("#%1 ERROR").arg(record->steps.indexOf(*failed) + 1));
    });
    connect(m_delete, &QPushButton::clicked, this, &BuildHistoryView::deleteSelected);
    connect(keepNewest, &QAction::triggered, this, [this] { prune(kPruneKeepNewest, {}); });
    connect(dropOld, &QAction::triggered, this,
            [this] { prune(-1, QDateTime::currentDateTimeUtc().addDays(-kPruneOlderThanDays)); });
    connect(m_openLog, &QPushButton::clicked, this, [this] {
        if (m_history && !selectedRecordId().isEmpty())
            QDesktopServices::openUrl(QUrl::fromLocalFile(m_history->logPath(selectedRecordId())));
    });
    if (m_history)
        connect(m_history, &project::BuildHistory::changed, this, &BuildHistoryView::reload);
    reload();
}

void BuildHistoryView::setFilter(const project::BuildHistory::Filter& filter) {
    m_filter = filter;
    reload();
}

void BuildHistoryView::setLiveRecordId(const QString& id) {
    m_model->setLiveRecordId(id);
}

void BuildHistoryView::reload() {
    if (!m_history)
        return;
    const QString selected = selectedRecordId();
    project::BuildHistory::Listing listing = m_history->list(m_filter);
    m_model->setRecords(std::move(listing.records));
    if (listing.problems.isEmpty()) {
        m_problems->hide();
    } else {
        m_problems->setText(
            QStringLiteral("%1 could not be read and %2 skipped: %3 %4")
                .arg(counted(listing.problems.size(), QStringLiteral("build record"),
                             QStringLiteral("build records")),
                     listing.problems.size() == 1 ? QStringLiteral("is") : QStringLiteral("are"),
                     listing.problems.first().message, listing.problems.first().fix));
        m_problems->show();
    }
    if (!selectRecord(selected) && m_model->rowCount() > 0)
        selectRecord(m_model->record(0)->id);
    if (m_model->rowCount() == 0)
        showRecord({});
}

bool BuildHistoryView::selectRecord(const QString& id) {
    const int row = id.isEmpty() ? -1 : m_model->rowOf(id);
    if (row < 0)
        return false;
    m_list->setCurrentIndex(m_model->index(row, 0));
    // Reselecting the same row emits nothing, but its record may have changed on disk.
    showRecord(id);
    return true;
}

QString BuildHistoryView::selectedRecordId() const {
    return m_list->currentIndex().data(BuildHistoryModel::RecordIdRole).toString();
}

void BuildHistoryView::showRecord(const QString& id) {
    const BuildRecord* record = m_model->record(m_model->rowOf(id));
    m_delete->setEnabled(record);
    m_openLog->setEnabled(record && m_history && QFile::exists(m_history->logPath(id)));
    m_tabs->setEnabled(record);
    if (!record) {
        m_summary->clear();
        m_result->hide();
        m_stepModel->setSteps({});
        m_layerModel->setLayers({});
        m_log->clear();
        m_dockerfile->clear();
        m_spec->clear();
        return;
    }
    m_summary->setText(summaryText(*record, id == m_model->liveRecordId()));
    m_result->setRecord(*record);
    m_stepModel->setSteps(record->steps);
    m_layerModel->setLayers(record->pushLayers);
    m_tabs->setTabVisible(m_tabs->indexOf(m_layers), !record->pushLayers.isEmpty());
    m_dockerfile->setPlainText(record->dockerfile);
    m_spec->setPlainText(record->specYaml);
    const Result<QByteArray> log = m_history->readLog(id, kShownLogBytes);
    if (log) {
        QString text = QString::fromUtf8(*log);
        if (text.endsWith(QLatin1Char('\n')))
            text.chop(1);
        m_log->setFollowing(true); // a log is read from its end, where a failure shows
        m_log->setLines(text.isEmpty() ? QStringList() : text.split(QLatin1Char('\n')));
    } else {
        m_log->setLines({log.error().describe()});
    }
}

void BuildHistoryView::deleteSelected() {
    const QString id = selectedRecordId();
    if (!m_history || id.isEmpty())
        return;
    if (auto removed = m_history->remove(id); !removed)
        Q_EMIT problem(removed.error().describe());
}

void BuildHistoryView::prune(int keepNewest, const QDateTime& olderThan) {
    if (!m_history)
        return;
    if (auto pruned = m_history->prune(keepNewest, olderThan); !pruned)
        Q_EMIT problem(pruned.error().describe());
}

} // namespace slipway::ui
