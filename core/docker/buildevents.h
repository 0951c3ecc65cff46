#pragma once

#include "build/buildplan.h"
#include "common/error.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

// What a build or push reports while it runs and when it ends. Shared by the engine jobs
// (BuildJob, PushJob), the build history (core/project) and the build panel (ui/build), so that each
// can be written against the same vocabulary without knowing the others.
namespace slipway::docker {

// One step of a build: a BuildKit vertex, or one Dockerfile instruction of the classic builder.
struct BuildStep {
    enum class State { Waiting, Running, Cached, Done, Failed };

    QByteArray id; // BuildKit vertex digest; "step-<n>" for the classic builder
    QString name;  // as the builder names it, e.g. "[2/6] RUN apt-get update ..."
    State state = State::Waiting;
    QDateTime started;   // invalid until it starts
    QDateTime completed; // invalid until it ends
    qint64 current = 0;  // progress of the step's own transfers (bytes) when the builder reports it
    qint64 total = 0;    // 0 when unknown
    QString error;       // the builder's error text when Failed

    friend bool operator==(const BuildStep&, const BuildStep&) = default;
};

// Output of a step (BuildKit logs) or of the build as a whole (classic "stream" lines, empty stepId).
struct BuildLogChunk {
    enum class Stream { Stdout, Stderr };

    QByteArray stepId;
    QByteArray text;
    Stream stream = Stream::Stdout;
    QDateTime timestamp;

    friend bool operator==(const BuildLogChunk&, const BuildLogChunk&) = default;
};

// Build options: not spec fields, so they never change the tag.
struct BuildOptions {
    build::DockerfileOptions dockerfile; // dialect (BuildKit/classic), installer, addFlytekit
    QString platform;                    // "linux/amd64"; empty = the engine's own
    QMap<QString, QString> buildArgs;
    bool noCache = false;
    bool pull = false;  // always pull the base image
    bool force = false; // build even when the image already exists in the registry
    bool push = false;  // push after a successful build

    friend bool operator==(const BuildOptions&, const BuildOptions&) = default;
};

// One layer's push progress as the engine reports it.
struct PushLayerProgress {
    enum class State { Waiting, Preparing, Pushing, Pushed, AlreadyExists, Mounted, Failed };

    QString layerId; // short id as the engine prints it
    State state = State::Waiting;
    qint64 current = 0;
    qint64 total = 0; // 0 when unknown
    QString detail;   // the engine's words when they say more than the state ("Mounted from team/base")

    friend bool operator==(const PushLayerProgress&, const PushLayerProgress&) = default;
};

// How a build (and its optional push) ended.
// Where a build's time went, for `slipway-cli build --timings` and benchmarks.
struct BuildTimings {
    qint64 planningMs = 0; // the tag, Dockerfile and context listing
    qint64 checkingMs = 0; // whether the image exists already
    qint64 buildingMs = 0; // the engine's build, the context transfer included
    // CPU time Slipway's thread spent decoding the engine's progress stream (JSON messages and
    // BuildKit's protobuf trace), and how many messages that was.
    qint64 progressDecodeCpuNs = 0;
    int progressMessages = 0;
};

struct BuildOutcome {
    enum class Status { Succeeded, SkippedExists, Failed, Cancelled };

    Status status = Status::Failed;
    QString imageReference;   // registry/name:tag
    QString imageId;          // sha256:... of the local image
    QString digest;           // repository digest after a push, sha256:...
    QString failedStep;       // the step's name when a step failed
    QStringList lastLogLines; // the failing step's last lines
    Error error;              // when Failed / Cancelled: cause and fix

    friend bool operator==(const BuildOutcome&, const BuildOutcome&) = default;
};

} // namespace slipway::docker

Q_DECLARE_METATYPE(slipway::docker::BuildStep)
Q_DECLARE_METATYPE(slipway::docker::BuildLogChunk)
Q_DECLARE_METATYPE(slipway::docker::PushLayerProgress)
Q_DECLARE_METATYPE(slipway::docker::BuildOutcome)
