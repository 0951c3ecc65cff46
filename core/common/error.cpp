#include "common/error.h"

namespace slipway {

QString Error::describe() const {
    QString text = message;
    if (!fix.isEmpty())
        text += QStringLiteral(" -> ") + fix;
    return text;
}

} // namespace slipway
