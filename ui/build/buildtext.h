#pragma once

#include "docker/buildevents.h"
#include "project/buildrecord.h"

#include <QIcon>
#include <QString>

class QStyle;

namespace slipway::ui {

// Words and icons for build states, shared by the build panel and the history browser.

// "0.4s", "12s", "2m 05s", "1h 02m"; "" for an unknown (negative) duration.
QString durationText(qint64 milliseconds);
// "1.2 MB" (decimal units, as the docker CLI prints them).
QString byteText(qint64 bytes);

QString stepStateText(docker::BuildStep::State state);
QString layerStateText(docker::PushLayerProgress::State state);
// "Succeeded", "Failed", "Cancelled", "Skipped: already exists"; "Running" / "Interrupted" for a
// record without an outcome (`running`: the build is still going in this session).
QString recordStatusText(const project::BuildRecord& record, bool running = false);

// Icons from resources/icons/build/*.svg when they are compiled in, else the closest of Slipway's own
// icons or the style's standard ones.
QIcon stepStateIcon(docker::BuildStep::State state, const QStyle* style);
QIcon outcomeIcon(const std::optional<docker::BuildOutcome>& outcome, const QStyle* style);
QIcon layerStateIcon(docker::PushLayerProgress::State state, const QStyle* style);

} // namespace slipway::ui
