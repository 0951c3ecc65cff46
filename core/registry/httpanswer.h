#pragma once

#include <QByteArray>
#include <QList>
#include <QUrl>

namespace slipway::registry {

// A complete HTTP answer from a registry or token server, whatever its status.
struct HttpAnswer {
    int status = 0;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QUrl url; // after redirects

    // The first value of a header, case-insensitively; empty when absent.
    QByteArray header(const QByteArray& name) const {
        for (const auto& [key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    // Every value of a header (WWW-Authenticate may repeat).
    QList<QByteArray> headerValues(const QByteArray& name) const {
        QList<QByteArray> values;
        for (const auto& [key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                values.append(value);
        }
        return values;
    }
    bool ok() const { return status >= 200 && status < 300; }

    // Qt compares signal arguments such as Result<HttpAnswer>.
    friend bool operator==(const HttpAnswer&, const HttpAnswer&) = default;
};

} // namespace slipway::registry
