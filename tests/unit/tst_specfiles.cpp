// Which files flytekit hashes for source_root and copy, and the quirks of reference §8 that change
// tags: relative roots and ignore patterns, case-insensitive .dockerignore, copy digests.
#include "spec/ignorerules.h"
#include "spec/specfiles.h"
#include "specbuilder.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>
#include <sys/stat.h>
#include <unistd.h>

using namespace slipway::spec;
using namespace slipway::testing;

namespace {

QStringList relativePaths(const QList<SourceFile>& files) {
    QStringList paths;
    for (const SourceFile& file : files)
        paths.append(file.path);
    return paths;
}

// The digest flytekit computes for these (path-without-separators, bytes) pairs, in order.
QString expectedDigest(const QList<std::pair<QString, QByteArray>>& files) {
    QCryptographicHash hash(QCryptographicHash::Md5);
    for (const auto& [path, bytes] : files) {
        hash.addData(bytes);
        hash.addData(QString(path).remove(QLatin1Char('/')).toUtf8());
    }
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace

class SpecFilesTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString project() const { return m_dir.path(); }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QVERIFY(writeFile(project(), QStringLiteral("src/app.py"), "print('hi')\n"));
        QVERIFY(writeFile(project(), QStringLiteral("src/notes.txt"), "notes\n"));
        QVERIFY(writeFile(project(), QStringLiteral("src/run.LOG"), "log\n"));
        QVERIFY(writeFile(project(), QStringLiteral("src/pkg/mod.py"), "x = 1\n"));
        QVERIFY(writeFile(project(), QStringLiteral("src/pkg/mod.pyc"), "bytecode"));
        QVERIFY(writeFile(project(), QStringLiteral("src/pkg/__pycache__/mod.cpython-311.opt"), "cache"));
        QVERIFY(writeFile(project(), QStringLiteral("src/.git/HEAD"), "ref: refs/heads/main\n"));
        QVERIFY(writeFile(project(), QStringLiteral("src/.dockerignore"), "notes.txt\n*.log\n# comment\n\n"));
    }

    void relativeRootIgnorePatternsMatchNothing() {
        // Quirk 1: with source_root "src" the patterns see "src/notes.txt", so "notes.txt" and "*.log"
        // exclude nothing. Standard patterns (*.pyc, **/__pycache__/*) still apply; .git is skipped.
        auto files = listSourceFiles(QStringLiteral("src"), CopyMode::All, project());
        QVERIFY(files);
        QCOMPARE(relativePaths(*files),
                 QStringList({QStringLiteral("src/.dockerignore"), QStringLiteral("src/app.py"),
                              QStringLiteral("src/notes.txt"), QStringLiteral("src/pkg/mod.py"),
                              QStringLiteral("src/run.LOG")}));
    }

    void absoluteRootIgnorePatternsWork() {
        // The same tree with an absolute root: patterns apply, case-insensitively (quirk 2: *.log drops
        // run.LOG).
        const QString root = QDir(project()).filePath(QStringLiteral("src"));
        auto files = listSourceFiles(root, CopyMode::All, project());
        QVERIFY(files);
        QCOMPARE(files->size(), 3);
        QCOMPARE(files->at(0).relativePath, QStringLiteral(".dockerignore"));
        QCOMPARE(files->at(1).relativePath, QStringLiteral("app.py"));
        QCOMPARE(files->at(2).relativePath, QStringLiteral("pkg/mod.py"));
    }

    void sourceDigestIsOverSortedFiles() {
        auto digest = sourceRootDigest(QStringLiteral("src"), CopyMode::All, project());
        QVERIFY(digest);
        QCOMPARE(*digest,
                 expectedDigest({{QStringLiteral(".dockerignore"), "notes.txt\n*.log\n# comment\n\n"},
                                 {QStringLiteral("app.py"), "print('hi')\n"},
                                 {QStringLiteral("notes.txt"), "notes\n"},
                                 {QStringLiteral("pkg/mod.py"), "x = 1\n"},
                                 {QStringLiteral("run.LOG"), "log\n"}}));
    }

    // The relative path (hashed) and the size/mtime (the digest cache's change check) come from the
    // listing itself; however source_root is spelled, the relative paths are the same.
    void rootSpellingsGiveTheSameRelativePaths() {
        const QStringList expected{QStringLiteral(".dockerignore"), QStringLiteral("app.py"),
                                   QStringLiteral("notes.txt"), QStringLiteral("pkg/mod.py"),
                                   QStringLiteral("run.LOG")};
        for (const QString& root : {QStringLiteral("src"), QStringLiteral("src/"), QStringLiteral("./src"),
                                    QStringLiteral("src/../src")}) {
            auto files = listSourceFiles(root, CopyMode::All, project());
            QVERIFY2(files, qPrintable(root));
            QStringList relative;
            for (const SourceFile& file : *files)
                relative.append(file.relativePath);
            QCOMPARE(relative, expected);
            QCOMPARE(files->at(1).size, qint64(12));
            const QFileInfo app(QDir(project()).filePath(QStringLiteral("src/app.py")));
            QCOMPARE(files->at(1).modifiedNs / 1'000'000, app.lastModified().toMSecsSinceEpoch());
        }
    }

    // Python sorts str by code point (UTF-8 byte order), not UTF-16 units: U+FF21 (one unit) sorts
    // before U+1F600 (a surrogate pair, whose first unit 0xD83D is smaller than 0xFF21).
    void sortIsByCodePoint() {
        QTemporaryDir dir;
        const QString wide = QString::fromUtf8("\xef\xbc\xa1.py");      // U+FF21
        const QString emoji = QString::fromUtf8("\xf0\x9f\x98\x80.py"); // U+1F600
        QVERIFY(writeFile(dir.path(), QStringLiteral("code/") + emoji, "e"));
        QVERIFY(writeFile(dir.path(), QStringLiteral("code/") + wide, "w"));
        QVERIFY(writeFile(dir.path(), QStringLiteral("code/B.py"), "b"));
        QVERIFY(writeFile(dir.path(), QStringLiteral("code/a.py"), "a"));
        auto files = listSourceFiles(QStringLiteral("code"), CopyMode::All, dir.path());
        QVERIFY(files);
        QCOMPARE(relativePaths(*files),
                 QStringList({QStringLiteral("code/B.py"), QStringLiteral("code/a.py"),
                              QStringLiteral("code/") + wide, QStringLiteral("code/") + emoji}));
    }

    void doubleStarPatternsReachThroughARelativeRoot() {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.path(), QStringLiteral("code/a.py"), "a"));
        QVERIFY(writeFile(dir.path(), QStringLiteral("code/b.log"), "b"));
        QVERIFY(writeFile(dir.path(), QStringLiteral("code/.dockerignore"), "**/*.log\n"));
        auto files = listSourceFiles(QStringLiteral("code"), CopyMode::All, dir.path());
        QVERIFY(files);
        QCOMPARE(relativePaths(*files),
                 QStringList({QStringLiteral("code/.dockerignore"), QStringLiteral("code/a.py")}));
    }

    void gitIgnoreOnlyForAbsoluteRoots() {
        if (QStandardPaths::findExecutable(QStringLiteral("git")).isEmpty())
            QFAIL("git is needed (packaging/install-deps.sh installs it)");
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.path(), QStringLiteral("repo/keep.py"), "k"));
        QVERIFY(writeFile(dir.path(), QStringLiteral("repo/secret.env"), "s"));
        QVERIFY(writeFile(dir.path(), QStringLiteral("repo/.gitignore"), "*.env\n"));
        QProcess git;
        git.setWorkingDirectory(dir.filePath(QStringLiteral("repo")));
        git.start(QStringLiteral("git"), {QStringLiteral("init"), QStringLiteral("-q")});
        QVERIFY(git.waitForFinished());
        auto relative = listSourceFiles(QStringLiteral("repo"), CopyMode::All, dir.path());
        QVERIFY(relative);
        QVERIFY(relativePaths(*relative).contains(QStringLiteral("repo/secret.env")));
        auto absolute = listSourceFiles(dir.filePath(QStringLiteral("repo")), CopyMode::All, dir.path());
        QVERIFY(absolute);
        QCOMPARE(absolute->size(), 2); // .gitignore and keep.py
        QCOMPARE(absolute->at(1).relativePath, QStringLiteral("keep.py"));
    }

    void missingSourceRootNamesWhereItLooked() {
        auto missing = listSourceFiles(QStringLiteral("nope"), CopyMode::All, project());
        QVERIFY(!missing);
        QVERIFY(missing.error().message.contains(QStringLiteral("nope")));
        QVERIFY(missing.error().fix.contains(project()));
    }

    void unreadableFileIsNamed() {
        if (::geteuid() == 0)
            QSKIP("root reads files regardless of permissions; covered by the CLI test as a non-root user");
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.path(), QStringLiteral("src/locked.py"), "x"));
        QFile::setPermissions(dir.filePath(QStringLiteral("src/locked.py")), QFileDevice::Permissions());
        auto digest = sourceRootDigest(QStringLiteral("src"), CopyMode::All, dir.path());
        QVERIFY(!digest);
        QVERIFY(digest.error().message.contains(QStringLiteral("locked.py")));
    }

    void fifoIsRejectedNotHung() {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.path(), QStringLiteral("src/a.py"), "a"));
        const QByteArray fifo = QFile::encodeName(dir.filePath(QStringLiteral("src/pipe")));
        QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
        auto digest = sourceRootDigest(QStringLiteral("src"), CopyMode::All, dir.path());
        QVERIFY(!digest);
        QVERIFY(digest.error().message.contains(QStringLiteral("pipe")));
    }

    void copyDigestQuirks() {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.path(), QStringLiteral("data/x.txt"), "same"));
        QVERIFY(writeFile(dir.path(), QStringLiteral("other/x.txt"), "same"));
        QVERIFY(writeFile(dir.path(), QStringLiteral("one.txt"), "1"));
        // A copied folder's own name is not hashed.
        QCOMPARE(*copyDigest({QStringLiteral("data")}, dir.path()),
                 *copyDigest({QStringLiteral("other")}, dir.path()));
        // Missing entries and a file with a trailing slash are skipped.
        QCOMPARE(*copyDigest(
                     {QStringLiteral("one.txt"), QStringLiteral("missing.txt"), QStringLiteral("one.txt/")},
                     dir.path()),
                 *copyDigest({QStringLiteral("one.txt")}, dir.path()));
        // A file listed twice is hashed twice.
        QCOMPARE(*copyDigest({QStringLiteral("one.txt"), QStringLiteral("one.txt")}, dir.path()),
                 expectedDigest({{QStringLiteral("one.txt"), "1"}, {QStringLiteral("one.txt"), "1"}}));
        // Files contribute their basename only.
        QCOMPARE(*copyDigest({QStringLiteral("data/x.txt")}, dir.path()),
                 expectedDigest({{QStringLiteral("x.txt"), "same"}}));
    }

    void requirementsAreStripped() {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.path(), QStringLiteral("a.txt"), "\n\t pandas\n\nnumpy \n\n"));
        QVERIFY(writeFile(dir.path(), QStringLiteral("b.txt"), "pandas\n\nnumpy"));
        QCOMPARE(*requirementsDigest(QStringLiteral("a.txt"), dir.path()),
                 QString::fromLatin1(
                     QCryptographicHash::hash("pandas\n\nnumpy", QCryptographicHash::Sha1).toHex()));
        QCOMPARE(*requirementsDigest(QStringLiteral("a.txt"), dir.path()),
                 *requirementsDigest(QStringLiteral("b.txt"), dir.path()));
        QVERIFY(writeFile(dir.path(), QStringLiteral("blank.txt"), " \n\n "));
        QCOMPARE(*requirementsDigest(QStringLiteral("blank.txt"), dir.path()),
                 QString::fromLatin1(QCryptographicHash::hash("", QCryptographicHash::Sha1).toHex()));
        auto missing = requirementsDigest(QStringLiteral("nope.txt"), dir.path());
        QVERIFY(!missing);
        QVERIFY(missing.error().message.contains(QStringLiteral("nope.txt")));
    }

    void requirementsStripAcrossChunks() {
        // Whitespace runs that straddle the 1 MiB read chunks must be kept when inner, dropped when trailing.
        QTemporaryDir dir;
        QByteArray text((1 << 20) - 3, 'a');
        text += "    b";
        text += QByteArray((1 << 20) + 5, ' ');
        QVERIFY(writeFile(dir.path(), QStringLiteral("big.txt"), text));
        QCOMPARE(
            *requirementsDigest(QStringLiteral("big.txt"), dir.path()),
            QString::fromLatin1(QCryptographicHash::hash(text.trimmed(), QCryptographicHash::Sha1).toHex()));
    }

    void dockerIgnoreSemantics_data() {
        QTest::addColumn<QString>("patterns");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("ignored");
        QTest::newRow("folder excludes its files") << "build"
                                                   << "build/out/a.o" << true;
        QTest::newRow("star stops at slash") << "*.log"
                                             << "logs/a.log" << false;
        QTest::newRow("double star") << "**/*.log"
                                     << "logs/deep/a.log" << true;
        QTest::newRow("case-insensitive") << "*.LOG"
                                          << "x.log" << true;
        QTest::newRow("exception") << "*.md\n!README.md"
                                   << "README.md" << false;
        QTest::newRow("exception before its rule") << "!README.md\n*.md"
                                                   << "README.md" << true;
        QTest::newRow("only exceptions") << "!README.md\n!*.txt"
                                         << "README.md" << false;
        QTest::newRow("dockerignore kept") << "*"
                                           << ".dockerignore" << false;
        QTest::newRow("dot-dot folded") << "a/../b"
                                        << "b" << true;
        QTest::newRow("leading slash") << "/tmp"
                                       << "tmp/x" << true;
    }
    void dockerIgnoreSemantics() {
        QFETCH(QString, patterns);
        QFETCH(QString, path);
        QFETCH(bool, ignored);
        QCOMPARE(DockerIgnoreMatcher(patterns.split(QLatin1Char('\n'))).matches(path), ignored);
    }

    void pythonFnmatchCrossesSlashes() {
        QVERIFY(pythonFnmatch(QStringLiteral("a/b/c.pyc"), QStringLiteral("*.pyc")));
        QVERIFY(pythonFnmatch(QStringLiteral("x/__pycache__/y"), QStringLiteral("**/__pycache__/*")));
        QVERIFY(!pythonFnmatch(QStringLiteral("src/.cache/x"), QStringLiteral(".cache/*")));
        QVERIFY(pythonFnmatch(QStringLiteral("a[b"), QStringLiteral("a[b")));
        QVERIFY(pythonFnmatch(QStringLiteral("ab"), QStringLiteral("a[!c]")));
    }
};

QTEST_GUILESS_MAIN(SpecFilesTest)
#include "tst_specfiles.moc"
