// The main window's Build / Push / Build & Push against the real services of tests/services/up: the
// example project's offline spec built and pushed with F5 and nothing else (its slipway-build.json
// supplies the offline options), the Builds dock's steps, result and history, and the pull check that
// follows the push; Cancel mid-build leaves nothing running in the engine; a push to the htpasswd
// registry without a login opens the credential wizard before anything is built, and a push refused
// with a wrong login opens it with the registry's reason, and pushes again after the login is saved.
// Settings, data and keychain entries are the test's own (a throw-away home, a keychain service name
// of this run).
#include "build/buildcoordinator.h"
#include "build/buildlogview.h"
#include "build/buildnotificationsink.h"
#include "build/buildpanel.h"
#include "build/buildspanel.h"
#include "build/buildstepmodel.h"
#include "check/pullcheckview.h"
#include "check/statusbadge.h"
#include "copytree.h"
#include "credentials/credentialsdialog.h"
#include "credentials/credentialwizard.h"
#include "credentials/keychaincredentialstore.h"
#include "credentialtesting.h"
#include "docker/registryauth.h"
#include "engineapi.h"
#include "main/buildactions.h"
#include "main/mainwindow.h"
#include "mainwindowtesting.h"
#include "project/buildhistory.h"
#include "project/imagestatusstore.h"
#include "project/livereference.h"
#include "project/project.h"
#include "project/projecttreemodel.h"
#include "registryservices.h"
#include "spec/specdocument.h"
#include "spec/speceditor.h"
#include "widgets/folderdialog.h"
#include "widgets/messagebox.h"

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTreeView>
#include <memory>

using namespace slipway;
using namespace credentialtesting;
using slipway::docker::BuildOutcome;
using slipway::docker::BuildStep;
using slipway::testing::buildCacheInUse;
using slipway::testing::engineCall;
using slipway::testing::engineJson;
using slipway::testing::uniqueName;
using slipway::ui::BuildActions;
using slipway::ui::CredentialWizard;
using slipway::ui::MainWindow;

namespace {

// A cold build installs pandas from Debian's mirror; the engine's cache makes later runs quick.
constexpr int kBuildTimeoutMs = 15 * 60 * 1000;
// Qt Test's watchdog would end a cold build's test after 5 minutes.
const bool kLongerTestTimeout = qputenv("QTEST_FUNCTION_TIMEOUT", "1500000");

// The offline options for a spec of the test's own, in the project's build defaults file.
const QByteArray kOfflineOptions = "{\"installer\": \"pip\", \"addFlytekit\": false, \"syntaxLine\": false}";

QString bridgeGateway() {
    const QJsonArray config = engineJson("/networks/bridge")
                                  .value(QStringLiteral("IPAM"))
                                  .toObject()
                                  .value(QStringLiteral("Config"))
                                  .toArray();
    return config.isEmpty() ? QString()
                            : config.first().toObject().value(QStringLiteral("Gateway")).toString();
}

// What the window would have shown on the desktop.
class RecordingSink : public ui::BuildNotificationSink {
public:
    explicit RecordingSink(QStringList* shown) : m_shown(shown) {}
    void notify(const QString& title, const QString& message, bool) override {
        m_shown->append(title + u'\n' + message);
    }

private:
    QStringList* m_shown;
};

} // namespace

class TestMainWindowBuild : public QObject {
    Q_OBJECT

    std::unique_ptr<IsolatedHome> m_home;
    QString m_service;
    testing::RegistryServices m_registries;
    std::unique_ptr<QTemporaryDir> m_projectDir;
    std::unique_ptr<MainWindow> m_window;
    testing::CreatedImages m_images;

    QString projectPath(const QString& name) const { return QDir(m_projectDir->path()).filePath(name); }

    template <typename T> T* find(const char* objectName) const {
        T* widget = m_window->findChild<T*>(QString::fromLatin1(objectName));
        if (!widget)
            qWarning("no %s named %s", T::staticMetaObject.className(), objectName);
        return widget;
    }
    // The history view has a result view of its own with the same names: the current build's.
    QLabel* resultLabel(const char* objectName) const {
        return find<ui::BuildPanel>("buildPanel")->findChild<QLabel*>(QLatin1String(objectName));
    }
    BuildActions* actions() const { return m_window->buildActions(); }
    ui::BuildCoordinator* coordinator() const { return actions()->coordinator(); }

    // Opens the project copy and selects `specFile`'s row, which opens the spec in the editor, then
    // waits until it can be built (its image reference computed).
    void openSpec(const QString& specFile) {
        QVERIFY2(testing::openSpecInWindow(*m_window, m_projectDir->path(), specFile),
                 qPrintable(specFile + " did not open ready to build"));
    }

    // A spec of the test's own in the project copy, built offline like the example's.
    void addSpec(const QString& file, const QString& registry, const QString& name,
                 const QStringList& commands) {
        QString yaml = QStringLiteral("name: %1\npython_version: \"3.11\"\nregistry: %2\n"
                                      "base_image: %3\npython_exec: /usr/bin/python3\n"
                                      "builder_config:\n  micromamba_image: %3\n")
                           .arg(name, registry, qEnvironmentVariable("SLIPWAY_TEST_PYTHON_IMAGE"));
        if (!commands.isEmpty()) {
            yaml += QStringLiteral("commands:\n");
            for (QString command : commands)
                yaml += QStringLiteral("  - '%1'\n").arg(command.replace(u'\'', QStringLiteral("''")));
        }
        QVERIFY(testing::writeText(projectPath(file), yaml.toUtf8()));
        const QByteArray defaults = "{\"specs\": {\"offline-example.yaml\": " + kOfflineOptions + ", \"" +
                                    file.toUtf8() + "\": " + kOfflineOptions + "}}";
        QVERIFY(testing::writeText(projectPath(QStringLiteral("slipway-build.json")), defaults));
    }

    // The wizard's login page: types the login, runs the real Test against the registry, saves.
    void saveLoginInWizard(CredentialWizard* wizard, const QString& user, const QString& password) {
        while (wizard->currentId() != CredentialWizard::EnterLoginPage) {
            QAbstractButton* next = wizard->button(QWizard::NextButton);
            QVERIFY(next->isEnabled());
            QTest::mouseClick(next, Qt::LeftButton);
        }
        QWizardPage* page = wizard->currentPage();
        auto* username = page->findChild<QComboBox*>(QStringLiteral("usernameField"))->lineEdit();
        username->selectAll();
        QTest::keyClicks(username, user);
        auto* secret = page->findChild<QLineEdit*>(QStringLiteral("secretField"));
        QTest::keyClicks(secret, password);
        auto* test = page->findChild<QPushButton*>(QStringLiteral("testButton"));
        QVERIFY(test->isEnabled());
        QTest::mouseClick(test, Qt::LeftButton);
        QAbstractButton* save = wizard->button(QWizard::FinishButton);
        QTRY_VERIFY_WITH_TIMEOUT(save->isEnabled(), 30000);
        QTest::mouseClick(save, Qt::LeftButton);
    }

    project::BuildRun* waitForRun(int timeoutMs) { return testing::waitForFinishedRun(*m_window, timeoutMs); }

private Q_SLOTS:
    void initTestCase() {
        QString problem;
        m_registries = testing::RegistryServices::fromEnvironment(problem);
        for (const char* name : {"SLIPWAY_TEST_DOCKER_SOCKET", "DOCKER_HOST", "SLIPWAY_TEST_PYTHON_IMAGE",
                                 "SLIPWAY_TEST_BUSYBOX_LOCAL_IMAGE"})
            testing::serviceVariable(name, problem);
        if (problem.isEmpty())
            problem = missingKeychainService();
        if (!problem.isEmpty())
            QFAIL(qPrintable(problem));
        // Settings, build history and pull-check records land in a throw-away home, the logins under a
        // keychain service of this run: never the user's.
        m_home = std::make_unique<IsolatedHome>();
        QVERIFY(m_home->isValid());
        m_service = uniqueService("mainwindowbuild");
        qputenv("SLIPWAY_KEYCHAIN_SERVICE", m_service.toUtf8());
        QCoreApplication::setOrganizationName(QStringLiteral("SlipwayTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindowbuild"));
    }

    void cleanupTestCase() { clearService(m_service); }

    void init() {
        m_projectDir = std::make_unique<QTemporaryDir>();
        QVERIFY(testing::copyExampleWithFreshTag(m_projectDir->path()));
        m_window = std::make_unique<MainWindow>();
        m_window->project()->setRescanQuietPeriod(20);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup() {
        if (m_window && coordinator()->isBusy()) {
            coordinator()->cancel();
            QTRY_VERIFY_WITH_TIMEOUT(!coordinator()->isBusy(), 60000);
        }
        m_window.reset();
        m_projectDir.reset();
    }

    // A first-time user of the example opens it, selects the offline spec and presses F5: the image
    // is built offline, pushed to the open registry without any login, recorded, and checked.
    void f5BuildsAndPushesTheOfflineExampleAndChecksIt() {
        openSpec(QStringLiteral("offline-example.yaml"));

        QStringList notified;
        actions()->setNotificationSink(std::make_unique<RecordingSink>(&notified));
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QTest::keyClick(m_window.get(), Qt::Key_F5);
        QVERIFY2(coordinator()->isBusy() || coordinator()->currentRun(), "F5 did not start Build & Push");
        QVERIFY(!find<QAction>("actionBuildAndPush")->isEnabled());
        QTRY_VERIFY(!find<QTreeView>("buildSteps")->visibleRegion().isEmpty());

        project::BuildRun* run = waitForRun(kBuildTimeoutMs);
        QVERIFY(run);
        const project::BuildRecord& record = run->record();
        const BuildOutcome& outcome = *record.outcome;
        QVERIFY2(outcome.status == BuildOutcome::Status::Succeeded, qPrintable(outcome.error.describe()));
        m_images.append(outcome.imageReference);
        QVERIFY(outcome.imageReference.startsWith(QStringLiteral("localhost:5000/simple-example-offline:")));
        QVERIFY2(outcome.digest.startsWith(QStringLiteral("sha256:")), qPrintable(outcome.digest));
        // The example's slipway-build.json chose the offline options; the user chose nothing.
        QCOMPARE(record.options.dockerfile.installer, build::Installer::Pip);
        QVERIFY(!record.options.dockerfile.addFlytekit);
        QVERIFY(!record.options.dockerfile.syntaxLine);
        QVERIFY(record.options.push);
        QCOMPARE(notified, QStringList()); // the user watched it end: no desktop notification

        // The build panel: every step done or cached, the pushed digest in the result.
        auto* steps = find<QTreeView>("buildSteps");
        QVERIFY(steps->model()->rowCount() >= 3);
        for (int row = 0; row < steps->model()->rowCount(); ++row) {
            const auto state = static_cast<BuildStep::State>(
                steps->model()->index(row, 0).data(ui::BuildStepModel::StateRole).toInt());
            QVERIFY2(state == BuildStep::State::Done || state == BuildStep::State::Cached,
                     qPrintable(steps->model()->index(row, 0).data().toString()));
        }
        QTRY_VERIFY(resultLabel("resultDigest")->text().contains(outcome.digest));
        QVERIFY(find<QAction>("actionBuildAndPush")->isEnabled());

        // The history keeps it, in the app data dir of this test's home.
        QVERIFY(m_window->buildHistory()->directory().startsWith(m_home->path()));
        const auto listing = m_window->buildHistory()->list();
        const auto kept = std::ranges::find_if(
            listing.records, [&](const project::BuildRecord& entry) { return entry.id == record.id; });
        QVERIFY(kept != listing.records.end());
        QVERIFY(kept->outcome && kept->outcome->digest == outcome.digest);
        QTRY_VERIFY(find<QTreeView>("buildHistoryList")->model()->rowCount() >= 1);

        // The pull check of the pushed reference follows by itself: the open registry is public.
        auto* view = find<ui::PullCheckView>("pullCheckView");
        QTRY_VERIFY_WITH_TIMEOUT(view->result().has_value() && !view->running(), 60000);
        QCOMPARE(view->result()->verdict, registry::PullVerdict::Public);
        QCOMPARE(view->result()->digest, outcome.digest);
        QCOMPARE(find<QLineEdit>("pullCheckReferenceField")->text(), outcome.imageReference);
        QVERIFY(!view->visibleRegion().isEmpty()); // beside the Builds dock, not a tab behind it
        QCOMPARE(m_window->imageStatus()->lastVerdict(outcome.imageReference), registry::PullVerdict::Public);
        // ... and the spec's badge in the project tree says so.
        auto* tree = find<QTreeView>("projectTree");
        QModelIndex specRow;
        for (int file = 0; file < tree->model()->rowCount(); ++file) {
            const QModelIndex fileRow = tree->model()->index(file, 0);
            if (fileRow.data().toString() == QLatin1String("offline-example.yaml"))
                specRow = tree->model()->index(0, 0, fileRow);
        }
        QVERIFY(specRow.isValid());
        QTRY_COMPARE(specRow.siblingAtColumn(ui::ProjectTreeModel::ImageStatusColumn)
                         .data(Qt::AccessibleTextRole)
                         .toString(),
                     QStringLiteral("Image status: Public"));
    }

    // Cancel while a RUN step runs: the step's process dies, nothing of the build stays in use in the
    // engine, the run ends as cancelled and the actions come back.
    void cancelMidBuildLeavesNothingRunning() {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::Any));
        const QString gateway = bridgeGateway();
        QVERIFY(!gateway.isEmpty());
        addSpec(QStringLiteral("waits.yaml"), m_registries.open,
                uniqueName(QStringLiteral("slipway-test-gui-cancel")),
                {QStringLiteral("python3 -c \"import socket; s=socket.create_connection(('%1',%2)); "
                                "s.sendall(b'running'); s.recv(1)\"")
                     .arg(gateway)
                     .arg(server.serverPort())});
        openSpec(QStringLiteral("waits.yaml"));

        find<QAction>("actionBuild")->trigger();
        QSignalSpy connected(&server, &QTcpServer::newConnection);
        QVERIFY2(connected.wait(kBuildTimeoutMs), "the RUN step never started");
        QTcpSocket* step = server.nextPendingConnection();
        QTRY_VERIFY_WITH_TIMEOUT(step->bytesAvailable() > 0, 60000);
        QVERIFY(!find<QAction>("actionBuild")->isEnabled());

        auto* cancel = find<QPushButton>("cancelBuildButton");
        QVERIFY(cancel->isVisible() && cancel->isEnabled());
        QTest::mouseClick(cancel, Qt::LeftButton);
        project::BuildRun* run = waitForRun(30000);
        QVERIFY(run);
        QCOMPARE(run->record().outcome->status, BuildOutcome::Status::Cancelled);
        QTRY_COMPARE_WITH_TIMEOUT(step->state(), QAbstractSocket::UnconnectedState, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(!buildCacheInUse(), 60000);
        QTRY_VERIFY(find<QAction>("actionBuild")->isEnabled());
        const auto listing = m_window->buildHistory()->list();
        QVERIFY(std::ranges::any_of(listing.records, [&](const project::BuildRecord& entry) {
            return entry.id == run->record().id && entry.outcome &&
                   entry.outcome->status == BuildOutcome::Status::Cancelled;
        }));
    }

    // No engine where DOCKER_HOST points: the build ends at once, and the panel says where Slipway
    // looked and what to do. The editor's unsaved edit is what is built, and the log says so.
    void engineNotAnsweringShowsCauseAndFixInThePanel() {
        openSpec(QStringLiteral("offline-example.yaml"));
        spec::SpecDocument* document = m_window->specEditor()->document();
        document->setText(document->text() + QStringLiteral("# an edit not saved yet\n"));
        QVERIFY(m_window->specEditor()->isModified());
        QTRY_VERIFY(find<QAction>("actionBuild")->isEnabled());

        // The user looks at another window meanwhile: the end of the build is announced.
        QStringList notified;
        actions()->setNotificationSink(std::make_unique<RecordingSink>(&notified));
        QWidget elsewhere;
        elsewhere.show();
        elsewhere.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&elsewhere));

        const QByteArray engine = qgetenv("DOCKER_HOST");
        const QString missing = QDir(m_projectDir->path()).filePath(QStringLiteral("no-engine.sock"));
        qputenv("DOCKER_HOST", "unix://" + missing.toUtf8());
        find<QAction>("actionBuild")->trigger();
        project::BuildRun* run = waitForRun(60000);
        qputenv("DOCKER_HOST", engine);
        QVERIFY(run);
        const BuildOutcome& outcome = *run->record().outcome;
        QCOMPARE(outcome.status, BuildOutcome::Status::Failed);
        QVERIFY2(outcome.error.message.contains(missing), qPrintable(outcome.error.describe()));
        QTRY_VERIFY(resultLabel("resultError")->text().contains(missing));
        QVERIFY(resultLabel("resultError")->isVisible());
        QVERIFY(resultLabel("resultFix")->text().contains(QStringLiteral("DOCKER_HOST")));
        QVERIFY(find<ui::BuildPanel>("buildPanel")->logView()->text().contains(QStringLiteral("not saved")));
        QVERIFY(run->record().specYaml.contains(QStringLiteral("# an edit not saved yet")));
        QCOMPARE(notified.size(), 1);
        QVERIFY2(notified.first().contains(QStringLiteral("failed"), Qt::CaseInsensitive),
                 qPrintable(notified.first()));
        QVERIFY(find<QAction>("actionBuild")->isEnabled());
    }

    // Build > Registry Logins opens the logins dialog on the app's stores.
    void registryLoginsOpenFromTheBuildMenu() {
        find<QAction>("actionCredentials")->trigger();
        ui::CredentialsDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = m_window->findChild<ui::CredentialsDialog*>()) && dialog->isVisible());
        dialog->reject();
    }

    // The htpasswd registry answers its anonymous ping with 401 and the keychain holds no login for
    // it: Push opens the credential wizard for that registry before anything is built or pushed.
    void pushWithoutLoginOpensTheWizardFirst() {
        addSpec(QStringLiteral("private.yaml"), m_registries.basic,
                uniqueName(QStringLiteral("slipway-test-gui-login")), {});
        openSpec(QStringLiteral("private.yaml"));
        QSignalSpy opened(actions(), &BuildActions::wizardOpened);
        find<QAction>("actionBuildAndPush")->trigger();
        QVERIFY(opened.wait(30000));
        auto* wizard = opened.first().first().value<CredentialWizard*>();
        QVERIFY(wizard->isVisible());
        QCOMPARE(wizard->host(), m_registries.basic);
        QVERIFY2(wizard->reason().contains(QStringLiteral("asks for a login")), qPrintable(wizard->reason()));
        QVERIFY(wizard->repository().startsWith(QStringLiteral("slipway-test-gui-login")));
        // Nothing was started: no build ran and the actions are back.
        QVERIFY(!coordinator()->currentRun());
        QVERIFY(!coordinator()->isBusy());
        QVERIFY(find<QAction>("actionBuildAndPush")->isEnabled());
        wizard->reject();
    }

    // A stored but wrong login: the registry refuses the push (401), the wizard opens with that
    // reason; once the right login is tested and saved, Slipway offers to push again and the push
    // succeeds without building again.
    void refusedPushOpensTheWizardAndRetriesAfterSave() {
        const QString name = uniqueName(QStringLiteral("slipway-test-gui-refused"));
        addSpec(QStringLiteral("refused.yaml"), m_registries.basic, name, {});
        credentials::KeychainCredentialStore keychain(m_service);
        QVERIFY(
            await(keychain.store({m_registries.basic, m_registries.basicUser,
                                  QStringLiteral("not-the-password"), credentials::SecretKind::Password})));
        openSpec(QStringLiteral("refused.yaml"));
        // The image exists locally under the spec's reference (any image will do for a push).
        const QString reference = m_window->specEditor()->reference()->status().reference;
        const auto [repository, tag] = docker::splitTag(reference);
        const auto tagged = engineCall(
            "POST", "/images/" + qEnvironmentVariable("SLIPWAY_TEST_BUSYBOX_LOCAL_IMAGE").toUtf8() +
                        "/tag?repo=" + QUrl::toPercentEncoding(repository) + "&tag=" + tag.toUtf8());
        QVERIFY(tagged && tagged->status() == 201);
        m_images.append(reference);

        QSignalSpy opened(actions(), &BuildActions::wizardOpened);
        find<QAction>("actionPush")->trigger();
        QVERIFY(opened.wait(120000));
        project::BuildRun* refused = coordinator()->currentRun();
        QVERIFY(refused && refused->isFinished());
        QCOMPARE(refused->record().outcome->error.code, QStringLiteral("push-unauthorized"));
        auto* wizard = opened.first().first().value<CredentialWizard*>();
        QCOMPARE(wizard->host(), m_registries.basic);
        QCOMPARE(wizard->reason(), refused->record().outcome->error.message);

        ui::MessageBox::setNextAnswer(QMessageBox::Yes);
        saveLoginInWizard(wizard, m_registries.basicUser, m_registries.basicPassword);
        QTRY_VERIFY_WITH_TIMEOUT(coordinator()->currentRun() != refused, 30000);
        QVERIFY(ui::MessageBox::lastQuestion().contains(QStringLiteral("again")));
        project::BuildRun* retried = waitForRun(120000);
        QVERIFY(retried);
        const BuildOutcome& outcome = *retried->record().outcome;
        QVERIFY2(outcome.status == BuildOutcome::Status::Succeeded, qPrintable(outcome.error.describe()));
        QVERIFY(outcome.digest.startsWith(QStringLiteral("sha256:")));
        QVERIFY(retried->record().steps.isEmpty()); // pushed, not built again
        // The password went to the keychain and the engine only: no file Slipway wrote holds it.
        const QByteArray password = m_registries.basicPassword.toUtf8();
        QCOMPARE(filesContaining(m_home->path(), password), QStringList());
        QCOMPARE(filesContaining(m_projectDir->path(), password), QStringList());
    }
};

QTEST_MAIN(TestMainWindowBuild)
#include "tst_mainwindowbuild.moc"
