#include "widgets/counted.h"

namespace slipway::ui {

QString counted(qsizetype count, const QString& singular, const QString& plural) {
    return QStringLiteral("%1 %2").arg(count).arg(count == 1 ? singular : plural);
}

} // namespace slipway::ui
