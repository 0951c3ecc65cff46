#pragma once

#include "common/error.h"
#include "docker/buildevents.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace slipway::project {

// What Slipway remembers of one build (and its optional push) or one push on its own: enough to see
// afterwards what was built from what, how long each step took, what came from the cache and how it
// ended. The full log lives next to it in a file of its own (BuildHistory::logPath). Never holds a
// secret: texts pass through redactSecrets() and secret-looking build arguments lose their values.
struct BuildRecord {
    // Bumped when the JSON changes incompatibly; records of a newer schema are reported, not guessed.
    static constexpr int kSchemaVersion = 1;

    QString id;             // "20261127T161618042Z-1a2b3c": sorts by start, unique, safe as a file name
    QString specFile;       // absolute path of the spec file ("" for a push of an existing image)
    QString specName;       // as the project lists it: the YAML file's name or the Python variable
    QString specYaml;       // the spec as flytekit YAML at the time of the build
    QString imageReference; // registry/name:tag
    QString dockerfile;
    docker::BuildOptions options;
    QDateTime started;
    QDateTime finished;             // invalid while running, or when Slipway stopped before the build ended
    QList<docker::BuildStep> steps; // in the order the builder first reported them
    QList<docker::PushLayerProgress> pushLayers; // each layer's last state
    std::optional<docker::BuildOutcome> outcome; // none: still running, or interrupted
    qint64 logBytes = 0;                         // size of the log file when the record was last saved
    qint64 logDroppedBytes = 0;                  // earlier output dropped to keep the log under its size cap

    bool isFinished() const { return outcome.has_value(); }
    // Milliseconds from start to finish (to `now` while running); -1 when the start is unknown.
    qint64 durationMs(const QDateTime& now = QDateTime::currentDateTimeUtc()) const;
    int cachedStepCount() const;
    const docker::BuildStep* failedStep() const;

    // Applies redactSecrets() to every text and drops the values of secret-looking build arguments.
    BuildRecord redacted() const;

    QJsonObject toJson() const;
    // Fails on a record written by a newer Slipway or with fields of the wrong kind.
    static Result<BuildRecord> fromJson(const QJsonObject& json);

    // A new id for a build started at `started`.
    static QString newId(const QDateTime& started);
    static bool isValidId(const QString& id);
};

// A step's duration in milliseconds: start to completion, start to `now` while running; -1 unknown.
qint64 stepDurationMs(const docker::BuildStep& step, const QDateTime& now = QDateTime::currentDateTimeUtc());

} // namespace slipway::project
