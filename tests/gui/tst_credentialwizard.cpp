// The credential wizard against the real token registry (GHCR's behaviour) and the real Secret
// Service from tests/services/up: a wrong password shows the registry's reason and saves nothing, an
// outsider is denied, the right login tests OK and lands in the keychain; the pages fill themselves
// from the presets (GHCR token scopes, ECR host and command, GAR key file), and the entry point the
// app uses after a refused push.
#include "childlookup.h"
#include "credentials/credentialwizard.h"
#include "credentials/keychaincredentialstore.h"
#include "credentials/sessioncredentialstore.h"
#include "credentialscreens.h"
#include "credentialtesting.h"
#include "registry/registryclient.h"
#include "widgets/filedialog.h"
#include "widgets/messagebanner.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <memory>

using namespace slipway;
using namespace credentialtesting;
using slipway::credentials::CredentialSummary;
using slipway::credentials::RegistryCredential;
using slipway::credentials::SecretKind;
using slipway::ui::CredentialWizard;
using slipway::ui::MessageBanner;

namespace {

QString env(const char* name) {
    return qEnvironmentVariable(name);
}

// Types into the wizard's fields the way a user does, by object name.
class WizardDriver {
public:
    explicit WizardDriver(CredentialWizard& wizard) : m_wizard(wizard) {}

    template <typename T> T* find(const char* objectName) const {
        return slipway::testing::requireChild<T>(*m_wizard.currentPage(), objectName);
    }

    void chooseRegistry(const QString& name) {
        auto* list = find<QListWidget>("registryList");
        const QList<QListWidgetItem*> items = list->findItems(name, Qt::MatchExactly);
        QVERIFY2(items.size() == 1, qPrintable(name));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(items.first()).center());
        QCOMPARE(list->currentItem(), items.first());
    }

    void type(QLineEdit* field, const QString& text) {
        field->selectAll();
        if (text.isEmpty())
            QTest::keyClick(field, Qt::Key_Backspace);
        else
            QTest::keyClicks(field, text);
        QCOMPARE(field->text(), text);
    }
    void type(const char* objectName, const QString& text) { type(find<QLineEdit>(objectName), text); }

    void next() {
        QAbstractButton* button = m_wizard.button(QWizard::NextButton);
        QVERIFY(button->isEnabled());
        const int before = m_wizard.currentId();
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(m_wizard.currentId() != before);
    }

    void enterLogin(const QString& username, const QString& secret, const QString& repository) {
        type(find<QComboBox>("usernameField")->lineEdit(), username);
        type("secretField", secret);
        type("repositoryField", repository);
    }

    // Clicks Test and waits for the verdict; returns the result banner's text.
    QString test() {
        auto* button = find<QPushButton>("testButton");
        if (!button->isEnabled())
            return QStringLiteral("(Test was disabled)");
        QTest::mouseClick(button, Qt::LeftButton);
        auto* result = find<MessageBanner>("testResult");
        if (!QTest::qWaitFor([&] { return !result->isHidden() && button->isEnabled(); }, 30000))
            return QStringLiteral("(no result within 30 s)");
        return result->text();
    }

    QAbstractButton* save() const { return m_wizard.button(QWizard::FinishButton); }

private:
    CredentialWizard& m_wizard;
};

} // namespace

class TestCredentialWizard : public QObject {
    Q_OBJECT

    CredentialScreens m_screens;
    std::unique_ptr<CredentialWizard> m_wizard;
    QString m_registry;

    ui::CredentialServices services() const { return m_screens.services(); }

    // A fresh wizard walked to the login page for the token registry with GHCR's preset.
    void openGhcrLikeWizard(WizardDriver& driver) {
        driver.chooseRegistry(QStringLiteral("GitHub Container Registry"));
        QCOMPARE(driver.find<QLineEdit>("hostField")->text(), QStringLiteral("ghcr.io"));
        driver.type("hostField", m_registry);
        driver.next();
        QCOMPARE(m_wizard->currentId(), int(CredentialWizard::CreateSecretPage));
        driver.next();
        QCOMPARE(m_wizard->currentId(), int(CredentialWizard::EnterLoginPage));
    }

    QString read(const QString& registry) {
        const auto stored = await(m_screens.keychain()->read(registry));
        return stored ? stored->username + QLatin1Char(':') + stored->secret : stored.error().code;
    }

private Q_SLOTS:
    void initTestCase() {
        if (const QString missing =
                m_screens.setUp("wizard", {"SLIPWAY_TEST_TOKEN_REGISTRY", "SLIPWAY_TEST_TOKEN_USER",
                                           "SLIPWAY_TEST_TOKEN_PASSWORD", "SLIPWAY_TEST_TOKEN_OUTSIDER_USER",
                                           "SLIPWAY_TEST_TOKEN_OUTSIDER_PASSWORD"});
            !missing.isEmpty())
            QFAIL(qPrintable(missing));
        m_registry = env("SLIPWAY_TEST_TOKEN_REGISTRY");
    }

    void init() {
        m_screens.renew();
        m_wizard = std::make_unique<CredentialWizard>(services());
        m_wizard->show();
    }

    void cleanup() {
        m_wizard.reset();
        if (m_screens.keychain())
            await(m_screens.keychain()->remove(m_registry));
    }

    void guidePageTellsWhatToCreateForGhcr() {
        WizardDriver driver(*m_wizard);
        driver.chooseRegistry(QStringLiteral("GitHub Container Registry"));
        driver.next();
        QVERIFY(driver.find<QLabel>("secretHintLabel")->text().contains(QLatin1String("write:packages")));
        QVERIFY(driver.find<QLabel>("secretHintLabel")->text().contains(QLatin1String("classic")));
        const auto* link = driver.find<QLabel>("createLinkLabel");
        QVERIFY(link->isVisible());
        QVERIFY(link->openExternalLinks());
        QVERIFY(link->text().contains(
            QLatin1String("href=\"https://github.com/settings/tokens/new?scopes=write:packages\"")));
        driver.next();
        // GHCR takes one kind of secret: no kind to choose, and the secret stays hidden until asked.
        auto* secret = driver.find<QLineEdit>("secretField");
        QCOMPARE(secret->echoMode(), QLineEdit::Password);
        QTest::mouseClick(driver.find<QToolButton>("showSecretButton"), Qt::LeftButton);
        QCOMPARE(secret->echoMode(), QLineEdit::Normal);
        QTest::mouseClick(driver.find<QToolButton>("showSecretButton"), Qt::LeftButton);
        QCOMPARE(secret->echoMode(), QLineEdit::Password);
        QVERIFY(driver.find<QComboBox>("kindField")->isHidden());
        QVERIFY(!driver.save()->isEnabled());
    }

    void ecrHostAndCommandComeFromAccountAndRegion() {
        WizardDriver driver(*m_wizard);
        driver.chooseRegistry(QStringLiteral("Amazon ECR"));
        QVERIFY(driver.find<QLineEdit>("hostField")->text().isEmpty());
        QVERIFY(!m_wizard->button(QWizard::NextButton)->isEnabled());
        driver.type("hostPart_account", QStringLiteral("123456789012"));
        driver.type("hostPart_region", QStringLiteral("eu-central-1"));
        QCOMPARE(driver.find<QLineEdit>("hostField")->text(),
                 QStringLiteral("123456789012.dkr.ecr.eu-central-1.amazonaws.com"));
        driver.next();
        QVERIFY(driver.find<QLabel>("expiryLabel")->text().contains(QLatin1String("12 hours")));
        auto* command = driver.find<QWidget>("commandField")->findChild<QLineEdit*>();
        QCOMPARE(command->text(), QStringLiteral("aws ecr get-login-password --region eu-central-1"));
        driver.next();
        QCOMPARE(driver.find<QComboBox>("usernameField")->currentText(), QStringLiteral("AWS"));
    }

    void garKeyFileBecomesTheSecretWithoutItsPath() {
        WizardDriver driver(*m_wizard);
        driver.chooseRegistry(QStringLiteral("Google Artifact Registry"));
        driver.type("hostPart_location", QStringLiteral("europe-west4"));
        driver.type("hostPart_project", QStringLiteral("my-project"));
        driver.next();
        driver.next();
        auto* username = driver.find<QComboBox>("usernameField");
        auto* keyFile = driver.find<QPushButton>("keyFileButton");
        QCOMPARE(username->currentText(), QStringLiteral("oauth2accesstoken"));
        QVERIFY(keyFile->isHidden());
        QCOMPARE(driver.find<QLineEdit>("repositoryField")->text(), QStringLiteral("my-project/"));
        username->setCurrentText(QStringLiteral("_json_key"));
        QVERIFY(!keyFile->isHidden());

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("pusher-key.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            "{\n  \"type\": \"service_account\",\n  \"client_email\": "
            "\"pusher@my-project.iam.gserviceaccount.com\",\n"
            "  \"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----\\n\"\n}\n");
        file.close();
        ui::FileDialog::setNextFileName(path);
        QTest::mouseClick(keyFile, Qt::LeftButton);
        const QString secret = driver.find<QLineEdit>("secretField")->text();
        QVERIFY2(secret.startsWith(QLatin1String("{\"client_email\":\"pusher@")), qPrintable(secret));
        QVERIFY(!secret.contains(QLatin1Char('\n'))); // one line: the login secret cannot hold line breaks
        QVERIFY(driver.find<QLabel>("keyFileNote")->text().contains(QLatin1String("pusher@my-project")));
        for (const QLineEdit* field : m_wizard->findChildren<QLineEdit*>())
            QVERIFY(!field->text().contains(QLatin1String("pusher-key.json")));
        for (const QLabel* label : m_wizard->findChildren<QLabel*>())
            QVERIFY(!label->text().contains(QLatin1String("pusher-key.json")));
    }

    void wrongPasswordShowsTheRegistrysReasonAndSavesNothing() {
        WizardDriver driver(*m_wizard);
        openGhcrLikeWizard(driver);
        driver.enterLogin(env("SLIPWAY_TEST_TOKEN_USER"), QStringLiteral("not-the-password"),
                          QStringLiteral("private/wizard-test"));
        const QString result = driver.test();
        QVERIFY2(result.contains(QLatin1String("UNAUTHORIZED")) ||
                     result.contains(QLatin1String("authentication required")),
                 qPrintable(result));
        QVERIFY2(result.contains(QLatin1String("Nothing was saved")), qPrintable(result));
        QVERIFY(!driver.save()->isEnabled());
        QCOMPARE(read(m_registry), QString(credentials::kNotFound));
    }

    void outsiderIsDenied() {
        WizardDriver driver(*m_wizard);
        openGhcrLikeWizard(driver);
        driver.enterLogin(env("SLIPWAY_TEST_TOKEN_OUTSIDER_USER"),
                          env("SLIPWAY_TEST_TOKEN_OUTSIDER_PASSWORD"), QStringLiteral("private/wizard-test"));
        const QString result = driver.test();
        QVERIFY2(result.contains(QLatin1String("DENIED"), Qt::CaseInsensitive), qPrintable(result));
        QVERIFY2(result.contains(env("SLIPWAY_TEST_TOKEN_OUTSIDER_USER")), qPrintable(result));
        QVERIFY(!driver.save()->isEnabled());
    }

    void rightLoginTestsOkAndIsSavedInTheKeychain() {
        WizardDriver driver(*m_wizard);
        openGhcrLikeWizard(driver);
        const QString secret = env("SLIPWAY_TEST_TOKEN_PASSWORD");
        driver.enterLogin(env("SLIPWAY_TEST_TOKEN_USER"), secret,
                          m_registry + QStringLiteral("/private/wizard-test:v1"));
        const QString result = driver.test();
        QVERIFY2(result.startsWith(QLatin1String("Login works")), qPrintable(result));
        QVERIFY2(result.contains(QLatin1String("pushing to private/wizard-test")), qPrintable(result));
        QVERIFY(driver.save()->isEnabled());

        // Editing after the test asks for a new one before saving.
        driver.type("secretField", secret + QLatin1Char('x'));
        QVERIFY(!driver.save()->isEnabled());
        driver.type("secretField", secret);
        QVERIFY(!driver.save()->isEnabled());
        QVERIFY(driver.test().startsWith(QLatin1String("Login works")));

        QSignalSpy saved(m_wizard.get(), &CredentialWizard::saved);
        QTest::mouseClick(driver.save(), Qt::LeftButton);
        QVERIFY(saved.wait(30000));
        const auto login = saved.first().at(0).value<CredentialSummary>();
        QCOMPARE(login.registry, m_registry);
        QCOMPARE(login.username, env("SLIPWAY_TEST_TOKEN_USER"));
        QCOMPARE(saved.first().at(1).toBool(), true);
        QTRY_COMPARE(m_wizard->result(), int(QDialog::Accepted));
        QCOMPARE(read(m_registry), env("SLIPWAY_TEST_TOKEN_USER") + QLatin1Char(':') + secret);
        QVERIFY(secretToolSearch(m_screens.service()).contains(secret.toUtf8()));
        QCOMPARE(await(m_screens.session()->list())->size(), 0);
        QCOMPARE(filesContaining(m_screens.homePath(), secret.toUtf8()), QStringList());
    }

    void cancelStopsTheTest() {
        WizardDriver driver(*m_wizard);
        openGhcrLikeWizard(driver);
        driver.enterLogin(env("SLIPWAY_TEST_TOKEN_USER"), env("SLIPWAY_TEST_TOKEN_PASSWORD"),
                          QStringLiteral("private/wizard-test"));
        QTest::mouseClick(driver.find<QPushButton>("testButton"), Qt::LeftButton);
        auto* cancel = driver.find<QPushButton>("cancelTestButton");
        QVERIFY(cancel->isVisible());
        QVERIFY(driver.find<QWidget>("testProgress")->isVisible());
        QVERIFY(!driver.find<QLineEdit>("secretField")->isEnabled());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(cancel->isHidden());
        QVERIFY(driver.find<QLineEdit>("secretField")->isEnabled());
        QCOMPARE(driver.find<MessageBanner>("testResult")->text(),
                 QStringLiteral("Test cancelled; nothing was saved."));
        QVERIFY(!driver.save()->isEnabled());
    }

    void refusedPushOpensTheWizardForItsRegistry() {
        const QString reason =
            QStringLiteral("Pushing to ghcr.io was refused: denied: permission_denied: write_package");
        std::unique_ptr<CredentialWizard> wizard(CredentialWizard::forRegistry(
            services(), QStringLiteral("ghcr.io"), QStringLiteral("octo/app"), reason));
        wizard->show();
        QCOMPARE(wizard->currentId(), int(CredentialWizard::CreateSecretPage));
        QCOMPARE(wizard->preset().id, QStringLiteral("ghcr"));
        WizardDriver driver(*wizard);
        QCOMPARE(driver.find<MessageBanner>("reasonBanner")->text(), reason);
        QVERIFY(driver.find<MessageBanner>("reasonBanner")->isVisible());
        QVERIFY(driver.find<QLabel>("secretHintLabel")->text().contains(QLatin1String("write:packages")));
        driver.next();
        QCOMPARE(driver.find<QLineEdit>("repositoryField")->text(), QStringLiteral("octo/app"));
        QVERIFY(driver.find<MessageBanner>("reasonBanner")->isVisible());
    }

    void specImagePrefillsRegistryAndRepository() {
        m_wizard->setTargetImage(QStringLiteral("ghcr.io/flyteorg/my-image:WwbLviMdrUYuuN_tARn51Q"));
        m_wizard->restart();
        WizardDriver driver(*m_wizard);
        QCOMPARE(driver.find<QListWidget>("registryList")->currentItem()->text(),
                 QStringLiteral("GitHub Container Registry"));
        driver.next();
        driver.next();
        QCOMPARE(driver.find<QLineEdit>("repositoryField")->text(), QStringLiteral("flyteorg/my-image"));
    }
};

QTEST_MAIN(TestCredentialWizard)
#include "tst_credentialwizard.moc"
