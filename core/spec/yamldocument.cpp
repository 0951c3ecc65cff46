#include "spec/yamldocument.h"

#include "spec/yaml11.h"
#include "spec/yamlconstructor.h"

#include <QHash>
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <utility>
#include <vector>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

namespace slipway::spec {

namespace {

constexpr std::string_view kSeqTag = "tag:yaml.org,2002:seq";
constexpr std::string_view kMapTag = "tag:yaml.org,2002:map";

struct DecodedChar {
    char32_t codePoint = 0;
    int length = 0; // 0 for a malformed sequence
};

// One UTF-8 sequence as Python's strict decoder accepts it: no overlong forms, no surrogates,
// nothing beyond U+10FFFF.
DecodedChar decodeUtf8(const QByteArray& bytes, qsizetype offset) {
    const auto byte = [&](qsizetype i) { return static_cast<unsigned char>(bytes[i]); };
    const unsigned char lead = byte(offset);
    if (lead < 0x80)
        return {lead, 1};
    int length = 0;
    char32_t codePoint = 0;
    char32_t minimum = 0;
    if ((lead & 0xE0) == 0xC0) {
        length = 2;
        codePoint = lead & 0x1F;
        minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        codePoint = lead & 0x0F;
        minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        codePoint = lead & 0x07;
        minimum = 0x10000;
    } else {
        return {};
    }
    if (offset + length > bytes.size())
        return {};
    for (int i = 1; i < length; ++i) {
        const unsigned char next = byte(offset + i);
        if ((next & 0xC0) != 0x80)
            return {};
        codePoint = (codePoint << 6) | (next & 0x3F);
    }
    if (codePoint < minimum || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
        return {};
    return {codePoint, length};
}

// PyYAML's Reader accepts only these characters in a stream.
bool isYamlPrintable(char32_t c) {
    return c == 0x09 || c == 0x0A || c == 0x0D || (c >= 0x20 && c <= 0x7E) || c == 0x85 ||
           (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

QString codePointName(char32_t c) {
    return QStringLiteral("U+%1").arg(uint(c), 4, 16, QLatin1Char('0')).toUpper();
}

// The document's bytes (without a UTF-8 byte order mark) and the mapping from yaml-cpp's byte
// offsets to 1-based lines and character columns.
class SourceText {
public:
    explicit SourceText(const QByteArray& text) : m_bytes(text) {
        if (m_bytes.startsWith("\xEF\xBB\xBF"))
            m_bytes.remove(0, 3);
        // flytekit opens the file in Python's text mode, whose universal newlines turn `\r\n` and a
        // lone `\r` into `\n` before PyYAML sees them; yaml-cpp would keep a lone `\r` as text.
        // Lines and columns stay those of the original file.
        m_bytes.replace("\r\n", "\n");
        m_bytes.replace('\r', '\n');
        m_lineStarts.push_back(0);
        for (qsizetype i = 0; i < m_bytes.size(); ++i) {
            if (m_bytes[i] == '\n')
                m_lineStarts.push_back(i + 1);
        }
    }

    const QByteArray& bytes() const { return m_bytes; }

    SourcePosition position(qsizetype offset) const {
        if (offset < 0 || offset > m_bytes.size())
            return {};
        const auto next = std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(), offset);
        const auto line = static_cast<int>(next - m_lineStarts.begin());
        // Parse events arrive in file order: continue counting from the previous position on the
        // same line instead of from the line start, which keeps a long one-line file linear.
        qsizetype from = m_lineStarts[size_t(line - 1)];
        int column = 1;
        if (m_last.line == line && m_lastOffset <= offset && m_lastOffset >= from) {
            from = m_lastOffset;
            column = m_last.column;
        }
        for (qsizetype i = from; i < offset; ++i) {
            if ((static_cast<unsigned char>(m_bytes[i]) & 0xC0) != 0x80)
                ++column;
        }
        m_last = {line, column};
        m_lastOffset = offset;
        return m_last;
    }
    SourcePosition position(const YAML::Mark& mark) const { return position(mark.pos); }

    // What precedes a node's content: its anchor `&name` and tag `!...`, in either order.
    struct Properties {
        bool tagged = false;
        qsizetype contentOffset = -1;
    };
    Properties properties(const YAML::Mark& mark) const {
        Properties result;
        qsizetype i = mark.pos;
        const auto isBreakOrBlank = [this](qsizetype at) {
            return m_bytes[at] == ' ' || m_bytes[at] == '\t' || m_bytes[at] == '\n';
        };
        while (i >= 0 && i < m_bytes.size() && (m_bytes[i] == '&' || m_bytes[i] == '!')) {
            result.tagged = result.tagged || m_bytes[i] == '!';
            while (i < m_bytes.size() && !isBreakOrBlank(i))
                ++i;
            while (i < m_bytes.size() && isBreakOrBlank(i))
                ++i;
        }
        result.contentOffset = i;
        return result;
    }

    // Whether a scalar that yaml-cpp reports with the non-specific tag `!` was written with that tag
    // rather than quoted: PyYAML then types it as if it were plain, so `! "3.10"` is the float 3.1.
    bool hasNonSpecificTag(const YAML::Mark& mark) const { return properties(mark).tagged; }

    // Whether the quoted scalar starting at `mark` has its closing quote. yaml-cpp 0.7 accepts
    // `"abc` followed by a line break at the end of the file as 'abc '; PyYAML refuses it.
    bool quoteIsClosed(const YAML::Mark& mark) const {
        const qsizetype offset = properties(mark).contentOffset;
        const char quote = offset >= 0 && offset < m_bytes.size() ? m_bytes[offset] : '\0';
        if (quote != '"' && quote != '\'')
            return true;
        for (qsizetype i = offset + 1; i < m_bytes.size(); ++i) {
            const char c = m_bytes[i];
            if (quote == '"' && c == '\\')
                ++i;
            else if (c == quote && quote == '\'' && i + 1 < m_bytes.size() && m_bytes[i + 1] == '\'')
                ++i;
            else if (c == quote)
                return true;
        }
        return false;
    }

    // The name of the alias `*name` at `offset`, for messages.
    QString aliasName(qsizetype offset) const {
        if (offset < 0 || offset >= m_bytes.size() || m_bytes[offset] != '*')
            return {};
        qsizetype end = offset + 1;
        while (end < m_bytes.size() && !QByteArrayView(" \t\r\n,]}").contains(m_bytes[end]))
            ++end;
        return QString::fromUtf8(m_bytes.mid(offset + 1, end - offset - 1));
    }

    // Where a tab sits in the indentation of `line`, if it does: yaml-cpp then reports whatever the
    // misplaced text looks like, not the tab.
    std::optional<SourcePosition> tabInIndentation(int line) const {
        if (line < 1 || size_t(line) > m_lineStarts.size())
            return std::nullopt;
        for (qsizetype i = m_lineStarts[size_t(line - 1)]; i < m_bytes.size(); ++i) {
            if (m_bytes[i] == '\t')
                return position(i);
            if (m_bytes[i] != ' ')
                break;
        }
        return std::nullopt;
    }

    // The first character PyYAML would refuse or that the two parsers split lines at differently.
    std::optional<std::pair<qsizetype, QString>> firstUnreadableCharacter() const {
        for (qsizetype i = 0; i < m_bytes.size();) {
            const DecodedChar decoded = decodeUtf8(m_bytes, i);
            if (decoded.length == 0)
                return std::pair{i, QStringLiteral("the file is not valid UTF-8 text here")};
            const char32_t c = decoded.codePoint;
            if (c == 0x85 || c == 0x2028 || c == 0x2029)
                return std::pair{i,
                                 QStringLiteral("the character %1 is a line break for flytekit's YAML reader "
                                                "but not for others")
                                     .arg(codePointName(c))};
            if (!isYamlPrintable(c))
                return std::pair{
                    i,
                    QStringLiteral("the control character %1 is not allowed in YAML").arg(codePointName(c))};
            i += decoded.length;
        }
        return std::nullopt;
    }

private:
    QByteArray m_bytes;
    std::vector<qsizetype> m_lineStarts;
    mutable SourcePosition m_last;
    mutable qsizetype m_lastOffset = 0;
};

// yaml-cpp's error messages in the words of someone editing the file.
QString plainSyntaxMessage(const std::string& message) {
    static const std::pair<std::string_view, const char*> kMessages[] = {
        {YAML::ErrorMsg::END_OF_SEQ_FLOW, "a `[` list is not closed with `]`"},
        {YAML::ErrorMsg::END_OF_MAP_FLOW, "a `{` mapping is not closed with `}`"},
        {YAML::ErrorMsg::END_OF_MAP, "this line does not line up with the keys of the mapping above it"},
        {YAML::ErrorMsg::END_OF_SEQ, "this line does not line up with the `- ` items of the list above it"},
        {YAML::ErrorMsg::MAP_VALUE,
         "a `:` that is not allowed here (a value that contains `: ` must be quoted)"},
        {YAML::ErrorMsg::BLOCK_ENTRY, "a `- ` list item where none is allowed"},
        {YAML::ErrorMsg::MAP_KEY, "a `?` key marker where none is allowed"},
        {YAML::ErrorMsg::FLOW_END, "a `]` or `}` without a matching `[` or `{`"},
        {YAML::ErrorMsg::EOF_IN_SCALAR, "a quoted text is not closed before the end of the file"},
        {YAML::ErrorMsg::DOC_IN_SCALAR, "a `---` or `...` line inside a quoted text"},
        {YAML::ErrorMsg::CHAR_IN_SCALAR, "a character that is not allowed in this text"},
        {YAML::ErrorMsg::TAB_IN_INDENTATION, "a tab in the indentation (YAML indents with spaces)"},
        {YAML::ErrorMsg::UNKNOWN_TOKEN, "a character that cannot start a value here"},
        {YAML::ErrorMsg::INVALID_ESCAPE, "an unknown escape in a double-quoted text: \\"},
        {YAML::ErrorMsg::INVALID_UNICODE, "an escape that names no valid character: "},
        {YAML::ErrorMsg::INVALID_HEX,
         "a `\\x`, `\\u` or `\\U` escape with a character that is not a hex digit"},
        {YAML::ErrorMsg::MULTIPLE_TAGS, "two tags on one value"},
        {YAML::ErrorMsg::MULTIPLE_ANCHORS, "two anchors on one value"},
        {YAML::ErrorMsg::ALIAS_CONTENT, "an alias `*name` with a tag or content of its own"},
    };
    for (const auto& [yamlCppWords, plainWords] : kMessages) {
        if (message.starts_with(yamlCppWords)) {
            const std::string detail = message.substr(yamlCppWords.size());
            return QString::fromUtf8(plainWords) + QString::fromStdString(detail);
        }
    }
    return QString::fromStdString(message);
}

// A key's identity as a Python dict sees it: True, 1 and 1.0 are the same key; NaN equals nothing,
// not even itself (nullopt). Only text, numbers and None reach here.
std::optional<QString> pythonKeyIdentity(const PyValue& key) {
    switch (key.kind()) {
    case PyValue::Kind::Str:
        return QStringLiteral("s") + key.str();
    case PyValue::Kind::Bool:
        return QStringLiteral("i%1").arg(key.boolean() ? 1 : 0);
    case PyValue::Kind::Int:
        return QStringLiteral("i%1").arg(key.integer());
    case PyValue::Kind::Float: {
        const double real = key.floating();
        if (std::isnan(real))
            return std::nullopt;
        if (real == std::trunc(real) && real >= -9223372036854775808.0 && real < 9223372036854775808.0)
            return QStringLiteral("i%1").arg(static_cast<qint64>(real));
        return QStringLiteral("f") + key.repr();
    }
    default:
        return QStringLiteral("n") + key.repr();
    }
}

// Raised from inside yaml-cpp's parser to stop at a limit or at a second document.
struct StopParsing {
    SourcePosition position;
    QString message;
    QString fix;
};

// Builds Python values from yaml-cpp's parse events, keeping the positions messages need.
class DocumentBuilder final : public YAML::EventHandler {
public:
    DocumentBuilder(const SourceText& source, const QString& fileName, YamlDocument& document)
        : m_source(source), m_fileName(fileName), m_document(document) {}

    // Where a flow collection that yaml-cpp found unclosed was opened, if one is open.
    std::optional<SourcePosition> openFlowCollection(bool mapping) const {
        for (auto frame = m_stack.rbegin(); frame != m_stack.rend(); ++frame) {
            if (frame->flow && frame->mapping == mapping)
                return frame->position;
        }
        return std::nullopt;
    }

    void OnDocumentStart(const YAML::Mark& mark) override {
        if (++m_documents > 1)
            throw StopParsing{m_source.position(mark),
                              QStringLiteral("the file holds more than one YAML document"),
                              QStringLiteral("keep one ImageSpec per file and remove this `---` document")};
    }
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        Node node = startNode(mark);
        node.value = PyValue();
        node.plainScalar = true;
        finishNode(std::move(node), anchor);
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        // yaml-cpp numbers anchors when they are defined, so an anchor missing here belongs to a
        // collection that is still open: the alias is inside what it refers to.
        const auto stored = m_anchors.find(anchor);
        if (stored == m_anchors.end()) {
            Node node = startNode(mark);
            report(node.position, QStringLiteral("an alias refers to the list or mapping that contains it"),
                   QStringLiteral("YAML values for an ImageSpec cannot be recursive"));
            finishNode(std::move(node), YAML::NullAnchor);
            return;
        }
        Node node = stored->second;
        node.position = m_source.position(mark);
        node.plainScalar = false;
        count(node.size, mark);
        // An alias repeats its collection's nesting where it stands, so chained anchors can nest
        // deeper than the text shows.
        if (m_stack.size() + size_t(node.height) > size_t(kYamlMaxDepth))
            throw tooDeep(mark);
        finishNode(std::move(node), YAML::NullAnchor);
    }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        if (tag != "?" && !m_source.quoteIsClosed(mark))
            throw StopParsing{m_source.position(mark),
                              QStringLiteral("YAML syntax error: ") +
                                  plainSyntaxMessage(YAML::ErrorMsg::EOF_IN_SCALAR),
                              {}};
        Node node = startNode(mark);
        node.source = yaml11::textFromUtf8(value);
        std::optional<yaml11::ScalarType> type;
        if (tag == "?") {
            type = yaml11::resolvePlain(value);
            node.plainScalar = true;
        } else if (tag == "!") {
            type = m_source.hasNonSpecificTag(mark) ? yaml11::resolvePlain(value) : yaml11::ScalarType::Str;
        } else {
            type = yaml11::scalarTypeOfTag(tag);
        }
        if (!type) {
            reportUnsupportedTag(node.position, tag);
        } else if (auto constructed = yaml11::construct(*type, value)) {
            node.value = std::move(*constructed);
        } else {
            report(node.position, constructed.error().message, constructed.error().fix);
        }
        finishNode(std::move(node), anchor);
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value style) override {
        startCollection(mark, tag, anchor, style, false);
    }
    void OnSequenceEnd() override { endCollection(); }

    void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value style) override {
        startCollection(mark, tag, anchor, style, true);
    }
    void OnMapEnd() override { endCollection(); }

private:
    // A finished value on its way into its parent.
    struct Node {
        std::optional<PyValue> value; // absent when it could not be read
        SourcePosition position;
        qint64 size = 1; // values in it, counting what aliases expand to
        int height = 0;  // collections nested in it, itself included
        bool plainScalar = false;
        QString source; // scalar text
    };

    struct Frame {
        bool mapping = false;
        bool flow = false;
        bool failed = false;
        bool isRoot = false;
        SourcePosition position;
        YAML::anchor_t anchor = YAML::NullAnchor;
        qint64 size = 1;
        int height = 1;
        PyValue::List items;
        PyValue::Dict entries;
        QList<SourcePosition> keyPositions;   // parallel to entries
        QHash<QString, qsizetype> keyIndexes; // pythonKeyIdentity -> index in entries
        std::optional<Node> pendingKey;
    };

    StopParsing tooDeep(const YAML::Mark& mark) const {
        return StopParsing{m_source.position(mark),
                           QStringLiteral("values are nested more than %1 levels deep").arg(kYamlMaxDepth),
                           QStringLiteral("an ImageSpec needs two or three levels")};
    }

    Node startNode(const YAML::Mark& mark) {
        count(1, mark);
        Node node;
        node.position = m_source.position(mark);
        return node;
    }

    void count(qint64 values, const YAML::Mark& mark) {
        m_values += values;
        if (m_values > kYamlMaxValues)
            throw StopParsing{
                m_source.position(mark),
                QStringLiteral("the document expands to more than %1 values").arg(kYamlMaxValues),
                QStringLiteral("an ImageSpec is a few dozen values; check the aliases (`*name`)")};
    }

    Diagnostics& sink() { return insideRootMapping() ? m_pendingDiagnostics : m_document.diagnostics; }
    bool insideRootMapping() const {
        return !m_stack.empty() && m_stack.front().isRoot && m_stack.front().mapping;
    }

    void report(SourcePosition position, QString message, QString fix = {}) {
        Diagnostic diagnostic = makeError(std::nullopt, std::move(message), std::move(fix));
        diagnostic.file = m_fileName;
        diagnostic.position = position;
        sink().append(std::move(diagnostic));
    }

    void reportUnsupportedTag(SourcePosition position, const std::string& tag) {
        report(
            position, QStringLiteral("the tag %1 is not supported").arg(yaml11::shortTagName(tag)),
            QStringLiteral("remove the tag; an ImageSpec holds only text, numbers, true/false, null, lists "
                           "and mappings"));
    }

    void startCollection(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value style, bool mapping) {
        if (m_stack.size() >= size_t(kYamlMaxDepth))
            throw tooDeep(mark);
        count(1, mark);
        Frame frame;
        frame.mapping = mapping;
        frame.flow = style == YAML::EmitterStyle::Flow;
        frame.position = m_source.position(mark);
        frame.anchor = anchor;
        frame.isRoot = m_stack.empty();
        if (tag != "?" && tag != "!" && tag != (mapping ? kMapTag : kSeqTag)) {
            frame.failed = true;
            const bool scalarTag =
                yaml11::scalarTypeOfTag(tag).has_value() || tag == (mapping ? kSeqTag : kMapTag);
            if (scalarTag)
                report(frame.position,
                       QStringLiteral("the tag %1 cannot be put on a %2")
                           .arg(yaml11::shortTagName(tag),
                                mapping ? QStringLiteral("mapping") : QStringLiteral("list")),
                       QStringLiteral("remove the tag"));
            else
                reportUnsupportedTag(frame.position, tag);
        }
        if (frame.isRoot) {
            m_document.root = mapping ? YamlDocument::Root::Mapping : YamlDocument::Root::Other;
            m_document.rootPosition = frame.position;
            m_document.rootTypeName = mapping ? QStringLiteral("dict") : QStringLiteral("list");
        }
        m_stack.push_back(std::move(frame));
    }

    void endCollection() {
        Frame frame = std::move(m_stack.back());
        m_stack.pop_back();
        Node node;
        node.position = frame.position;
        node.size = frame.size;
        node.height = frame.height;
        if (!frame.failed)
            node.value = frame.mapping ? PyValue::dict(std::move(frame.entries))
                                       : PyValue::list(std::move(frame.items));
        finishNode(std::move(node), frame.anchor);
    }

    void finishNode(Node node, YAML::anchor_t anchor) {
        if (anchor != YAML::NullAnchor)
            m_anchors[anchor] = node;
        if (m_stack.empty()) {
            finishRoot(node);
            return;
        }
        Frame& parent = m_stack.back();
        parent.size += node.size;
        parent.height = std::max(parent.height, node.height + 1);
        if (!parent.mapping) {
            if (node.value)
                parent.items.append(*node.value);
            else
                parent.failed = true;
            return;
        }
        if (!parent.pendingKey) {
            if (node.value && (node.value->isList() || node.value->isDict())) {
                report(node.position,
                       QStringLiteral("a %1 cannot be a mapping key")
                           .arg(node.value->isList() ? QStringLiteral("list") : QStringLiteral("mapping")),
                       QStringLiteral("use a text key"));
                node.value.reset();
            }
            parent.pendingKey = std::move(node);
            return;
        }
        Node key = std::move(*parent.pendingKey);
        parent.pendingKey.reset();
        addEntry(parent, key, node);
    }

    void addEntry(Frame& frame, const Node& key, const Node& value) {
        const bool entryComplete = key.value && value.value;
        if (key.value) {
            const std::optional<qsizetype> earlier = findKey(frame, *key.value);
            if (earlier) {
                const SourcePosition first = frame.keyPositions[*earlier];
                report(key.position,
                       QStringLiteral(
                           "the key `%1` appears twice (first at line %2); flytekit would silently keep "
                           "only the last one")
                           .arg(yaml11::excerpt(key.source))
                           .arg(first.line),
                       QStringLiteral("remove one of the two"));
                if (value.value)
                    frame.entries[*earlier].second = *value.value;
            } else if (entryComplete) {
                const qsizetype index = frame.entries.size();
                frame.entries.append({*key.value, *value.value});
                frame.keyPositions.append(key.position);
                if (const auto identity = pythonKeyIdentity(*key.value))
                    frame.keyIndexes.insert(*identity, index);
            }
        }
        if (!entryComplete)
            frame.failed = true;
        if (frame.isRoot)
            addRootEntry(key, value);
    }

    std::optional<qsizetype> findKey(const Frame& frame, const PyValue& key) const {
        const auto identity = pythonKeyIdentity(key);
        if (!identity)
            return std::nullopt;
        const auto found = frame.keyIndexes.constFind(*identity);
        return found == frame.keyIndexes.cend() ? std::nullopt : std::optional(found.value());
    }

    void addRootEntry(const Node& key, const Node& value) {
        YamlEntry entry;
        entry.key = key.value;
        entry.keySource = key.source;
        entry.keyPosition = key.position;
        entry.value = value.value;
        entry.valuePosition = value.position;
        entry.valueIsPlainScalar = value.plainScalar;
        entry.valueSource = value.plainScalar ? value.source : QString();
        entry.diagnostics = std::move(m_pendingDiagnostics);
        m_pendingDiagnostics.clear();
        m_document.entries.append(std::move(entry));
    }

    void finishRoot(const Node& node) {
        if (m_document.root == YamlDocument::Root::Mapping)
            return;
        if (!node.value) {
            m_document.root = YamlDocument::Root::Other;
            m_document.rootTypeName = QStringLiteral("value");
        } else if (!node.value->isNone()) {
            m_document.root = YamlDocument::Root::Other;
            m_document.rootTypeName = node.value->typeName();
        }
        m_document.rootPosition = node.position;
    }

    const SourceText& m_source;
    QString m_fileName;
    YamlDocument& m_document;
    std::vector<Frame> m_stack;
    std::map<YAML::anchor_t, Node> m_anchors;
    Diagnostics m_pendingDiagnostics;
    qint64 m_values = 0;
    int m_documents = 0;
};

Diagnostic documentError(const QString& fileName, SourcePosition position, QString message, QString fix) {
    Diagnostic diagnostic = makeError(std::nullopt, std::move(message), std::move(fix));
    diagnostic.file = fileName;
    diagnostic.position = position;
    return diagnostic;
}

// yaml-cpp's syntax error in plain words, at the place the reader has to look at.
Diagnostic syntaxError(const SourceText& source, const DocumentBuilder& builder, const YAML::Exception& error,
                       const QString& fileName) {
    SourcePosition position = source.position(error.mark.pos);
    QString message = plainSyntaxMessage(error.msg);
    if (error.msg == YAML::ErrorMsg::UNKNOWN_ANCHOR) {
        const QString name = source.aliasName(error.mark.pos);
        message = QStringLiteral("the alias `*%1` refers to an anchor `&%1` that is not defined before it")
                      .arg(name);
    } else if (const auto tab = source.tabInIndentation(position.line)) {
        position = *tab;
        message = plainSyntaxMessage(YAML::ErrorMsg::TAB_IN_INDENTATION);
    }
    const bool unclosedSequence = error.msg == YAML::ErrorMsg::END_OF_SEQ_FLOW;
    if (unclosedSequence || error.msg == YAML::ErrorMsg::END_OF_MAP_FLOW) {
        if (const auto opened = builder.openFlowCollection(!unclosedSequence))
            position = *opened;
    }
    return documentError(fileName, position, QStringLiteral("YAML syntax error: ") + message, QString());
}

} // namespace

YamlDocument readYamlDocument(const QByteArray& text, const QString& fileName) {
    YamlDocument document;
    if (text.size() > kYamlMaxBytes) {
        document.diagnostics.append(documentError(
            fileName, {}, QStringLiteral("the file is larger than %1 KiB").arg(kYamlMaxBytes / 1024),
            QStringLiteral(
                "an ImageSpec YAML file is a few dozen lines; check that this is the right file")));
        return document;
    }
    const SourceText source(text);
    if (const auto bad = source.firstUnreadableCharacter()) {
        document.diagnostics.append(documentError(
            fileName, source.position(bad->first), bad->second,
            QStringLiteral("remove it; in a double-quoted text write it as an escape such as \\x00")));
        return document;
    }

    DocumentBuilder builder(source, fileName, document);
    std::istringstream stream(source.bytes().toStdString());
    try {
        YAML::Parser parser(stream);
        while (parser.HandleNextDocument(builder)) {
        }
        return document;
    } catch (const StopParsing& stop) {
        document.diagnostics = {documentError(fileName, stop.position, stop.message, stop.fix)};
    } catch (const YAML::Exception& error) {
        document.diagnostics = {syntaxError(source, builder, error, fileName)};
    } catch (const std::exception& error) {
        document.diagnostics = {documentError(
            fileName, {},
            QStringLiteral("the YAML reader failed: %1").arg(QString::fromLocal8Bit(error.what())),
            QString())};
    }
    // Whatever was read before the failure is not what the file means; the error comes first.
    document.root = YamlDocument::Root::Nothing;
    document.entries.clear();
    return document;
}

} // namespace slipway::spec
