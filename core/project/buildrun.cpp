#include "project/buildrun.h"

#include "project/buildhistory.h"
#include "project/secretredaction.h"

#include <QSaveFile>
#include <algorithm>

namespace slipway::project {

using docker::BuildLogChunk;
using docker::BuildOutcome;
using docker::BuildStep;
using docker::PushLayerProgress;

namespace {

constexpr int kFailureLines = 20; // the failing step's lines kept in the outcome

bool isTerminal(BuildStep::State state) {
    return state == BuildStep::State::Cached || state == BuildStep::State::Done ||
           state == BuildStep::State::Failed;
}

bool isLayerComplete(PushLayerProgress::State state) {
    return state == PushLayerProgress::State::Pushed || state == PushLayerProgress::State::AlreadyExists ||
           state == PushLayerProgress::State::Mounted;
}

QString stepPrefix(int step) {
    return step < 0 ? QString() : QStringLiteral("#%1 ").arg(step + 1);
}

QString sizeText(qint64 bytes) {
    constexpr qint64 kMiB = 1024 * 1024;
    return bytes % kMiB == 0 ? QStringLiteral("%1 MiB").arg(bytes / kMiB)
                             : QStringLiteral("%1 bytes").arg(bytes);
}

QString secondsText(qint64 ms) {
    return QString::number(double(ms) / 1000.0, 'f', 1) + QLatin1Char('s');
}

// What a terminal would show of a line that redraws itself with carriage returns (pip, apt progress).
QByteArray lastCarriageSegment(QByteArray line) {
    if (line.endsWith('\r'))
        line.chop(1);
    const qsizetype cr = line.lastIndexOf('\r');
    return cr < 0 ? line : line.mid(cr + 1);
}

QString outcomeNote(const BuildOutcome& outcome) {
    switch (outcome.status) {
    case BuildOutcome::Status::Succeeded:
        return QStringLiteral("[slipway] Succeeded: %1%2")
            .arg(outcome.imageReference,
                 outcome.digest.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(outcome.digest));
    case BuildOutcome::Status::SkippedExists:
        return QStringLiteral("[slipway] Skipped: %1 already exists").arg(outcome.imageReference);
    case BuildOutcome::Status::Cancelled:
        return QStringLiteral("[slipway] Cancelled");
    case BuildOutcome::Status::Failed:
        break;
    }
    return QStringLiteral("[slipway] Failed: %1").arg(outcome.error.describe());
}

} // namespace

int logLineStep(QStringView line) {
    if (!line.startsWith(QLatin1Char('#')))
        return -1;
    const qsizetype space = line.indexOf(QLatin1Char(' '));
    bool ok = false;
    const int number = line.mid(1, space < 0 ? -1 : space - 1).toInt(&ok);
    return ok && number > 0 ? number - 1 : -1;
}

BuildRun::BuildRun(BuildRecord record, QObject* parent) : QObject(parent), m_record(std::move(record)) {
    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(kSaveDelayMs);
    connect(&m_saveTimer, &QTimer::timeout, this, &BuildRun::save);
}

BuildRun::~BuildRun() = default;

Result<void> BuildRun::start(BuildHistory* history) {
    if (!m_record.started.isValid())
        m_record.started = QDateTime::currentDateTimeUtc();
    if (m_record.id.isEmpty())
        m_record.id = BuildRecord::newId(m_record.started);
    m_record.specYaml = redactSecrets(m_record.specYaml);
    m_record.dockerfile = redactSecrets(m_record.dockerfile);
    m_history = history;
    if (!history)
        return {};
    m_logFile.setFileName(history->logPath(m_record.id));
    if (auto saved = history->save(m_record); !saved) {
        m_storageFailed = true;
        return saved;
    }
    if (!m_logFile.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        m_storageFailed = true;
        return fail(
            QStringLiteral("build-log-write"),
            QStringLiteral("cannot write the build log %1: %2")
                .arg(m_logFile.fileName(), m_logFile.errorString()),
            QStringLiteral("Check that the disk is not full; the build goes on without a saved log."));
    }
    return {};
}

QString BuildRun::logPath() const {
    return m_history ? m_history->logPath(m_record.id) : QString();
}

BuildRun::Phase BuildRun::phase() const {
    if (isFinished())
        return Phase::Finished;
    if (!m_record.pushLayers.isEmpty())
        return Phase::Pushing;
    return m_record.started.isValid() ? Phase::Building : Phase::NotStarted;
}

double BuildRun::progress() const {
    if (m_record.outcome && m_record.outcome->status != BuildOutcome::Status::Failed &&
        m_record.outcome->status != BuildOutcome::Status::Cancelled)
        return 1.0;
    if (phase() == Phase::Pushing) {
        qint64 current = 0;
        qint64 total = 0;
        int complete = 0;
        for (const PushLayerProgress& layer : m_record.pushLayers) {
            complete += isLayerComplete(layer.state) ? 1 : 0;
            if (layer.total > 0 && layer.state != PushLayerProgress::State::AlreadyExists &&
                layer.state != PushLayerProgress::State::Mounted) {
                total += layer.total;
                current += isLayerComplete(layer.state) ? layer.total : std::min(layer.current, layer.total);
            }
        }
        // Bytes when the engine reported sizes; else layers done of layers known.
        return total > 0 ? double(current) / double(total)
                         : double(complete) / double(m_record.pushLayers.size());
    }
    if (m_record.steps.isEmpty())
        return -1.0;
    double done = 0.0;
    for (const BuildStep& step : m_record.steps) {
        if (isTerminal(step.state))
            done += 1.0;
        else if (step.state == BuildStep::State::Running && step.total > 0)
            done += double(std::min(step.current, step.total)) / double(step.total);
    }
    return done / double(m_record.steps.size());
}

QStringList BuildRun::lastLines(int step, int count) const {
    QStringList lines;
    const int prefix = static_cast<int>(stepPrefix(step).size());
    for (auto it = m_lines.crbegin(); it != m_lines.crend() && lines.size() < count; ++it) {
        if (it->step == step)
            lines.prepend(it->text.mid(prefix));
    }
    return lines;
}

void BuildRun::updateStep(const BuildStep& incoming) {
    if (isFinished())
        return;
    BuildStep step = incoming;
    step.name = redactSecrets(step.name);
    step.error = redactSecrets(step.error);
    int index = stepIndex(step.id);
    const bool added = index < 0;
    BuildStep::State previous = BuildStep::State::Waiting;
    if (added) {
        index = static_cast<int>(m_record.steps.size());
        m_stepIndex.insert(step.id, index);
        m_record.steps.append(step);
        m_announced.append(false);
    } else {
        BuildStep& known = m_record.steps[index];
        previous = known.state;
        if (!step.started.isValid())
            step.started = known.started;
        known = step;
    }
    if (step.state != BuildStep::State::Waiting)
        announceStep(index);
    if ((step.state != previous || added) && isTerminal(step.state) && m_history && !m_saveTimer.isActive())
        m_saveTimer.start();
    if (step.state != previous || added) {
        switch (step.state) {
        case BuildStep::State::Cached:
            addStatusLine(index, QStringLiteral("CACHED"));
            break;
        case BuildStep::State::Done:
            flushPartial(index);
            addStatusLine(index,
                          QStringLiteral("DONE ") + secondsText(std::max<qint64>(0, stepDurationMs(step))));
            break;
        case BuildStep::State::Failed:
            flushPartial(index);
            addStatusLine(index, QStringLiteral("ERROR: ") + step.error, true);
            break;
        case BuildStep::State::Waiting:
        case BuildStep::State::Running:
            break;
        }
    }
    Q_EMIT(added ? stepAdded(index) : stepChanged(index));
}

void BuildRun::announceStep(int index) {
    if (m_announced[index])
        return;
    m_announced[index] = true;
    addStatusLine(index, m_record.steps[index].name);
}

void BuildRun::appendLog(const BuildLogChunk& chunk) {
    if (isFinished())
        return;
    const int step = chunk.stepId.isEmpty() ? -1 : stepIndex(chunk.stepId);
    if (step >= 0)
        announceStep(step);
    addLines(splitChunk(step, chunk.text, chunk.stream == BuildLogChunk::Stream::Stderr));
}

void BuildRun::setDockerfile(const QString& dockerfile) {
    if (!isFinished())
        m_record.dockerfile = redactSecrets(dockerfile);
}

void BuildRun::appendNote(const QString& text) {
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (const QString& line : lines)
        addStatusLine(-1, QStringLiteral("[slipway] ") + line);
}

QList<BuildLogLine> BuildRun::splitChunk(int step, const QByteArray& text, bool isError) {
    QByteArray& pending = m_partial[step];
    pending += text;
    QList<BuildLogLine> lines;
    qsizetype start = 0;
    for (qsizetype end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n', start)) {
        const QByteArray line = lastCarriageSegment(pending.mid(start, end - start));
        lines.append({step, stepPrefix(step) + redactSecrets(QString::fromUtf8(line)), isError});
        start = end + 1;
    }
    pending.remove(0, start);
    return lines;
}

void BuildRun::flushPartial(int step) {
    const QByteArray rest = m_partial.take(step);
    if (!rest.isEmpty())
        addLines(
            {{step, stepPrefix(step) + redactSecrets(QString::fromUtf8(lastCarriageSegment(rest))), false}});
}

void BuildRun::addStatusLine(int step, const QString& text, bool isError) {
    addLines({{step, stepPrefix(step) + redactSecrets(text), isError}});
}

void BuildRun::addLines(QList<BuildLogLine> lines) {
    if (lines.isEmpty())
        return;
    writeToFile(lines);
    m_lines.append(lines);
    if (m_lines.size() > kMemoryLineLimit) {
        // Drop a tenth at once so the copy happens rarely.
        const qsizetype drop = m_lines.size() - kMemoryLineLimit + kMemoryLineLimit / 10;
        m_lines.remove(0, drop);
        m_droppedLines += drop;
    }
    Q_EMIT linesAppended(lines);
}

void BuildRun::writeToFile(const QList<BuildLogLine>& lines) {
    if (!m_logFile.isOpen())
        return;
    QByteArray bytes;
    for (const BuildLogLine& line : lines) {
        bytes += line.text.toUtf8();
        bytes += '\n';
    }
    // Flushed at once: what was logged before a crash is on disk.
    if (m_logFile.write(bytes) != bytes.size() || !m_logFile.flush()) {
        reportStorage(
            Error{QStringLiteral("build-log-write"),
                  QStringLiteral("cannot write the build log %1: %2")
                      .arg(m_logFile.fileName(), m_logFile.errorString()),
                  QStringLiteral("Check that the disk is not full; the build goes on without a saved log."),
                  {}});
        m_logFile.close();
        return;
    }
    m_logSize += bytes.size();
    if (m_logSize > m_logLimit)
        trimLogFile();
}

// Keeps the newest three quarters of the limit, so trimming happens once per quarter of new output
// rather than on every line.
void BuildRun::trimLogFile() {
    m_logFile.close();
    QByteArray contents;
    if (QFile reader(m_logFile.fileName()); reader.open(QIODevice::ReadOnly))
        contents = reader.readAll();
    qsizetype keepFrom = contents.size() - m_logLimit * 3 / 4;
    const qsizetype lineStart = contents.indexOf('\n', keepFrom);
    keepFrom = lineStart < 0 ? contents.size() : lineStart + 1;
    m_record.logDroppedBytes += keepFrom - m_markerSize;
    const QByteArray marker =
        QStringLiteral("[slipway] %1 bytes of earlier output were dropped: a build log keeps "
                       "its last %2.\n")
            .arg(m_record.logDroppedBytes)
            .arg(sizeText(m_logLimit))
            .toUtf8();
    QSaveFile writer(m_logFile.fileName());
    const QByteArray kept = marker + contents.mid(keepFrom);
    if (!writer.open(QIODevice::WriteOnly) || writer.write(kept) != kept.size() || !writer.commit()) {
        reportStorage(
            Error{QStringLiteral("build-log-write"),
                  QStringLiteral("cannot shorten the build log %1: %2")
                      .arg(m_logFile.fileName(), writer.errorString()),
                  QStringLiteral("Check that the disk is not full; the build goes on without a saved log."),
                  {}});
        return;
    }
    m_markerSize = marker.size();
    m_logSize = kept.size();
    if (!m_logFile.open(QIODevice::WriteOnly | QIODevice::Append))
        reportStorage(
            Error{QStringLiteral("build-log-write"),
                  QStringLiteral("cannot reopen the build log %1: %2")
                      .arg(m_logFile.fileName(), m_logFile.errorString()),
                  QStringLiteral("Check that the disk is not full; the build goes on without a saved log."),
                  {}});
}

void BuildRun::reportStorage(const Error& error) {
    if (m_storageFailed)
        return; // one message per run is enough
    m_storageFailed = true;
    Q_EMIT storageFailed(error);
}

void BuildRun::updatePushLayer(const PushLayerProgress& layer) {
    if (isFinished())
        return;
    for (qsizetype i = 0; i < m_record.pushLayers.size(); ++i) {
        if (m_record.pushLayers[i].layerId == layer.layerId) {
            m_record.pushLayers[i] = layer;
            Q_EMIT pushLayerChanged(static_cast<int>(i));
            return;
        }
    }
    m_record.pushLayers.append(layer);
    Q_EMIT pushLayerAdded(static_cast<int>(m_record.pushLayers.size() - 1));
}

void BuildRun::finish(const Result<BuildOutcome>& result) {
    if (isFinished())
        return;
    if (!m_record.started.isValid())
        m_record.started = QDateTime::currentDateTimeUtc();
    const QList<int> pendingSteps = m_partial.keys();
    for (int step : pendingSteps)
        flushPartial(step);

    BuildOutcome outcome;
    if (result) {
        outcome = *result;
    } else {
        outcome.status = result.error().code == QLatin1String("cancelled") ? BuildOutcome::Status::Cancelled
                                                                           : BuildOutcome::Status::Failed;
        outcome.error = result.error();
    }
    if (outcome.imageReference.isEmpty())
        outcome.imageReference = m_record.imageReference;
    if (const BuildStep* failed = m_record.failedStep();
        failed && outcome.status == BuildOutcome::Status::Failed) {
        if (outcome.failedStep.isEmpty())
            outcome.failedStep = failed->name;
        if (outcome.lastLogLines.isEmpty())
            outcome.lastLogLines = lastLines(stepIndex(failed->id), kFailureLines);
    }
    m_saveTimer.stop();
    m_record.finished = QDateTime::currentDateTimeUtc();
    // Steps the builder never finished (cancel, lost connection) stop their clocks here.
    for (BuildStep& step : m_record.steps) {
        if (step.state == BuildStep::State::Running && !step.completed.isValid())
            step.completed = m_record.finished;
    }
    addStatusLine(-1, outcomeNote(outcome), outcome.status == BuildOutcome::Status::Failed);
    m_record.outcome = outcome;
    m_record = m_record.redacted();
    save();
    m_logFile.close();
    Q_EMIT finished();
}

void BuildRun::save() {
    if (!m_history)
        return;
    m_record.logBytes = m_logSize;
    if (auto saved = m_history->save(m_record.redacted()); !saved)
        reportStorage(saved.error());
}

} // namespace slipway::project
