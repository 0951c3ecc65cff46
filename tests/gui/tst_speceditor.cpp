#include "copytree.h"
#include "main/mainwindow.h"
#include "project/autosavestore.h"
#include "project/livereference.h"
#include "project/project.h"
#include "project/projecttreemodel.h"
#include "spec/codeeditor.h"
#include "spec/newspecdialog.h"
#include "spec/specdocument.h"
#include "spec/speceditor.h"
#include "spec/specform.h"
#include "spec/yamlspec.h"
#include "specbuilder.h"
#include "widgets/filedialog.h"
#include "widgets/folderdialog.h"
#include "widgets/messagebox.h"
#include "widgets/pathedit.h"
#include "widgets/stringlisteditor.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>
#include <memory>

using namespace slipway;
using slipway::testing::copyTree;
using slipway::testing::writeFile;
using slipway::ui::CodeEditor;
using slipway::ui::MainWindow;

namespace {

const QString kMixedProject = QStringLiteral(SLIPWAY_FIXTURES_DIR "/projects/mixed");
const QString kV4Reference = QStringLiteral("ghcr.io/flyteorg/my-image:WwbLviMdrUYuuN_tARn51Q");

QModelIndex findRow(const QAbstractItemModel* model, const QString& text) {
    for (int file = 0; file < model->rowCount(); ++file) {
        const QModelIndex parent = model->index(file, 0);
        if (parent.data().toString() == text)
            return parent;
        for (int spec = 0; spec < model->rowCount(parent); ++spec) {
            if (model->index(spec, 0, parent).data().toString() == text)
                return model->index(spec, 0, parent);
        }
    }
    return {};
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestSpecEditor : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_settingsDir;
    QTemporaryDir m_projectDir;
    std::unique_ptr<MainWindow> m_window;

    template <typename T> T* find(const char* objectName) const {
        T* widget = m_window->findChild<T*>(QString::fromLatin1(objectName));
        if (!widget)
            qWarning("no %s named %s", T::staticMetaObject.className(), objectName);
        return widget;
    }
    ui::SpecEditor* editor() const { return m_window->specEditor(); }
    CodeEditor* yaml() const { return find<CodeEditor>("yamlEditor"); }
    // The editor's own reference (the details panel beside it has one too).
    QLineEdit* referenceField() const { return editor()->findChild<QLineEdit*>("imageReferenceField"); }
    QTreeView* tree() const { return find<QTreeView>("projectTree"); }
    QString path(const QString& relative) const { return QDir(m_projectDir.path()).filePath(relative); }

    void openProject() {
        ui::FolderDialog::setNextDirectory(m_projectDir.path());
        find<QAction>("actionOpenFolder")->trigger();
        QTRY_VERIFY(m_window->project()->hasScanned());
    }
    void openSpec(const QString& row) {
        const QModelIndex index = findRow(tree()->model(), row);
        QVERIFY2(index.isValid(), qPrintable(row));
        tree()->setCurrentIndex(index);
        QVERIFY(editor()->hasDocument());
        QCOMPARE(find<QStackedWidget>("centreStack")->currentWidget(), editor());
    }
    // Types into a line edit as a user would: select all, then the keys.
    void typeInto(QWidget* widget, const QString& text) {
        widget->setFocus();
        QTest::keyClick(widget, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(widget, text);
    }
    // Types text with line breaks as Return presses (keyClicks takes no '\n').
    void typeLines(QWidget* widget, const QString& text) {
        const QStringList lines = text.split(QLatin1Char('\n'));
        for (int i = 0; i < lines.size(); ++i) {
            if (i > 0)
                QTest::keyClick(widget, Qt::Key_Return);
            QTest::keyClicks(widget, lines[i]);
        }
    }
    QLineEdit* lineField(const char* name) {
        QWidget* widget = find<QWidget>(name);
        if (auto* combo = qobject_cast<QComboBox*>(widget))
            return combo->lineEdit();
        return qobject_cast<QLineEdit*>(widget);
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
        QCoreApplication::setOrganizationName(QStringLiteral("SlipwayTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_speceditor"));
    }

    void init() {
        QSettings().clear();
        QDir(project::AutosaveStore().folder()).removeRecursively();
        QVERIFY(copyTree(kMixedProject, m_projectDir.path()));
        m_window = std::make_unique<MainWindow>();
        m_window->project()->setRescanQuietPeriod(20);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        openProject();
    }

    void cleanup() {
        // Nothing left to ask about: the tests decide themselves what happens to unsaved edits.
        if (m_window && editor()->isModified()) {
            ui::MessageBox::setNextAnswer(QMessageBox::Discard);
            m_window->close();
        }
        m_window.reset();
        QDir(m_projectDir.path()).removeRecursively();
        QDir().mkpath(m_projectDir.path());
    }

    void createsASpecFromATemplate() {
        ui::NewSpecDialog::setNextAnswer(ui::NewSpecDialog::Answer{
            QStringLiteral("data-science"), QStringLiteral("analysis"), path("images/analysis.yaml"), {}});
        find<QAction>("actionNewSpec")->trigger();

        QVERIFY(QFileInfo::exists(path("images/analysis.yaml")));
        QCOMPARE(editor()->document()->filePath(), path("images/analysis.yaml"));
        QCOMPARE(lineField("field_name")->text(), QStringLiteral("analysis"));
        QVERIFY(yaml()->toPlainText().startsWith("# ImageSpec for flytekit"));
        QVERIFY(yaml()->toPlainText().contains("  - scikit-learn\n"));
        QCOMPARE(find<QWidget>("field_packages")->findChild<QListWidget*>("list")->count(), 3);
        QVERIFY(!editor()->isModified());
        QTRY_VERIFY(referenceField()->text().startsWith("analysis:"));
        // The project lists the new file, and the tree selects it.
        QTRY_COMPARE(tree()->currentIndex().data().toString(), QStringLiteral("analysis"));
        QCOMPARE(find<QStackedWidget>("centreStack")->currentWidget(), editor());
    }

    void requirementsTemplateNamesTheFile() {
        QVERIFY(writeFile(m_projectDir.path(), "requirements.txt", "pandas==2.2.2\n"));
        ui::NewSpecDialog::setNextAnswer(
            ui::NewSpecDialog::Answer{QStringLiteral("requirements"), QStringLiteral("from-reqs"),
                                      path("reqs.yaml"), QStringLiteral("requirements.txt")});
        find<QAction>("actionNewSpec")->trigger();
        const auto loaded = spec::loadSpecYamlFile(path("reqs.yaml"));
        QVERIFY(loaded.spec);
        QCOMPARE(loaded.spec->value(spec::Field::Requirements).str(), QStringLiteral("requirements.txt"));
        QCOMPARE(find<ui::PathEdit>("field_requirements")->path(), QStringLiteral("requirements.txt"));
    }

    void editingFieldsUpdatesYamlDockerfileAndTag() {
        openSpec("My-Image");
        QTRY_COMPARE(referenceField()->text(), kV4Reference);
        const QString dockerfileBefore = find<CodeEditor>("dockerfileView")->toPlainText();
        QVERIFY(dockerfileBefore.contains("apt-get install"));

        typeInto(lineField("field_name"), "renamed");
        QVERIFY(yaml()->toPlainText().contains("\nname: renamed\n"));
        // The form edits the text in place: the comment and the key order stay.
        QVERIFY(yaml()->toPlainText().startsWith("# flytekit reference vector V4"));
        QVERIFY(yaml()->toPlainText().indexOf("name:") < yaml()->toPlainText().indexOf("registry:"));
        QTRY_VERIFY2(referenceField()->text().startsWith("ghcr.io/flyteorg/renamed:"),
                     qPrintable(referenceField()->text() + " / " + editor()->reference()->status().message));

        auto* apt = find<ui::StringListEditor>("field_apt_packages");
        QApplication::clipboard()->setText("curl\n# a comment\n\nwget\n");
        QTest::mouseClick(apt->findChild<QToolButton*>("pasteButton"), Qt::LeftButton);
        QCOMPARE(apt->items(), QStringList({"git", "curl", "wget"}));
        QVERIFY(yaml()->toPlainText().contains("apt_packages:\n  - git\n  - curl\n  - wget\n"));
        QVERIFY(find<CodeEditor>("dockerfileView")->toPlainText().contains("git curl wget"));
        QVERIFY(editor()->isModified());
        QVERIFY(m_window->isWindowModified());
        QCOMPARE(findRow(tree()->model(), "specs/my-image.yaml *").isValid(), true);
    }

    void typingYamlUpdatesTheForm() {
        openSpec("My-Image");
        yaml()->setFocus();
        yaml()->moveCursor(QTextCursor::End);
        typeLines(yaml(), "pip_index: https://example.org/simple\n");
        QCOMPARE(lineField("field_pip_index")->text(), QStringLiteral("https://example.org/simple"));
        QCOMPARE(editor()->undoStack()->count(), 1); // one burst of typing is one step
    }

    void invalidYamlKeepsTheTextAndMarksTheLine() {
        openSpec("My-Image");
        const QString broken = yaml()->toPlainText() + "packages: [unclosed\n";
        yaml()->setFocus();
        yaml()->moveCursor(QTextCursor::End);
        typeLines(yaml(), "packages: [unclosed\n");
        QCOMPARE(yaml()->toPlainText(), broken);
        QCOMPARE(editor()->document()->text(), broken);
        QVERIFY(!editor()->document()->isTextValid());
        QVERIFY(yaml()->errorLine() > 0);
        QVERIFY(find<QWidget>("yamlErrorBanner")->isVisible());
        // The form keeps the last valid state and waits.
        QCOMPARE(lineField("field_name")->text(), QStringLiteral("My-Image"));
        QVERIFY(lineField("field_name")->isReadOnly());

        QTest::keyClick(yaml(), Qt::Key_Backspace);
        for (int i = 0; i < QStringLiteral("packages: [unclosed").size(); ++i)
            QTest::keyClick(yaml(), Qt::Key_Backspace);
        QVERIFY(editor()->document()->isTextValid());
        QCOMPARE(yaml()->errorLine(), 0);
        QVERIFY(!find<QWidget>("yamlErrorBanner")->isVisible());
        QVERIFY(!lineField("field_name")->isReadOnly());
    }

    void undoAndRedo() {
        openSpec("My-Image");
        const QString original = yaml()->toPlainText();
        typeInto(lineField("field_name"), "first");
        QTest::keyClick(lineField("field_name"), Qt::Key_Tab); // leaving the field ends the step
        typeInto(lineField("field_registry"), "localhost:5000");
        const QString edited = yaml()->toPlainText();
        QCOMPARE(editor()->undoStack()->count(), 2);

        find<QAction>("actionUndo")->trigger();
        QCOMPARE(lineField("field_registry")->text(), QStringLiteral("GHCR.io/FlyteOrg"));
        QCOMPARE(lineField("field_name")->text(), QStringLiteral("first"));
        // Ctrl+Z is the window's Undo even while the YAML text has the focus.
        yaml()->setFocus();
        QTest::keyClick(yaml(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(yaml()->toPlainText(), original);
        QVERIFY(!editor()->isModified());

        QTest::keyClick(yaml(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        find<QAction>("actionRedo")->trigger();
        QCOMPARE(yaml()->toPlainText(), edited);
        QCOMPARE(lineField("field_registry")->text(), QStringLiteral("localhost:5000"));
    }

    void saveReopenAndFindItEqual() {
        openSpec("My-Image");
        typeInto(lineField("field_name"), "saved-image");
        auto* packages = find<ui::StringListEditor>("field_packages");
        packages->appendItems({"polars"});
        find<QAction>("actionSave")->trigger();
        QVERIFY(!editor()->isModified());
        QVERIFY(!m_window->isWindowModified());
        QCOMPARE(QString::fromUtf8(readAll(path("specs/my-image.yaml"))), editor()->document()->text());
        const spec::ImageSpec edited = editor()->document()->spec();

        // A fresh window reads the file back into the same spec.
        m_window->close();
        m_window = std::make_unique<MainWindow>();
        m_window->show();
        openProject();
        QTRY_VERIFY(findRow(tree()->model(), "saved-image").isValid());
        openSpec("saved-image");
        QCOMPARE(editor()->document()->spec(), edited);
        packages = find<ui::StringListEditor>("field_packages");
        QCOMPARE(packages->items(), QStringList({"pandas", "numpy==1.26.4", "polars"}));
    }

    void saveAsWritesANewFile() {
        openSpec("My-Image");
        typeInto(lineField("field_name"), "copy-image");
        ui::FileDialog::setNextFileName(path("specs/copy"));
        find<QAction>("actionSaveAs")->trigger();
        QCOMPARE(editor()->document()->filePath(), path("specs/copy.yaml"));
        QVERIFY(!editor()->isModified());
        QVERIFY(QString::fromUtf8(readAll(path("specs/copy.yaml"))).contains("name: copy-image"));
        QVERIFY(QString::fromUtf8(readAll(path("specs/my-image.yaml"))).contains("name: My-Image"));
        QTRY_COMPARE(tree()->currentIndex().data().toString(), QStringLiteral("copy-image"));
    }

    void revertGoesBackToTheFile() {
        openSpec("My-Image");
        typeInto(lineField("field_name"), "changed");
        find<QAction>("actionRevert")->trigger();
        QCOMPARE(lineField("field_name")->text(), QStringLiteral("My-Image"));
        QVERIFY(!editor()->isModified());
        find<QAction>("actionUndo")->trigger();
        QCOMPARE(lineField("field_name")->text(), QStringLiteral("changed"));
    }

    void unsavedChangesPromptAnsweredThroughTheSeam() {
        openSpec("My-Image");
        typeInto(lineField("field_name"), "unsaved");

        ui::MessageBox::setNextAnswer(QMessageBox::Cancel);
        tree()->setCurrentIndex(findRow(tree()->model(), "broken-image"));
        QVERIFY(ui::MessageBox::lastQuestion().contains("specs/my-image.yaml"));
        QCOMPARE(editor()->document()->filePath(), path("specs/my-image.yaml"));
        QVERIFY(editor()->isModified());
        QCOMPARE(tree()->currentIndex().data().toString(), QStringLiteral("My-Image"));

        ui::MessageBox::setNextAnswer(QMessageBox::Discard);
        tree()->setCurrentIndex(findRow(tree()->model(), "broken-image"));
        QCOMPARE(editor()->document()->filePath(), path("specs/broken.yaml"));
        QVERIFY(QString::fromUtf8(readAll(path("specs/my-image.yaml"))).contains("name: My-Image"));

        typeInto(lineField("field_name"), "fixed-on-close");
        ui::MessageBox::setNextAnswer(QMessageBox::Save);
        QVERIFY(m_window->close());
        QVERIFY(QString::fromUtf8(readAll(path("specs/broken.yaml"))).contains("name: fixed-on-close"));
    }

    void cancellingTheCloseKeepsTheWindow() {
        openSpec("My-Image");
        typeInto(lineField("field_name"), "unsaved");
        ui::MessageBox::setNextAnswer(QMessageBox::Cancel);
        QVERIFY(!m_window->close());
        QVERIFY(m_window->isVisible());
        QVERIFY(editor()->isModified());
    }

    void reloadsAfterAnExternalChange() {
        openSpec("My-Image");
        // Nothing unsaved: the new contents are simply shown.
        QVERIFY(
            writeFile(m_projectDir.path(), "specs/my-image.yaml", "name: outside\nregistry: ghcr.io/acme\n"));
        QTRY_COMPARE(lineField("field_name")->text(), QStringLiteral("outside"));
        QVERIFY(!editor()->isModified());

        // With unsaved edits, the user chooses.
        typeInto(lineField("field_name"), "mine");
        QVERIFY(writeFile(m_projectDir.path(), "specs/my-image.yaml", "name: theirs\n"));
        QTRY_VERIFY(find<QWidget>("diskChangedBanner")->isVisible());
        QCOMPARE(lineField("field_name")->text(), QStringLiteral("mine"));
        QTest::mouseClick(find<QPushButton>("reloadFromDiskButton"), Qt::LeftButton);
        QCOMPARE(yaml()->toPlainText(), QStringLiteral("name: theirs\n"));
        QVERIFY(!editor()->isModified());
        QVERIFY(!find<QWidget>("diskChangedBanner")->isVisible());
        find<QAction>("actionUndo")->trigger();
        QCOMPARE(lineField("field_name")->text(), QStringLiteral("mine"));

        // Keeping the edits: saving then overwrites the other program's version.
        QVERIFY(writeFile(m_projectDir.path(), "specs/my-image.yaml", "name: third\n"));
        QTRY_VERIFY(find<QWidget>("diskChangedBanner")->isVisible());
        QTest::mouseClick(find<QPushButton>("keepEditsButton"), Qt::LeftButton);
        QVERIFY(editor()->isModified());
        find<QAction>("actionSave")->trigger();
        QVERIFY(QString::fromUtf8(readAll(path("specs/my-image.yaml"))).contains("name: mine"));
    }

    void recoversAutosavedEditsAfterACrash() {
        openSpec("My-Image");
        typeInto(lineField("field_name"), "recovered");
        const QString edited = yaml()->toPlainText();
        QTRY_VERIFY(project::AutosaveStore().find(path("specs/my-image.yaml")).has_value());
        // A crash: the window goes without closing, nothing is asked or cleaned up.
        m_window.reset();

        m_window = std::make_unique<MainWindow>();
        m_window->show();
        openProject();
        openSpec("My-Image");
        QCOMPARE(lineField("field_name")->text(), QStringLiteral("My-Image"));
        QVERIFY(find<QWidget>("recoveryBanner")->isVisible());
        QTest::mouseClick(find<QPushButton>("restoreAutosaveButton"), Qt::LeftButton);
        QCOMPARE(yaml()->toPlainText(), edited);
        QCOMPARE(lineField("field_name")->text(), QStringLiteral("recovered"));
        QVERIFY(editor()->isModified());

        find<QAction>("actionSave")->trigger();
        QVERIFY(!project::AutosaveStore().find(path("specs/my-image.yaml")).has_value());
    }

    void pythonSpecIsReadOnlyAndSavesAsYaml() {
        openSpec("trainer_image");
        QVERIFY(find<QWidget>("readOnlyBanner")->isVisible());
        QVERIFY(yaml()->isReadOnly());
        QVERIFY(lineField("field_name")->isReadOnly());
        QVERIFY(yaml()->toPlainText().contains("name: trainer\n"));
        QTRY_VERIFY(referenceField()->text().startsWith("ghcr.io/acme/trainer:"));

        ui::FileDialog::setNextFileName(path("trainer.yaml"));
        QTest::mouseClick(find<QPushButton>("saveAsYamlButton"), Qt::LeftButton);
        const auto loaded = spec::loadSpecYamlFile(path("trainer.yaml"));
        QVERIFY(loaded.spec);
        QCOMPARE(*loaded.spec, editor()->document()->spec());
        QVERIFY(!yaml()->isReadOnly());
        QVERIFY(!lineField("field_name")->isReadOnly());
        QVERIFY(!find<QWidget>("readOnlyBanner")->isVisible());
    }

    void problemsFollowTheEditsAndFocusTheField() {
        openSpec("My-Image");
        QTreeView* problems = find<QTreeView>("problemsView");
        // The flytekit trap: cuda with the default builder.
        find<ui::SpecForm>("specForm")->setAdvancedExpanded(true);
        typeInto(lineField("field_cuda"), "12.1");
        QTRY_VERIFY(problems->model()->rowCount() >= 2);
        int cudaRow = -1;
        for (int row = 0; row < problems->model()->rowCount(); ++row)
            if (problems->model()->index(row, 1).data().toString().contains("cuda"))
                cudaRow = row;
        QVERIFY(cudaRow >= 0);
        QVERIFY(find<QLabel>("status_cuda")->isVisible());

        lineField("field_name")->setFocus();
        Q_EMIT problems->activated(problems->model()->index(cudaRow, 1));
        QCOMPARE(QApplication::focusWidget(), lineField("field_cuda"));

        // A syntax error sends the user to its line in the YAML.
        yaml()->setFocus();
        yaml()->moveCursor(QTextCursor::Start);
        QTest::keyClicks(yaml(), "[");
        QVERIFY(editor()->document()->syntaxError());
        const int errorLine = editor()->document()->syntaxError()->position.line;
        const QString location = QStringLiteral("specs/my-image.yaml:%1").arg(errorLine);
        const auto errorRow = [problems, location] {
            for (int row = 0; row < problems->model()->rowCount(); ++row)
                if (problems->model()->index(row, 0).data().toString() == location)
                    return row;
            return -1;
        };
        QTRY_VERIFY(errorRow() >= 0);
        lineField("field_name")->setFocus();
        Q_EMIT problems->activated(problems->model()->index(errorRow(), 1));
        QCOMPARE(QApplication::focusWidget(), yaml());
        QCOMPARE(yaml()->textCursor().blockNumber() + 1, errorLine);
    }

    void unquotedVersionAndUnsetPythonAreWarned() {
        openSpec("My-Image");
        yaml()->selectAll();
        typeLines(yaml(), "name: x\npython_version: 3.10\n");
        QTRY_VERIFY(find<QLabel>("status_python_version")->isVisible());
        QVERIFY(find<QLabel>("status_python_version")->toolTip().contains("3.1"));
        yaml()->selectAll();
        typeLines(yaml(), "name: x\n");
        QTRY_VERIFY(find<QLabel>("status_python_version")->toolTip().contains("python_version"));
    }
};

QTEST_MAIN(TestSpecEditor)
#include "tst_speceditor.moc"
