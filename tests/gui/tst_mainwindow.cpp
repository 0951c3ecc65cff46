#include "copytree.h"
#include "main/mainwindow.h"
#include "main/recentprojects.h"
#include "project/project.h"
#include "project/projecttreemodel.h"
#include "spec/speceditor.h"
#include "specbuilder.h"
#include "widgets/folderdialog.h"
#include "widgets/stringlisteditor.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>
#include <memory>

using namespace slipway;
using slipway::testing::copyTree;
using slipway::testing::writeFile;
using slipway::ui::MainWindow;
using slipway::ui::ProjectTreeModel;

namespace {

const QString kMixedProject = QStringLiteral(SLIPWAY_FIXTURES_DIR "/projects/mixed");
// flytekit reference vector V4 (reference/imagespec.md §2.8), the spec in specs/my-image.yaml.
const QString kV4Reference = QStringLiteral("ghcr.io/flyteorg/my-image:WwbLviMdrUYuuN_tARn51Q");

// Rows of the project tree as "file" and "file/spec" display names, in view order.
QStringList treeRows(const QAbstractItemModel* model) {
    QStringList rows;
    for (int file = 0; file < model->rowCount(); ++file) {
        const QModelIndex parent = model->index(file, 0);
        rows.append(parent.data().toString());
        for (int spec = 0; spec < model->rowCount(parent); ++spec)
            rows.append(parent.data().toString() + " > " + model->index(spec, 0, parent).data().toString());
    }
    return rows;
}

QModelIndex findSpecRow(const QAbstractItemModel* model, const QString& specName) {
    for (int file = 0; file < model->rowCount(); ++file) {
        const QModelIndex parent = model->index(file, 0);
        for (int spec = 0; spec < model->rowCount(parent); ++spec) {
            if (model->index(spec, 0, parent).data().toString() == specName)
                return model->index(spec, 0, parent);
        }
    }
    return {};
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_settingsDir;
    QTemporaryDir m_dataDir;
    QTemporaryDir m_projectDir;
    std::unique_ptr<MainWindow> m_window;

    template <typename T> T* find(const char* objectName) const {
        T* widget = m_window->findChild<T*>(QString::fromLatin1(objectName));
        if (!widget)
            qWarning("no %s named %s", T::staticMetaObject.className(), objectName);
        return widget;
    }
    QTreeView* tree() const { return find<QTreeView>("projectTree"); }
    // The editor's reference field (the details panel has one as well, for Python files).
    QLineEdit* referenceField() const {
        return m_window->specEditor()->findChild<QLineEdit*>(QStringLiteral("imageReferenceField"));
    }

    // Opens the fixture copy through File > Open Folder…, answering the folder dialog through its seam.
    void openProject(const QString& folder) {
        ui::FolderDialog::setNextDirectory(folder);
        find<QAction>("actionOpenFolder")->trigger();
        QTRY_VERIFY(m_window->project()->hasScanned());
    }

private Q_SLOTS:
    void initTestCase() {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
        // The window's build history and pull-check records: the test's own, never the user's.
        qputenv("XDG_DATA_HOME", m_dataDir.path().toUtf8());
        QCoreApplication::setOrganizationName(QStringLiteral("SlipwayTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    }

    void init() {
        QSettings().clear();
        QVERIFY(copyTree(kMixedProject, m_projectDir.path()));
        m_window = std::make_unique<MainWindow>();
        m_window->project()->setRescanQuietPeriod(20);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup() {
        m_window.reset();
        QDir(m_projectDir.path()).removeRecursively();
        QDir().mkpath(m_projectDir.path());
    }

    void startsWithTheWelcomePage() {
        QCOMPARE(m_window->windowTitle(), QStringLiteral("Slipway"));
        QCOMPARE(find<QStackedWidget>("centreStack")->currentWidget()->objectName(),
                 QStringLiteral("welcomePage"));
        QVERIFY(find<QPushButton>("welcomeOpenFolderButton")->isVisible());
        QVERIFY(!find<QDockWidget>("projectDock")->isVisible());

        ui::FolderDialog::setNextDirectory(m_projectDir.path());
        QTest::mouseClick(find<QPushButton>("welcomeOpenFolderButton"), Qt::LeftButton);
        QTRY_VERIFY(m_window->project()->hasScanned());
        QCOMPARE(find<QStackedWidget>("centreStack")->currentWidget()->objectName(),
                 QStringLiteral("specDetails"));
        QVERIFY(find<QDockWidget>("projectDock")->isVisible());
        QVERIFY(find<QDockWidget>("problemsDock")->isVisible());
    }

    void cancellingTheFolderDialogKeepsTheWelcomePage() {
        ui::FolderDialog::setNextDirectory({});
        find<QAction>("actionOpenFolder")->trigger();
        QVERIFY(!m_window->project()->isOpen());
        QCOMPARE(find<QStackedWidget>("centreStack")->currentWidget()->objectName(),
                 QStringLiteral("welcomePage"));
    }

    void treeListsYamlAndPythonSpecsWithTheirReferences() {
        openProject(m_projectDir.path());
        QCOMPARE(m_window->windowTitle(),
                 QStringLiteral("Slipway — %1").arg(QFileInfo(m_projectDir.path()).fileName()));
        const QAbstractItemModel* model = tree()->model();
        QCOMPARE(treeRows(model), QStringList({"specs/broken.yaml", "specs/broken.yaml > broken-image",
                                               "specs/my-image.yaml", "specs/my-image.yaml > My-Image",
                                               "workflows/train.py", "workflows/train.py > trainer_image"}));

        const QModelIndex yamlSpec = findSpecRow(model, "My-Image");
        QTRY_COMPARE(yamlSpec.siblingAtColumn(ProjectTreeModel::ReferenceColumn).data().toString(),
                     kV4Reference);
        QCOMPARE(yamlSpec.siblingAtColumn(ProjectTreeModel::StatusColumn).data().toString(),
                 QStringLiteral("OK"));

        const QModelIndex pythonSpec = findSpecRow(model, "trainer_image");
        QTRY_VERIFY(pythonSpec.siblingAtColumn(ProjectTreeModel::ReferenceColumn)
                        .data()
                        .toString()
                        .startsWith("ghcr.io/acme/trainer:"));

        const QModelIndex broken = findSpecRow(model, "broken-image");
        QCOMPARE(broken.siblingAtColumn(ProjectTreeModel::ReferenceColumn).data().toString(),
                 QStringLiteral("—"));
        QCOMPARE(broken.siblingAtColumn(ProjectTreeModel::StatusColumn).data().toString(),
                 QStringLiteral("1 error"));

        QTRY_COMPARE(find<QLabel>("statusCounts")->text(),
                     QStringLiteral("3 ImageSpecs  ·  3 files  ·  1 error  ·  0 warnings"));
    }

    void problemsListTheBrokenFileWithItsLine() {
        openProject(m_projectDir.path());
        const QAbstractItemModel* problems = find<QTreeView>("problemsView")->model();
        QCOMPARE(problems->rowCount(), 1);
        QCOMPARE(problems->index(0, 0).data().toString(), QStringLiteral("specs/broken.yaml:3"));
        QVERIFY(problems->index(0, 1).data().toString().contains("pakages"));
        QVERIFY(problems->index(0, 2).data().toString().contains("packages"));
    }

    void doubleClickingAProblemSelectsItsSpec() {
        openProject(m_projectDir.path());
        QTreeView* problems = find<QTreeView>("problemsView");
        const QRect row = problems->visualRect(problems->model()->index(0, 1));
        // A double click is a press, a release and a second press that arrives as a double-click event.
        QTest::mouseClick(problems->viewport(), Qt::LeftButton, {}, row.center());
        QTest::mouseDClick(problems->viewport(), Qt::LeftButton, {}, row.center());
        QCOMPARE(tree()->currentIndex().data().toString(), QStringLiteral("broken-image"));
        QCOMPARE(find<QLabel>("editorTitle")->text(), QStringLiteral("broken-image"));
        QVERIFY(find<QLabel>("editorPath")->text().startsWith("specs/broken.yaml"));
        // The unknown key has no field of its own: the YAML shows its line.
        auto* yaml = find<QPlainTextEdit>("yamlEditor");
        QCOMPARE(yaml->textCursor().blockNumber() + 1, 3);
        QCOMPARE(QApplication::focusWidget(), yaml);
    }

    void selectingASpecOpensItInTheEditor() {
        openProject(m_projectDir.path());
        QCOMPARE(find<QStackedWidget>("detailsStack")->currentWidget()->objectName(),
                 QStringLiteral("noSelectionState"));

        tree()->setCurrentIndex(findSpecRow(tree()->model(), "My-Image"));
        QCOMPARE(find<QStackedWidget>("centreStack")->currentWidget()->objectName(),
                 QStringLiteral("specEditor"));
        QCOMPARE(find<QLabel>("editorTitle")->text(), QStringLiteral("My-Image"));
        QCOMPARE(find<QLabel>("editorPath")->text(), QStringLiteral("specs/my-image.yaml"));
        QTRY_COMPARE(referenceField()->text(), kV4Reference);
        QCOMPARE(find<QLineEdit>("field_registry")->text(), QStringLiteral("GHCR.io/FlyteOrg"));
        QCOMPARE(find<ui::StringListEditor>("field_packages")->items(),
                 QStringList({"pandas", "numpy==1.26.4"}));
        QCOMPARE(m_window->windowTitle(), QStringLiteral("specs/my-image.yaml[*] — Slipway — %1")
                                              .arg(QFileInfo(m_projectDir.path()).fileName()));

        tree()->setCurrentIndex(findSpecRow(tree()->model(), "trainer_image"));
        QCOMPARE(find<QLabel>("editorTitle")->text(), QStringLiteral("trainer_image"));
        QVERIFY(find<QLabel>("editorPath")->text().contains("read-only"));
        QCOMPARE(find<ui::StringListEditor>("field_packages")->items(),
                 QStringList({"scikit-learn==1.5.2", "pandas"}));

        // A Python file row shows what the file holds.
        tree()->setCurrentIndex(tree()->model()->index(2, 0));
        QCOMPARE(find<QStackedWidget>("centreStack")->currentWidget()->objectName(),
                 QStringLiteral("specDetails"));
        QCOMPARE(find<QLabel>("detailsTitle")->text(), QStringLiteral("train.py"));
        QVERIFY(!m_window->specEditor()->hasDocument());
    }

    void copyButtonPutsTheReferenceOnTheClipboard() {
        openProject(m_projectDir.path());
        tree()->setCurrentIndex(findSpecRow(tree()->model(), "My-Image"));
        auto* copy = m_window->specEditor()->findChild<QToolButton*>(QStringLiteral("copyReferenceButton"));
        QTRY_VERIFY(copy->isEnabled());
        QGuiApplication::clipboard()->clear();
        QTest::mouseClick(copy, Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), kV4Reference);

        tree()->setCurrentIndex(findSpecRow(tree()->model(), "broken-image"));
        QTRY_VERIFY(!copy->isEnabled());
        QVERIFY(m_window->specEditor()
                    ->findChild<QLabel*>(QStringLiteral("referenceStateLabel"))
                    ->text()
                    .contains("pakages"));
    }

    void editingASpecOnDiskUpdatesTreeAndDetails() {
        openProject(m_projectDir.path());
        tree()->setCurrentIndex(findSpecRow(tree()->model(), "My-Image"));
        QTRY_COMPARE(referenceField()->text(), kV4Reference);

        QVERIFY(writeFile(m_projectDir.path(), "specs/my-image.yaml",
                          "name: Renamed-Image\nregistry: ghcr.io/flyteorg\npython_version: \"3.12\"\n"));
        QTRY_VERIFY(findSpecRow(tree()->model(), "Renamed-Image").isValid());
        QVERIFY(!findSpecRow(tree()->model(), "My-Image").isValid());
        // The selection follows the edited spec, and the details show the new contents.
        QCOMPARE(tree()->currentIndex().data().toString(), QStringLiteral("Renamed-Image"));
        QTRY_COMPARE(find<QLabel>("editorTitle")->text(), QStringLiteral("Renamed-Image"));
        QTRY_VERIFY(referenceField()->text().startsWith("ghcr.io/flyteorg/renamed-image:"));

        QVERIFY(
            writeFile(m_projectDir.path(), "specs/broken.yaml", "name: fixed\npython_version: \"3.11\"\n"));
        QTRY_COMPARE(find<QTreeView>("problemsView")->model()->rowCount(), 0);
    }

    void folderWithoutSpecsSaysSo() {
        QTemporaryDir empty;
        QVERIFY(writeFile(empty.path(), "notes.yaml", "- just\n- a list\n"));
        openProject(empty.path());
        QCOMPARE(find<QStackedWidget>("detailsStack")->currentWidget()->objectName(),
                 QStringLiteral("noSpecsState"));
        const QLabel* text = find<QWidget>("noSpecsState")->findChild<QLabel*>("emptyStateText");
        QVERIFY(text->text().contains(QDir::toNativeSeparators(QDir(empty.path()).absolutePath())));
        QVERIFY(text->text().contains("ImageSpec(...) calls in *.py files"));
    }

    void reloadAndCloseFolder() {
        openProject(m_projectDir.path());
        QVERIFY(writeFile(m_projectDir.path(), "extra.yaml", "name: extra\npython_version: \"3.11\"\n"));
        find<QAction>("actionReload")->trigger();
        QTRY_COMPARE(m_window->project()->specCount(), 4);

        find<QAction>("actionCloseFolder")->trigger();
        QVERIFY(!m_window->project()->isOpen());
        QCOMPARE(m_window->windowTitle(), QStringLiteral("Slipway"));
        QCOMPARE(find<QStackedWidget>("centreStack")->currentWidget()->objectName(),
                 QStringLiteral("welcomePage"));
    }

    void viewMenuTogglesDocks() {
        openProject(m_projectDir.path());
        QAction* toggle = find<QAction>("actionToggle_problemsDock");
        toggle->trigger();
        QVERIFY(!find<QDockWidget>("problemsDock")->isVisible());
        toggle->trigger();
        QVERIFY(find<QDockWidget>("problemsDock")->isVisible());
    }

    void outputLogsScans() {
        openProject(m_projectDir.path());
        QTRY_VERIFY(m_window->findChild<QWidget*>("outputLog")
                        ->property("plainText")
                        .toString()
                        .contains("Image references computed"));
        const QString log = m_window->findChild<QWidget*>("outputLog")->property("plainText").toString();
        QVERIFY(log.contains("Scan done: ImageSpecs 3"));
    }

    void remembersRecentProjectsAndReopensTheLastOne() {
        openProject(m_projectDir.path());
        const QString folder = m_window->project()->folder();
        QCOMPARE(ui::RecentProjects::folders().value(0), folder);
        m_window->close();
        m_window.reset();

        MainWindow next;
        next.openLastProject();
        QCOMPARE(next.project()->folder(), folder);
        QTRY_VERIFY(next.project()->hasScanned());

        QVERIFY(!next.openProject(QDir(m_projectDir.path()).filePath("missing")));
        QCOMPARE(next.project()->folder(), folder);
    }

    void restoresTheDockLayoutOfTheLastSession() {
        openProject(m_projectDir.path());
        find<QAction>("actionToggle_problemsDock")->trigger();
        QVERIFY(!find<QDockWidget>("problemsDock")->isVisible());
        m_window->close();
        m_window.reset();

        MainWindow next;
        next.show();
        QVERIFY(QTest::qWaitForWindowExposed(&next));
        next.openLastProject();
        QTRY_VERIFY(next.project()->hasScanned());
        QVERIFY(next.findChild<QDockWidget*>("projectDock")->isVisible());
        QVERIFY(!next.findChild<QDockWidget*>("problemsDock")->isVisible());
        QVERIFY(QSettings().contains("mainWindow/geometry"));
    }

    void selectsTheFirstSpecWhenAsked() {
        m_window->selectFirstSpecWhenScanned();
        openProject(m_projectDir.path());
        QTRY_COMPARE(tree()->currentIndex().data().toString(), QStringLiteral("broken-image"));
        QCOMPARE(find<QLabel>("editorTitle")->text(), QStringLiteral("broken-image"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
