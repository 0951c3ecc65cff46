// The credential wizard when no OS keychain answers (DBUS_SESSION_BUS_ADDRESS pointing nowhere, as on
// a headless machine): the login to the real htpasswd registry tests OK, Save says plainly that there
// is no keychain, and "Keep for this session only" puts it into the session store — nowhere else.
#include "childlookup.h"
#include "credentials/credentialwizard.h"
#include "credentials/keychaincredentialstore.h"
#include "credentials/sessioncredentialstore.h"
#include "credentialtesting.h"
#include "registry/registryclient.h"
#include "widgets/messagebanner.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace slipway;
using namespace credentialtesting;
using slipway::ui::CredentialWizard;
using slipway::ui::MessageBanner;

class TestCredentialWizardNoKeychain : public QObject {
    Q_OBJECT

    QTemporaryDir m_nowhere;
    std::unique_ptr<IsolatedHome> m_home;

    template <typename T> static T* find(CredentialWizard& wizard, const char* objectName) {
        return slipway::testing::requireChild<T>(*wizard.currentPage(), objectName);
    }

private Q_SLOTS:
    void initTestCase() {
        if (const QString missing = missingServices(
                {"SLIPWAY_TEST_BASIC_REGISTRY", "SLIPWAY_TEST_BASIC_USER", "SLIPWAY_TEST_BASIC_PASSWORD"},
                false);
            !missing.isEmpty())
            QFAIL(qPrintable(missing));
        // Before the first keychain call: libsecret connects to the bus once per process.
        qputenv("DBUS_SESSION_BUS_ADDRESS",
                "unix:path=" + m_nowhere.filePath(QStringLiteral("no-bus")).toLocal8Bit());
        m_home = std::make_unique<IsolatedHome>();
    }

    void saveOffersSessionOnlyAndKeepsItThere() {
        credentials::KeychainCredentialStore keychain(uniqueService("wizard-nokeychain"));
        credentials::SessionCredentialStore session;
        registry::RegistryClient client;
        CredentialWizard wizard({&keychain, &session, &client});
        wizard.show();

        auto* list = find<QListWidget>(wizard, "registryList");
        const QListWidgetItem* other =
            list->findItems(QStringLiteral("Other registry"), Qt::MatchExactly).value(0);
        QVERIFY(other);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(other).center());
        const QString registry = qEnvironmentVariable("SLIPWAY_TEST_BASIC_REGISTRY");
        QTest::keyClicks(find<QLineEdit>(wizard, "hostField"), registry);
        QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
        QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard.currentId(), int(CredentialWizard::EnterLoginPage));

        const QString secret = qEnvironmentVariable("SLIPWAY_TEST_BASIC_PASSWORD");
        QTest::keyClicks(find<QComboBox>(wizard, "usernameField")->lineEdit(),
                         qEnvironmentVariable("SLIPWAY_TEST_BASIC_USER"));
        QTest::keyClicks(find<QLineEdit>(wizard, "secretField"), secret);
        QTest::keyClicks(find<QLineEdit>(wizard, "repositoryField"),
                         QStringLiteral("slipway/wizard-session"));
        QTest::mouseClick(find<QPushButton>(wizard, "testButton"), Qt::LeftButton);
        auto* result = find<MessageBanner>(wizard, "testResult");
        QTRY_VERIFY_WITH_TIMEOUT(!result->isHidden(), 30000);
        QVERIFY2(result->text().startsWith(QLatin1String("Login works")), qPrintable(result->text()));

        QSignalSpy saved(&wizard, &CredentialWizard::saved);
        QTest::mouseClick(wizard.button(QWizard::FinishButton), Qt::LeftButton);
        auto* saveResult = find<MessageBanner>(wizard, "saveResult");
        QTRY_VERIFY_WITH_TIMEOUT(saveResult->findChild<QPushButton*>(QStringLiteral("keepForSessionButton")),
                                 30000);
        QVERIFY2(saveResult->text().startsWith(QLatin1String("No keychain answered")),
                 qPrintable(saveResult->text()));
        QVERIFY(saveResult->text().contains(QLatin1String("for this session only")));
        QVERIFY(!saveResult->text().contains(secret));
        QCOMPARE(saved.count(), 0);
        QVERIFY(wizard.isVisible());

        QTest::mouseClick(saveResult->findChild<QPushButton*>(QStringLiteral("keepForSessionButton")),
                          Qt::LeftButton);
        QVERIFY(saved.wait(10000));
        QCOMPARE(saved.first().at(1).toBool(), false);
        QTRY_COMPARE(wizard.result(), int(QDialog::Accepted));
        const auto kept = await(session.read(registry));
        QVERIFY(kept);
        QCOMPARE(kept->username, qEnvironmentVariable("SLIPWAY_TEST_BASIC_USER"));
        QCOMPARE(kept->secret, secret);
        QCOMPARE(filesContaining(m_home->path(), secret.toUtf8()), QStringList());
    }
};

QTEST_MAIN(TestCredentialWizardNoKeychain)
#include "tst_credentialwizardnokeychain.moc"
