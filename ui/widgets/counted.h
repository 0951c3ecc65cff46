#pragma once

#include <QString>

namespace slipway::ui {

// "1 error", "3 errors": English plurals without a translation catalogue.
QString counted(qsizetype count, const QString& singular, const QString& plural);

} // namespace slipway::ui
