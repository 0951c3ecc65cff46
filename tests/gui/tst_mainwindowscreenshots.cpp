// Screenshots of the main window building the example's offline spec for people to look at: while it
// builds (Builds dock in front, steps running) and after it was pushed and checked (the result, the
// history and the Pull Check dock's verdict), at 1280x800 and 1920x1080, light and dark. Needs the
// services of tests/services/up (a real build and push). PNGs go to $SLIPWAY_SCREENSHOT_DIR
// (tests/screenshots-main-build runs this under Xvfb), else to main-build-screenshots/ in the build
// folder. As a test it checks that each picture shows the docks it is about, and that no label,
// button or tab of the Builds and Pull Check docks is cut off.
#include "build/buildpanel.h"
#include "build/buildstepmodel.h"
#include "check/pullcheckview.h"
#include "credentialtesting.h"
#include "mainwindowtesting.h"
#include "widgets/darkpalette.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDockWidget>
#include <QImage>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QSet>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTreeView>
#include <memory>

using namespace slipway;
using slipway::docker::BuildStep;

namespace {

constexpr int kBuildTimeoutMs = 15 * 60 * 1000;
const bool kLongerTestTimeout = qputenv("QTEST_FUNCTION_TIMEOUT", "1500000");

QString outputFolder() {
    const QString fromEnvironment = qEnvironmentVariable("SLIPWAY_SCREENSHOT_DIR");
    return fromEnvironment.isEmpty()
               ? QDir(QStringLiteral(QT_TESTCASE_BUILDDIR)).filePath("main-build-screenshots")
               : fromEnvironment;
}

// Texts that do not fit: a single-line label or a button narrower than its text, inside `root`.
QStringList clippedTexts(const QWidget* root) {
    QStringList clipped;
    for (const QLabel* label : root->findChildren<QLabel*>()) {
        if (!label->isVisible() || label->wordWrap() || label->text().isEmpty() ||
            !label->pixmap().isNull() || label->textFormat() == Qt::RichText)
            continue;
        // A buddy label's '&' marks its mnemonic and is not drawn.
        QString shown = label->text().split(u'\n').first();
        if (label->buddy())
            shown.remove(u'&');
        const int needed = label->fontMetrics().horizontalAdvance(shown);
        if (needed > label->contentsRect().width() + 1)
            clipped.append(QStringLiteral("label %1 '%2' (%3 < %4)")
                               .arg(label->objectName(), label->text())
                               .arg(label->contentsRect().width())
                               .arg(needed));
    }
    for (const QAbstractButton* button : root->findChildren<QAbstractButton*>()) {
        if (!button->isVisible() || button->text().isEmpty() || button->inherits("QToolButton"))
            continue;
        if (button->sizeHint().width() > button->width() + 1)
            clipped.append(QStringLiteral("button %1 '%2' (%3 < %4)")
                               .arg(button->objectName(), button->text())
                               .arg(button->width())
                               .arg(button->sizeHint().width()));
    }
    return clipped;
}

} // namespace

class TestMainWindowScreenshots : public QObject {
    Q_OBJECT

    std::unique_ptr<credentialtesting::IsolatedHome> m_home;
    QPalette m_lightPalette;
    testing::CreatedImages m_images;

    // Saves the window as <name>.png and checks that it shows something.
    void shoot(ui::MainWindow& window, const QString& name) {
        QCoreApplication::processEvents();
        const QImage image = window.grab().toImage();
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7) {
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        }
        QVERIFY2(colours.size() > 20, qPrintable(name));
        const QString path = QDir(outputFolder()).filePath(name + ".png");
        QVERIFY2(image.save(path), qPrintable(path));
        qInfo("%s", qPrintable(path));
    }

    void checkNothingClipped(ui::MainWindow& window) {
        // A result wider than its dock would scroll sideways, with its right edge out of sight.
        auto* scroll = window.findChild<QScrollArea*>(QStringLiteral("pullCheckScroll"));
        QVERIFY(!scroll->horizontalScrollBar()->isVisible());
        for (const char* dock : {"buildsDock", "pullCheckDock"}) {
            const QStringList clipped = clippedTexts(window.findChild<QDockWidget*>(QLatin1String(dock)));
            QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(QStringLiteral("; "))));
        }
    }

private Q_SLOTS:
    void initTestCase() {
        // Settings, the build history and pull-check records of these builds stay out of the user's.
        m_home = std::make_unique<credentialtesting::IsolatedHome>();
        QCoreApplication::setOrganizationName(QStringLiteral("SlipwayTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindowscreenshots"));
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        m_lightPalette = QApplication::style()->standardPalette();
        QVERIFY(QDir().mkpath(outputFolder()));
        if (qEnvironmentVariableIsEmpty("SLIPWAY_TEST_PYTHON_IMAGE") ||
            qEnvironmentVariableIsEmpty("DOCKER_HOST"))
            QFAIL("SLIPWAY_TEST_PYTHON_IMAGE / DOCKER_HOST are not set: run eval \"$(tests/services/up)\" "
                  "first");
    }

    void buildAndPush_data() {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QString>("theme");
        QTest::newRow("1280x800 light") << QSize(1280, 800) << "light";
        QTest::newRow("1920x1080 light") << QSize(1920, 1080) << "light";
        QTest::newRow("1280x800 dark") << QSize(1280, 800) << "dark";
    }

    void buildAndPush() {
        QFETCH(QSize, size);
        QFETCH(QString, theme);
        QApplication::setPalette(theme == "dark" ? ui::darkPalette() : m_lightPalette);
        const QString suffix = QStringLiteral("%1x%2%3")
                                   .arg(size.width())
                                   .arg(size.height())
                                   .arg(theme == "dark" ? QStringLiteral("-dark") : QString());
        QTemporaryDir project;
        QVERIFY(testing::copyExampleWithFreshTag(project.path()));
        QSettings().clear(); // every size starts from the default layout, as on a first start
        ui::MainWindow window;
        window.setWindowState(Qt::WindowNoState);
        window.resize(size);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(testing::openSpecInWindow(window, project.path(), QStringLiteral("offline-example.yaml")));

        window.findChild<QAction*>(QStringLiteral("actionBuildAndPush"))->trigger();
        // While it builds: some steps finished, one running.
        auto* steps = window.findChild<QTreeView*>(QStringLiteral("buildSteps"));
        const auto running = [steps] {
            bool any = false;
            for (int row = 0; row < steps->model()->rowCount(); ++row)
                any = any || static_cast<BuildStep::State>(
                                 steps->model()->index(row, 0).data(ui::BuildStepModel::StateRole).toInt()) ==
                                 BuildStep::State::Running;
            return any && steps->model()->rowCount() >= 4;
        };
        QVERIFY2(QTest::qWaitFor(running, kBuildTimeoutMs), "no step was seen running");
        QVERIFY(!steps->visibleRegion().isEmpty());
        shoot(window, "main-building-" + suffix);

        project::BuildRun* run = testing::waitForFinishedRun(window, kBuildTimeoutMs);
        QVERIFY(run);
        QVERIFY2(run->record().outcome->status == docker::BuildOutcome::Status::Succeeded,
                 qPrintable(run->record().outcome->error.describe()));
        m_images.append(run->record().outcome->imageReference);
        auto* check = window.findChild<ui::PullCheckView*>(QStringLiteral("pullCheckView"));
        QTRY_VERIFY_WITH_TIMEOUT(check->result().has_value() && !check->running(), 60000);
        QVERIFY(!check->visibleRegion().isEmpty()); // beside the Builds dock, not a tab behind it
        checkNothingClipped(window);
        shoot(window, "main-pushed-" + suffix);
    }
};

QTEST_MAIN(TestMainWindowScreenshots)
#include "tst_mainwindowscreenshots.moc"
