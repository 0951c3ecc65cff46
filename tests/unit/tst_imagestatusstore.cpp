#include "project/imagestatusstore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace slipway;
using namespace slipway::project;
using registry::PullCheckResult;
using registry::PullVerdict;

namespace {

const QString kTrainer = QStringLiteral("ghcr.io/acme/trainer:WwbLviMdrUYuuN_tARn51Q");
const QString kDigest = QStringLiteral("sha256:") + QString(64, QLatin1Char('a'));

PullCheckResult result(PullVerdict verdict, const QString& reference = kTrainer) {
    PullCheckResult check;
    check.verdict = verdict;
    check.reference = *registry::ImageReference::parse(reference);
    check.message = QStringLiteral("Anyone can pull %1.").arg(reference);
    check.digest = verdict == PullVerdict::Public ? kDigest : QString();
    check.fix =
        verdict == PullVerdict::PrivateNoAccess
            ? QStringLiteral("Make the package public in its settings, or give the cluster a pull secret.")
            : QString();
    check.imagePlatforms = {*registry::Platform::parse(QStringLiteral("linux/amd64"))};
    check.clusterPlatforms = {*registry::Platform::parse(QStringLiteral("linux/amd64"))};
    check.anonymousPull = verdict == PullVerdict::Public;
    return check;
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool write(const QString& path, const QByteArray& bytes) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

class TestImageStatusStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void remembersTheLastCheckOfAReference() {
        QTemporaryDir dir;
        ImageStatusStore store(dir.filePath(QStringLiteral("checks")));
        QSignalSpy changed(&store, &ImageStatusStore::changed);
        QVERIFY(!store.lastVerdict(kTrainer));
        QVERIFY(!store.problem());

        const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
        store.recordCheck(kTrainer, result(PullVerdict::PrivateNoAccess));
        store.recordCheck(kTrainer, result(PullVerdict::Public));
        QCOMPARE(changed.count(), 2);
        QCOMPARE(changed.last().first().toString(), kTrainer);
        QCOMPARE(store.size(), 1);
        QCOMPARE(store.lastVerdict(kTrainer), PullVerdict::Public);
        const std::optional<ImageCheckRecord> check = store.lastCheck(kTrainer);
        QVERIFY(check);
        QCOMPARE(check->digest, kDigest);
        QVERIFY(check->checkedAt >= before && check->checkedAt <= QDateTime::currentDateTimeUtc());
        QCOMPARE(check->imagePlatforms, QStringList{"linux/amd64"});
        QVERIFY(check->anonymousPull);
        QVERIFY(!store.problem());
    }

    void findsAReferenceHoweverItIsSpelled() {
        QTemporaryDir dir;
        ImageStatusStore store(dir.path());
        store.recordCheck(QStringLiteral("python:3.11-slim"),
                          result(PullVerdict::Public, QStringLiteral("docker.io/library/python:3.11-slim")));
        QCOMPARE(store.lastVerdict(QStringLiteral("docker.io/library/python:3.11-slim")),
                 PullVerdict::Public);
        QCOMPARE(store.lastVerdict(QStringLiteral("python:3.11-slim")), PullVerdict::Public);
        QVERIFY(!store.lastVerdict(QStringLiteral("python:3.12-slim")));
    }

    void survivesARestart() {
        QTemporaryDir dir;
        {
            ImageStatusStore store(dir.path());
            store.recordCheck(kTrainer, result(PullVerdict::Public));
            store.recordCheck(
                QStringLiteral("ghcr.io/acme/private:v1"),
                result(PullVerdict::PrivateNoAccess, QStringLiteral("ghcr.io/acme/private:v1")));
        }
        ImageStatusStore reopened(dir.path());
        QVERIFY2(!reopened.problem(),
                 qPrintable(reopened.problem() ? reopened.problem()->describe() : QString()));
        QCOMPARE(reopened.size(), 2);
        QCOMPARE(reopened.lastVerdict(kTrainer), PullVerdict::Public);
        QCOMPARE(reopened.lastCheck(kTrainer)->digest, kDigest);
        const std::optional<ImageCheckRecord> privateCheck =
            reopened.lastCheck(QStringLiteral("ghcr.io/acme/private:v1"));
        QCOMPARE(privateCheck->verdict, PullVerdict::PrivateNoAccess);
        QVERIFY(privateCheck->fix.contains(QStringLiteral("pull secret")));
        QVERIFY(privateCheck->checkedAt.isValid());
        // The file is the documented JSON, not a binary dump.
        const QJsonObject root = QJsonDocument::fromJson(readAll(reopened.filePath())).object();
        QCOMPARE(root.value(QStringLiteral("schema")).toInt(), ImageStatusStore::kSchemaVersion);
        QCOMPARE(root.value(QStringLiteral("checks")).toArray().size(), 2);
    }

    void aDamagedFileIsSetAsideAndReported() {
        QTemporaryDir dir;
        ImageStatusStore first(dir.path());
        first.recordCheck(kTrainer, result(PullVerdict::Public));
        QVERIFY(write(first.filePath(), "{\"schema\": 1, \"checks\": [ {\"image\": tru"));

        ImageStatusStore damaged(dir.path());
        QVERIFY(damaged.problem());
        QCOMPARE(damaged.problem()->code, QStringLiteral("image-status-format"));
        QVERIFY2(damaged.problem()->message.contains(QStringLiteral("damaged")),
                 qPrintable(damaged.problem()->message));
        QVERIFY(damaged.problem()->message.contains(QDir::toNativeSeparators(damaged.filePath())));
        QVERIFY(!damaged.problem()->fix.isEmpty());
        QCOMPARE(damaged.size(), 0);
        QVERIFY(!damaged.lastVerdict(kTrainer));
        // The damaged bytes are kept for inspection, out of the way of the next save.
        QCOMPARE(readAll(damaged.filePath() + QStringLiteral(".damaged")),
                 QByteArray("{\"schema\": 1, \"checks\": [ {\"image\": tru"));

        damaged.recordCheck(kTrainer, result(PullVerdict::PrivateNoAccess));
        ImageStatusStore reopened(dir.path());
        QVERIFY(!reopened.problem());
        QCOMPARE(reopened.lastVerdict(kTrainer), PullVerdict::PrivateNoAccess);
    }

    void aBadEntryIsSkippedTheOthersLoad() {
        QTemporaryDir dir;
        ImageStatusStore first(dir.path());
        first.recordCheck(kTrainer, result(PullVerdict::Public));
        QJsonObject root = QJsonDocument::fromJson(readAll(first.filePath())).object();
        QJsonArray checks = root.value(QStringLiteral("checks")).toArray();
        checks.append(QJsonObject{{QStringLiteral("image"), QStringLiteral("ghcr.io/acme/other:v1")},
                                  {QStringLiteral("verdict"), QStringLiteral("probably-fine")}});
        root.insert(QStringLiteral("checks"), checks);
        QVERIFY(write(first.filePath(), QJsonDocument(root).toJson()));

        ImageStatusStore reopened(dir.path());
        QCOMPARE(reopened.size(), 1);
        QCOMPARE(reopened.lastVerdict(kTrainer), PullVerdict::Public);
        QVERIFY(reopened.problem());
        QVERIFY(reopened.problem()->message.contains(QStringLiteral("1 pull check result")));
    }

    void aFailedSaveKeepsTheCheckForTheSession() {
        QTemporaryDir dir;
        // A file where the folder should be: the folder cannot be created.
        QVERIFY(write(dir.filePath(QStringLiteral("blocked")), "not a folder"));
        ImageStatusStore store(dir.filePath(QStringLiteral("blocked")));
        QSignalSpy failed(&store, &ImageStatusStore::failed);
        store.recordCheck(kTrainer, result(PullVerdict::Public));
        QCOMPARE(failed.count(), 1);
        QVERIFY(store.problem());
        QVERIFY(!store.problem()->fix.isEmpty());
        QCOMPARE(store.lastVerdict(kTrainer), PullVerdict::Public);
    }

    void keepsOnlyTheMostRecentlyCheckedReferences() {
        QTemporaryDir dir;
        {
            ImageStatusStore store(dir.path());
            store.setCapacity(3);
            for (int i = 0; i < 5; ++i)
                store.recordCheck(QStringLiteral("ghcr.io/acme/img:v%1").arg(i), result(PullVerdict::Public));
            // Checking v2 again makes it the newest: v3 goes when v5 arrives.
            store.recordCheck(QStringLiteral("ghcr.io/acme/img:v2"), result(PullVerdict::PrivateNoAccess));
            store.recordCheck(QStringLiteral("ghcr.io/acme/img:v5"), result(PullVerdict::Public));
            QCOMPARE(store.size(), 3);
        }
        ImageStatusStore reopened(dir.path());
        reopened.setCapacity(3);
        QCOMPARE(reopened.size(), 3);
        for (const char* gone : {"v0", "v1", "v3"})
            QVERIFY2(!reopened.lastVerdict(QStringLiteral("ghcr.io/acme/img:%1").arg(QLatin1String(gone))),
                     gone);
        QCOMPARE(reopened.lastVerdict(QStringLiteral("ghcr.io/acme/img:v2")), PullVerdict::PrivateNoAccess);
        QCOMPARE(reopened.lastVerdict(QStringLiteral("ghcr.io/acme/img:v4")), PullVerdict::Public);
        QCOMPARE(reopened.lastVerdict(QStringLiteral("ghcr.io/acme/img:v5")), PullVerdict::Public);

        // The default bound holds too: the file never grows past it.
        ImageStatusStore bounded(dir.filePath(QStringLiteral("many")));
        for (int i = 0; i < ImageStatusStore::kDefaultCapacity + 25; ++i)
            bounded.recordCheck(QStringLiteral("ghcr.io/acme/img:t%1").arg(i), result(PullVerdict::Public));
        QCOMPARE(ImageStatusStore(dir.filePath(QStringLiteral("many"))).size(),
                 ImageStatusStore::kDefaultCapacity);
    }

    void writesNoSecret() {
        QTemporaryDir dir;
        ImageStatusStore store(dir.path());
        PullCheckResult check = result(PullVerdict::PrivateNoAccess);
        // A registry that echoes the request's header back in its error text.
        check.detail = QStringLiteral("denied: Authorization: Bearer s3cr3t-t0ken-value");
        store.recordCheck(kTrainer, check);
        QVERIFY(!readAll(store.filePath()).contains("s3cr3t-t0ken-value"));
        QVERIFY(!store.lastCheck(kTrainer)->detail.contains(QStringLiteral("s3cr3t-t0ken-value")));
    }
};

QTEST_GUILESS_MAIN(TestImageStatusStore)
#include "tst_imagestatusstore.moc"
