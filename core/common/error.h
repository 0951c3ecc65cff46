#pragma once

#include <QString>
#include <expected>

namespace slipway {

// An error that crosses a core boundary as a value. `message` is one line for humans and names the
// cause; `fix` says what to do about it; `detail` holds extra context (paths, server replies).
struct Error {
    QString code;
    QString message;
    QString fix;
    QString detail;

    // "message (fix)" on one line, for CLIs and logs.
    QString describe() const;

    // Qt's meta-type system compares signal arguments such as Result<T>, which needs this.
    friend bool operator==(const Error&, const Error&) = default;
};

template <typename T> using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(QString code, QString message, QString fix = {}, QString detail = {}) {
    return std::unexpected(Error{std::move(code), std::move(message), std::move(fix), std::move(detail)});
}

} // namespace slipway
