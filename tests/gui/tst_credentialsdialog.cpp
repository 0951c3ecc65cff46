// The registry logins dialog on the real Secret Service (tests/services/up keychain) and the real
// htpasswd registry: it lists what the keychain and the session hold, tests a stored login, removes
// one after asking (and keeps it when the answer is no), imports docker's config.json showing what it
// took and what it skipped, and switches docker's credsStore to Slipway with a backup and back.
#include "childlookup.h"
#include "credentials/credentialsdialog.h"
#include "credentials/credentialwizard.h"
#include "credentials/keychaincredentialstore.h"
#include "credentials/sessioncredentialstore.h"
#include "credentialscreens.h"
#include "credentialtesting.h"
#include "registry/registryclient.h"
#include "widgets/messagebanner.h"
#include "widgets/messagebox.h"

#include <QCheckBox>
#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

using namespace slipway;
using namespace credentialtesting;
using slipway::credentials::RegistryCredential;
using slipway::credentials::SecretKind;
using slipway::ui::CredentialsDialog;
using slipway::ui::MessageBanner;

class TestCredentialsDialog : public QObject {
    Q_OBJECT

    CredentialScreens m_screens;
    std::unique_ptr<QTemporaryDir> m_dockerConfig;
    QString m_basic;

    template <typename T> static T* find(QWidget& parent, const char* objectName) {
        return slipway::testing::requireChild<T>(parent, objectName);
    }

    std::unique_ptr<CredentialsDialog> openDialog() {
        auto dialog = std::make_unique<CredentialsDialog>(m_screens.services());
        dialog->setDockerConfigDir(m_dockerConfig->path());
        QSignalSpy refreshed(dialog.get(), &CredentialsDialog::refreshed);
        dialog->show();
        if (!refreshed.wait(30000))
            qFatal("the dialog never listed the logins");
        return dialog;
    }

    static QStringList rows(CredentialsDialog& dialog) {
        QStringList rows;
        auto* list = find<QTreeWidget>(dialog, "loginList");
        for (int row = 0; row < list->topLevelItemCount(); ++row) {
            const QTreeWidgetItem* item = list->topLevelItem(row);
            rows.append(QStringList{item->text(0), item->text(1), item->text(2), item->text(3)}.join(
                QStringLiteral(" | ")));
        }
        return rows;
    }

    // The wizard the dialog has open (a closed one may wait for its deletion).
    static ui::CredentialWizard* openWizard(CredentialsDialog& dialog) {
        for (ui::CredentialWizard* wizard : dialog.findChildren<ui::CredentialWizard*>()) {
            if (wizard->isVisible())
                return wizard;
        }
        return nullptr;
    }

    static void select(CredentialsDialog& dialog, const QString& registry) {
        auto* list = find<QTreeWidget>(dialog, "loginList");
        const auto items = list->findItems(registry, Qt::MatchExactly, 0);
        QVERIFY2(items.size() == 1, qPrintable(registry));
        list->setCurrentItem(items.first());
    }

    void writeDockerConfig(const QJsonObject& config) {
        QFile file(QDir(m_dockerConfig->path()).filePath(QStringLiteral("config.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(config).toJson());
    }

    QJsonObject dockerConfig() const {
        QFile file(QDir(m_dockerConfig->path()).filePath(QStringLiteral("config.json")));
        return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object()
                                              : QJsonObject();
    }

private Q_SLOTS:
    void initTestCase() {
        if (const QString missing =
                m_screens.setUp("dialog", {"SLIPWAY_TEST_BASIC_REGISTRY", "SLIPWAY_TEST_BASIC_USER",
                                           "SLIPWAY_TEST_BASIC_PASSWORD"});
            !missing.isEmpty())
            QFAIL(qPrintable(missing));
        m_basic = qEnvironmentVariable("SLIPWAY_TEST_BASIC_REGISTRY");
    }

    void init() {
        clearService(m_screens.service());
        m_screens.renew();
        m_dockerConfig = std::make_unique<QTemporaryDir>();
        QVERIFY(await(m_screens.keychain()->store({m_basic, qEnvironmentVariable("SLIPWAY_TEST_BASIC_USER"),
                                                   qEnvironmentVariable("SLIPWAY_TEST_BASIC_PASSWORD"),
                                                   SecretKind::Password})));
        QVERIFY(await(m_screens.keychain()->store({QStringLiteral("ghcr.io"), QStringLiteral("octocat"),
                                                   QStringLiteral("ghp_dialogtest"),
                                                   SecretKind::PersonalAccessToken})));
        QVERIFY(await(
            m_screens.session()->store({QStringLiteral("quay.io"), QStringLiteral("org+robot"),
                                        QStringLiteral("robot-token"), SecretKind::PersonalAccessToken})));
    }

    void listsEveryLoginWithWhereItIsKept() {
        auto dialog = openDialog();
        const QString keychain = m_screens.keychain()->location();
        const QString session = m_screens.session()->location();
        QCOMPARE(rows(*dialog),
                 (QStringList{m_basic + " | " + qEnvironmentVariable("SLIPWAY_TEST_BASIC_USER") +
                                  " | password | " + keychain,
                              "ghcr.io | octocat | personal access token | " + keychain,
                              "quay.io | org+robot | personal access token | " + session}));
        // Nothing is selected: nothing to test, replace or remove.
        QVERIFY(!find<QPushButton>(*dialog, "removeButton")->isEnabled());
        select(*dialog, QStringLiteral("ghcr.io"));
        QVERIFY(find<QPushButton>(*dialog, "removeButton")->isEnabled());
    }

    void testChecksTheStoredLoginAgainstTheRegistry() {
        auto dialog = openDialog();
        select(*dialog, m_basic);
        QSignalSpy tested(dialog.get(), &CredentialsDialog::tested);
        QTest::mouseClick(find<QPushButton>(*dialog, "testButton"), Qt::LeftButton);
        QVERIFY(tested.wait(30000));
        const QString ok = find<MessageBanner>(*dialog, "dialogBanner")->text();
        QVERIFY2(ok.startsWith(QLatin1String("Login works")), qPrintable(ok));

        // A stale password: the registry's own reason.
        QVERIFY(await(m_screens.keychain()->store({m_basic, qEnvironmentVariable("SLIPWAY_TEST_BASIC_USER"),
                                                   QStringLiteral("stale"), SecretKind::Password})));
        QTRY_COMPARE(rows(*dialog).size(), 3);
        select(*dialog, m_basic);
        QTest::mouseClick(find<QPushButton>(*dialog, "testButton"), Qt::LeftButton);
        QVERIFY(tested.wait(30000));
        const QString refused = find<MessageBanner>(*dialog, "dialogBanner")->text();
        QVERIFY2(refused.contains(QLatin1String("UNAUTHORIZED")) || refused.contains(QLatin1String("401")),
                 qPrintable(refused));
        QVERIFY(!refused.contains(QLatin1String("stale")));
    }

    void removeAsksFirst() {
        auto dialog = openDialog();
        select(*dialog, QStringLiteral("ghcr.io"));
        ui::MessageBox::setNextAnswer(QMessageBox::Cancel);
        QTest::mouseClick(find<QPushButton>(*dialog, "removeButton"), Qt::LeftButton);
        QCOMPARE(ui::MessageBox::lastQuestion(), QStringLiteral("Remove the login of octocat for ghcr.io?"));
        QVERIFY(await(m_screens.keychain()->read(QStringLiteral("ghcr.io"))));

        QSignalSpy refreshed(dialog.get(), &CredentialsDialog::refreshed);
        ui::MessageBox::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(find<QPushButton>(*dialog, "removeButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(rows(*dialog).size() == 2, 30000);
        QCOMPARE(await(m_screens.keychain()->read(QStringLiteral("ghcr.io"))).error().code,
                 QString(credentials::kNotFound));
        QVERIFY(!secretToolSearch(m_screens.service()).contains("ghp_dialogtest"));

        // The session's login is removed from the session store.
        select(*dialog, QStringLiteral("quay.io"));
        ui::MessageBox::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(find<QPushButton>(*dialog, "removeButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(rows(*dialog).size() == 1, 30000);
        QCOMPARE(await(m_screens.session()->list())->size(), 0);
    }

    void importShowsWhatWasTakenAndWhatWasSkipped() {
        const QString auth = QString::fromLatin1(QByteArray("importer:import-secret").toBase64());
        writeDockerConfig(QJsonObject{
            {QStringLiteral("auths"), QJsonObject{{QStringLiteral("registry.example.com:5000"),
                                                   QJsonObject{{QStringLiteral("auth"), auth}}},
                                                  {QStringLiteral("empty.example.com"), QJsonObject{}}}}});
        auto dialog = openDialog();
        QSignalSpy imported(dialog.get(), &CredentialsDialog::imported);
        QTest::mouseClick(find<QPushButton>(*dialog, "importButton"), Qt::LeftButton);
        QVERIFY(imported.wait(30000));
        auto* report = find<QTreeWidget>(*dialog, "importReport");
        QVERIFY(report->isVisible());
        QCOMPARE(report->topLevelItem(0)->text(0), QStringLiteral("Imported (1)"));
        QCOMPARE(report->topLevelItem(0)->child(0)->text(0), QStringLiteral("registry.example.com:5000"));
        QVERIFY(report->topLevelItem(0)->child(0)->text(1).contains(QLatin1String("importer")));
        QCOMPARE(report->topLevelItem(1)->text(0), QStringLiteral("Skipped (1)"));
        QCOMPARE(report->topLevelItem(1)->child(0)->text(0), QStringLiteral("empty.example.com"));
        QVERIFY(!report->topLevelItem(1)->child(0)->text(1).isEmpty()); // the reason
        QTRY_VERIFY_WITH_TIMEOUT(rows(*dialog).size() == 4, 30000);
        QCOMPARE(await(m_screens.keychain()->read(QStringLiteral("registry.example.com:5000")))->secret,
                 QStringLiteral("import-secret"));
    }

    void letDockerUseSlipwaysLoginsWithABackup() {
        writeDockerConfig(QJsonObject{{QStringLiteral("credsStore"), QStringLiteral("desktop")}});
        auto dialog = openDialog();
        auto* share = find<QCheckBox>(*dialog, "shareWithDockerCheck");
        QVERIFY(!share->isChecked());
        QVERIFY(find<QWidget>(*dialog, "shareExplanation")
                    ->property("text")
                    .toString()
                    .contains(QLatin1String("backup")));
        QTest::mouseClick(share, Qt::LeftButton, {},
                          QPoint(8, share->height() / 2)); // on the box, not past the label
        QVERIFY2(share->isChecked(), qPrintable(find<MessageBanner>(*dialog, "dialogBanner")->text()));
        QCOMPARE(dockerConfig().value(QStringLiteral("credsStore")).toString(), QStringLiteral("slipway"));
        const QString message = find<MessageBanner>(*dialog, "dialogBanner")->text();
        QVERIFY2(message.contains(QLatin1String("Backup of the previous file: ")), qPrintable(message));
        const QStringList backups =
            QDir(m_dockerConfig->path())
                .entryList({QStringLiteral("config.json.slipway-backup-*")}, QDir::Files);
        QCOMPARE(backups.size(), 1);
        QVERIFY(message.contains(backups.first()));

        QTest::mouseClick(share, Qt::LeftButton, {},
                          QPoint(8, share->height() / 2)); // on the box, not past the label
        QVERIFY(!share->isChecked());
        QCOMPARE(dockerConfig().value(QStringLiteral("credsStore")).toString(), QStringLiteral("desktop"));
        QVERIFY(find<MessageBanner>(*dialog, "dialogBanner")->text().contains(QLatin1String("\"desktop\"")));
    }

    void addOpensTheWizard() {
        auto dialog = openDialog();
        QSignalSpy opened(dialog.get(), &CredentialsDialog::wizardOpened);
        QTest::mouseClick(find<QPushButton>(*dialog, "addButton"), Qt::LeftButton);
        QCOMPARE(opened.count(), 1);
        auto* wizard = openWizard(*dialog);
        QVERIFY(wizard);
        QVERIFY(wizard->isVisible());
        QCOMPARE(wizard->currentId(), int(ui::CredentialWizard::ChooseRegistryPage));
        wizard->reject();

        select(*dialog, QStringLiteral("ghcr.io"));
        QTest::mouseClick(find<QPushButton>(*dialog, "replaceButton"), Qt::LeftButton);
        QCOMPARE(opened.count(), 2);
        wizard = openWizard(*dialog);
        QVERIFY(wizard);
        QCOMPARE(wizard->host(), QStringLiteral("ghcr.io"));
        QCOMPARE(wizard->currentId(), int(ui::CredentialWizard::CreateSecretPage));
        wizard->next();
        QCOMPARE(wizard->currentPage()->findChild<QComboBox*>(QStringLiteral("usernameField"))->currentText(),
                 QStringLiteral("octocat"));
    }
};

QTEST_MAIN(TestCredentialsDialog)
#include "tst_credentialsdialog.moc"
