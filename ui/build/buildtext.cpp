#include "build/buildtext.h"

#include "widgets/icons.h"

#include <QApplication>
#include <QFile>
#include <QLocale>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QStyle>

namespace slipway::ui {

using docker::BuildOutcome;
using docker::BuildStep;
using docker::PushLayerProgress;

namespace {

// The build icons once resources/icons/build/ is part of the compiled resources.
QIcon buildIcon(const char* name, const QIcon& fallback) {
    const QString path = QStringLiteral(":/icons/build/%1.svg").arg(QLatin1String(name));
    return QFile::exists(path) ? QIcon(path) : fallback;
}

// Fusion's media and arrow icons are black: drawn in the palette's text colour they show on dark
// palettes too.
QIcon textColouredIcon(QStyle::StandardPixmap which, const QStyle* style) {
    const QColor colour = QApplication::palette().color(QPalette::WindowText);
    QIcon result;
    for (int size : {16, 32}) {
        QPixmap pixmap = style->standardIcon(which).pixmap(size, size);
        QPainter painter(&pixmap);
        painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
        painter.fillRect(pixmap.rect(), colour);
        painter.end();
        result.addPixmap(pixmap);
    }
    return result;
}

} // namespace

QString durationText(qint64 ms) {
    if (ms < 0)
        return {};
    if (ms < 10'000)
        return QString::number(double(ms) / 1000.0, 'f', 1) + QLatin1Char('s');
    const qint64 seconds = ms / 1000;
    if (seconds < 60)
        return QStringLiteral("%1s").arg(seconds);
    if (seconds < 3600)
        return QStringLiteral("%1m %2s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1h %2m").arg(seconds / 3600).arg((seconds / 60) % 60, 2, 10, QLatin1Char('0'));
}

QString byteText(qint64 bytes) {
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

QString stepStateText(BuildStep::State state) {
    switch (state) {
    case BuildStep::State::Waiting:
        return QStringLiteral("Waiting");
    case BuildStep::State::Running:
        return QStringLiteral("Running");
    case BuildStep::State::Cached:
        return QStringLiteral("Cached");
    case BuildStep::State::Done:
        return QStringLiteral("Done");
    case BuildStep::State::Failed:
        return QStringLiteral("Failed");
    }
    return {};
}

QString layerStateText(PushLayerProgress::State state) {
    switch (state) {
    case PushLayerProgress::State::Waiting:
        return QStringLiteral("Waiting");
    case PushLayerProgress::State::Preparing:
        return QStringLiteral("Preparing");
    case PushLayerProgress::State::Pushing:
        return QStringLiteral("Pushing");
    case PushLayerProgress::State::Pushed:
        return QStringLiteral("Pushed");
    case PushLayerProgress::State::AlreadyExists:
        return QStringLiteral("Already exists");
    case PushLayerProgress::State::Mounted:
        return QStringLiteral("Mounted from another repository");
    case PushLayerProgress::State::Failed:
        return QStringLiteral("Failed");
    }
    return {};
}

QString recordStatusText(const project::BuildRecord& record, bool running) {
    if (!record.outcome)
        return running ? QStringLiteral("Running") : QStringLiteral("Interrupted");
    switch (record.outcome->status) {
    case BuildOutcome::Status::Succeeded:
        return QStringLiteral("Succeeded");
    case BuildOutcome::Status::SkippedExists:
        return QStringLiteral("Skipped: already exists");
    case BuildOutcome::Status::Failed:
        return QStringLiteral("Failed");
    case BuildOutcome::Status::Cancelled:
        return QStringLiteral("Cancelled");
    }
    return {};
}

QIcon stepStateIcon(BuildStep::State state, const QStyle* style) {
    switch (state) {
    case BuildStep::State::Waiting:
        return buildIcon("waiting", textColouredIcon(QStyle::SP_MediaPause, style));
    case BuildStep::State::Running:
        return buildIcon("running", textColouredIcon(QStyle::SP_MediaPlay, style));
    case BuildStep::State::Cached:
        return buildIcon("cached", style->standardIcon(QStyle::SP_DriveHDIcon));
    case BuildStep::State::Done:
        return buildIcon("done", icon(IconName::Ok));
    case BuildStep::State::Failed:
        return buildIcon("failed", icon(IconName::Error));
    }
    return {};
}

QIcon outcomeIcon(const std::optional<BuildOutcome>& outcome, const QStyle* style) {
    if (!outcome)
        return buildIcon("running", textColouredIcon(QStyle::SP_MediaPlay, style));
    switch (outcome->status) {
    case BuildOutcome::Status::Succeeded:
    case BuildOutcome::Status::SkippedExists:
        return buildIcon("done", icon(IconName::Ok));
    case BuildOutcome::Status::Failed:
        return buildIcon("failed", icon(IconName::Error));
    case BuildOutcome::Status::Cancelled:
        return buildIcon("cancelled", icon(IconName::Warning));
    }
    return {};
}

QIcon layerStateIcon(PushLayerProgress::State state, const QStyle* style) {
    switch (state) {
    case PushLayerProgress::State::Waiting:
    case PushLayerProgress::State::Preparing:
        return buildIcon("waiting", textColouredIcon(QStyle::SP_MediaPause, style));
    case PushLayerProgress::State::Pushing:
        return buildIcon("pushing", textColouredIcon(QStyle::SP_ArrowUp, style));
    case PushLayerProgress::State::Pushed:
        return buildIcon("done", icon(IconName::Ok));
    case PushLayerProgress::State::AlreadyExists:
    case PushLayerProgress::State::Mounted:
        return buildIcon("cached", style->standardIcon(QStyle::SP_DriveHDIcon));
    case PushLayerProgress::State::Failed:
        return buildIcon("failed", icon(IconName::Error));
    }
    return {};
}

} // namespace slipway::ui
