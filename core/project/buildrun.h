#pragma once

#include "common/error.h"
#include "docker/buildevents.h"
#include "project/buildrecord.h"

#include <QFile>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

namespace slipway::project {

class BuildHistory;

// One line of a build's log as Slipway shows and stores it: in the style of `docker build
// --progress=plain`, a step's lines start with "#<n> " (n = step index + 1), so the stored log file
// reads like the docker CLI's and the step filter works on it as well.
struct BuildLogLine {
    int step = -1;        // index into BuildRecord::steps; -1 for the build as a whole and Slipway's notes
    QString text;         // redacted, without the line break
    bool isError = false; // stderr output or a step's failure

    friend bool operator==(const BuildLogLine&, const BuildLogLine&) = default;
};

// The step a stored log line belongs to ("#3 ..." -> 2), -1 when it has no step prefix.
int logLineStep(QStringView line);

// One build (and its optional push) as it happens: collects the engine job's events into a
// BuildRecord and the log, in memory for the build panel and, when started with a history, on disk.
// The job's signals connect one-to-one to the slots:
//
//     connect(job, &BuildJob::stepChanged, run, &BuildRun::updateStep);
//     connect(job, &BuildJob::logReceived, run, &BuildRun::appendLog);
//     connect(job, &PushJob::layerProgress, run, &BuildRun::updatePushLayer);
//     connect(job, &BuildJob::finished, run, &BuildRun::finish);
//
// The log file is appended to while the build runs (a crash keeps what was written) and capped at
// logLimit() bytes: beyond it the oldest output is dropped and a note at the top says how much.
// Every line is redacted before it is kept anywhere.
class BuildRun : public QObject {
    Q_OBJECT

public:
    static constexpr qint64 kDefaultLogLimit = qint64(16) * 1024 * 1024;
    // Lines kept in memory for the panel; the file keeps up to logLimit() bytes.
    static constexpr int kMemoryLineLimit = 200'000;
    // While the build runs, the record is saved again this long after a step ends, so a crash keeps
    // the steps that finished (the log is on disk anyway).
    static constexpr int kSaveDelayMs = 2000;

    enum class Phase { NotStarted, Building, Pushing, Finished };

    // `record` describes what is built: spec file and name, spec YAML, image reference, Dockerfile,
    // options. Id and start time are filled in by start() when empty.
    explicit BuildRun(BuildRecord record, QObject* parent = nullptr);
    ~BuildRun() override;

    void setLogLimit(qint64 bytes) { m_logLimit = bytes; }
    qint64 logLimit() const { return m_logLimit; }

    // Starts the clock. With a history: opens the log file and saves the first version of the record
    // (an interrupted build stays visible as one without an outcome). A storage error is returned and
    // the run goes on in memory.
    Result<void> start(BuildHistory* history = nullptr);

    const BuildRecord& record() const { return m_record; }
    const QList<BuildLogLine>& logLines() const { return m_lines; }
    // Lines dropped from memory (not from the file) to stay under kMemoryLineLimit.
    qsizetype droppedLineCount() const { return m_droppedLines; }
    int stepIndex(const QByteArray& id) const { return m_stepIndex.value(id, -1); }
    // The last `count` lines of a step (-1: of the whole build), without the "#n " prefix.
    QStringList lastLines(int step, int count) const;
    QString logPath() const; // empty without a history
    Phase phase() const;
    bool isFinished() const { return m_record.isFinished(); }
    // 0..1 for the current phase: steps finished of steps known (a running step's bytes count as
    // part of it); while pushing, bytes pushed of all layers' bytes. -1 before anything is known.
    double progress() const;

public Q_SLOTS:
    void updateStep(const slipway::docker::BuildStep& step);
    void appendLog(const slipway::docker::BuildLogChunk& chunk);
    void updatePushLayer(const slipway::docker::PushLayerProgress& layer);
    // The Dockerfile, when it is rendered after the run started (BuildJob::planned()).
    void setDockerfile(const QString& dockerfile);
    // A Slipway message for the log, e.g. a warning from the existence check.
    void appendNote(const QString& text);
    // Ends the run: the record gets its outcome and is saved. An error result is a failed build (a
    // cancelled one when the error's code is "cancelled"). Later calls are ignored.
    void finish(const slipway::Result<slipway::docker::BuildOutcome>& result);

Q_SIGNALS:
    void stepAdded(int index);
    void stepChanged(int index);
    void linesAppended(const QList<slipway::project::BuildLogLine>& lines);
    void pushLayerAdded(int index);
    void pushLayerChanged(int index);
    void finished();
    // The record or its log could not be written; the build itself goes on.
    void storageFailed(const slipway::Error& error);

private:
    void addLines(QList<BuildLogLine> lines);
    void addStatusLine(int step, const QString& text, bool isError = false);
    void announceStep(int index);
    QList<BuildLogLine> splitChunk(int step, const QByteArray& text, bool isError);
    void flushPartial(int step);
    void writeToFile(const QList<BuildLogLine>& lines);
    void trimLogFile();
    void reportStorage(const Error& error);
    void save();

    BuildRecord m_record;
    QPointer<BuildHistory> m_history;
    QFile m_logFile;
    QTimer m_saveTimer;
    qint64 m_logLimit = kDefaultLogLimit;
    qint64 m_logSize = 0;
    qint64 m_markerSize = 0; // the "output dropped" note at the top of the file
    bool m_storageFailed = false;
    QHash<QByteArray, int> m_stepIndex;
    QList<bool> m_announced;          // per step: its name line is in the log
    QHash<int, QByteArray> m_partial; // per step: output after the last line break
    QList<BuildLogLine> m_lines;
    qsizetype m_droppedLines = 0;
};

} // namespace slipway::project

Q_DECLARE_METATYPE(slipway::project::BuildLogLine)
