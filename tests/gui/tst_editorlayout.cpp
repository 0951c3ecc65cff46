// The editor's layout at the screen sizes people use: 1024x768 to 1920x1080, with the bundled
// example open, every control of the form is fully visible across (the form never scrolls sideways
// and never clips a button), and the panes keep their minimum widths.
#include "main/mainwindow.h"
#include "project/project.h"
#include "spec/newspecdialog.h"
#include "spec/speceditor.h"

#include <QAbstractScrollArea>
#include <QApplication>
#include <QDir>
#include <QListWidget>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace slipway;

namespace {

const QString kExample = QStringLiteral(SLIPWAY_SOURCE_DIR "/resources/examples/simple-example");

// "QPushButton 'requirementsBrowse' at x 420..505" for failure messages.
QString describe(const QWidget* widget, const QRect& rect) {
    return QStringLiteral("%1 '%2' at x %3..%4")
        .arg(QString::fromLatin1(widget->metaObject()->className()), widget->objectName())
        .arg(rect.left())
        .arg(rect.right());
}

// Fails with the first visible control of `root` that sticks out of `frame` across.
void verifyInsideAcross(const QWidget* root, const QWidget* frame) {
    const auto controls = root->findChildren<QWidget*>();
    for (const QWidget* control : controls) {
        if (!control->isVisible() || control->isWindow())
            continue;
        const QRect rect(control->mapTo(frame, QPoint(0, 0)), control->size());
        QVERIFY2(
            rect.left() >= 0 && rect.right() < frame->width(),
            qPrintable(describe(control, rect) + QStringLiteral(", frame %1 px wide").arg(frame->width())));
    }
}

// Fails when two visible child widgets of `root` overlap (a layout squeezed below its minimum).
void verifyNoOverlap(const QWidget* root) {
    QList<const QWidget*> shown;
    for (const QObject* child : root->children()) {
        const auto* widget = qobject_cast<const QWidget*>(child);
        if (widget && widget->isVisible() && !widget->isWindow())
            shown.append(widget);
    }
    for (qsizetype a = 0; a < shown.size(); ++a) {
        for (qsizetype b = a + 1; b < shown.size(); ++b)
            QVERIFY2(!shown[a]->geometry().intersects(shown[b]->geometry()),
                     qPrintable(QStringLiteral("%1 overlaps %2")
                                    .arg(describe(shown[a], shown[a]->geometry()),
                                         describe(shown[b], shown[b]->geometry()))));
    }
}

// With SLIPWAY_SCREENSHOT_DIR set (tests/screenshots), saves `widget` there as `name`.png.
void saveScreenshot(QWidget* widget, const QString& name) {
    const QString folder = qEnvironmentVariable("SLIPWAY_SCREENSHOT_DIR");
    if (folder.isEmpty())
        return;
    QDir().mkpath(folder);
    QVERIFY(widget->grab().save(folder + QLatin1Char('/') + name + QStringLiteral(".png")));
}

} // namespace

class TestEditorLayout : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_settingsDir;

private Q_SLOTS:
    void initTestCase() {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
        QCoreApplication::setOrganizationName(QStringLiteral("SlipwayTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_editorlayout"));
    }

    void formFitsAcross_data() {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1024x768") << QSize(1024, 768);
        QTest::newRow("1280x800") << QSize(1280, 800);
        QTest::newRow("1920x1080") << QSize(1920, 1080);
    }

    void formFitsAcross() {
        QFETCH(QSize, size);
        QSettings().clear();
        auto window = std::make_unique<ui::MainWindow>();
        window->selectFirstSpecWhenScanned();
        QVERIFY(window->openProject(kExample));
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        // After show: a first start sizes the window to the (offscreen, small) screen.
        window->resize(size);
        QTRY_VERIFY(window->specEditor()->isVisible());

        auto* area = window->specEditor()->findChild<QScrollArea*>(QStringLiteral("formScrollArea"));
        QVERIFY(area);
        QTRY_VERIFY(area->widget()->isVisible());
        QCoreApplication::processEvents();

        const QWidget* viewport = area->viewport();
        QVERIFY2(!area->horizontalScrollBar()->isVisible(), "the form scrolls sideways");
        QVERIFY2(area->widget()->width() <= viewport->width(),
                 qPrintable(QStringLiteral("form %1 px wide in a %2 px viewport")
                                .arg(area->widget()->width())
                                .arg(viewport->width())));
        // Every visible control lies inside the viewport across (vertical scrolling is fine).
        verifyInsideAcross(area->widget(), viewport);
    }

    // File > New ImageSpec at its opening size, for each template (the requirements template adds a
    // row and a problem line): nothing clipped across, no rows squeezed into each other.
    void newSpecDialogFits() {
        QTemporaryDir project;
        ui::NewSpecDialog dialog(project.path());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto* templates = dialog.findChild<QListWidget*>(QStringLiteral("templateList"));
        QVERIFY(templates);
        QVERIFY(templates->count() >= 4);
        for (int row = 0; row < templates->count(); ++row) {
            templates->setCurrentRow(row);
            QCoreApplication::processEvents();
            verifyInsideAcross(&dialog, &dialog);
            verifyNoOverlap(&dialog);
            saveScreenshot(&dialog, QStringLiteral("new-spec-%1").arg(row));
        }
    }
};

QTEST_MAIN(TestEditorLayout)
#include "tst_editorlayout.moc"
