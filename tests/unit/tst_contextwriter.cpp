// The build context as Docker receives it: an uncompressed tar streamed from the plan, read back
// here with libarchive's reader.
#include "build/buildplan.h"
#include "build/contextwriter.h"
#include "specbuilder.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <archive.h>
#include <archive_entry.h>
#include <functional>
#include <unistd.h>

using namespace slipway;
using namespace slipway::testing;
using spec::Field;

namespace {

constexpr qint64 kGiB = qint64(1) << 30;
constexpr qint64 kMiB = qint64(1) << 20;

struct TarEntry {
    QString path;
    bool isDirectory = false;
    qint64 size = 0;
    int permissions = 0;
    qint64 mtime = -1;
    qint64 uid = -1;
    qint64 gid = -1;
    QByteArray data;
};

// Reads every entry with its data; stops at the first error, which fails the caller's comparison.
QList<TarEntry> readTar(const QByteArray& tar) {
    QList<TarEntry> entries;
    archive* reader = archive_read_new();
    archive_read_support_format_tar(reader);
    if (archive_read_open_memory(reader, tar.constData(), static_cast<size_t>(tar.size())) == ARCHIVE_OK) {
        archive_entry* header = nullptr;
        while (archive_read_next_header(reader, &header) == ARCHIVE_OK) {
            TarEntry entry;
            entry.path = QString::fromUtf8(archive_entry_pathname_utf8(header));
            if (entry.path.endsWith(u'/'))
                entry.path.chop(1);
            entry.isDirectory = archive_entry_filetype(header) == AE_IFDIR;
            entry.size = archive_entry_size(header);
            entry.permissions = static_cast<int>(archive_entry_perm(header));
            entry.mtime = archive_entry_mtime(header);
            entry.uid = archive_entry_uid(header);
            entry.gid = archive_entry_gid(header);
            entry.data.resize(static_cast<qsizetype>(entry.size));
            if (entry.size > 0 &&
                archive_read_data(reader, entry.data.data(), static_cast<size_t>(entry.size)) !=
                    static_cast<la_ssize_t>(entry.size))
                break;
            entries.append(entry);
        }
    }
    archive_read_free(reader);
    return entries;
}

// A device that counts what it is given, keeps only the first bytes and lets a test act mid-stream.
class ProbeDevice : public QIODevice {
public:
    ProbeDevice() { open(QIODevice::WriteOnly); }
    std::function<bool(qint64 total)> onWrite; // return false to fail the write
    qint64 total = 0;
    QByteArray head;

protected:
    qint64 readData(char*, qint64) override { return -1; }
    qint64 writeData(const char* data, qint64 length) override {
        if (head.size() < 64 * 1024)
            head.append(data, std::min<qint64>(length, 64 * 1024 - head.size()));
        total += length;
        if (onWrite && !onWrite(total)) {
            setErrorString(QStringLiteral("disk full"));
            return -1;
        }
        return length;
    }
};

// Peak resident memory of this process in KiB (VmHWM), after resetting it when the kernel allows.
qint64 peakResidentKiB() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

void resetPeakResident() {
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    if (clear.open(QIODevice::WriteOnly))
        clear.write("5");
}

build::BuildPlan planOf(const QList<build::ContextEntry>& entries) {
    build::BuildPlan plan;
    plan.entries = entries;
    return plan;
}

QByteArray fileBytes(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

} // namespace

class ContextWriterTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_sparse; // a 1 GiB file with no data blocks

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_sparse = m_dir.filePath(QStringLiteral("sparse.bin"));
        QFile sparse(m_sparse);
        QVERIFY(sparse.open(QIODevice::WriteOnly) && sparse.resize(kGiB));
    }

    void contextMatchesThePlan() {
        const spec::HostEnvironment host =
            x86Host(QStringLiteral(SLIPWAY_FIXTURES_DIR "/dockerfiles/project"));
        const spec::ImageSpec spec =
            makeSpec({{Field::Name, "flytekit-app"},
                      {Field::Requirements, "requirements.txt"},
                      {Field::SourceRoot, "src"},
                      {Field::SourceCopyMode, spec::PyValue::copyMode(spec::CopyMode::All)},
                      {Field::Copy, strings({"data", "configs/app.yaml"})}});
        const auto plan = build::planBuild(spec, host, {});
        QVERIFY2(plan, plan ? "" : qPrintable(plan.error().describe()));

        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        const auto written = build::writeBuildContext(*plan, buffer);
        QVERIFY2(written, written ? "" : qPrintable(written.error().describe()));
        QCOMPARE(*written, buffer.size());

        const QList<TarEntry> entries = readTar(buffer.data());
        QStringList paths;
        for (const TarEntry& entry : entries)
            paths.append(entry.path);
        // Plan order; "configs" is added as the parent of configs/app.yaml; src/debug.log is ignored.
        QCOMPARE(paths, (QStringList{"Dockerfile", "requirements_uv.txt", "src", "src/.dockerignore",
                                     "src/app", "src/app/__init__.py", "src/app/main.py", "src/scripts",
                                     "src/scripts/start.sh", "data", "data/config.yaml", "data/nested",
                                     "data/nested/table.csv", "configs", "configs/app.yaml"}));
        for (const TarEntry& entry : entries) {
            QCOMPARE(entry.mtime, 0);
            QCOMPARE(entry.uid, 0);
            QCOMPARE(entry.gid, 0);
            const bool executable = entry.isDirectory || entry.path == QLatin1String("src/scripts/start.sh");
            QCOMPARE(entry.permissions, executable ? 0755 : 0644);
        }
        QCOMPARE(entries[0].data, plan->dockerfile);
        QCOMPARE(entries[1].data,
                 QByteArray("pandas==2.2.2\n\nnumpy>=1.26\n# pinned for the model\nscikit-learn\n"
                            "flytekit"));
        QCOMPARE(entries[8].data, fileBytes(host.workingDirectory + QStringLiteral("/src/scripts/start.sh")));
        QCOMPARE(entries[12].data, QByteArray("name,value\nalpha,1\n"));
        QCOMPARE(entries[12].size, 19);
    }

    void sameBytesEveryTime() {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.path(), QStringLiteral("data/a.txt"), "alpha"));
        const QString path = dir.filePath(QStringLiteral("data/a.txt"));
        const build::BuildPlan plan = planOf({{QStringLiteral("Dockerfile"), {}, "FROM scratch\n", false},
                                              {QStringLiteral("data/a.txt"), path, {}, false}});
        QBuffer first;
        QVERIFY(first.open(QIODevice::WriteOnly) && build::writeBuildContext(plan, first));
        // Times and owners on disk do not reach the tar: a rebuild hits the same cache.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(
            file.setFileTime(QDateTime::currentDateTimeUtc().addDays(-3), QFileDevice::FileModificationTime));
        file.close();
        QBuffer second;
        QVERIFY(second.open(QIODevice::WriteOnly) && build::writeBuildContext(plan, second));
        QCOMPARE(second.data(), first.data());
    }

    void longAndNonAsciiNames() {
        QTemporaryDir dir;
        const QString name =
            QStringLiteral("d\u00e4ten/") + QString(120, u'n') + QStringLiteral("-\u6570\u636e.csv");
        QVERIFY(writeFile(dir.path(), name, "x,y\n"));
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        QVERIFY(build::writeBuildContext(planOf({{name, dir.filePath(name), {}, false}}), buffer));
        const QList<TarEntry> entries = readTar(buffer.data());
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries[0].path, QStringLiteral("d\u00e4ten"));
        QCOMPARE(entries[1].path, name);
        QCOMPARE(entries[1].data, QByteArray("x,y\n"));
    }

    void largeFileStreamsWithoutFillingMemory() {
        ProbeDevice sink;
        resetPeakResident();
        const qint64 before = peakResidentKiB();
        const auto written =
            build::writeBuildContext(planOf({{QStringLiteral("big.bin"), m_sparse, {}, false}}), sink);
        const qint64 after = peakResidentKiB();
        QVERIFY2(written, written ? "" : qPrintable(written.error().describe()));

        // One 512-byte header, the data, two zero blocks, padded to libarchive's 10 KiB records.
        constexpr qint64 record = 10240;
        QCOMPARE(*written, (512 + kGiB + 1024 + record - 1) / record * record);
        QCOMPARE(sink.total, *written);
        QVERIFY(before > 0 && after > 0);
        QVERIFY2(after - before < 32 * 1024,
                 qPrintable(
                     QStringLiteral("peak memory grew by %1 KiB while streaming 1 GiB").arg(after - before)));

        archive* reader = archive_read_new();
        archive_read_support_format_tar(reader);
        QCOMPARE(
            archive_read_open_memory(reader, sink.head.constData(), static_cast<size_t>(sink.head.size())),
            ARCHIVE_OK);
        archive_entry* header = nullptr;
        QCOMPARE(archive_read_next_header(reader, &header), ARCHIVE_OK);
        QCOMPARE(QString::fromUtf8(archive_entry_pathname(header)), QStringLiteral("big.bin"));
        QCOMPARE(archive_entry_size(header), kGiB);
        archive_read_free(reader);
    }

    void cancelStopsBetweenChunks() {
        CancelFlag cancel{false};
        ProbeDevice sink;
        sink.onWrite = [&cancel](qint64 total) {
            if (total > kMiB)
                cancel = true;
            return true;
        };
        const auto written =
            build::writeBuildContext(planOf({{QStringLiteral("big.bin"), m_sparse, {}, false},
                                             {QStringLiteral("after.txt"), {}, "x", false}}),
                                     sink, &cancel);
        QVERIFY(!written);
        QCOMPARE(written.error().code, QStringLiteral("build.cancelled"));
        // Abandoned, not padded out: the rest of the gigabyte is never sent.
        QVERIFY2(sink.total < 2 * kMiB, qPrintable(QString::number(sink.total)));
    }

    void fileChangingWhileStreamedIsAnError_data() {
        QTest::addColumn<qint64>("newSize");
        QTest::newRow("shrinks") << 100 * 1024LL;
        QTest::newRow("grows") << 2 * kMiB;
    }

    void fileChangingWhileStreamedIsAnError() {
        QFETCH(qint64, newSize);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("log.txt"));
        QVERIFY(writeFile(dir.path(), QStringLiteral("log.txt"), QByteArray(kMiB, 'a')));
        ProbeDevice sink;
        bool changed = false;
        sink.onWrite = [&](qint64) {
            if (!changed) {
                changed = true;
                QFile(path).resize(newSize);
            }
            return true;
        };
        const auto written =
            build::writeBuildContext(planOf({{QStringLiteral("log.txt"), path, {}, false}}), sink);
        QVERIFY(changed);
        QVERIFY(!written);
        QCOMPARE(written.error().code, QStringLiteral("build.fileChanged"));
        QVERIFY2(written.error().message.contains(path), qPrintable(written.error().message));
    }

    void unreadableFileIsNamedWithTheFix() {
        QTemporaryDir dir;
        const QString missing = dir.filePath(QStringLiteral("gone.csv"));
        ProbeDevice sink;
        auto written =
            build::writeBuildContext(planOf({{QStringLiteral("gone.csv"), missing, {}, false}}), sink);
        QVERIFY(!written);
        QCOMPARE(written.error().code, QStringLiteral("build.unreadableFile"));
        QVERIFY2(written.error().message.contains(missing), qPrintable(written.error().message));
        QVERIFY2(written.error().message.contains(QStringLiteral("No such file")),
                 qPrintable(written.error().message));
        QVERIFY(written.error().fix.contains(QStringLiteral(".dockerignore")));

        if (::geteuid() == 0)
            return; // root reads any file: permissions cannot make one unreadable
        const QString secret = dir.filePath(QStringLiteral("secret.txt"));
        QVERIFY(writeFile(dir.path(), QStringLiteral("secret.txt"), "x"));
        QVERIFY(QFile::setPermissions(secret, QFileDevice::WriteOwner));
        written = build::writeBuildContext(planOf({{QStringLiteral("secret.txt"), secret, {}, false}}), sink);
        QVERIFY(!written);
        QVERIFY2(written.error().message.contains(QStringLiteral("Permission denied")),
                 qPrintable(written.error().message));
    }

    void failingDeviceIsReported() {
        ProbeDevice sink;
        sink.onWrite = [](qint64) { return false; };
        const auto written = build::writeBuildContext(
            planOf({{QStringLiteral("Dockerfile"), {}, QByteArray(64 * 1024, 'x'), false}}), sink);
        QVERIFY(!written);
        QCOMPARE(written.error().code, QStringLiteral("build.contextWrite"));
        QVERIFY2(written.error().detail.contains(QStringLiteral("disk full")),
                 qPrintable(written.error().detail));
    }
};

QTEST_GUILESS_MAIN(ContextWriterTest)
#include "tst_contextwriter.moc"
