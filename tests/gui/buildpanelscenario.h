#pragma once

#include "docker/buildevents.h"
#include "project/buildrun.h"

#include <QDateTime>

// A BuildKit build and push of a Python ImageSpec, event by event, as the engine jobs report them:
// shared by the build panel's GUI test and its screenshots.
namespace slipway::testing {

inline const QString kScenarioReference = QStringLiteral("localhost:5000/ada/trainer:8Gq2mV0kJdW1xRzF3a9bLw");
inline const QString kScenarioDigest =
    QStringLiteral("sha256:4f1c9a0d2b7e8c3f5a6d9e0b1c2f3a4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b");
inline const QString kScenarioFix =
    QStringLiteral("Check the package names in the spec's packages; pip could not find \"pandaz\".");

class BuildScenario {
public:
    enum Step { Definition, Base, Apt, Copy, Pip, Env, StepCount };

    explicit BuildScenario(project::BuildRun* run) : m_run(run) {}

    // What is built; `startedSecondsAgo` backdates the start, as if the build had been running.
    static project::BuildRecord header(bool push = false, int startedSecondsAgo = 0) {
        project::BuildRecord record;
        if (startedSecondsAgo > 0)
            record.started = QDateTime::currentDateTimeUtc().addSecs(-startedSecondsAgo);
        record.specFile = QStringLiteral("/home/ada/trainer/specs/trainer.yaml");
        record.specName = QStringLiteral("trainer.yaml");
        record.specYaml =
            QStringLiteral("name: trainer\nregistry: localhost:5000/ada\npython_version: \"3.11\"\n"
                           "packages:\n  - pandas==2.1.0\n  - pandaz\napt_packages:\n  - git\n");
        record.imageReference = kScenarioReference;
        record.dockerfile =
            QStringLiteral("FROM python:3.11-slim-bookworm\nRUN apt-get update && apt-get install -y "
                           "git\nCOPY requirements.txt /tmp/\nRUN pip install -r /tmp/requirements.txt\n"
                           "ENV _F_IMG_ID=8Gq2mV0kJdW1xRzF3a9bLw\n");
        record.options.dockerfile.installer = build::Installer::Pip;
        record.options.push = push;
        return record;
    }

    // Every step known; the first four finished (two from the cache), pip running for `pipSeconds`.
    void runUntilPip(int pipSeconds = 4) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        m_t0 = now.addSecs(-pipSeconds - 3);
        for (int i = 0; i < StepCount; ++i)
            m_run->updateStep(step(Step(i), docker::BuildStep::State::Waiting));
        m_run->updateStep(step(Definition, docker::BuildStep::State::Done, m_t0, m_t0.addMSecs(180)));
        m_run->updateStep(
            step(Base, docker::BuildStep::State::Cached, m_t0.addMSecs(200), m_t0.addMSecs(200)));
        m_run->updateStep(
            step(Apt, docker::BuildStep::State::Cached, m_t0.addMSecs(210), m_t0.addMSecs(210)));
        m_run->updateStep(step(Copy, docker::BuildStep::State::Running, m_t0.addMSecs(300)));
        m_run->appendLog(log(Copy, "transferring context: 2.31kB done\n"));
        m_run->updateStep(
            step(Copy, docker::BuildStep::State::Done, m_t0.addMSecs(300), m_t0.addMSecs(2900)));
        m_run->updateStep(step(Pip, docker::BuildStep::State::Running, now.addSecs(-pipSeconds)));
        m_run->appendLog(
            log(Pip, "Collecting pandas==2.1.0\n  Downloading pandas-2.1.0-cp311-cp311-manylinux_2_17_x86_64"
                     ".whl (12.3 MB)\n"));
        m_run->appendLog(
            log(Pip, "Collecting numpy>=1.23.2 (from pandas==2.1.0)\nCollecting python-dateutil>=2.8.2\n"));
    }

    // Lines of pip output, in chunks as BuildKit sends them.
    void pipOutput(int lines) {
        QByteArray chunk;
        for (int i = 0; i < lines; ++i) {
            chunk += "  Using cached build-dependency-" + QByteArray::number(i) + "-1.0-py3-none-any.whl\n";
            if (chunk.size() > 4000) {
                m_run->appendLog(log(Pip, chunk));
                chunk.clear();
            }
        }
        m_run->appendLog(log(Pip, chunk));
    }

    void failPip() {
        m_run->appendLog(log(Pip,
                             "ERROR: Could not find a version that satisfies the requirement pandaz (from "
                             "versions: none)\nERROR: No matching distribution found for pandaz\n"));
        docker::BuildStep failed =
            step(Pip, docker::BuildStep::State::Failed, {}, QDateTime::currentDateTimeUtc());
        failed.error =
            QStringLiteral("process \"/bin/sh -c pip install -r /tmp/requirements.txt\" did not complete "
                           "successfully: exit code: 1");
        m_run->updateStep(failed);
        m_run->finish(fail(QStringLiteral("build-step-failed"),
                           QStringLiteral("pip could not install the packages"), kScenarioFix));
    }

    void finishBuild() {
        m_run->appendLog(
            log(Pip, "Successfully installed numpy-1.26.0 pandas-2.1.0 python-dateutil-2.8.2\n"));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        m_run->updateStep(step(Pip, docker::BuildStep::State::Done, {}, now));
        m_run->updateStep(step(Env, docker::BuildStep::State::Done, now, now.addMSecs(40)));
    }

    // Two layers the registry has, one half way, one waiting.
    void pushHalfWay() {
        m_run->updatePushLayer(layer("9f3b2c1d0e4a", docker::PushLayerProgress::State::AlreadyExists, 0, 0));
        m_run->updatePushLayer(layer("a81d4e0c77f2", docker::PushLayerProgress::State::AlreadyExists, 0, 0));
        m_run->updatePushLayer(
            layer("c03f99e1ab52", docker::PushLayerProgress::State::Pushing, 24'000'000, 48'000'000));
        m_run->updatePushLayer(layer("e5a0b7d2f6c8", docker::PushLayerProgress::State::Preparing, 0, 0));
    }

    void pushAndSucceed() {
        m_run->updatePushLayer(
            layer("c03f99e1ab52", docker::PushLayerProgress::State::Pushed, 48'000'000, 48'000'000));
        m_run->updatePushLayer(layer("e5a0b7d2f6c8", docker::PushLayerProgress::State::Pushed, 1'200, 1'200));
        docker::BuildOutcome outcome;
        outcome.status = docker::BuildOutcome::Status::Succeeded;
        outcome.imageReference = kScenarioReference;
        outcome.imageId =
            QStringLiteral("sha256:7d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e");
        outcome.digest = kScenarioDigest;
        m_run->finish(outcome);
    }

    static QString stepName(Step which) {
        switch (which) {
        case Definition:
            return QStringLiteral("[internal] load build definition from Dockerfile");
        case Base:
            return QStringLiteral("[1/5] FROM docker.io/library/python:3.11-slim-bookworm");
        case Apt:
            return QStringLiteral("[2/5] RUN apt-get update && apt-get install -y git");
        case Copy:
            return QStringLiteral("[3/5] COPY requirements.txt /tmp/");
        case Pip:
            return QStringLiteral("[4/5] RUN pip install -r /tmp/requirements.txt");
        case Env:
            return QStringLiteral("[5/5] ENV _F_IMG_ID=8Gq2mV0kJdW1xRzF3a9bLw");
        case StepCount:
            break;
        }
        return {};
    }

private:
    static QByteArray stepId(Step which) { return "sha256:vertex" + QByteArray::number(int(which)); }

    docker::BuildStep step(Step which, docker::BuildStep::State state, const QDateTime& started = {},
                           const QDateTime& completed = {}) const {
        docker::BuildStep result;
        result.id = stepId(which);
        result.name = stepName(which);
        result.state = state;
        result.started = started;
        result.completed = completed;
        return result;
    }

    static docker::BuildLogChunk log(Step which, const QByteArray& text) {
        docker::BuildLogChunk chunk;
        chunk.stepId = stepId(which);
        chunk.text = text;
        chunk.timestamp = QDateTime::currentDateTimeUtc();
        return chunk;
    }

    static docker::PushLayerProgress layer(const QString& id, docker::PushLayerProgress::State state,
                                           qint64 current, qint64 total) {
        docker::PushLayerProgress result;
        result.layerId = id;
        result.state = state;
        result.current = current;
        result.total = total;
        return result;
    }

    project::BuildRun* m_run;
    QDateTime m_t0;
};

} // namespace slipway::testing
