#include "project/autosavestore.h"
#include "project/livereference.h"
#include "spec/sourcedigestcache.h"
#include "spec/specdocument.h"
#include "spec/specfiles.h"
#include "spec/spechash.h"
#include "specbuilder.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace slipway;
using slipway::testing::writeFile;
using slipway::testing::x86Host;
using spec::Field;
using spec::PyValue;
using spec::SpecDocument;

namespace {

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestSpecDocument : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void invalidTextKeepsTheLastValidSpec() {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.path(), "spec.yaml", "name: first\npython_version: \"3.11\"\n"));
        SpecDocument document(x86Host(dir.path()));
        QVERIFY(document.openYaml(dir.filePath("spec.yaml")));
        QCOMPARE(document.spec().value(Field::Name).str(), QStringLiteral("first"));
        QCOMPARE(document.displayPath(), QStringLiteral("spec.yaml"));

        QSignalSpy specChanged(&document, &SpecDocument::specChanged);
        document.setText("name: second\npackages: [oops\n");
        QVERIFY(!document.isTextValid());
        QCOMPARE(document.syntaxError()->position.line, 2);
        QCOMPARE(document.text(), QStringLiteral("name: second\npackages: [oops\n"));
        QCOMPARE(document.spec().value(Field::Name).str(), QStringLiteral("first"));
        QCOMPARE(specChanged.count(), 0);
        QVERIFY(!document.textWithArgument(Field::Name, PyValue(QStringLiteral("x"))));

        document.setText("name: second\n");
        QVERIFY(document.isTextValid());
        QCOMPARE(document.spec().value(Field::Name).str(), QStringLiteral("second"));
        QCOMPARE(specChanged.count(), 1);
        // python_version unset is one of flytekit's traps.
        bool warned = false;
        for (const spec::Diagnostic& diagnostic : document.diagnostics())
            warned = warned || (diagnostic.field == Field::PythonVersion && !diagnostic.isError());
        QVERIFY(warned);
    }

    void savesAndKnowsWhenModified() {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.path(), "spec.yaml", "name: a\n"));
        SpecDocument document(x86Host(dir.path()));
        QVERIFY(document.openYaml(dir.filePath("spec.yaml")));
        QSignalSpy modified(&document, &SpecDocument::modifiedChanged);
        QSignalSpy disk(&document, &SpecDocument::changedOnDisk);
        document.setText(*document.textWithArgument(Field::Name, PyValue(QStringLiteral("b"))));
        QVERIFY(document.isModified());
        QVERIFY(document.save());
        QVERIFY(!document.isModified());
        QCOMPARE(readAll(dir.filePath("spec.yaml")), QByteArray("name: b\n"));
        QCOMPARE(modified.count(), 2);
        // Our own save is not someone else's change; theirs is, once per new contents.
        QVERIFY(writeFile(dir.path(), "other.yaml", "name: unrelated\n"));
        QVERIFY(writeFile(dir.path(), "spec.yaml", "name: theirs\n"));
        QTRY_COMPARE(disk.count(), 1);
        QCOMPARE(*document.readDisk(), QStringLiteral("name: theirs\n"));
        document.adoptDiskText(*document.readDisk());
        QVERIFY(document.isModified()); // the text is still ours
    }

    void pythonSpecsAreReadOnly() {
        QTemporaryDir dir;
        SpecDocument document(x86Host(dir.path()));
        document.openPython(dir.filePath("wf.py"), QStringLiteral("image"),
                            testing::makeSpec({{Field::Name, PyValue(QStringLiteral("py"))}}), {});
        QVERIFY(document.isReadOnly());
        QCOMPARE(document.text(), QStringLiteral("name: py\n"));
        QVERIFY(!document.save());
        QVERIFY(document.saveAs(dir.filePath("py.yaml")));
        QVERIFY(!document.isReadOnly());
        QCOMPARE(readAll(dir.filePath("py.yaml")), QByteArray("name: py\n"));
    }

    void digestCacheReusesUnchangedTrees() {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.path(), "src/a.py", "print(1)\n"));
        QVERIFY(writeFile(dir.path(), "src/pkg/b.py", "print(2)\n"));
        spec::SourceDigestCache cache;
        const auto first = cache.sourceRootDigest("src", spec::CopyMode::All, dir.path());
        QVERIFY(first);
        QCOMPARE(*first, *spec::sourceRootDigest("src", spec::CopyMode::All, dir.path()));
        QCOMPARE(*cache.sourceRootDigest("src", spec::CopyMode::All, dir.path()), *first);
        QCOMPARE(cache.computedCount(), 1);
        QVERIFY(writeFile(dir.path(), "src/pkg/b.py", "print(22)\n"));
        const auto changed = cache.sourceRootDigest("src", spec::CopyMode::All, dir.path());
        QCOMPARE(cache.computedCount(), 2);
        QVERIFY(*changed != *first);
        QCOMPARE(*changed, *spec::sourceRootDigest("src", spec::CopyMode::All, dir.path()));
    }

    void liveReferenceFollowsTheSpec() {
        project::LiveReference reference;
        reference.setDelay(0);
        QSignalSpy status(&reference, &project::LiveReference::statusChanged);
        const spec::HostEnvironment host = x86Host();
        reference.setSpec(testing::makeSpec({{Field::Name, PyValue(QStringLiteral("my_image"))},
                                             {Field::PythonVersion, PyValue(QStringLiteral("3.11"))}}),
                          host);
        // flytekit reference vector V2.
        QTRY_COMPARE(reference.status().reference, QStringLiteral("my_image:bIi6xLYzxR8zH1iSR8scoA"));
        reference.setSpec(testing::makeSpec({{Field::Name, PyValue(QStringLiteral("my_image"))},
                                             {Field::Requirements, PyValue(QStringLiteral("missing.txt"))}}),
                          host);
        QTRY_COMPARE(reference.status().state, project::ReferenceStatus::State::Failed);
        QVERIFY(reference.status().message.contains("missing.txt"));
        reference.setSpec(spec::ImageSpec(), host, QStringLiteral("not known statically"));
        QCOMPARE(reference.status().state, project::ReferenceStatus::State::Unavailable);
    }

    void autosaveStoreKeepsOneRecordPerFile() {
        QTemporaryDir dir;
        project::AutosaveStore store(dir.filePath("autosave"));
        QVERIFY(!store.find("/p/spec.yaml"));
        QVERIFY(store.save("/p/spec.yaml", "name: a\n"));
        QVERIFY(store.save("/p/spec.yaml", "name: b\n"));
        QVERIFY(store.save("/p/other.yaml", "name: c\n"));
        QCOMPARE(store.find("/p/spec.yaml")->text, QStringLiteral("name: b\n"));
        QVERIFY(store.find("/p/spec.yaml")->savedAt.isValid());
        store.remove("/p/spec.yaml");
        QVERIFY(!store.find("/p/spec.yaml"));
        QCOMPARE(store.find("/p/other.yaml")->text, QStringLiteral("name: c\n"));
    }
};

QTEST_GUILESS_MAIN(TestSpecDocument)
#include "tst_specdocument.moc"
