#include "build/buildhistoryview.h"
#include "build/buildlogview.h"
#include "build/buildnotifier.h"
#include "build/buildpanel.h"
#include "build/buildresultview.h"
#include "build/buildstepmodel.h"
#include "buildpanelscenario.h"
#include "project/buildhistory.h"
#include "project/buildrun.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QToolButton>
#include <QTreeView>
#include <memory>

using namespace slipway;
using slipway::testing::BuildScenario;
using slipway::testing::kScenarioDigest;
using slipway::testing::kScenarioFix;
using slipway::testing::kScenarioReference;
using ui::BuildPanel;
using ui::BuildStepModel;

namespace {

// What the notifier would have shown on the desktop.
class RecordingSink : public ui::BuildNotificationSink {
public:
    explicit RecordingSink(QStringList* shown) : m_shown(shown) {}
    void notify(const QString& title, const QString& message, bool succeeded) override {
        m_shown->append(QStringLiteral("%1|%2|%3").arg(title, message, succeeded ? "ok" : "failed"));
    }

private:
    QStringList* m_shown;
};

QString cell(const QTreeView* view, int row, int column, int role = Qt::DisplayRole) {
    return view->model()->index(row, column).data(role).toString();
}

} // namespace

class TestBuildPanel : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dataDir;
    std::unique_ptr<project::BuildHistory> m_history;
    std::unique_ptr<project::BuildRun> m_run;
    std::unique_ptr<BuildPanel> m_panel;

    template <typename T> T* find(const char* objectName) const {
        T* widget = m_panel->findChild<T*>(QString::fromLatin1(objectName));
        if (!widget)
            qWarning("no %s named %s", T::staticMetaObject.className(), objectName);
        return widget;
    }
    QTreeView* steps() const { return find<QTreeView>("buildSteps"); }
    QPlainTextEdit* log() const { return find<QPlainTextEdit>("buildLog"); }
    QString logText() const { return log()->toPlainText(); }

    void startRun(bool push = false) {
        m_run = std::make_unique<project::BuildRun>(BuildScenario::header(push));
        QVERIFY(m_run->start(m_history.get()));
        m_panel->setRun(m_run.get());
    }

private Q_SLOTS:
    void init() {
        m_history = std::make_unique<project::BuildHistory>(m_dataDir.filePath("builds"));
        m_panel = std::make_unique<BuildPanel>();
        m_panel->resize(1200, 700);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    }

    void cleanup() {
        m_panel.reset();
        m_run.reset();
        m_history.reset();
        QDir(m_dataDir.filePath("builds")).removeRecursively();
    }

    void showsAnEmptyStateWithoutABuild() {
        QVERIFY(find<QWidget>("buildPanelEmpty")->isVisible());
        QVERIFY(!steps()->isVisible());
    }

    void showsStepsWithCacheHitsAndARunningStepsLiveTime() {
        startRun();
        BuildScenario(m_run.get()).runUntilPip(4);

        QCOMPARE(steps()->model()->rowCount(), int(BuildScenario::StepCount));
        QCOMPARE(cell(steps(), BuildScenario::Base, BuildStepModel::StepColumn),
                 BuildScenario::stepName(BuildScenario::Base));
        QCOMPARE(cell(steps(), BuildScenario::Base, BuildStepModel::StatusColumn), "Cached");
        QVERIFY(steps()->model()->index(BuildScenario::Apt, 0).data(BuildStepModel::CachedRole).toBool());
        QCOMPARE(cell(steps(), BuildScenario::Copy, BuildStepModel::StatusColumn), "Done");
        QCOMPARE(cell(steps(), BuildScenario::Copy, BuildStepModel::DurationColumn), "2.6s");
        QCOMPARE(cell(steps(), BuildScenario::Pip, BuildStepModel::StatusColumn), "Running");
        QCOMPARE(cell(steps(), BuildScenario::Env, BuildStepModel::DurationColumn), "");
        // The running step's clock ticks while the user watches.
        const QString running = cell(steps(), BuildScenario::Pip, BuildStepModel::DurationColumn);
        QVERIFY2(running.startsWith("4.") || running.startsWith("5."), qPrintable(running));
        QTRY_VERIFY_WITH_TIMEOUT(cell(steps(), BuildScenario::Pip, BuildStepModel::DurationColumn) != running,
                                 3000);

        QCOMPARE(find<QLabel>("buildReference")->text(), kScenarioReference);
        QCOMPARE(find<QLabel>("buildStatus")->text(), "Building: 4 of 6 steps, 2 cached");
        QCOMPARE(find<QProgressBar>("buildProgress")->value(), 4 * 1000 / 6);
        QVERIFY(!find<QLabel>("buildElapsed")->text().isEmpty());
        QVERIFY(find<QPushButton>("cancelBuildButton")->isEnabled());
        QVERIFY(!find<QWidget>("buildResult")->isVisible());
        QTRY_VERIFY(logText().contains("#5 Collecting numpy>=1.23.2 (from pandas==2.1.0)"));
        QVERIFY(logText().contains("#2 CACHED"));
        QVERIFY(logText().contains("#4 DONE 2.6s"));
    }

    void theLogFollowsOutputUntilTheUserScrollsUp() {
        startRun();
        BuildScenario scenario(m_run.get());
        scenario.runUntilPip();
        scenario.pipOutput(2000);
        QScrollBar* bar = log()->verticalScrollBar();
        QTRY_VERIFY(bar->maximum() > 0 && bar->value() == bar->maximum());
        auto* jump = find<QToolButton>("logJumpToEnd");
        QVERIFY(!jump->isVisible());

        bar->setValue(bar->maximum() / 2); // the user scrolls up to read
        const int reading = bar->value();
        QVERIFY(jump->isVisible());
        scenario.pipOutput(500);
        QTRY_VERIFY(logText().contains("build-dependency-499-1.0"));
        QCOMPARE(bar->value(), reading);

        QTest::mouseClick(jump, Qt::LeftButton);
        QCOMPARE(bar->value(), bar->maximum());
        QVERIFY(!jump->isVisible());
        scenario.pipOutput(100);
        QTRY_COMPARE(bar->value(), bar->maximum());
        QVERIFY(bar->maximum() > reading);
    }

    void searchCountsHighlightsAndStepsThroughMatches() {
        startRun();
        BuildScenario scenario(m_run.get());
        scenario.runUntilPip();
        scenario.pipOutput(300);
        scenario.finishBuild();
        QTRY_VERIFY(logText().contains("Successfully installed"));

        // Ctrl+F from the log puts the cursor in the search field.
        log()->setFocus();
        QTest::keyClick(log(), Qt::Key_F, Qt::ControlModifier);
        auto* field = find<QLineEdit>("logSearchField");
        QTRY_VERIFY(field->hasFocus());
        QTest::keyClicks(field, "PANDAS-2.1");
        // "pandas-2.1.0-cp311..." while downloading and "pandas-2.1.0" when installed; case does not matter.
        auto* count = find<QLabel>("logMatchCount");
        QCOMPARE(count->text(), "1 of 2");
        QCOMPARE(log()->textCursor().selectedText(), "pandas-2.1");
        QCOMPARE(log()->extraSelections().size(), 2);
        QVERIFY(log()->extraSelections()[0].format.background() !=
                log()->extraSelections()[1].format.background());

        QTest::keyClick(field, Qt::Key_Return);
        QCOMPARE(count->text(), "2 of 2");
        QVERIFY(log()->textCursor().block().text().contains("Successfully installed"));
        QTest::mouseClick(find<QToolButton>("logFindNext"), Qt::LeftButton);
        QCOMPARE(count->text(), "1 of 2");
        QTest::mouseClick(find<QToolButton>("logFindPrevious"), Qt::LeftButton);
        QCOMPARE(count->text(), "2 of 2");

        // Matches in lines that arrive later are counted too.
        scenario.pushHalfWay();
        m_run->appendNote("pushing pandas-2.1 layer");
        QTRY_COMPARE(count->text(), "2 of 3");

        field->clear();
        QCOMPARE(count->text(), "");
        QVERIFY(log()->extraSelections().isEmpty());
        QTest::keyClicks(field, "no such text");
        QCOMPARE(count->text(), "No matches");
        QVERIFY(!find<QToolButton>("logFindNext")->isEnabled());
    }

    void aFailureSelectsTheStepAndShowsItsLastLinesAndTheFix() {
        startRun();
        BuildScenario scenario(m_run.get());
        scenario.runUntilPip();
        scenario.pipOutput(50);
        scenario.failPip();

        QCOMPARE(m_panel->selectedStep(), int(BuildScenario::Pip));
        QCOMPARE(steps()->currentIndex().row(), int(BuildScenario::Pip));
        QCOMPARE(cell(steps(), BuildScenario::Pip, BuildStepModel::StatusColumn), "Failed");
        QVERIFY(steps()->model()->index(BuildScenario::Pip, 0).data(Qt::BackgroundRole).isValid());
        QVERIFY(!find<QPushButton>("cancelBuildButton")->isEnabled());

        QVERIFY(find<QWidget>("buildResult")->isVisible());
        QCOMPARE(find<QLabel>("resultHeadline")->text(),
                 "Failed at " + BuildScenario::stepName(BuildScenario::Pip));
        QCOMPARE(find<QLabel>("resultError")->text(), "pip could not install the packages");
        QCOMPARE(find<QLabel>("resultFix")->text(), "Fix: " + kScenarioFix);
        const QString lastLines = find<QPlainTextEdit>("resultLastLines")->toPlainText();
        QVERIFY2(lastLines.contains("ERROR: No matching distribution found for pandaz"),
                 qPrintable(lastLines));
        QVERIFY(lastLines.endsWith("exit code: 1"));
        QVERIFY(!find<QPushButton>("copyReferenceButton")->isVisible());
        QVERIFY(find<QLabel>("buildStatus")->text().startsWith("Failed"));

        // "Show step log": only the failed step's lines.
        QTRY_VERIFY(logText().contains("#4 DONE"));
        QTest::mouseClick(find<QPushButton>("showFailedStepButton"), Qt::LeftButton);
        QVERIFY(find<QCheckBox>("stepFilterCheck")->isChecked());
        const QStringList lines = logText().split('\n');
        QVERIFY(lines.size() > 50);
        for (const QString& line : lines)
            QVERIFY2(line.startsWith("#5 "), qPrintable(line));
        // Another step, then all of it again.
        m_panel->selectStep(BuildScenario::Copy);
        QCOMPARE(logText(),
                 "#4 [3/5] COPY requirements.txt /tmp/\n#4 transferring context: 2.31kB done\n#4 DONE 2.6s");
        QTest::mouseClick(find<QCheckBox>("stepFilterCheck"), Qt::LeftButton);
        QVERIFY(logText().contains("#2 CACHED") && logText().contains("[slipway] Failed"));
    }

    void cancelAsksTheOwnerAndIsDisabledAfterTheEnd() {
        startRun();
        BuildScenario(m_run.get()).runUntilPip();
        QSignalSpy cancel(m_panel.get(), &BuildPanel::cancelRequested);
        auto* button = find<QPushButton>("cancelBuildButton");
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(cancel.size(), 1);
        QVERIFY(!button->isEnabled()); // no second request while the job stops
        m_run->finish(fail("cancelled", "cancelled"));
        QVERIFY(!button->isEnabled());
        QCOMPARE(find<QLabel>("resultHeadline")->text(), "Cancelled: no build is running");
        QCOMPARE(cell(steps(), BuildScenario::Pip, BuildStepModel::StatusColumn), "Stopped");
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(cancel.size(), 1);
    }

    void aPushShowsLayersThenTheReferenceAndDigestToCopy() {
        startRun(true);
        BuildScenario scenario(m_run.get());
        scenario.runUntilPip();
        scenario.finishBuild();
        auto* layers = find<QTreeView>("pushLayers");
        QVERIFY(!layers->isVisible());
        scenario.pushHalfWay();
        QVERIFY(layers->isVisible());
        QCOMPARE(layers->model()->rowCount(), 4);
        QCOMPARE(cell(layers, 0, 1), "Already exists");
        QCOMPARE(cell(layers, 2, 0), "c03f99e1ab52");
        QCOMPARE(cell(layers, 2, 2), "50%  24.0 MB of 48.0 MB");
        QCOMPARE(find<QLabel>("buildStatus")->text(), "Pushing: 2 of 4 layers, 24.0 MB of 48.0 MB");
        QCOMPARE(find<QProgressBar>("buildProgress")->value(), 500);

        scenario.pushAndSucceed();
        QCOMPARE(cell(layers, 2, 2), "100%  48.0 MB of 48.0 MB");
        QCOMPARE(find<QLabel>("resultHeadline")->text(), "Built and pushed");
        QCOMPARE(find<QLabel>("resultReference")->text(), kScenarioReference);
        QCOMPARE(find<QLabel>("resultDigest")->text(), "Digest: " + kScenarioDigest);
        QCOMPARE(find<QProgressBar>("buildProgress")->value(), 1000);
        QTest::mouseClick(find<QPushButton>("copyReferenceButton"), Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), kScenarioReference);
        QTest::mouseClick(find<QPushButton>("copyDigestButton"), Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), kScenarioDigest);
        QVERIFY(find<QLabel>("buildStatus")->text().startsWith("Succeeded: 6 steps, 2 cached"));
    }

    void aHundredThousandLinesStayWithinTheViewsLimit() {
        startRun();
        BuildScenario scenario(m_run.get());
        scenario.runUntilPip();
        m_panel->logView()->setMaximumLines(20'000);
        const qsizetype before = m_run->logLines().size();
        scenario.pipOutput(100'000);
        QTRY_VERIFY(logText().endsWith("build-dependency-99999-1.0-py3-none-any.whl"));
        QVERIFY(m_panel->logView()->lineCount() <= 20'000);
        QCOMPARE(m_run->logLines().size(), before + 100'000);
    }

    void theHistoryListsAndShowsASavedBuild() {
        startRun();
        BuildScenario scenario(m_run.get());
        scenario.runUntilPip();
        scenario.failPip();
        const QString id = m_run->record().id;
        QVERIFY(QFile(m_history->recordPath("damaged")).open(QIODevice::WriteOnly)); // an empty file

        ui::BuildHistoryView view(m_history.get());
        view.resize(1200, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto* list = view.findChild<QTreeView*>("buildHistoryList");
        QCOMPARE(list->model()->rowCount(), 1);
        QCOMPARE(cell(list, 0, 0), kScenarioReference);
        QCOMPARE(cell(list, 0, 3), "Failed");
        QVERIFY(!cell(list, 0, 2).isEmpty());
        QCOMPARE(view.selectedRecordId(), id);
        QVERIFY(view.findChild<QLabel*>("historyProblems")->text().contains("damaged.json"));

        QCOMPARE(view.findChild<QLabel*>("resultHeadline")->text(),
                 "Failed at " + BuildScenario::stepName(BuildScenario::Pip));
        auto* historySteps = view.findChild<QTreeView*>("historySteps");
        QCOMPARE(historySteps->model()->rowCount(), int(BuildScenario::StepCount));
        QCOMPARE(cell(historySteps, BuildScenario::Base, BuildStepModel::StatusColumn), "Cached");
        QCOMPARE(cell(historySteps, BuildScenario::Copy, BuildStepModel::DurationColumn), "2.6s");
        QCOMPARE(view.findChild<QPlainTextEdit*>("historyDockerfile")->toPlainText(),
                 BuildScenario::header().dockerfile);
        QVERIFY(view.findChild<QPlainTextEdit*>("historySpec")->toPlainText().contains("pandaz"));
        auto* historyLog = view.findChild<ui::BuildLogView*>("historyLogView");
        QVERIFY(historyLog->text().contains("#5 ERROR: No matching distribution found for pandaz"));
        QVERIFY(historyLog->text().endsWith("[slipway] Failed: pip could not install the packages -> " +
                                            kScenarioFix));

        // "Show step log" opens the log at the failed step's error.
        QTest::mouseClick(view.findChild<QPushButton*>("showFailedStepButton"), Qt::LeftButton);
        QCOMPARE(view.findChild<QTabWidget*>("historyTabs")->currentWidget(), historyLog);
        QCOMPARE(
            historyLog->editor()->textCursor().block().text(),
            "#5 ERROR: Could not find a version that satisfies the requirement pandaz (from versions: none)");

        QTest::mouseClick(view.findChild<QPushButton*>("deleteRecordButton"), Qt::LeftButton);
        QCOMPARE(list->model()->rowCount(), 0);
        QVERIFY(!QFile::exists(m_history->recordPath(id)));
        QVERIFY(!QFile::exists(m_history->logPath(id)));
        QVERIFY(!view.findChild<QPushButton*>("deleteRecordButton")->isEnabled());
    }

    void aBuildEndingInTheBackgroundIsNotified() {
        QStringList shown;
        QWidget window;
        ui::BuildNotifier notifier(&window, std::make_unique<RecordingSink>(&shown));
        startRun(true);
        notifier.watch(m_run.get());
        BuildScenario scenario(m_run.get());
        scenario.runUntilPip();
        scenario.finishBuild();
        scenario.pushHalfWay();
        scenario.pushAndSucceed();
        QCOMPARE(shown, QStringList({"Build and push succeeded|" + kScenarioReference + "|ok"}));

        // Nothing while the user is looking at the window.
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        shown.clear();
        startRun();
        notifier.watch(m_run.get());
        BuildScenario(m_run.get()).failPip();
        QVERIFY(shown.isEmpty());
    }
};

QTEST_MAIN(TestBuildPanel)
#include "tst_buildpanel.moc"
