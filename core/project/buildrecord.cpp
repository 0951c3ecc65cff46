#include "project/buildrecord.h"

#include "project/secretredaction.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <algorithm>
#include <array>
#include <utility>

namespace slipway::project {

using docker::BuildOptions;
using docker::BuildOutcome;
using docker::BuildStep;
using docker::PushLayerProgress;

namespace {

// Enum <-> JSON name tables: the names are the file format, the enum order is not.
template <typename E, std::size_t N> using NameTable = std::array<std::pair<E, const char*>, N>;

constexpr NameTable<BuildStep::State, 5> kStepStates{{{BuildStep::State::Waiting, "waiting"},
                                                      {BuildStep::State::Running, "running"},
                                                      {BuildStep::State::Cached, "cached"},
                                                      {BuildStep::State::Done, "done"},
                                                      {BuildStep::State::Failed, "failed"}}};

constexpr NameTable<PushLayerProgress::State, 7> kLayerStates{
    {{PushLayerProgress::State::Waiting, "waiting"},
     {PushLayerProgress::State::Preparing, "preparing"},
     {PushLayerProgress::State::Pushing, "pushing"},
     {PushLayerProgress::State::Pushed, "pushed"},
     {PushLayerProgress::State::AlreadyExists, "already-exists"},
     {PushLayerProgress::State::Mounted, "mounted"},
     {PushLayerProgress::State::Failed, "failed"}}};

constexpr NameTable<BuildOutcome::Status, 4> kOutcomes{
    {{BuildOutcome::Status::Succeeded, "succeeded"},
     {BuildOutcome::Status::SkippedExists, "skipped-exists"},
     {BuildOutcome::Status::Failed, "failed"},
     {BuildOutcome::Status::Cancelled, "cancelled"}}};

constexpr NameTable<build::DockerfileDialect, 2> kDialects{
    {{build::DockerfileDialect::BuildKit, "buildkit"}, {build::DockerfileDialect::Classic, "classic"}}};

constexpr NameTable<build::Installer, 2> kInstallers{
    {{build::Installer::Uv, "uv"}, {build::Installer::Pip, "pip"}}};

template <typename E, std::size_t N> QString nameOf(const NameTable<E, N>& table, E value) {
    for (const auto& [entry, name] : table) {
        if (entry == value)
            return QString::fromLatin1(name);
    }
    return {};
}

// Reads JSON back; the first problem is kept so the error can name the field.
class Reader {
public:
    template <typename E, std::size_t N>
    E enumValue(const QJsonObject& object, const char* key, const NameTable<E, N>& table) {
        const QString text = object.value(QLatin1String(key)).toString();
        for (const auto& [entry, name] : table) {
            if (text == QLatin1String(name))
                return entry;
        }
        note(QStringLiteral("\"%1\" is not a known value of %2").arg(text, QLatin1String(key)));
        return table[0].first;
    }

    QDateTime time(const QJsonObject& object, const char* key) {
        const QJsonValue value = object.value(QLatin1String(key));
        if (value.isUndefined() || value.isNull())
            return {};
        const QDateTime parsed = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
        if (!parsed.isValid())
            note(QStringLiteral("%1 is not a date").arg(QLatin1String(key)));
        return parsed;
    }

    void note(const QString& problem) {
        if (m_problem.isEmpty())
            m_problem = problem;
    }
    const QString& problem() const { return m_problem; }

private:
    QString m_problem;
};

QString timeText(const QDateTime& time) {
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QJsonValue timeValue(const QDateTime& time) {
    return time.isValid() ? QJsonValue(timeText(time)) : QJsonValue();
}

QJsonObject optionsToJson(const BuildOptions& options) {
    QJsonObject buildArgs;
    for (auto it = options.buildArgs.cbegin(); it != options.buildArgs.cend(); ++it)
        buildArgs.insert(it.key(), it.value());
    return {{"dialect", nameOf(kDialects, options.dockerfile.dialect)},
            {"installer", nameOf(kInstallers, options.dockerfile.installer)},
            {"addFlytekit", options.dockerfile.addFlytekit},
            {"flytekitVersion", options.dockerfile.flytekitVersion},
            {"syntaxLine", options.dockerfile.syntaxLine},
            {"fallbackPythonVersion", options.dockerfile.fallbackPythonVersion},
            {"platform", options.platform},
            {"buildArgs", buildArgs},
            {"noCache", options.noCache},
            {"pull", options.pull},
            {"force", options.force},
            {"push", options.push}};
}

BuildOptions optionsFromJson(const QJsonObject& json, Reader& reader) {
    BuildOptions options;
    options.dockerfile.dialect = reader.enumValue(json, "dialect", kDialects);
    options.dockerfile.installer = reader.enumValue(json, "installer", kInstallers);
    options.dockerfile.addFlytekit = json.value("addFlytekit").toBool(true);
    options.dockerfile.flytekitVersion = json.value("flytekitVersion").toString();
    options.dockerfile.syntaxLine = json.value("syntaxLine").toBool(true);
    options.dockerfile.fallbackPythonVersion =
        json.value("fallbackPythonVersion").toString(options.dockerfile.fallbackPythonVersion);
    options.platform = json.value("platform").toString();
    const QJsonObject buildArgs = json.value("buildArgs").toObject();
    for (auto it = buildArgs.begin(); it != buildArgs.end(); ++it)
        options.buildArgs.insert(it.key(), it.value().toString());
    options.noCache = json.value("noCache").toBool();
    options.pull = json.value("pull").toBool();
    options.force = json.value("force").toBool();
    options.push = json.value("push").toBool();
    return options;
}

QJsonObject stepToJson(const BuildStep& step) {
    QJsonObject json{{"id", QString::fromLatin1(step.id)},
                     {"name", step.name},
                     {"state", nameOf(kStepStates, step.state)},
                     {"started", timeValue(step.started)},
                     {"completed", timeValue(step.completed)}};
    if (step.total > 0) {
        json.insert("current", step.current);
        json.insert("total", step.total);
    }
    if (!step.error.isEmpty())
        json.insert("error", step.error);
    return json;
}

BuildStep stepFromJson(const QJsonObject& json, Reader& reader) {
    BuildStep step;
    step.id = json.value("id").toString().toLatin1();
    step.name = json.value("name").toString();
    step.state = reader.enumValue(json, "state", kStepStates);
    step.started = reader.time(json, "started");
    step.completed = reader.time(json, "completed");
    step.current = json.value("current").toInteger();
    step.total = json.value("total").toInteger();
    step.error = json.value("error").toString();
    return step;
}

QJsonObject layerToJson(const PushLayerProgress& layer) {
    return {{"id", layer.layerId},
            {"state", nameOf(kLayerStates, layer.state)},
            {"current", layer.current},
            {"total", layer.total},
            {"detail", layer.detail}};
}

PushLayerProgress layerFromJson(const QJsonObject& json, Reader& reader) {
    PushLayerProgress layer;
    layer.layerId = json.value("id").toString();
    layer.state = reader.enumValue(json, "state", kLayerStates);
    layer.current = json.value("current").toInteger();
    layer.total = json.value("total").toInteger();
    layer.detail = json.value("detail").toString();
    return layer;
}

QJsonObject outcomeToJson(const BuildOutcome& outcome) {
    return {{"status", nameOf(kOutcomes, outcome.status)},
            {"imageReference", outcome.imageReference},
            {"imageId", outcome.imageId},
            {"digest", outcome.digest},
            {"failedStep", outcome.failedStep},
            {"lastLogLines", QJsonArray::fromStringList(outcome.lastLogLines)},
            {"error", QJsonObject{{"code", outcome.error.code},
                                  {"message", outcome.error.message},
                                  {"fix", outcome.error.fix},
                                  {"detail", outcome.error.detail}}}};
}

BuildOutcome outcomeFromJson(const QJsonObject& json, Reader& reader) {
    BuildOutcome outcome;
    outcome.status = reader.enumValue(json, "status", kOutcomes);
    outcome.imageReference = json.value("imageReference").toString();
    outcome.imageId = json.value("imageId").toString();
    outcome.digest = json.value("digest").toString();
    outcome.failedStep = json.value("failedStep").toString();
    for (const QJsonValue& line : json.value("lastLogLines").toArray())
        outcome.lastLogLines.append(line.toString());
    const QJsonObject error = json.value("error").toObject();
    outcome.error = Error{error.value("code").toString(), error.value("message").toString(),
                          error.value("fix").toString(), error.value("detail").toString()};
    return outcome;
}

template <typename T, typename F> QJsonArray arrayOf(const QList<T>& items, F convert) {
    QJsonArray array;
    for (const T& item : items)
        array.append(convert(item));
    return array;
}

} // namespace

qint64 stepDurationMs(const BuildStep& step, const QDateTime& now) {
    if (!step.started.isValid())
        return -1;
    const QDateTime end = step.completed.isValid() ? step.completed : now;
    return std::max<qint64>(0, step.started.msecsTo(end));
}

qint64 BuildRecord::durationMs(const QDateTime& now) const {
    if (!started.isValid())
        return -1;
    const QDateTime end = finished.isValid() ? finished : now;
    return std::max<qint64>(0, started.msecsTo(end));
}

int BuildRecord::cachedStepCount() const {
    return static_cast<int>(std::count_if(steps.cbegin(), steps.cend(), [](const BuildStep& s) {
        return s.state == BuildStep::State::Cached;
    }));
}

const BuildStep* BuildRecord::failedStep() const {
    for (const BuildStep& step : steps) {
        if (step.state == BuildStep::State::Failed)
            return &step;
    }
    return nullptr;
}

BuildRecord BuildRecord::redacted() const {
    BuildRecord copy = *this;
    copy.specYaml = redactSecrets(specYaml);
    copy.dockerfile = redactSecrets(dockerfile);
    copy.imageReference = redactSecrets(imageReference);
    for (auto it = copy.options.buildArgs.begin(); it != copy.options.buildArgs.end(); ++it)
        it.value() = isSecretName(it.key()) ? QString(kRedacted) : redactSecrets(it.value());
    for (BuildStep& step : copy.steps) {
        step.name = redactSecrets(step.name);
        step.error = redactSecrets(step.error);
    }
    if (copy.outcome) {
        BuildOutcome& ended = *copy.outcome;
        ended.failedStep = redactSecrets(ended.failedStep);
        for (QString& line : ended.lastLogLines)
            line = redactSecrets(line);
        ended.error.message = redactSecrets(ended.error.message);
        ended.error.fix = redactSecrets(ended.error.fix);
        ended.error.detail = redactSecrets(ended.error.detail);
    }
    return copy;
}

QJsonObject BuildRecord::toJson() const {
    QJsonObject json{{"schema", kSchemaVersion},
                     {"id", id},
                     {"specFile", specFile},
                     {"specName", specName},
                     {"specYaml", specYaml},
                     {"imageReference", imageReference},
                     {"dockerfile", dockerfile},
                     {"options", optionsToJson(options)},
                     {"started", timeValue(started)},
                     {"finished", timeValue(finished)},
                     {"steps", arrayOf(steps, stepToJson)},
                     {"pushLayers", arrayOf(pushLayers, layerToJson)},
                     {"logBytes", logBytes},
                     {"logDroppedBytes", logDroppedBytes}};
    json.insert("outcome", outcome ? QJsonValue(outcomeToJson(*outcome)) : QJsonValue());
    return json;
}

Result<BuildRecord> BuildRecord::fromJson(const QJsonObject& json) {
    const int schema = json.value("schema").toInt(0);
    if (schema < 1)
        return fail(QStringLiteral("build-record-format"),
                    QStringLiteral("the file is not a Slipway build record"),
                    QStringLiteral("Delete the file; Slipway lists the other builds without it."));
    if (schema > kSchemaVersion)
        return fail(
            QStringLiteral("build-record-newer"),
            QStringLiteral("the build record was written by a newer Slipway (format %1, this one reads %2)")
                .arg(schema)
                .arg(kSchemaVersion),
            QStringLiteral("Open it with the newer Slipway, or delete it."));

    Reader reader;
    BuildRecord record;
    record.id = json.value("id").toString();
    if (!isValidId(record.id))
        reader.note(QStringLiteral("the id \"%1\" is not valid").arg(record.id));
    record.specFile = json.value("specFile").toString();
    record.specName = json.value("specName").toString();
    record.specYaml = json.value("specYaml").toString();
    record.imageReference = json.value("imageReference").toString();
    record.dockerfile = json.value("dockerfile").toString();
    record.options = optionsFromJson(json.value("options").toObject(), reader);
    record.started = reader.time(json, "started");
    record.finished = reader.time(json, "finished");
    for (const QJsonValue& step : json.value("steps").toArray())
        record.steps.append(stepFromJson(step.toObject(), reader));
    for (const QJsonValue& layer : json.value("pushLayers").toArray())
        record.pushLayers.append(layerFromJson(layer.toObject(), reader));
    if (json.value("outcome").isObject())
        record.outcome = outcomeFromJson(json.value("outcome").toObject(), reader);
    record.logBytes = json.value("logBytes").toInteger();
    record.logDroppedBytes = json.value("logDroppedBytes").toInteger();
    if (!reader.problem().isEmpty())
        return fail(QStringLiteral("build-record-format"),
                    QStringLiteral("the build record is damaged: %1").arg(reader.problem()),
                    QStringLiteral("Delete the record; Slipway lists the other builds without it."));
    return record;
}

QString BuildRecord::newId(const QDateTime& started) {
    return started.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmsszzz'Z'")) + QLatin1Char('-') +
           QString::number(QRandomGenerator::global()->bounded(0x1000000), 16)
               .rightJustified(6, QLatin1Char('0'));
}

bool BuildRecord::isValidId(const QString& id) {
    static const QRegularExpression pattern(QStringLiteral("^[0-9A-Za-z][0-9A-Za-z_-]{0,99}$"));
    return pattern.match(id).hasMatch();
}

} // namespace slipway::project
