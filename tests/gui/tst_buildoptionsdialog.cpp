// Build > Build Options: the dialog starts from the project's slipway-build.json, what the user
// chooses is remembered for that spec of that project (and only that one), Restore Defaults goes back
// to the project's file, and a broken file is shown rather than silently ignored.
#include "build/buildoptionsdialog.h"
#include "project/buildoptionsdefaults.h"
#include "widgets/messagebanner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace slipway;
using slipway::ui::BuildOptionsDialog;
using slipway::ui::BuildOptionsSettings;

class TestBuildOptionsDialog : public QObject {
    Q_OBJECT

    QTemporaryDir m_settingsDir;
    QTemporaryDir m_project;

    void writeDefaults(const QByteArray& json) {
        QFile file(QDir(m_project.path()).filePath(QString(project::kBuildDefaultsFileName)));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(json);
    }
    BuildOptionsSettings settings(const QString& spec) const { return {m_project.path(), spec}; }
    template <typename T> static T* child(QWidget& dialog, const char* name) {
        return dialog.findChild<T*>(QLatin1String(name));
    }

private Q_SLOTS:
    void initTestCase() {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
        QCoreApplication::setOrganizationName(QStringLiteral("SlipwayTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_buildoptionsdialog"));
    }

    void init() {
        QSettings().clear();
        writeDefaults(
            R"({"specs": {"offline.yaml": {"installer": "pip", "addFlytekit": false, "syntaxLine": false}}})");
    }

    void startsFromTheProjectDefaultsAndRemembersTheChoicePerSpec() {
        {
            BuildOptionsDialog dialog(settings(QStringLiteral("offline.yaml")),
                                      QStringLiteral("offline.yaml"));
            QCOMPARE(child<QComboBox>(dialog, "buildInstaller")->currentData().toString(),
                     QStringLiteral("pip"));
            QVERIFY(!child<QCheckBox>(dialog, "buildAddFlytekit")->isChecked());
            QVERIFY(!child<QCheckBox>(dialog, "buildSyntaxLine")->isChecked());
            QVERIFY(child<ui::MessageBanner>(dialog, "buildOptionsProblem")->isHidden());
            child<QComboBox>(dialog, "buildPlatform")
                ->setCurrentIndex(
                    child<QComboBox>(dialog, "buildPlatform")->findText(QStringLiteral("linux/arm64")));
            QTest::mouseClick(child<QCheckBox>(dialog, "buildNoCache"), Qt::LeftButton);
            QTest::mouseClick(
                child<QDialogButtonBox>(dialog, "buildOptionsButtons")->button(QDialogButtonBox::Ok),
                Qt::LeftButton);
        }
        const BuildOptionsSettings::Loaded loaded = settings(QStringLiteral("offline.yaml")).load();
        QVERIFY(loaded.userChosen);
        QCOMPARE(loaded.options.platform, QStringLiteral("linux/arm64"));
        QVERIFY(loaded.options.noCache);
        QCOMPARE(loaded.options.dockerfile.installer, build::Installer::Pip); // the project's, kept
        // Another spec of the project keeps Slipway's defaults.
        const BuildOptionsSettings::Loaded other = settings(QStringLiteral("other.yaml")).load();
        QVERIFY(!other.userChosen);
        QCOMPARE(other.options, docker::BuildOptions{});

        // Opened again it shows the choice; Restore Defaults + OK forgets it.
        BuildOptionsDialog dialog(settings(QStringLiteral("offline.yaml")), QStringLiteral("offline.yaml"));
        QCOMPARE(child<QComboBox>(dialog, "buildPlatform")->currentText(), QStringLiteral("linux/arm64"));
        QVERIFY(child<QCheckBox>(dialog, "buildNoCache")->isChecked());
        auto* buttons = child<QDialogButtonBox>(dialog, "buildOptionsButtons");
        QTest::mouseClick(buttons->button(QDialogButtonBox::RestoreDefaults), Qt::LeftButton);
        QVERIFY(!child<QCheckBox>(dialog, "buildNoCache")->isChecked());
        QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QVERIFY(!settings(QStringLiteral("offline.yaml")).load().userChosen);
    }

    void brokenDefaultsFileIsShown() {
        writeDefaults(R"({"defaults": {"installer": "conda"}})");
        BuildOptionsDialog dialog(settings(QStringLiteral("offline.yaml")), QStringLiteral("offline.yaml"));
        auto* banner = child<ui::MessageBanner>(dialog, "buildOptionsProblem");
        QVERIFY(!banner->isHidden());
        QVERIFY(banner->text().contains(QStringLiteral("slipway-build.json")));
        QVERIFY(banner->text().contains(QStringLiteral("installer")));
    }
};

QTEST_MAIN(TestBuildOptionsDialog)
#include "tst_buildoptionsdialog.moc"
