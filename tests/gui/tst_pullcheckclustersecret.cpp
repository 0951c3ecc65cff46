// The Pull Check dock checks with the cluster's pull secret: the pull secrets in the real Secret Service
// are offered by name next to "None (anonymous pulls)", the choice is remembered per project (the name
// only), and a check of the token registry's private repository passes with the chosen secret and
// fails without it; the view says which credentials were used.
#include "check/pullcheckpanel.h"
#include "check/pullcheckview.h"
#include "check/statusbadge.h"
#include "credentials/pullsecretstore.h"
#include "credentialtesting.h"
#include "registry/registryclient.h"
#include "registryservices.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace slipway;
using namespace credentialtesting;
using registry::PullCheckResult;
using registry::PullVerdict;
using ui::PullCheckPanel;

class TestPullCheckClusterSecret : public QObject {
    Q_OBJECT

    std::unique_ptr<IsolatedHome> m_home;
    QString m_service;
    testing::RegistryServices m_services;
    std::unique_ptr<credentials::PullSecretStore> m_store;
    QTemporaryDir m_project;
    QTemporaryDir m_otherProject;

    template <typename T> static T* find(QWidget& parent, const char* objectName) {
        T* child = parent.findChild<T*>(QLatin1String(objectName));
        if (!child)
            qFatal("no %s", objectName);
        return child;
    }

    // A dock for `project`, reading this run's own keychain service, shown (so its list is read).
    std::unique_ptr<PullCheckPanel> dock(registry::RegistryClient& client, const QString& project) {
        auto panel = std::make_unique<PullCheckPanel>(client);
        panel->setPullSecretStore(m_store.get());
        panel->setProjectFolder(project);
        panel->show();
        return panel;
    }

    // Picks `name` in the choice the way a user does (keys, so the choice counts as the user's).
    static void choose(QComboBox* choice, const QString& name) {
        QTRY_VERIFY(choice->findText(name) >= 0);
        choice->setFocus();
        while (choice->currentText() != name) {
            const int before = choice->currentIndex();
            QTest::keyClick(choice, choice->findText(name) > before ? Qt::Key_Down : Qt::Key_Up);
            QVERIFY(choice->currentIndex() != before);
        }
    }

    // Checks the private image from the dock's field and returns the verdict.
    static PullCheckResult checkPrivate(PullCheckPanel& panel, const QString& image) {
        QSignalSpy checked(&panel, &PullCheckPanel::checked);
        find<QLineEdit>(panel, "pullCheckReferenceField")->setText(image);
        QTest::mouseClick(find<QPushButton>(panel, "pullCheckButton"), Qt::LeftButton);
        if (!checked.wait(30000))
            qFatal("the pull check did not finish: %s",
                   qPrintable(find<QLabel>(panel, "messageLabel")->text()));
        return checked.at(0).at(0).value<PullCheckResult>();
    }

    QString privateImage() const { return m_services.token + QStringLiteral("/private/hello:latest"); }

private Q_SLOTS:
    void initTestCase() {
        // The Secret Service and the token registry with its login, or how to start them.
        QString missing = missingServices(
            {"SLIPWAY_TEST_TOKEN_REGISTRY", "SLIPWAY_TEST_TOKEN_USER", "SLIPWAY_TEST_TOKEN_PASSWORD"});
        if (missing.isEmpty())
            m_services = testing::RegistryServices::fromEnvironment(missing);
        QVERIFY2(missing.isEmpty(), qPrintable(missing));
        m_home = std::make_unique<IsolatedHome>();
        m_service = uniqueService("pullcheckclustersecret");
        m_store = std::make_unique<credentials::PullSecretStore>(m_service);
        const auto stored = await(m_store->store(
            QStringLiteral("regcred"),
            testing::dockerConfigJson(m_services.token, m_services.tokenUser, m_services.tokenPassword)));
        QVERIFY2(stored.has_value(), qPrintable(stored ? QString() : stored.error().describe()));
    }

    void cleanupTestCase() {
        clearService(m_service);
        // The choice is remembered by name: no file Slipway wrote holds the password.
        if (m_home)
            QCOMPARE(filesContaining(m_home->path(), m_services.tokenPassword.toUtf8()), QStringList());
    }

    void chosenSecretLetsTheClusterPullAndNoneDoesNot() {
        registry::RegistryClient client;
        auto panel = dock(client, m_project.path());
        auto* choice = find<QComboBox>(*panel, "clusterSecretChoice");
        QCOMPARE(choice->itemText(0), QStringLiteral("None (anonymous pulls)"));
        QCOMPARE(choice->currentText(), QStringLiteral("None (anonymous pulls)"));

        choose(choice, QStringLiteral("regcred"));
        const PullCheckResult withSecret = checkPrivate(*panel, privateImage());
        QCOMPARE(withSecret.verdict, PullVerdict::PrivateCredentialsWork);
        QCOMPARE(find<ui::StatusBadge>(*panel, "verdictBadge")->text(),
                 QStringLiteral("Private: cluster can pull"));
        QCOMPARE(find<QLabel>(*panel, "checkedAsLabel")->text(),
                 QStringLiteral("as the cluster pulls with regcred"));

        // None: the cluster pulls anonymously, and Re-check checks the way the choice says now.
        choose(choice, QStringLiteral("None (anonymous pulls)"));
        QSignalSpy checked(panel.get(), &PullCheckPanel::checked);
        QTest::mouseClick(find<QPushButton>(*panel, "recheckButton"), Qt::LeftButton);
        QVERIFY(checked.wait(30000));
        QCOMPARE(checked.at(0).at(0).value<PullCheckResult>().verdict, PullVerdict::PrivateNoAccess);
        QCOMPARE(find<ui::StatusBadge>(*panel, "verdictBadge")->text(),
                 QStringLiteral("Private: cluster cannot pull"));
        QVERIFY(find<QLabel>(*panel, "checkedAsLabel")->text().startsWith(QLatin1String("anonymously")));
    }

    void choiceIsRememberedPerProject() {
        registry::RegistryClient client;
        {
            auto panel = dock(client, m_project.path());
            choose(find<QComboBox>(*panel, "clusterSecretChoice"), QStringLiteral("regcred"));
        }
        // The same project, opened again: regcred again, and the check after a push uses it.
        auto again = dock(client, m_project.path());
        QTRY_COMPARE(find<QComboBox>(*again, "clusterSecretChoice")->currentText(),
                     QStringLiteral("regcred"));
        QSignalSpy checked(again.get(), &PullCheckPanel::checked);
        again->check(privateImage());
        QVERIFY(checked.wait(30000));
        QCOMPARE(checked.at(0).at(0).value<PullCheckResult>().verdict, PullVerdict::PrivateCredentialsWork);

        // Another project has its own choice: None until chosen.
        auto other = dock(client, m_otherProject.path());
        auto* otherChoice = find<QComboBox>(*other, "clusterSecretChoice");
        QTRY_VERIFY(otherChoice->findText(QStringLiteral("regcred")) >= 0);
        QCOMPARE(otherChoice->currentText(), QStringLiteral("None (anonymous pulls)"));
    }

    void secretWithoutThisRegistryChecksAnonymouslyAndSaysSo() {
        registry::RegistryClient client;
        auto panel = dock(client, m_otherProject.path());
        auto* choice = find<QComboBox>(*panel, "clusterSecretChoice");
        QTRY_VERIFY(choice->findText(QStringLiteral("regcred")) >= 0);
        // Added while the dock is open: the store's change refreshes the list.
        const auto stored =
            await(m_store->store(QStringLiteral("othercred"),
                                 testing::dockerConfigJson(QStringLiteral("registry.example.com"),
                                                           m_services.tokenUser, m_services.tokenPassword)));
        QVERIFY(stored.has_value());
        choose(choice, QStringLiteral("othercred"));
        QCOMPARE(checkPrivate(*panel, privateImage()).verdict, PullVerdict::PrivateNoAccess);
        const QString checkedAs = find<QLabel>(*panel, "checkedAsLabel")->text();
        QVERIFY2(checkedAs.contains(QStringLiteral("the pull secret othercred has no entry for ") +
                                    m_services.token),
                 qPrintable(checkedAs));

        // Removed while chosen: it leaves the list and checks are anonymous again.
        QVERIFY(await(m_store->remove(QStringLiteral("othercred"))).value_or(false));
        QTRY_COMPARE(choice->findText(QStringLiteral("othercred")), -1);
        QCOMPARE(choice->currentText(), QStringLiteral("None (anonymous pulls)"));
    }
};

QTEST_MAIN(TestPullCheckClusterSecret)
#include "tst_pullcheckclustersecret.moc"
