// Every screen of the credential wizard, the logins dialog and the pull-check view, in a light and a
// dark palette, at their default sizes: no label, button or field is cut off (a label shows all its
// lines, a button its whole text). With SLIPWAY_SCREENSHOT_DIR set each screen is also saved as a PNG
// there for people to look at (tests/screenshots-credentials runs this under Xvfb).
#include "check/pullcheckview.h"
#include "check/statusbadge.h"
#include "childlookup.h"
#include "credentials/credentialsdialog.h"
#include "credentials/credentialwizard.h"
#include "credentials/keychaincredentialstore.h"
#include "credentials/sessioncredentialstore.h"
#include "credentialscreens.h"
#include "credentialtesting.h"
#include "registry/registryclient.h"
#include "widgets/messagebanner.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTest>

using namespace slipway;
using namespace credentialtesting;
using registry::Platform;
using registry::PullVerdict;

namespace {

QPalette darkPalette() {
    QPalette dark(QColor(0x2b, 0x2d, 0x30), QColor(0x2b, 0x2d, 0x30));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        dark.setColor(role, QColor(0xdf, 0xe1, 0xe5));
    dark.setColor(QPalette::Highlight, QColor(0x35, 0x74, 0xf0));
    dark.setColor(QPalette::Link, QColor(0x58, 0x9d, 0xf6));
    return dark;
}

// What is cut off in `root`: word-wrapped labels shorter than their text needs, other labels and
// buttons narrower than their text.
QStringList clipped(QWidget* root) {
    QStringList problems;
    for (const QLabel* label : root->findChildren<QLabel*>()) {
        if (!label->isVisible() || label->text().isEmpty())
            continue;
        const bool tooShort = label->wordWrap() && label->heightForWidth(label->width()) > label->height();
        const bool tooNarrow = !label->wordWrap() && label->sizeHint().width() > label->width();
        if (tooShort || tooNarrow)
            problems.append(QStringLiteral("label %1 \"%2\" (%3x%4)")
                                .arg(label->objectName(), label->text().left(40))
                                .arg(label->width())
                                .arg(label->height()));
    }
    for (const ui::StatusBadge* badge : root->findChildren<ui::StatusBadge*>()) {
        if (badge->isVisible() && badge->sizeHint().width() > badge->width())
            problems.append(QStringLiteral("badge \"%1\" (%2 < %3)")
                                .arg(badge->text())
                                .arg(badge->width())
                                .arg(badge->sizeHint().width()));
    }
    for (const QAbstractButton* button : root->findChildren<QAbstractButton*>()) {
        if (button->isVisible() && button->sizeHint().width() > button->width())
            problems.append(QStringLiteral("button \"%1\" (%2 < %3)")
                                .arg(button->text())
                                .arg(button->width())
                                .arg(button->sizeHint().width()));
    }
    return problems;
}

registry::PullCheckResult sampleResult(PullVerdict verdict, const QString& image) {
    registry::PullCheckResult result;
    result.verdict = verdict;
    result.reference = *registry::ImageReference::parse(image);
    result.clusterPlatforms = {*Platform::parse(QStringLiteral("linux/amd64"))};
    registry::FixContext context;
    context.reference = result.reference;
    context.clusterPlatforms = result.clusterPlatforms;
    switch (verdict) {
    case PullVerdict::Public:
        result.message = QStringLiteral("Anyone can pull it: the cluster needs no pull secret.");
        result.anonymousPull = true;
        result.imagePlatforms = {*Platform::parse(QStringLiteral("linux/amd64")),
                                 *Platform::parse(QStringLiteral("linux/arm64"))};
        break;
    case PullVerdict::PrivateNoAccess:
        result.message = QStringLiteral("The registry refused an anonymous pull and the cluster has no pull "
                                        "secret for ghcr.io.");
        result.detail = QStringLiteral("UNAUTHORIZED: authentication required");
        break;
    default:
        result.message = QStringLiteral("The index has no image for linux/amd64.");
        result.imagePlatforms = {*Platform::parse(QStringLiteral("linux/arm64")),
                                 *Platform::parse(QStringLiteral("linux/s390x"))};
        result.anonymousPull = true;
        break;
    }
    if (!result.imagePlatforms.isEmpty())
        result.digest =
            QStringLiteral("sha256:3f5a0c5e4b0e2d8f1c7a9b6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c");
    context.imagePlatforms = result.imagePlatforms;
    result.fix = registry::pullFix(verdict, context);
    return result;
}

} // namespace

class TestCredentialScreens : public QObject {
    Q_OBJECT

    QString m_outDir = qEnvironmentVariable("SLIPWAY_SCREENSHOT_DIR");
    CredentialScreens m_screens;

    ui::CredentialServices services() { return m_screens.services(); }

    // Checks `widget` for clipping and saves it as <name>-<palette>.png when asked to.
    void shoot(QWidget* widget, const QString& name) {
        QCoreApplication::processEvents();
        const QString palette = QTest::currentDataTag();
        const QStringList problems = clipped(widget);
        if (!m_outDir.isEmpty()) {
            const QString path = QDir(m_outDir).filePath(QStringLiteral("%1-%2.png").arg(name, palette));
            QVERIFY2(widget->grab().save(path), qPrintable(path));
        }
        QVERIFY2(problems.isEmpty(),
                 qPrintable(name + QStringLiteral(": ") + problems.join(QStringLiteral("; "))));
    }

    template <typename T> static T* find(QWidget* page, const char* objectName) {
        return slipway::testing::requireChild<T>(*page, objectName);
    }

    void usePalette() {
        QFETCH(bool, dark);
        QApplication::setPalette(dark ? darkPalette() : QApplication::style()->standardPalette());
    }

private Q_SLOTS:
    void initTestCase() {
        if (const QString missing = m_screens.setUp("screens", {"SLIPWAY_TEST_TOKEN_OUTSIDER_PASSWORD"});
            !missing.isEmpty())
            QFAIL(qPrintable(missing));
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        if (!m_outDir.isEmpty())
            QDir().mkpath(m_outDir);
        await(m_screens.keychain()->store({QStringLiteral("ghcr.io"), QStringLiteral("octocat"),
                                           QStringLiteral("ghp_example"),
                                           credentials::SecretKind::PersonalAccessToken}));
        await(m_screens.keychain()->store({QStringLiteral("docker.io"), QStringLiteral("octocat"),
                                           QStringLiteral("dckr_pat_x"),
                                           credentials::SecretKind::PersonalAccessToken}));
        await(m_screens.session()->store({QStringLiteral("quay.io"), QStringLiteral("org+pusher"),
                                          QStringLiteral("robot"),
                                          credentials::SecretKind::PersonalAccessToken}));
    }

    void wizardPages_data() {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

    void wizardPages() {
        usePalette();
        ui::CredentialWizard wizard(services());
        wizard.show();
        shoot(&wizard, QStringLiteral("wizard-1-registry"));

        auto* list = find<QListWidget>(wizard.currentPage(), "registryList");
        list->setCurrentRow(2); // Amazon ECR: the account and region make the host
        QTest::keyClicks(find<QLineEdit>(wizard.currentPage(), "hostPart_account"),
                         QStringLiteral("123456789012"));
        QTest::keyClicks(find<QLineEdit>(wizard.currentPage(), "hostPart_region"),
                         QStringLiteral("eu-west-1"));
        shoot(&wizard, QStringLiteral("wizard-1-registry-ecr"));
        wizard.next();
        shoot(&wizard, QStringLiteral("wizard-2-create-ecr"));

        wizard.back();
        list->setCurrentRow(0); // GHCR
        find<QLineEdit>(wizard.currentPage(), "hostField")->setText({});
        QTest::keyClicks(find<QLineEdit>(wizard.currentPage(), "hostField"),
                         qEnvironmentVariable("SLIPWAY_TEST_TOKEN_REGISTRY"));
        wizard.next();
        shoot(&wizard, QStringLiteral("wizard-2-create-ghcr"));
        wizard.next();
        QWidget* page = wizard.currentPage();
        QTest::keyClicks(find<QComboBox>(page, "usernameField")->lineEdit(),
                         qEnvironmentVariable("SLIPWAY_TEST_TOKEN_OUTSIDER_USER"));
        QTest::keyClicks(find<QLineEdit>(page, "secretField"),
                         qEnvironmentVariable("SLIPWAY_TEST_TOKEN_OUTSIDER_PASSWORD"));
        QTest::keyClicks(find<QLineEdit>(page, "repositoryField"), QStringLiteral("private/hello"));
        QTest::mouseClick(find<QPushButton>(page, "testButton"), Qt::LeftButton);
        shoot(&wizard, QStringLiteral("wizard-3-testing"));
        auto* result = find<ui::MessageBanner>(page, "testResult");
        QTRY_VERIFY_WITH_TIMEOUT(!result->isHidden() && find<QPushButton>(page, "testButton")->isEnabled(),
                                 30000);
        shoot(&wizard, QStringLiteral("wizard-3-denied"));
    }

    void refusedPush_data() { wizardPages_data(); }

    void refusedPush() {
        usePalette();
        std::unique_ptr<ui::CredentialWizard> wizard(ui::CredentialWizard::forRegistry(
            services(), QStringLiteral("ghcr.io"), QStringLiteral("octocat/my-image"),
            QStringLiteral("Pushing to ghcr.io was refused: denied: permission_denied: write_package")));
        wizard->show();
        shoot(wizard.get(), QStringLiteral("wizard-refused-push"));
    }

    void loginsDialog_data() { wizardPages_data(); }

    void loginsDialog() {
        usePalette();
        QTemporaryDir dockerConfig;
        ui::CredentialsDialog dialog(services());
        dialog.setDockerConfigDir(dockerConfig.path());
        QSignalSpy refreshed(&dialog, &ui::CredentialsDialog::refreshed);
        dialog.show();
        QVERIFY(refreshed.wait(30000));
        shoot(&dialog, QStringLiteral("logins-dialog"));
    }

    void pullCheckViews_data() {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

    void pullCheckViews() {
        usePalette();
        for (const auto& [verdict, name] : {std::pair{PullVerdict::Public, "public"},
                                            std::pair{PullVerdict::PrivateNoAccess, "private-no-access"},
                                            std::pair{PullVerdict::PlatformMismatch, "platform-mismatch"}}) {
            ui::PullCheckView view;
            view.resize(720, 480);
            view.setResult(sampleResult(verdict, QStringLiteral("ghcr.io/octocat/my-image:v1")));
            view.show();
            shoot(&view, QStringLiteral("pullcheck-") + QLatin1String(name));
        }
        ui::PullCheckView running;
        running.resize(720, 200);
        running.setRunning(QStringLiteral("ghcr.io/octocat/my-image:v1"));
        running.setProgress(QStringLiteral("Asking ghcr.io anonymously"));
        running.show();
        shoot(&running, QStringLiteral("pullcheck-running"));
    }
};

QTEST_MAIN(TestCredentialScreens)
#include "tst_credentialwizardscreenshots.moc"
