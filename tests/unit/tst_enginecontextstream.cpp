// The build context as a request body: the bytes are exactly what the tar writer produces, and the
// writer waits for the reader, so memory stays near the capacity whatever the context's size.
#include "build/contextwriter.h"
#include "docker/contextstream.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace slipway;
using namespace slipway::docker;

class EngineContextStreamTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    build::BuildPlan m_plan;
    qint64 m_fileSize = 24 * 1024 * 1024;

private Q_SLOTS:
    void initTestCase() {
        QFile big(m_dir.filePath(QStringLiteral("big.bin")));
        QVERIFY(big.open(QIODevice::WriteOnly));
        QByteArray block(1024 * 1024, '\0');
        for (int i = 0; i < m_fileSize / block.size(); ++i) {
            block.fill(static_cast<char>(i));
            big.write(block);
        }
        m_plan.dockerfile = "FROM scratch\nCOPY big.bin /\n";
        m_plan.entries.append({QStringLiteral("Dockerfile"), {}, m_plan.dockerfile, false});
        m_plan.entries.append({QStringLiteral("big.bin"), big.fileName(), {}, false});
    }

    void sameBytesAsTheWriterWithBoundedMemory() {
        QBuffer direct;
        direct.open(QIODevice::WriteOnly);
        QVERIFY(build::writeBuildContext(m_plan, direct));

        const qsizetype capacity = 1024 * 1024;
        ContextStream stream(m_plan, capacity);
        QSignalSpy finished(&stream, &ContextStream::finished);
        QCryptographicHash streamed(QCryptographicHash::Sha256);
        qint64 total = 0;
        // Read the way the socket does: in pieces, whenever bytes are ready.
        connect(&stream, &BodySource::readyRead, this, [&] {
            for (QByteArray piece = stream.read(256 * 1024); !piece.isEmpty();
                 piece = stream.read(256 * 1024)) {
                streamed.addData(piece);
                total += piece.size();
            }
        });
        stream.start();
        QTRY_VERIFY_WITH_TIMEOUT(stream.atEnd(), 60000);
        QCOMPARE(total, direct.size());
        QCOMPARE(streamed.result(), QCryptographicHash::hash(direct.data(), QCryptographicHash::Sha256));
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.first().first().value<Result<qint64>>().value(), direct.size());
        // At most one writer block beyond the capacity waited unsent, not the 24 MiB file.
        QVERIFY2(stream.peakBuffered() <= capacity + 64 * 1024,
                 qPrintable(QString::number(stream.peakBuffered())));
    }

    void abortStopsABlockedWriter() {
        ContextStream stream(m_plan, 64 * 1024);
        QSignalSpy ready(&stream, &BodySource::readyRead);
        stream.start();
        QVERIFY(ready.wait(10000)); // the writer filled the buffer and now waits for a reader
        stream.abort();             // returns only once the worker has stopped
        QVERIFY(!stream.atEnd());   // an aborted body never looks complete
    }
};

QTEST_GUILESS_MAIN(EngineContextStreamTest)
#include "tst_enginecontextstream.moc"
