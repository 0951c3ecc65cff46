#include "spec/diagnostic.h"

namespace slipway::spec {

QString Diagnostic::text() const {
    QString out;
    if (!file.isEmpty()) {
        out += file;
        if (position.line > 0) {
            out += QLatin1Char(':') + QString::number(position.line);
            if (position.column > 0)
                out += QLatin1Char(':') + QString::number(position.column);
        }
        out += QStringLiteral(": ");
    }
    out += isError() ? QStringLiteral("error: ") : QStringLiteral("warning: ");
    out += message;
    if (!fix.isEmpty())
        out += QStringLiteral(" -> ") + fix;
    return out;
}

bool hasErrors(const Diagnostics& diagnostics) {
    for (const Diagnostic& diagnostic : diagnostics) {
        if (diagnostic.isError())
            return true;
    }
    return false;
}

Diagnostic makeError(std::optional<Field> field, QString message, QString fix) {
    Diagnostic diagnostic;
    diagnostic.severity = Diagnostic::Severity::Error;
    diagnostic.field = field;
    diagnostic.message = std::move(message);
    diagnostic.fix = std::move(fix);
    return diagnostic;
}

Diagnostic makeWarning(std::optional<Field> field, QString message, QString fix) {
    Diagnostic diagnostic = makeError(field, std::move(message), std::move(fix));
    diagnostic.severity = Diagnostic::Severity::Warning;
    return diagnostic;
}

} // namespace slipway::spec
