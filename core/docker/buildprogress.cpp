#include "docker/buildprogress.h"

#include <QRegularExpression>

namespace slipway::docker {

namespace {

BuildStep::State vertexState(const buildkit::TraceVertex& vertex) {
    if (!vertex.error.isEmpty())
        return BuildStep::State::Failed;
    if (vertex.cached)
        return BuildStep::State::Cached;
    if (vertex.completed.isValid())
        return BuildStep::State::Done;
    if (vertex.started.isValid())
        return BuildStep::State::Running;
    return BuildStep::State::Waiting;
}

bool isFinal(BuildStep::State state) {
    return state == BuildStep::State::Cached || state == BuildStep::State::Done ||
           state == BuildStep::State::Failed;
}

} // namespace

BuildStep& BuildProgress::step(const QByteArray& id) {
    if (auto it = m_index.find(id); it != m_index.end())
        return m_steps[*it];
    m_index.insert(id, m_steps.size());
    BuildStep created;
    created.id = id;
    m_steps.append(created);
    return m_steps.last();
}

void BuildProgress::setState(BuildStep& step, BuildStep::State state) {
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (state != BuildStep::State::Waiting && !step.started.isValid())
        step.started = now;
    if (isFinal(state) && !step.completed.isValid())
        step.completed = now;
    step.state = state;
}

void BuildProgress::applyTrace(const buildkit::TraceUpdate& update) {
    for (const buildkit::TraceVertex& vertex : update.vertexes) {
        BuildStep& current = step(vertex.digest);
        const BuildStep before = current;
        current.name = vertex.name;
        current.started = vertex.started;
        current.completed = vertex.completed;
        current.state = vertexState(vertex);
        current.error = vertex.error;
        if (current != before && m_callbacks.stepChanged)
            m_callbacks.stepChanged(current);
    }
    QHash<QByteArray, std::pair<qint64, qint64>> transfers;
    for (const buildkit::TraceStatus& status : update.statuses) {
        auto& [current, total] = transfers[status.vertex];
        current += status.current;
        total += status.total;
    }
    for (auto it = transfers.begin(); it != transfers.end(); ++it) {
        if (!m_index.contains(it.key()))
            continue;
        BuildStep& current = step(it.key());
        if (current.current == it->first && current.total == it->second)
            continue;
        current.current = it->first;
        current.total = it->second;
        if (m_callbacks.stepChanged)
            m_callbacks.stepChanged(current);
    }
    for (const buildkit::TraceLog& log : update.logs)
        addLog(log.vertex, log.data,
               log.stream == 2 ? BuildLogChunk::Stream::Stderr : BuildLogChunk::Stream::Stdout,
               log.timestamp);
}

void BuildProgress::addLog(const QByteArray& stepId, const QByteArray& text, BuildLogChunk::Stream stream,
                           const QDateTime& timestamp) {
    if (m_callbacks.log)
        m_callbacks.log(BuildLogChunk{stepId, text, stream, timestamp});
    // Whole lines only in the tail; a partial line waits for its end.
    QByteArray& partial = m_partialLines[stepId];
    partial.append(text);
    QStringList& tail = m_tails[stepId];
    qsizetype start = 0;
    for (qsizetype newline = partial.indexOf('\n'); newline >= 0; newline = partial.indexOf('\n', start)) {
        tail.append(QString::fromUtf8(partial.mid(start, newline - start)).remove(u'\r'));
        start = newline + 1;
    }
    partial.remove(0, start);
    while (tail.size() > kTailLines)
        tail.removeFirst();
}

void BuildProgress::applyClassicText(const QString& text) {
    m_classicPending += text;
    qsizetype newline = m_classicPending.indexOf(u'\n');
    while (newline >= 0) {
        classicLine(m_classicPending.left(newline));
        m_classicPending.remove(0, newline + 1);
        newline = m_classicPending.indexOf(u'\n');
    }
}

void BuildProgress::classicLine(const QString& line) {
    static const QRegularExpression stepLine(QStringLiteral("^Step (\\d+)/(\\d+) : (.*)$"));
    const QRegularExpressionMatch match = stepLine.match(line);
    if (match.hasMatch()) {
        if (!m_classicCurrent.isEmpty()) {
            BuildStep& previous = step(m_classicCurrent);
            if (previous.state == BuildStep::State::Running) {
                setState(previous, BuildStep::State::Done);
                if (m_callbacks.stepChanged)
                    m_callbacks.stepChanged(previous);
            }
        }
        m_classicCurrent = "step-" + match.captured(1).toLatin1();
        BuildStep& current = step(m_classicCurrent);
        current.name =
            QStringLiteral("[%1/%2] %3").arg(match.captured(1), match.captured(2), match.captured(3));
        setState(current, BuildStep::State::Running);
        if (m_callbacks.stepChanged)
            m_callbacks.stepChanged(current);
        return;
    }
    if (!m_classicCurrent.isEmpty() && line.trimmed() == QLatin1String("---> Using cache")) {
        BuildStep& current = step(m_classicCurrent);
        setState(current, BuildStep::State::Cached);
        if (m_callbacks.stepChanged)
            m_callbacks.stepChanged(current);
    }
    addLog(m_classicCurrent, (line + u'\n').toUtf8(), BuildLogChunk::Stream::Stdout,
           QDateTime::currentDateTimeUtc());
}

void BuildProgress::fail(const QString& error) {
    if (!m_classicPending.isEmpty())
        applyClassicText(QStringLiteral("\n"));
    for (BuildStep& current : m_steps) {
        if (current.state == BuildStep::State::Failed)
            return; // BuildKit named it already
    }
    // Classic: the step that was running failed. BuildKit without a failed vertex: the last running one.
    for (qsizetype i = m_steps.size() - 1; i >= 0; --i) {
        BuildStep& current = m_steps[i];
        if (current.state == BuildStep::State::Running) {
            setState(current, BuildStep::State::Failed);
            current.error = error;
            if (m_callbacks.stepChanged)
                m_callbacks.stepChanged(current);
            return;
        }
    }
}

void BuildProgress::complete() {
    if (!m_classicPending.isEmpty())
        applyClassicText(QStringLiteral("\n"));
    for (BuildStep& current : m_steps) {
        if (current.state == BuildStep::State::Running) {
            setState(current, BuildStep::State::Done);
            if (m_callbacks.stepChanged)
                m_callbacks.stepChanged(current);
        }
    }
}

const BuildStep* BuildProgress::failedStep() const {
    for (const BuildStep& current : m_steps) {
        if (current.state == BuildStep::State::Failed)
            return &current;
    }
    return nullptr;
}

QStringList BuildProgress::lastLines(const QByteArray& stepId) const {
    QStringList lines = m_tails.value(stepId);
    const QByteArray partial = m_partialLines.value(stepId);
    if (!partial.isEmpty())
        lines.append(QString::fromUtf8(partial));
    while (lines.size() > kTailLines)
        lines.removeFirst();
    return lines;
}

int BuildProgress::finishedCount() const {
    int count = 0;
    for (const BuildStep& current : m_steps)
        count += isFinal(current.state) ? 1 : 0;
    return count;
}

} // namespace slipway::docker
