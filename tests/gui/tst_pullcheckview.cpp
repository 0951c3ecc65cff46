// The pull-check result view: every verdict fed in shows its badge (word, icon, tone), the reference,
// the digest to pin with Copy, the platforms against the cluster's and the fix with clickable links
// (GHCR's irreversible "public" warning visible); Re-check and Cancel reach whoever runs the check.
// Then real checks against the token registry from tests/services/up through PullCheckRunner, and
// the spec status badge's rules.
#include "check/pullcheckrunner.h"
#include "check/pullcheckview.h"
#include "check/specstatusbadge.h"
#include "check/statusbadge.h"
#include "registry/registryclient.h"
#include "widgets/messagebanner.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace slipway;
using registry::Platform;
using registry::PullCheckResult;
using registry::PullVerdict;
using ui::BadgeTone;
using ui::PullCheckView;
using ui::SpecBuildState;
using ui::SpecStatus;

Q_DECLARE_METATYPE(registry::PullVerdict)
Q_DECLARE_METATYPE(ui::BadgeTone)
Q_DECLARE_METATYPE(ui::SpecBuildState)
Q_DECLARE_METATYPE(ui::SpecStatus)

namespace {

const QString kDigest = QStringLiteral("sha256:") + QString(64, QLatin1Char('a'));

Platform platform(const QString& text) {
    return *Platform::parse(text);
}

PullCheckResult resultFor(PullVerdict verdict, const QString& image = QStringLiteral("ghcr.io/octo/app:v1")) {
    PullCheckResult result;
    result.verdict = verdict;
    result.reference = *registry::ImageReference::parse(image);
    result.clusterPlatforms = {platform(QStringLiteral("linux/amd64"))};
    result.message = QStringLiteral("What the check found about %1.").arg(registry::verdictName(verdict));
    const bool found = verdict != PullVerdict::MissingTag && verdict != PullVerdict::MissingRepository &&
                       verdict != PullVerdict::PrivateNoAccess && verdict != PullVerdict::RateLimited &&
                       verdict != PullVerdict::Unreachable;
    if (found) {
        result.digest = kDigest;
        result.imagePlatforms = verdict == PullVerdict::PlatformMismatch
                                    ? QList<Platform>{platform(QStringLiteral("linux/arm64")),
                                                      platform(QStringLiteral("linux/s390x"))}
                                : verdict == PullVerdict::WrongArchitecture
                                    ? QList<Platform>{platform(QStringLiteral("linux/arm64"))}
                                    : QList<Platform>{platform(QStringLiteral("linux/amd64"))};
    }
    result.anonymousPull = verdict == PullVerdict::Public;
    registry::FixContext context;
    context.reference = result.reference;
    context.clusterPlatforms = result.clusterPlatforms;
    context.imagePlatforms = result.imagePlatforms;
    result.fix = registry::pullFix(verdict, context);
    return result;
}

QString env(const char* name) {
    return qEnvironmentVariable(name);
}

} // namespace

class TestPullCheckView : public QObject {
    Q_OBJECT

    template <typename T> static T* find(QWidget& parent, const char* objectName) {
        T* child = parent.findChild<T*>(QLatin1String(objectName));
        if (!child)
            qFatal("no %s", objectName);
        return child;
    }

private Q_SLOTS:
    void showsEachVerdict_data() {
        QTest::addColumn<PullVerdict>("verdict");
        QTest::addColumn<QString>("badge");
        QTest::addColumn<BadgeTone>("tone");
        QTest::newRow("public") << PullVerdict::Public << "Public" << BadgeTone::Good;
        QTest::newRow("private-credentials-work")
            << PullVerdict::PrivateCredentialsWork << "Private: cluster can pull" << BadgeTone::Good;
        QTest::newRow("private-no-access")
            << PullVerdict::PrivateNoAccess << "Private: cluster cannot pull" << BadgeTone::Bad;
        QTest::newRow("missing-tag") << PullVerdict::MissingTag << "Tag missing" << BadgeTone::Bad;
        QTest::newRow("missing-repository")
            << PullVerdict::MissingRepository << "Repository missing" << BadgeTone::Bad;
        QTest::newRow("platform-mismatch")
            << PullVerdict::PlatformMismatch << "Platform mismatch" << BadgeTone::Bad;
        QTest::newRow("wrong-architecture")
            << PullVerdict::WrongArchitecture << "Wrong architecture" << BadgeTone::Bad;
        QTest::newRow("rate-limited") << PullVerdict::RateLimited << "Rate limited" << BadgeTone::Caution;
        QTest::newRow("unreachable") << PullVerdict::Unreachable << "Unreachable" << BadgeTone::Caution;
    }

    void showsEachVerdict() {
        QFETCH(PullVerdict, verdict);
        QFETCH(QString, badge);
        QFETCH(BadgeTone, tone);
        PullCheckView view;
        view.show();
        const PullCheckResult result = resultFor(verdict);
        view.setResult(result);
        const auto* shown = find<ui::StatusBadge>(view, "verdictBadge");
        QCOMPARE(shown->text(), badge);
        QCOMPARE(shown->tone(), tone);
        QVERIFY(!shown->look().icon.isNull()); // never colour alone
        QVERIFY(!shown->toolTip().isEmpty());
        QCOMPARE(find<QLabel>(view, "referenceLabel")->text(), QStringLiteral("ghcr.io/octo/app:v1"));
        QCOMPARE(find<QLabel>(view, "messageLabel")->text(), result.message);
        auto* fix = find<QLabel>(view, "fixLabel");
        QCOMPARE(fix->isVisible(), !result.fix.isEmpty());
        QCOMPARE(find<QWidget>(view, "pinnedField")->isVisible(), !result.digest.isEmpty());
        QCOMPARE(find<QPushButton>(view, "recheckButton")->text(), QStringLiteral("Re-check"));
        QVERIFY(find<QPushButton>(view, "recheckButton")->isEnabled());
        // Only the GHCR fix that suggests going public carries the one-way warning.
        QCOMPARE(find<ui::MessageBanner>(view, "irreversibleWarning")->isVisible(),
                 verdict == PullVerdict::PrivateNoAccess);
    }

    void ghcrFixLinksToThePackageSettingsAndWarns() {
        PullCheckView view;
        view.show();
        view.setResult(resultFor(PullVerdict::PrivateNoAccess));
        auto* fix = find<QLabel>(view, "fixLabel");
        QVERIFY(fix->openExternalLinks());
        QVERIFY2(fix->text().contains(QLatin1String(
                     "<a href=\"https://github.com/users/octo/packages/container/app/settings\">")),
                 qPrintable(fix->text()));
        QVERIFY(fix->text().contains(
            QLatin1String("<a href=\"https://github.com/orgs/octo/packages/container/app/settings\">")));
        QVERIFY(find<ui::MessageBanner>(view, "irreversibleWarning")
                    ->text()
                    .contains(QLatin1String("never be made private")));
        // Docker Hub's fix has no such warning.
        view.setResult(resultFor(PullVerdict::PrivateNoAccess, QStringLiteral("octo/app:v1")));
        QVERIFY(find<ui::MessageBanner>(view, "irreversibleWarning")->isHidden());
        QVERIFY(fix->text().contains(
            QLatin1String("<a href=\"https://hub.docker.com/repository/docker/octo/app/settings\">")));
    }

    void digestToPinCopies() {
        PullCheckView view;
        view.show();
        view.setResult(resultFor(PullVerdict::Public));
        auto* pinned = find<QWidget>(view, "pinnedField");
        const QString expected = QStringLiteral("ghcr.io/octo/app@") + kDigest;
        QCOMPARE(pinned->findChild<QLineEdit*>()->text(), expected);
        QApplication::clipboard()->clear();
        QTest::mouseClick(pinned->findChild<QToolButton*>(QStringLiteral("copyButton")), Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), expected);
    }

    void platformsAgainstTheClusters() {
        PullCheckView view;
        view.show();
        view.setResult(resultFor(PullVerdict::PlatformMismatch));
        QCOMPARE(find<QLabel>(view, "imagePlatformsLabel")->text(),
                 QStringLiteral("linux/arm64, linux/s390x"));
        QCOMPARE(find<QLabel>(view, "clusterPlatformsLabel")->text(),
                 QStringLiteral("linux/amd64 (no match)"));
        view.setResult(resultFor(PullVerdict::Public));
        QCOMPARE(find<QLabel>(view, "clusterPlatformsLabel")->text(),
                 QStringLiteral("linux/amd64 (matches)"));
    }

    void recheckAndCancelAreRequests() {
        PullCheckView view;
        view.show();
        QSignalSpy recheck(&view, &PullCheckView::recheckRequested);
        QSignalSpy cancel(&view, &PullCheckView::cancelRequested);
        view.setResult(resultFor(PullVerdict::Public));
        QTest::mouseClick(find<QPushButton>(view, "recheckButton"), Qt::LeftButton);
        QCOMPARE(recheck.count(), 1);

        view.setRunning(QStringLiteral("ghcr.io/octo/app:v1"));
        view.setProgress(QStringLiteral("Asking ghcr.io anonymously"));
        QVERIFY(!find<QPushButton>(view, "recheckButton")->isEnabled());
        QVERIFY(find<QWidget>(view, "checkProgress")->isVisible());
        QCOMPARE(find<QLabel>(view, "progressLabel")->text(), QStringLiteral("Asking ghcr.io anonymously"));
        QCOMPARE(find<ui::StatusBadge>(view, "verdictBadge")->text(), QStringLiteral("Checking…"));
        QTest::mouseClick(find<QPushButton>(view, "cancelCheckButton"), Qt::LeftButton);
        QCOMPARE(cancel.count(), 1);
        view.setFailed(Error{
            QStringLiteral("registry.cancelled"), QStringLiteral("The pull check was cancelled."), {}, {}});
        QVERIFY(!find<QWidget>(view, "checkProgress")->isVisible());
        QVERIFY(find<QPushButton>(view, "recheckButton")->isEnabled());
        QCOMPARE(find<QLabel>(view, "messageLabel")->text(), QStringLiteral("The pull check was cancelled."));
    }

    void realChecksThroughTheRunner_data() {
        QTest::addColumn<QString>("repository");
        QTest::addColumn<QString>("badge");
        QTest::newRow("public") << "public/hello"
                                << "Public";
        QTest::newRow("private") << "private/hello"
                                 << "Private: cluster cannot pull";
        QTest::newRow("index without amd64") << "public/multi"
                                             << "Platform mismatch";
        QTest::newRow("arm64 only") << "public/armonly"
                                    << "Wrong architecture";
    }

    void realChecksThroughTheRunner() {
        QFETCH(QString, repository);
        QFETCH(QString, badge);
        const QString registryHost = env("SLIPWAY_TEST_TOKEN_REGISTRY");
        QVERIFY2(!registryHost.isEmpty(),
                 "SLIPWAY_TEST_TOKEN_REGISTRY is not set: start the registries with eval "
                 "\"$(tests/services/up)\"");
        registry::RegistryClient client;
        PullCheckView view;
        view.show();
        ui::PullCheckRunner runner(client, &view);
        QSignalSpy finished(&runner, &ui::PullCheckRunner::finished);
        registry::PullCheckRequest request;
        request.reference =
            *registry::ImageReference::parse(registryHost + QLatin1Char('/') + repository + ":latest");
        runner.check(request);
        QVERIFY(view.running());
        QVERIFY(finished.wait(30000));
        QCOMPARE(find<ui::StatusBadge>(view, "verdictBadge")->text(), badge);
        QVERIFY(!find<QLabel>(view, "messageLabel")->text().isEmpty());

        // Re-check runs the same request again.
        QTest::mouseClick(find<QPushButton>(view, "recheckButton"), Qt::LeftButton);
        QVERIFY(view.running());
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.count(), 2);
        QCOMPARE(find<ui::StatusBadge>(view, "verdictBadge")->text(), badge);
    }

    void cancellingARealCheck() {
        const QString registryHost = env("SLIPWAY_TEST_TOKEN_REGISTRY");
        QVERIFY2(!registryHost.isEmpty(), "start the registries: eval \"$(tests/services/up)\"");
        registry::RegistryClient client;
        PullCheckView view;
        ui::PullCheckRunner runner(client, &view);
        view.show();
        registry::PullCheckRequest request;
        request.reference =
            *registry::ImageReference::parse(registryHost + QStringLiteral("/public/hello:latest"));
        runner.check(request);
        QTest::mouseClick(find<QPushButton>(view, "cancelCheckButton"), Qt::LeftButton);
        QTRY_VERIFY(!view.running());
        QVERIFY(!runner.running());
        QVERIFY(!view.result().has_value());
        QCOMPARE(find<QLabel>(view, "messageLabel")->text(), QStringLiteral("The pull check was cancelled."));
    }

    void specStatusRules_data() {
        QTest::addColumn<SpecBuildState>("build");
        QTest::addColumn<int>("verdict"); // -1: never checked
        QTest::addColumn<SpecStatus>("status");
        QTest::addColumn<QString>("text");
        using enum SpecBuildState;
        QTest::newRow("nothing") << NotBuilt << -1 << SpecStatus::NotBuilt << "Not built";
        QTest::newRow("built") << Built << -1 << SpecStatus::Built << "Built";
        QTest::newRow("pushed") << Pushed << -1 << SpecStatus::Pushed << "Pushed";
        QTest::newRow("public") << Pushed << int(PullVerdict::Public) << SpecStatus::Public << "Public";
        QTest::newRow("pushed elsewhere, public")
            << NotBuilt << int(PullVerdict::Public) << SpecStatus::Public << "Public";
        QTest::newRow("private ok") << Pushed << int(PullVerdict::PrivateCredentialsWork)
                                    << SpecStatus::Private << "Private";
        QTest::newRow("private no access")
            << Pushed << int(PullVerdict::PrivateNoAccess) << SpecStatus::Private << "Private";
        QTest::newRow("mismatch") << Pushed << int(PullVerdict::PlatformMismatch)
                                  << SpecStatus::PlatformMismatch << "Platform mismatch";
        QTest::newRow("wrong arch") << Pushed << int(PullVerdict::WrongArchitecture)
                                    << SpecStatus::PlatformMismatch << "Platform mismatch";
        QTest::newRow("push gone") << Pushed << int(PullVerdict::MissingTag) << SpecStatus::Built << "Built";
        QTest::newRow("repo gone") << Pushed << int(PullVerdict::MissingRepository) << SpecStatus::Built
                                   << "Built";
        QTest::newRow("never built, missing")
            << NotBuilt << int(PullVerdict::MissingTag) << SpecStatus::NotBuilt << "Not built";
        QTest::newRow("unreachable keeps pushed")
            << Pushed << int(PullVerdict::Unreachable) << SpecStatus::Pushed << "Pushed";
        QTest::newRow("rate limited keeps built")
            << Built << int(PullVerdict::RateLimited) << SpecStatus::Built << "Built";
    }

    void specStatusRules() {
        QFETCH(SpecBuildState, build);
        QFETCH(int, verdict);
        QFETCH(SpecStatus, status);
        QFETCH(QString, text);
        const auto check = verdict < 0 ? std::nullopt : std::optional(PullVerdict(verdict));
        QCOMPARE(ui::specStatus(build, check), status);
        ui::SpecStatusBadge badge;
        badge.setState(build, check);
        QCOMPARE(badge.status(), status);
        QCOMPARE(badge.text(), text);
        QVERIFY(!badge.look().icon.isNull());
        QVERIFY(badge.sizeHint().width() > badge.fontMetrics().horizontalAdvance(text));
    }

    void privateBadgeToneSaysWhetherTheClusterCanPull() {
        ui::SpecStatusBadge badge;
        badge.setState(SpecBuildState::Pushed, PullVerdict::PrivateCredentialsWork);
        QCOMPARE(badge.tone(), BadgeTone::Good);
        badge.setState(SpecBuildState::Pushed, PullVerdict::PrivateNoAccess);
        QCOMPARE(badge.tone(), BadgeTone::Bad);
        QVERIFY(badge.toolTip().contains(QLatin1String("ImagePullBackOff")));
    }
};

QTEST_MAIN(TestPullCheckView)
#include "tst_pullcheckview.moc"
