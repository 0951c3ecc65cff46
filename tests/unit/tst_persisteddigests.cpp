// source_root digests kept on disk: a new process reuses the digest of an unchanged tree, and any
// change to a file (even one that keeps its size and mtime) or a fresh ("racy") tree computes again.
#include "spec/persisteddigests.h"
#include "spec/sourcedigestcache.h"
#include "spec/specfiles.h"
#include "specbuilder.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace slipway;
using slipway::testing::writeFile;

namespace {

QStringList entries(const QString& directory) {
    return QDir(directory).entryList(QDir::Files);
}

// The listing's clock is in milliseconds: wait until it has passed every stamp in the tree, so a
// settle time of zero treats the tree as settled.
bool clockPassed(const QString& root) {
    const auto files = spec::listSourceFiles(root, spec::CopyMode::All, {});
    qint64 newest = 0;
    for (const spec::SourceFile& file : *files)
        newest = std::max({newest, file.modifiedNs, file.changedNs});
    return QDateTime::currentMSecsSinceEpoch() * 1'000'000 > newest;
}

} // namespace

class TestPersistedDigests : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aNewProcessReusesTheDigestOfAnUnchangedTree() {
        QTemporaryDir tree, store;
        QVERIFY(writeFile(tree.path(), "a.py", "print(1)\n"));
        QVERIFY(writeFile(tree.path(), "pkg/b.py", "print(2)\n"));
        QTRY_VERIFY(clockPassed(tree.path()));
        const QString truth = *spec::sourceRootDigest(tree.path(), spec::CopyMode::All, {});

        spec::SourceDigestCache first{spec::PersistedDigests(store.path()), 0};
        QCOMPARE(*first.sourceRootDigest(tree.path(), spec::CopyMode::All, {}), truth);
        QCOMPARE(first.computedCount(), 1);
        QCOMPARE(entries(store.path()).size(), 1);

        spec::SourceDigestCache second{spec::PersistedDigests(store.path()), 0};
        QCOMPARE(*second.sourceRootDigest(tree.path(), spec::CopyMode::All, {}), truth);
        QCOMPARE(second.computedCount(), 0);

        // Same size, mtime put back: only the status change time tells. Reading it again is right.
        const QString path = QDir(tree.path()).filePath("pkg/b.py");
        const QDateTime mtime = QFileInfo(path).lastModified();
        QVERIFY(writeFile(tree.path(), "pkg/b.py", "print(3)\n"));
        QFile touched(path);
        QVERIFY(touched.open(QIODevice::ReadWrite));
        QVERIFY(touched.setFileTime(mtime, QFileDevice::FileModificationTime));
        touched.close();
        QCOMPARE(QFileInfo(path).lastModified(), mtime);
        QTRY_VERIFY(clockPassed(tree.path()));
        spec::SourceDigestCache third{spec::PersistedDigests(store.path()), 0};
        const auto changed = third.sourceRootDigest(tree.path(), spec::CopyMode::All, {});
        QCOMPARE(third.computedCount(), 1);
        QVERIFY(*changed != truth);
        QCOMPARE(*changed, *spec::sourceRootDigest(tree.path(), spec::CopyMode::All, {}));
    }

    void aTreeChangedJustNowIsNotKept() {
        QTemporaryDir tree, store;
        QVERIFY(writeFile(tree.path(), "a.py", "print(1)\n"));
        spec::SourceDigestCache first{spec::PersistedDigests(store.path())};
        QVERIFY(first.sourceRootDigest(tree.path(), spec::CopyMode::All, {}));
        QVERIFY(entries(store.path()).isEmpty());
        spec::SourceDigestCache second{spec::PersistedDigests(store.path())};
        QVERIFY(second.sourceRootDigest(tree.path(), spec::CopyMode::All, {}));
        QCOMPARE(second.computedCount(), 1);
    }

    void keysFingerprintsAndDamagedEntriesAreChecked() {
        QTemporaryDir store;
        const spec::PersistedDigests digests(store.path());
        digests.store("root\n0\n/work", "print", "abc");
        QCOMPARE(digests.find("root\n0\n/work", "print"), std::optional<QString>("abc"));
        QCOMPARE(digests.find("root\n0\n/work", "other"), std::nullopt);
        QCOMPARE(digests.find("root\n0\n/else", "print"), std::nullopt);
        const QStringList files = entries(store.path());
        QCOMPARE(files.size(), 1);
        QFile damaged(QDir(store.path()).filePath(files.first()));
        QVERIFY(damaged.open(QIODevice::WriteOnly));
        damaged.write("slipway-source-digest 1\ntrunc");
        damaged.close();
        QCOMPARE(digests.find("root\n0\n/work", "print"), std::nullopt);
    }

    void theFolderStaysBounded() {
        QTemporaryDir store;
        const spec::PersistedDigests digests(store.path());
        for (int i = 0; i < spec::PersistedDigests::kMaxEntries + 8; ++i)
            digests.store(QString::number(i), "print", "abc");
        QCOMPARE(entries(store.path()).size(), spec::PersistedDigests::kMaxEntries);
        // The newest is kept.
        QVERIFY(digests.find(QString::number(spec::PersistedDigests::kMaxEntries + 7), "print"));
    }
};

QTEST_GUILESS_MAIN(TestPersistedDigests)
#include "tst_persisteddigests.moc"
