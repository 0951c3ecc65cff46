#include "docker/httpresponseparser.h"

#include <http_parser.h>

namespace slipway::docker {

struct HttpResponseParser::State {
    http_parser parser{};
    http_parser_settings settings{};
};

// Adapters from http-parser's C callbacks to the parser object; a non-zero return aborts parsing.
struct ParserCallbacks {
    static HttpResponseParser& self(http_parser* parser) {
        return *static_cast<HttpResponseParser*>(parser->data);
    }

    static int onStatus(http_parser* parser, const char* at, size_t length) {
        self(parser).m_head.reason += QString::fromLatin1(at, static_cast<qsizetype>(length));
        return 0;
    }
    static int onHeaderField(http_parser* parser, const char* at, size_t length) {
        HttpResponseParser& me = self(parser);
        if (me.m_lastWasValue || me.m_head.headers.isEmpty()) {
            me.m_head.headers.append(std::pair<QByteArray, QByteArray>());
            me.m_lastWasValue = false;
        }
        me.m_head.headers.last().first.append(at, static_cast<qsizetype>(length));
        return 0;
    }
    static int onHeaderValue(http_parser* parser, const char* at, size_t length) {
        HttpResponseParser& me = self(parser);
        me.m_lastWasValue = true;
        me.m_head.headers.last().second.append(at, static_cast<qsizetype>(length));
        return 0;
    }
    static int onHeadersComplete(http_parser* parser) {
        HttpResponseParser& me = self(parser);
        me.m_head.status = static_cast<int>(parser->status_code);
        me.m_head.upgrade = parser->upgrade != 0;
        if (me.m_callbacks.headers)
            me.m_callbacks.headers(me.m_head);
        return 0;
    }
    static int onBody(http_parser* parser, const char* at, size_t length) {
        HttpResponseParser& me = self(parser);
        if (me.m_callbacks.body)
            me.m_callbacks.body(QByteArrayView(at, static_cast<qsizetype>(length)));
        return 0;
    }
    static int onMessageComplete(http_parser* parser) {
        HttpResponseParser& me = self(parser);
        me.m_complete = true;
        if (me.m_callbacks.complete)
            me.m_callbacks.complete();
        return 0;
    }
};

QByteArray HttpResponseParser::Head::header(QByteArrayView name) const {
    for (const auto& [field, value] : headers) {
        if (field.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

HttpResponseParser::HttpResponseParser(Callbacks callbacks)
    : m_state(std::make_unique<State>()), m_callbacks(std::move(callbacks)) {
    http_parser_init(&m_state->parser, HTTP_RESPONSE);
    m_state->parser.data = this;
    http_parser_settings_init(&m_state->settings);
    m_state->settings.on_status = &ParserCallbacks::onStatus;
    m_state->settings.on_header_field = &ParserCallbacks::onHeaderField;
    m_state->settings.on_header_value = &ParserCallbacks::onHeaderValue;
    m_state->settings.on_headers_complete = &ParserCallbacks::onHeadersComplete;
    m_state->settings.on_body = &ParserCallbacks::onBody;
    m_state->settings.on_message_complete = &ParserCallbacks::onMessageComplete;
}

HttpResponseParser::~HttpResponseParser() = default;

bool HttpResponseParser::feed(QByteArrayView data, qsizetype* upgradedAt) {
    if (!m_error.isEmpty())
        return false;
    if (m_upgraded) {
        if (upgradedAt)
            *upgradedAt = 0;
        return true;
    }
    if (m_complete) {
        // One request per connection: bytes after a complete answer mean the peer is not an engine.
        if (data.isEmpty())
            return true;
        m_error = QStringLiteral("the Docker engine sent data after the end of its answer");
        return false;
    }
    // http-parser reads a zero-length buffer as end of stream; an empty read is not one.
    if (data.isEmpty())
        return true;
    const size_t parsed = http_parser_execute(&m_state->parser, &m_state->settings, data.data(),
                                              static_cast<size_t>(data.size()));
    if (m_state->parser.upgrade) {
        m_upgraded = true;
        if (upgradedAt)
            *upgradedAt = static_cast<qsizetype>(parsed);
        return true;
    }
    const auto error = static_cast<http_errno>(m_state->parser.http_errno);
    if (error != HPE_OK) {
        m_error = QStringLiteral("the Docker engine sent a malformed HTTP response (%1)")
                      .arg(QString::fromLatin1(http_errno_description(error)));
        return false;
    }
    return true;
}

bool HttpResponseParser::finish() {
    if (m_complete || m_upgraded)
        return true;
    if (!m_error.isEmpty())
        return false;
    http_parser_execute(&m_state->parser, &m_state->settings, nullptr, 0);
    if (!m_complete) {
        m_error = m_head.status == 0
                      ? QStringLiteral("the Docker engine closed the connection without answering")
                      : QStringLiteral("the Docker engine closed the connection in the middle of "
                                       "its answer");
        return false;
    }
    return true;
}

} // namespace slipway::docker
