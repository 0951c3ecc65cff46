// Screenshots of the build panel and the build history for people to look at: mid-build, after a
// successful push, after a failure, and the history browser, each with a light and a dark palette at
// 1280x800. PNGs go to $SLIPWAY_SCREENSHOT_DIR (tests/screenshots-build-panel sets it and runs this
// under Xvfb), else to build-panel-screenshots/ in the build folder. As a test it checks that each
// picture shows something.
#include "build/buildhistoryview.h"
#include "build/buildlogview.h"
#include "build/buildpanel.h"
#include "buildpanelscenario.h"
#include "project/buildhistory.h"
#include "project/buildrun.h"
#include "widgets/darkpalette.h"

#include <QApplication>
#include <QDir>
#include <QHBoxLayout>
#include <QIcon>
#include <QImage>
#include <QLabel>
#include <QPalette>
#include <QPlainTextEdit>
#include <QSet>
#include <QSignalSpy>
#include <QStyle>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace slipway;
using slipway::testing::BuildScenario;

namespace {

const QSize kSize(1280, 800);

QString outputFolder() {
    const QString fromEnvironment = qEnvironmentVariable("SLIPWAY_SCREENSHOT_DIR");
    return fromEnvironment.isEmpty()
               ? QDir(QStringLiteral(QT_TESTCASE_BUILDDIR)).filePath("build-panel-screenshots")
               : fromEnvironment;
}

} // namespace

class TestBuildPanelScreenshots : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dataDir;
    std::unique_ptr<project::BuildHistory> m_history;
    QPalette m_lightPalette;

    // Saves `widget` as <name>-<theme>.png and checks that it is a picture of something.
    void shoot(QWidget* widget, const QString& name) {
        QCoreApplication::processEvents();
        const QImage image = widget->grab().toImage();
        QCOMPARE(image.size(), kSize);
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7) {
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        }
        QVERIFY2(colours.size() > 20, qPrintable(name)); // text, icons and frames, not a blank window
        const QString path = QDir(outputFolder()).filePath(name + ".png");
        QVERIFY2(image.save(path), qPrintable(path));
        qInfo("%s", qPrintable(path));
    }

    std::unique_ptr<project::BuildRun> startRun(bool push, int secondsAgo) {
        auto run = std::make_unique<project::BuildRun>(BuildScenario::header(push, secondsAgo));
        run->start(m_history.get());
        return run;
    }

    std::unique_ptr<ui::BuildPanel> panelFor(project::BuildRun* run) {
        auto panel = std::make_unique<ui::BuildPanel>();
        panel->resize(kSize);
        panel->setRun(run);
        panel->show();
        return panel;
    }

    void waitForLog(ui::BuildPanel* panel, const QString& text) {
        QTRY_VERIFY(panel->logView()->text().contains(text));
    }

private Q_SLOTS:
    void initTestCase() {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        m_lightPalette = QApplication::style()->standardPalette();
        QVERIFY(QDir().mkpath(outputFolder()));
    }

    void init() { m_history = std::make_unique<project::BuildHistory>(m_dataDir.filePath("builds")); }

    void cleanup() {
        m_history.reset();
        QDir(m_dataDir.filePath("builds")).removeRecursively();
    }

    void screens_data() {
        QTest::addColumn<QString>("theme");
        QTest::newRow("light") << "light";
        QTest::newRow("dark") << "dark";
    }

    void screens() {
        QFETCH(QString, theme);
        QApplication::setPalette(theme == "dark" ? ui::darkPalette() : m_lightPalette);

        // Mid-build: cache hits, pip running, a search for "pandas" in the log.
        auto running = startRun(true, 47);
        BuildScenario(running.get()).runUntilPip(42);
        BuildScenario(running.get()).pipOutput(60);
        auto runningPanel = panelFor(running.get());
        QVERIFY(QTest::qWaitForWindowExposed(runningPanel.get()));
        waitForLog(runningPanel.get(), "build-dependency-59");
        runningPanel->logView()->setSearchText("pandas");
        shoot(runningPanel.get(), "build-panel-running-" + theme);

        // Pushing, then done: layers that already exist and the digest to copy.
        QSignalSpy searched(runningPanel->logView(), &ui::BuildLogView::searchUpdated);
        BuildScenario(running.get()).finishBuild();
        BuildScenario(running.get()).pushHalfWay();
        QVERIFY(searched.wait()); // the new "pandas" match is counted and highlighted
        shoot(runningPanel.get(), "build-panel-pushing-" + theme);
        BuildScenario(running.get()).pushAndSucceed();
        waitForLog(runningPanel.get(), "[slipway] Succeeded");
        shoot(runningPanel.get(), "build-panel-succeeded-" + theme);
        runningPanel.reset();

        // Failed: the failing step selected, its last lines and the fix.
        auto failing = startRun(false, 14);
        BuildScenario(failing.get()).runUntilPip(9);
        BuildScenario(failing.get()).pipOutput(30);
        BuildScenario(failing.get()).failPip();
        auto failedPanel = panelFor(failing.get());
        QVERIFY(QTest::qWaitForWindowExposed(failedPanel.get()));
        waitForLog(failedPanel.get(), "[slipway] Failed");
        shoot(failedPanel.get(), "build-panel-failed-" + theme);
        failedPanel.reset();

        // The build state icons from resources/icons/build, on this palette's window colour.
        QWidget strip;
        strip.setAutoFillBackground(true);
        strip.resize(kSize);
        auto* row = new QHBoxLayout(&strip);
        const QDir iconFolder(QStringLiteral(SLIPWAY_SOURCE_DIR "/resources/icons/build"));
        const QStringList icons = iconFolder.entryList({"*.svg"}, QDir::Files, QDir::Name);
        QVERIFY(!icons.isEmpty());
        for (const QString& file : icons) {
            auto* label = new QLabel(&strip);
            label->setPixmap(QIcon(iconFolder.filePath(file)).pixmap(48, 48));
            label->setToolTip(file);
            row->addWidget(label);
            auto* small = new QLabel(&strip);
            small->setPixmap(QIcon(iconFolder.filePath(file)).pixmap(16, 16));
            row->addWidget(small);
        }
        strip.show();
        QVERIFY(QTest::qWaitForWindowExposed(&strip));
        shoot(&strip, "build-icons-" + theme);

        // The history of both builds, the failed one selected.
        ui::BuildHistoryView history(m_history.get());
        history.resize(kSize);
        history.show();
        QVERIFY(QTest::qWaitForWindowExposed(&history));
        shoot(&history, "build-history-" + theme);
    }
};

QTEST_MAIN(TestBuildPanelScreenshots)
#include "tst_buildpanelscreenshots.moc"
