// The virtual directory a BuildKit session serves: fsutil's walk order (which the daemon's receiver
// checks, failing the build with "changes out of order" otherwise) and the daemon's include/exclude
// selection.
#include "buildkit/syncedtree.h"

#include <QTest>

using namespace slipway::buildkit;

namespace {

SyncedEntry file(const QString& path) {
    return SyncedEntry{path, {}, path.toUtf8(), false};
}

QStringList paths(const SyncedTree& tree, const QList<qsizetype>& indexes) {
    QStringList out;
    for (qsizetype index : indexes)
        out.append(tree.entries()[index].path);
    return out;
}

QStringList allPaths(const SyncedTree& tree) {
    QStringList out;
    for (const SyncedEntry& entry : tree.entries())
        out.append(entry.path);
    return out;
}

} // namespace

class SyncedTreeTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // Depth first, siblings by bytes, parents (added when missing) before children: "a/b" comes
    // before "a.txt" and "a-b" although '/' sorts after '.' and '-' as a byte.
    void walkOrderIsFsutils() {
        const SyncedTree tree({file(QStringLiteral("a.txt")), file(QStringLiteral("a/b")),
                               file(QStringLiteral("a-b")), file(QStringLiteral("B")),
                               file(QStringLiteral("a/c/d")), file(QStringLiteral("Dockerfile"))});
        QCOMPARE(allPaths(tree),
                 (QStringList{"B", "Dockerfile", "a", "a/b", "a/c", "a/c/d", "a-b", "a.txt"}));
        QVERIFY(tree.entries()[2].isDirectory);
        QVERIFY(tree.entries()[4].isDirectory);
        QVERIFY(!tree.entries()[3].isDirectory);
    }

    void laterEntryForThePathWins() {
        SyncedEntry second = file(QStringLiteral("x"));
        second.contents = "second";
        const SyncedTree tree({file(QStringLiteral("x")), second});
        QCOMPARE(tree.entries().size(), 1);
        QCOMPARE(tree.entries()[0].contents, QByteArray("second"));
    }

    // What BuildKit asks for: the Dockerfile frontend's followpaths (the Dockerfile, its
    // .dockerignore, the COPY sources) with the parents needed to reach them.
    void followPathsSelectWithParents() {
        const SyncedTree tree({file(QStringLiteral("Dockerfile")), file(QStringLiteral("src/pkg/mod.py")),
                               file(QStringLiteral("src/top.py")), file(QStringLiteral("data/t.csv")),
                               file(QStringLiteral("requirements.txt"))});
        QCOMPARE(
            paths(tree, tree.select(
                            {{QStringLiteral("Dockerfile"), QStringLiteral("Dockerfile.dockerignore")}, {}})),
            QStringList{"Dockerfile"});
        QCOMPARE(
            paths(tree, tree.select({{QStringLiteral("src/pkg"), QStringLiteral("./requirements.txt")}, {}})),
            (QStringList{"requirements.txt", "src", "src/pkg", "src/pkg/mod.py"}));
        QCOMPARE(paths(tree, tree.select({{QStringLiteral("src/*.py")}, {}})),
                 (QStringList{"src", "src/top.py"}));
        QCOMPARE(paths(tree, tree.select({{QStringLiteral(".dockerignore")}, {}})), QStringList{});
        QCOMPARE(tree.select({}).size(), tree.entries().size());
    }

    // .dockerignore rules: a match on a directory covers its contents, "!" re-includes (the last
    // matching rule wins), "**" crosses directories; a re-included file keeps its parents.
    void excludePatternsFollowDockerignore() {
        const SyncedTree tree({file(QStringLiteral("Dockerfile")), file(QStringLiteral("src/a.pyc")),
                               file(QStringLiteral("src/deep/b.pyc")), file(QStringLiteral("src/keep.py")),
                               file(QStringLiteral("build/out.bin")),
                               file(QStringLiteral("build/keep.txt"))});
        QCOMPARE(paths(tree, tree.select({{}, {QStringLiteral("**/*.pyc"), QStringLiteral("build")}})),
                 (QStringList{"Dockerfile", "src", "src/deep", "src/keep.py"}));
        QCOMPARE(paths(tree, tree.select({{}, {QStringLiteral("build"), QStringLiteral("!build/keep.txt")}})),
                 (QStringList{"Dockerfile", "build", "build/keep.txt", "src", "src/a.pyc", "src/deep",
                              "src/deep/b.pyc", "src/keep.py"}));
        QCOMPARE(paths(tree, tree.select({{}, {QStringLiteral("src/*.pyc")}})),
                 (QStringList{"Dockerfile", "build", "build/keep.txt", "build/out.bin", "src", "src/deep",
                              "src/deep/b.pyc", "src/keep.py"}));
    }
};

QTEST_GUILESS_MAIN(SyncedTreeTest)
#include "tst_syncedtree.moc"
