// The project tree's image status: each spec shows how far its current image got (Not built / Built /
// Pushed / Public / Private / Platform mismatch) from the real build history and pull check store on
// disk, follows them live, follows the spec's reference when the file changes, and offers Re-check.
// With SLIPWAY_SCREENSHOT_DIR set the panel is also saved as PNGs (light and dark, wide and narrow).
#include "check/specstatus.h"
#include "check/statusbadge.h"
#include "project/buildhistory.h"
#include "project/buildrecord.h"
#include "project/imagestatuses.h"
#include "project/imagestatusstore.h"
#include "project/project.h"
#include "project/projectpanel.h"
#include "project/projecttreemodel.h"
#include "project/specstatusdelegate.h"
#include "specbuilder.h"
#include "widgets/darkpalette.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <memory>

using namespace slipway;
using project::BuildRecord;
using registry::PullVerdict;
using slipway::testing::writeFile;
using ui::ProjectTreeModel;
using ui::SpecStatus;

namespace {

const QByteArray kTrainerYaml = "name: trainer\nregistry: localhost:5000/acme\npython_version: \"3.11\"\n"
                                "packages:\n  - pandas\n";
const QByteArray kServingYaml = "name: serving\nregistry: localhost:5000/acme\npython_version: \"3.12\"\n"
                                "packages:\n  - fastapi\n";
const QString kDigest = QStringLiteral("sha256:") + QString(64, QLatin1Char('c'));

BuildRecord finishedRecord(const QString& reference, bool pushed) {
    BuildRecord record;
    record.started = QDateTime::currentDateTimeUtc().addSecs(-60);
    record.finished = record.started.addSecs(42);
    record.id = BuildRecord::newId(record.started);
    record.specFile = QStringLiteral("/tmp/project/specs/trainer.yaml");
    record.specName = QStringLiteral("trainer.yaml");
    record.imageReference = reference;
    record.options.push = pushed;
    docker::BuildOutcome outcome;
    outcome.status = docker::BuildOutcome::Status::Succeeded;
    outcome.imageReference = reference;
    outcome.imageId = QStringLiteral("sha256:") + QString(64, QLatin1Char('d'));
    outcome.digest = pushed ? kDigest : QString();
    record.outcome = outcome;
    return record;
}

registry::PullCheckResult checkResult(PullVerdict verdict, const QString& reference,
                                      const QString& fix = {}) {
    registry::PullCheckResult result;
    result.verdict = verdict;
    result.reference = *registry::ImageReference::parse(reference);
    result.message = QStringLiteral("The check found the image.");
    result.digest = kDigest;
    result.fix = fix;
    result.clusterPlatforms = {*registry::Platform::parse(QStringLiteral("linux/amd64"))};
    result.imagePlatforms = result.clusterPlatforms;
    return result;
}

} // namespace

class TestProjectStatus : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_projectDir;
    QTemporaryDir m_dataDir;
    std::unique_ptr<project::Project> m_project;
    std::unique_ptr<project::BuildHistory> m_history;
    std::unique_ptr<project::ImageStatusStore> m_store;
    std::unique_ptr<ui::ProjectPanel> m_panel;

    QTreeView* tree() const { return m_panel->findChild<QTreeView*>(QStringLiteral("projectTree")); }
    const QAbstractItemModel* model() const { return tree()->model(); }

    // The image status cell of a spec, found by its name in the tree.
    QModelIndex imageCell(const QString& specName) const {
        for (int file = 0; file < model()->rowCount(); ++file) {
            const QModelIndex parent = model()->index(file, 0);
            for (int spec = 0; spec < model()->rowCount(parent); ++spec) {
                const QModelIndex name = model()->index(spec, ProjectTreeModel::NameColumn, parent);
                if (name.data().toString() == specName)
                    return name.siblingAtColumn(ProjectTreeModel::ImageStatusColumn);
            }
        }
        return {};
    }
    QString reference(const QString& specName) const {
        return imageCell(specName).siblingAtColumn(ProjectTreeModel::ReferenceColumn).data().toString();
    }
    // The status as the model exposes it to tests (the role) and to people (the text the badge shows).
    QString status(const QString& specName) const {
        const QModelIndex cell = imageCell(specName);
        const QVariant role = cell.data(ProjectTreeModel::ImageStatusRole);
        if (!role.isValid())
            return QStringLiteral("(none)");
        const QString text = ui::specStatusText(static_cast<SpecStatus>(role.toInt()));
        return text == cell.data().toString()
                   ? text
                   : QStringLiteral("role %1 != text %2").arg(text, cell.data().toString());
    }

    void waitForReferences() {
        QTRY_VERIFY(m_project->hasScanned());
        QTRY_VERIFY(
            reference(QStringLiteral("trainer")).startsWith(QStringLiteral("localhost:5000/acme/trainer:")));
        QTRY_VERIFY(
            reference(QStringLiteral("serving")).startsWith(QStringLiteral("localhost:5000/acme/serving:")));
    }

    void grabPanel(const QString& name) {
        const QString outDir = qEnvironmentVariable("SLIPWAY_SCREENSHOT_DIR");
        if (outDir.isEmpty())
            return;
        QDir().mkpath(outDir);
        const QString path = QDir(outDir).filePath(name + QStringLiteral(".png"));
        QVERIFY2(m_panel->grab().save(path), qPrintable(path));
    }

    // A tooltip as Qt shows one (rich text wraps), for people to read in the screenshots.
    void grabToolTip(const QString& text, const QString& name) {
        if (qEnvironmentVariableIsEmpty("SLIPWAY_SCREENSHOT_DIR"))
            return;
        QLabel label(text);
        label.setWordWrap(true);
        label.setMargin(6);
        label.setAutoFillBackground(true);
        label.setBackgroundRole(QPalette::ToolTipBase);
        label.setForegroundRole(QPalette::ToolTipText);
        label.adjustSize();
        const QString path =
            QDir(qEnvironmentVariable("SLIPWAY_SCREENSHOT_DIR")).filePath(name + QStringLiteral(".png"));
        QVERIFY2(label.grab().save(path), qPrintable(path));
    }

    // Every badge in the tree is as wide as its look needs and lies inside the viewport.
    void verifyBadgesWhole() {
        QTreeView* view = tree();
        QCOMPARE(view->isColumnHidden(ProjectTreeModel::ImageStatusColumn), false);
        for (const QString& spec : {QStringLiteral("trainer"), QStringLiteral("serving")}) {
            const QModelIndex cell = imageCell(spec);
            const ui::BadgeLook look = ui::SpecStatusDelegate::lookFor(cell);
            QVERIFY(!look.text.isEmpty());
            const QRect rect = view->visualRect(cell);
            QVERIFY2(rect.width() >= ui::StatusBadge::sizeFor(look, view->font()).width(),
                     qPrintable(QStringLiteral("%1: %2 < %3")
                                    .arg(spec)
                                    .arg(rect.width())
                                    .arg(ui::StatusBadge::sizeFor(look, view->font()).width())));
            QVERIFY2(rect.right() < view->viewport()->width(),
                     qPrintable(QStringLiteral("%1: badge ends at %2, viewport %3 wide (name column %4)")
                                    .arg(spec)
                                    .arg(rect.right())
                                    .arg(view->viewport()->width())
                                    .arg(view->header()->sectionSize(ProjectTreeModel::NameColumn))));
            QVERIFY(rect.height() >= ui::StatusBadge::sizeFor(look, view->font()).height());
        }
    }

private Q_SLOTS:
    void initTestCase() { QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion"))); }

    void init() {
        QVERIFY(writeFile(m_projectDir.path(), QStringLiteral("specs/trainer.yaml"), kTrainerYaml));
        QVERIFY(writeFile(m_projectDir.path(), QStringLiteral("specs/serving.yaml"), kServingYaml));
        m_project = std::make_unique<project::Project>();
        m_project->setRescanQuietPeriod(20);
        m_history = std::make_unique<project::BuildHistory>(
            QDir(m_dataDir.path()).filePath(QStringLiteral("builds")));
        m_store = std::make_unique<project::ImageStatusStore>(
            QDir(m_dataDir.path()).filePath(QStringLiteral("checks")));
        m_panel = std::make_unique<ui::ProjectPanel>(m_project.get());
        m_panel->resize(900, 300);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
        QVERIFY(m_project->open(m_projectDir.path()));
        waitForReferences();
    }

    void cleanup() {
        m_panel.reset();
        m_project.reset();
        m_store.reset();
        m_history.reset();
        QApplication::setPalette(QApplication::style()->standardPalette());
        QDir(m_projectDir.path()).removeRecursively();
        QDir().mkpath(m_projectDir.path());
        QDir(m_dataDir.path()).removeRecursively();
        QDir().mkpath(m_dataDir.path());
    }

    // How far each image got, from what the records say happened to it.
    void buildStatesFollowTheRecords() {
        using ui::SpecBuildState;
        const QString pushed = QStringLiteral("localhost:5000/acme/pushed:1");
        const QString built = QStringLiteral("localhost:5000/acme/built:1");
        const QString pushFailed = QStringLiteral("localhost:5000/acme/pushfailed:1");
        const QString buildFailed = QStringLiteral("localhost:5000/acme/buildfailed:1");
        const QString running = QStringLiteral("localhost:5000/acme/running:1");
        const QString skipped = QStringLiteral("localhost:5000/acme/skipped:1");

        BuildRecord failedPush = finishedRecord(pushFailed, true);
        failedPush.outcome->status = docker::BuildOutcome::Status::Failed;
        failedPush.outcome->digest.clear();
        failedPush.pushLayers.append(docker::PushLayerProgress{
            QStringLiteral("1a2b3c"), docker::PushLayerProgress::State::Failed, 10, 100, {}});
        BuildRecord failedBuild = finishedRecord(buildFailed, true);
        failedBuild.outcome->status = docker::BuildOutcome::Status::Failed;
        failedBuild.outcome->digest.clear();
        BuildRecord unfinished = finishedRecord(running, false);
        unfinished.outcome.reset();
        BuildRecord alreadyThere = finishedRecord(skipped, false);
        alreadyThere.outcome->status = docker::BuildOutcome::Status::SkippedExists;
        alreadyThere.outcome->digest = kDigest;

        const QHash<QString, SpecBuildState> states =
            ui::buildStatesByImage({finishedRecord(built, false), finishedRecord(pushed, true),
                                    finishedRecord(pushed, false), failedPush, failedBuild, unfinished,
                                    alreadyThere, finishedRecord(QStringLiteral("python:3.11-slim"), false)});
        QCOMPARE(states.value(pushed), SpecBuildState::Pushed); // a later local rebuild does not undo a push
        QCOMPARE(states.value(built), SpecBuildState::Built);
        QCOMPARE(states.value(pushFailed), SpecBuildState::Built); // the build had finished
        QVERIFY(!states.contains(buildFailed));
        QVERIFY(!states.contains(running));
        QCOMPARE(states.value(skipped), SpecBuildState::Pushed);
        QCOMPARE(states.value(QStringLiteral("docker.io/library/python:3.11-slim")), SpecBuildState::Built);
    }

    void withoutSourcesThereIsNoBadge() {
        QVERIFY(tree()->isColumnHidden(ProjectTreeModel::ImageStatusColumn));
        QCOMPARE(status(QStringLiteral("trainer")), QStringLiteral("(none)"));
        m_panel->setStatusSources(nullptr, nullptr);
        QVERIFY(tree()->isColumnHidden(ProjectTreeModel::ImageStatusColumn));
        QCOMPARE(status(QStringLiteral("serving")), QStringLiteral("(none)"));
        // The problems column is unchanged by all this.
        QCOMPARE(imageCell(QStringLiteral("trainer"))
                     .siblingAtColumn(ProjectTreeModel::StatusColumn)
                     .data()
                     .toString(),
                 QStringLiteral("OK"));
    }

    void showsPushedPublicAndNotBuiltAndFollowsTheSources() {
        const QString trainer = reference(QStringLiteral("trainer"));
        QVERIFY(m_history->save(finishedRecord(trainer, true)));
        m_panel->setStatusSources(m_history.get(), m_store.get());
        QVERIFY(!tree()->isColumnHidden(ProjectTreeModel::ImageStatusColumn));
        QTRY_COMPARE(status(QStringLiteral("trainer")), QStringLiteral("Pushed"));
        QCOMPARE(status(QStringLiteral("serving")), QStringLiteral("Not built"));
        QCOMPARE(imageCell(QStringLiteral("serving")).data(Qt::AccessibleTextRole).toString(),
                 QStringLiteral("Image status: Not built"));

        // A pull check of the trainer's image: the tree follows the store without being asked.
        m_store->recordCheck(trainer, checkResult(PullVerdict::Public, trainer));
        QTRY_COMPARE(status(QStringLiteral("trainer")), QStringLiteral("Public"));
        QCOMPARE(imageCell(QStringLiteral("trainer")).data(Qt::AccessibleTextRole).toString(),
                 QStringLiteral("Image status: Public"));
        QCOMPARE(imageCell(QStringLiteral("trainer")).data(ProjectTreeModel::LastVerdictRole).toInt(),
                 static_cast<int>(PullVerdict::Public));
        const QString tip = imageCell(QStringLiteral("trainer")).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("Digest: <tt>sha256:cccccccccccc…</tt>")) &&
                     tip.contains(QStringLiteral("Last pull check")) &&
                     tip.contains(QStringLiteral("Pushed from this machine")),
                 qPrintable(tip));
        QCOMPARE(status(QStringLiteral("serving")), QStringLiteral("Not built"));

        // The cluster loses access: Private, and the tooltip says what to do.
        const QString fix = QStringLiteral("Give the cluster an imagePullSecret for localhost:5000.\n"
                                           "Or make the repository public & pull anonymously.");
        m_store->recordCheck(trainer, checkResult(PullVerdict::PrivateNoAccess, trainer, fix));
        QTRY_COMPARE(status(QStringLiteral("trainer")), QStringLiteral("Private"));
        // Rich text: each line of the fix on its own line, its characters shown as written.
        const QString privateTip = imageCell(QStringLiteral("trainer")).data(Qt::ToolTipRole).toString();
        QVERIFY2(privateTip.contains(
                     QStringLiteral("localhost:5000.<br>Or make the repository public &amp; pull")),
                 qPrintable(privateTip));
        grabToolTip(privateTip, QStringLiteral("project-status-tooltip"));

        // The build history gains a build of the other spec: Built, live.
        QVERIFY(m_history->save(finishedRecord(reference(QStringLiteral("serving")), false)));
        QTRY_COMPARE(status(QStringLiteral("serving")), QStringLiteral("Built"));
        QVERIFY(imageCell(QStringLiteral("serving"))
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("Not checked yet")));

        // A build saved elsewhere (slipway-cli in a terminal, another history object) shows up too.
        project::BuildHistory elsewhere(m_history->directory());
        QVERIFY(elsewhere.save(finishedRecord(reference(QStringLiteral("serving")), true)));
        QTRY_COMPARE(status(QStringLiteral("serving")), QStringLiteral("Pushed"));

        // Statuses come back from disk in a new session.
        m_store.reset();
        m_history.reset();
        QTRY_COMPARE(status(QStringLiteral("trainer")), QStringLiteral("(none)"));
        project::BuildHistory history(QDir(m_dataDir.path()).filePath(QStringLiteral("builds")));
        project::ImageStatusStore store(QDir(m_dataDir.path()).filePath(QStringLiteral("checks")));
        m_panel->setStatusSources(&history, &store);
        QTRY_COMPARE(status(QStringLiteral("trainer")), QStringLiteral("Private"));
        QCOMPARE(status(QStringLiteral("serving")), QStringLiteral("Pushed"));
        m_panel->setStatusSources(nullptr, nullptr);
    }

    void aChangedSpecShowsTheStatusOfItsNewImage() {
        const QString before = reference(QStringLiteral("trainer"));
        QVERIFY(m_history->save(finishedRecord(before, true)));
        m_store->recordCheck(before, checkResult(PullVerdict::Public, before));
        m_panel->setStatusSources(m_history.get(), m_store.get());
        QTRY_COMPARE(status(QStringLiteral("trainer")), QStringLiteral("Public"));

        // Another package: another tag, which nobody built yet.
        QVERIFY(writeFile(m_projectDir.path(), QStringLiteral("specs/trainer.yaml"),
                          kTrainerYaml + "  - numpy\n"));
        QTRY_VERIFY(
            reference(QStringLiteral("trainer")) != before &&
            reference(QStringLiteral("trainer")).startsWith(QStringLiteral("localhost:5000/acme/trainer:")));
        QTRY_COMPARE(status(QStringLiteral("trainer")), QStringLiteral("Not built"));

        // Back to the old contents: the old image's status again.
        QVERIFY(writeFile(m_projectDir.path(), QStringLiteral("specs/trainer.yaml"), kTrainerYaml));
        QTRY_COMPARE(reference(QStringLiteral("trainer")), before);
        QTRY_COMPARE(status(QStringLiteral("trainer")), QStringLiteral("Public"));
    }

    void recheckAsksForTheCurrentSpecsImage() {
        m_panel->setStatusSources(m_history.get(), m_store.get());
        QAction* recheck = m_panel->findChild<QAction*>(QStringLiteral("recheckImageAction"));
        QVERIFY(recheck);
        QSignalSpy requested(m_panel.get(), &ui::ProjectPanel::recheckRequested);

        tree()->setCurrentIndex(model()->index(0, 0)); // a file row: nothing to check
        QVERIFY(!recheck->isEnabled());

        tree()->setCurrentIndex(imageCell(QStringLiteral("serving")).siblingAtColumn(0));
        QVERIFY(recheck->isEnabled());
        recheck->trigger();
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.first().first().toString(), reference(QStringLiteral("serving")));
    }

    void badgesAreWholeInANarrowDockInLightAndDark() {
        const QString trainer = reference(QStringLiteral("trainer"));
        QVERIFY(m_history->save(finishedRecord(trainer, true)));
        m_store->recordCheck(trainer, checkResult(PullVerdict::PlatformMismatch, trainer,
                                                  QStringLiteral("Build for linux/amd64 as well.")));
        m_panel->setStatusSources(m_history.get(), m_store.get());
        QTRY_COMPARE(status(QStringLiteral("trainer")), QStringLiteral("Platform mismatch"));
        QTRY_COMPARE(status(QStringLiteral("serving")), QStringLiteral("Not built"));

        // The selected row too: its badge must read on the selection colour.
        tree()->setCurrentIndex(imageCell(QStringLiteral("trainer")).siblingAtColumn(0));
        for (const bool dark : {false, true}) {
            const QPalette palette = dark ? ui::darkPalette() : QApplication::style()->standardPalette();
            QApplication::setPalette(palette);
            QTRY_COMPARE(tree()->viewport()->palette().color(QPalette::Base), palette.color(QPalette::Base));
            const QString theme = dark ? QStringLiteral("dark") : QStringLiteral("light");

            m_panel->resize(900, 240);
            QTRY_VERIFY(!tree()->isColumnHidden(ProjectTreeModel::ReferenceColumn));
            QTRY_VERIFY(!tree()->horizontalScrollBar()->isVisible());
            verifyBadgesWhole();
            QVERIFY(!QTest::currentTestFailed());
            grabPanel(QStringLiteral("project-status-wide-") + theme);

            // A dock at 27% of a 1280 px wide window: the reference goes, every badge stays whole.
            m_panel->resize(345, 240);
            QTRY_VERIFY(tree()->isColumnHidden(ProjectTreeModel::ReferenceColumn));
            QTRY_VERIFY(!tree()->horizontalScrollBar()->isVisible());
            verifyBadgesWhole();
            QVERIFY(!QTest::currentTestFailed());
            grabPanel(QStringLiteral("project-status-narrow-") + theme);
        }

        // The column is as wide as the badges shown: without the long one, 27% of a 1024 px window
        // has room for every badge.
        m_store->recordCheck(trainer, checkResult(PullVerdict::Public, trainer));
        QTRY_COMPARE(status(QStringLiteral("trainer")), QStringLiteral("Public"));
        m_panel->resize(276, 240);
        QTRY_VERIFY(tree()->isColumnHidden(ProjectTreeModel::ReferenceColumn));
        QTRY_VERIFY(!tree()->horizontalScrollBar()->isVisible());
        verifyBadgesWhole();
        QVERIFY(!QTest::currentTestFailed());
        grabPanel(QStringLiteral("project-status-1024-dark"));
    }
};

QTEST_MAIN(TestProjectStatus)
#include "tst_projectstatus.moc"
