#pragma once

#include "buildkit/trace.h"
#include "docker/buildevents.h"

#include <QHash>
#include <QList>
#include <functional>

namespace slipway::docker {

// Turns what a builder reports into steps and log chunks: BuildKit's trace (vertexes, statuses,
// logs) or the classic builder's text ("Step 3/9 : RUN ...", " ---> Using cache"). Keeps each step's
// last log lines so a failure can show them.
class BuildProgress {
public:
    struct Callbacks {
        std::function<void(const BuildStep&)> stepChanged;
        std::function<void(const BuildLogChunk&)> log;
    };

    static constexpr int kTailLines = 20;

    explicit BuildProgress(Callbacks callbacks) : m_callbacks(std::move(callbacks)) {}

    void applyTrace(const buildkit::TraceUpdate& update);
    // One `stream` text of the classic builder (may hold several lines or part of one).
    void applyClassicText(const QString& text);
    // The build ended with `error`: the running step (classic) or the step BuildKit marked failed.
    void fail(const QString& error);
    // The build ended well: a classic builder's last step is done.
    void complete();

    const QList<BuildStep>& steps() const { return m_steps; }
    // The failed step, or nullptr.
    const BuildStep* failedStep() const;
    QStringList lastLines(const QByteArray& stepId) const;
    int finishedCount() const;

private:
    BuildStep& step(const QByteArray& id);
    void setState(BuildStep& step, BuildStep::State state);
    void addLog(const QByteArray& stepId, const QByteArray& text, BuildLogChunk::Stream stream,
                const QDateTime& timestamp);
    void classicLine(const QString& line);

    Callbacks m_callbacks;
    QList<BuildStep> m_steps;
    QHash<QByteArray, qsizetype> m_index;
    QHash<QByteArray, QStringList> m_tails;
    QHash<QByteArray, QByteArray> m_partialLines;
    QString m_classicPending;
    QByteArray m_classicCurrent;
};

} // namespace slipway::docker
