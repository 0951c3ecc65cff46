// The ImageSpec YAML form: values typed exactly as flytekit's `yaml.safe_load` types them (the
// expected Python reprs below were produced by PyYAML 6), errors that point at the line and column,
// and a writer whose output reads back unchanged.

#include "spec/spechash.h"
#include "spec/yamldocument.h"
#include "spec/yamlspec.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <limits>

using namespace slipway;
using namespace slipway::spec;

Q_DECLARE_METATYPE(slipway::spec::PyValue)

namespace {

QString fixturePath(const QString& relative) {
    return QStringLiteral(SLIPWAY_FIXTURES_DIR "/yaml/") + relative;
}

QString describe(const Diagnostics& diagnostics) {
    QStringList lines;
    for (const Diagnostic& diagnostic : diagnostics)
        lines.append(diagnostic.text());
    return lines.join(QLatin1Char('\n'));
}

// What flytekit would get for `value` in `a: <value>`: the Python repr, or "error: <message>".
QString pythonValue(const QByteArray& valueText) {
    const YamlDocument document = readYamlDocument("a: " + valueText + "\n", QStringLiteral("t.yaml"));
    if (hasErrors(document.diagnostics))
        return QStringLiteral("error: ") + describe(document.diagnostics);
    if (document.entries.size() != 1)
        return QStringLiteral("error: %1 entries").arg(document.entries.size());
    const YamlEntry& entry = document.entries.first();
    if (hasErrors(entry.diagnostics) || !entry.value)
        return QStringLiteral("error: ") + describe(entry.diagnostics);
    return entry.value->repr();
}

const Diagnostic* findDiagnostic(const Diagnostics& diagnostics, const QString& fragment) {
    for (const Diagnostic& diagnostic : diagnostics) {
        if (diagnostic.message.contains(fragment) || diagnostic.fix.contains(fragment))
            return &diagnostic;
    }
    return nullptr;
}

QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// load -> save -> load gives the same spec, and saving that again gives the same text.
void verifyRoundTrip(const ImageSpec& spec) {
    const Result<QByteArray> saved = saveSpecYaml(spec);
    QVERIFY2(saved.has_value(), qPrintable(saved ? QString() : saved.error().describe()));
    const SpecLoadResult reloaded = loadSpecYaml(*saved, QStringLiteral("saved.yaml"));
    QVERIFY2(reloaded.spec && !hasErrors(reloaded.diagnostics),
             qPrintable(describe(reloaded.diagnostics) + QLatin1Char('\n') + QString::fromUtf8(*saved)));
    QVERIFY2(*reloaded.spec == spec, qPrintable(QString::fromUtf8(*saved)));
    const Result<QByteArray> savedAgain = saveSpecYaml(*reloaded.spec);
    QVERIFY(savedAgain.has_value());
    QCOMPARE(*savedAgain, *saved);
}

} // namespace

class TestYamlSpec : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void plainScalarsAreTypedAsPyYamlTypesThem_data();
    void plainScalarsAreTypedAsPyYamlTypesThem();
    void plainScalarsWithoutImageSpecMeaningAreErrors_data();
    void plainScalarsWithoutImageSpecMeaningAreErrors();
    void explicitTags_data();
    void explicitTags();
    void quotedAndBlockScalarsStayText_data();
    void quotedAndBlockScalarsStayText();
    void pythonVersion310IsTheFloat31AsInFlytekit();
    void numericVersionsAreKeptWithAWarning_data();
    void numericVersionsAreKeptWithAWarning();
    void unknownKeyIsReportedWithSuggestionAndPosition();
    void unknownKeyWithoutCloseMatchListsTheArguments();
    void keyThatIsNotTextIsReported();
    void duplicateKeysAreRefused_data();
    void duplicateKeysAreRefused();
    void documentMustBeOneMapping_data();
    void documentMustBeOneMapping();
    void syntaxErrorsPointAtTheProblem_data();
    void syntaxErrorsPointAtTheProblem();
    void charactersPyYamlRefusesAreErrors_data();
    void charactersPyYamlRefusesAreErrors();
    void copyMode_data();
    void copyMode();
    void lineEndingsAreReadAsPythonTextModeReadsThem();
    void aliasesShareTheirValue();
    void recursiveAliasIsRefused();
    void aliasExpansionIsBounded();
    void deepNestingIsRefusedWithoutCrashing();
    void oversizedFileIsRefused();
    void positionsOfKeysAreRecorded();
    void writerQuotesOnlyWhatNeedsIt_data();
    void writerQuotesOnlyWhatNeedsIt();
    void writerQuotesVersionsAlways();
    void writerNonStringValues_data();
    void writerNonStringValues();
    void writerLayout();
    void writerRefusesWhatYamlCannotHold_data();
    void writerRefusesWhatYamlCannotHold();
    void trickyStringsRoundTrip();
    void validFixturesLoadAndRoundTrip_data();
    void validFixturesLoadAndRoundTrip();
    void invalidFixturesReportTheirError_data();
    void invalidFixturesReportTheirError();
    void writeFileWritesWhatSaveGives();
    void writeFileIntoMissingFolderNamesThePath();
    void failedWriteKeepsTheOldFile();
    void unwritableSpecKeepsTheOldFile();
    void loadFileReportsAMissingFile();
};

void TestYamlSpec::plainScalarsAreTypedAsPyYamlTypesThem_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("repr");
    const auto row = [](const char* text, const char* repr) {
        QTest::newRow(text) << QByteArray(text) << repr;
    };
    // floats need a dot; an exponent needs a sign
    row("3.10", "3.1");
    row("3.11", "3.11");
    row("1.", "1.0");
    row("-1.", "-1.0");
    row(".5", "0.5");
    row("1_0.5_0", "10.5");
    row("1.0e+5", "100000.0");
    row("1.5E-3", "0.0015");
    row("6.02e+23", "6.02e+23");
    row("-0.0", "-0.0");
    row("1:30.5", "90.5");
    row("123456789.123456789", "123456789.12345679");
    row("1.0e+400", "inf");
    row("1.0e-400", "0.0");
    row(".inf", "inf");
    row("-.inf", "-inf");
    row("+.inf", "inf");
    row(".Inf", "inf");
    row(".NaN", "nan");
    row("1e5", "'1e5'");
    row("1.0e5", "'1.0e5'");
    row("+.5", "'+.5'");
    row("-.nan", "'-.nan'");
    row("._5", "'._5'");
    // ints: underscores dropped, leading 0 is octal, base 60 with colons
    row("0", "0");
    row("-0", "0");
    row("+12", "12");
    row("1_000", "1000");
    row("017", "15");
    row("-017", "-15");
    row("0b101", "5");
    row("-0b1_0", "-2");
    row("0x1F", "31");
    row("0xff_ff", "65535");
    row("1:30", "90");
    row("190:20:30", "685230");
    row("-1:30", "-90");
    row("1:5:05", "3905");
    row("9223372036854775807", "9223372036854775807");
    row("-9223372036854775808", "-9223372036854775808");
    row("0o17", "'0o17'");
    row("08", "'08'");
    row("0_8", "'0_8'");
    row("01:30", "'01:30'");
    row("1:60", "'1:60'");
    // bools: only these spellings
    row("yes", "True");
    row("Yes", "True");
    row("YES", "True");
    row("on", "True");
    row("ON", "True");
    row("true", "True");
    row("no", "False");
    row("NO", "False");
    row("Off", "False");
    row("FALSE", "False");
    row("yEs", "'yEs'");
    row("tRUE", "'tRUE'");
    row("y", "'y'");
    row("n", "'n'");
    // nulls
    row("null", "None");
    row("Null", "None");
    row("NULL", "None");
    row("~", "None");
    row("", "None");
    row("nULL", "'nULL'");
    row("pandas==2.2.2", "'pandas==2.2.2'");
}

void TestYamlSpec::plainScalarsAreTypedAsPyYamlTypesThem() {
    QFETCH(QByteArray, text);
    QFETCH(QString, repr);
    QCOMPARE(pythonValue(text), repr);
}

void TestYamlSpec::plainScalarsWithoutImageSpecMeaningAreErrors_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("date") << QByteArray("2001-12-14") << "read by YAML as a date";
    QTest::newRow("timestamp") << QByteArray("2001-12-14 21:59:43.10 -5") << "read by YAML as a date";
    QTest::newRow("timestamp t") << QByteArray("2001-12-14t21:59:43.10-05:00") << "read by YAML as a date";
    QTest::newRow("merge") << QByteArray("<<") << "merge keys";
    QTest::newRow("value key") << QByteArray("=") << "'value' key";
    QTest::newRow("int64 + 1") << QByteArray("9223372036854775808") << "beyond 64 bits";
    QTest::newRow("int64 - 2") << QByteArray("-9223372036854775809") << "beyond 64 bits";
    QTest::newRow("hex beyond") << QByteArray("0x8000000000000000") << "beyond 64 bits";
    QTest::newRow("base 60 beyond") << QByteArray("999999999999999999:0") << "beyond 64 bits";
    QTest::newRow("binary without digits") << QByteArray("0b_") << "cannot be read as an integer";
    QTest::newRow("hex without digits") << QByteArray("0x_") << "cannot be read as an integer";
}

void TestYamlSpec::plainScalarsWithoutImageSpecMeaningAreErrors() {
    QFETCH(QByteArray, text);
    QFETCH(QString, fragment);
    const QString value = pythonValue(text);
    QVERIFY2(value.startsWith(QLatin1String("error: ")) && value.contains(fragment), qPrintable(value));
}

void TestYamlSpec::explicitTags_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("repr");
    const auto row = [](const char* text, const char* repr) {
        QTest::newRow(text) << QByteArray(text) << repr;
    };
    row("!!str 3.10", "'3.10'");
    row("!!str", "''");
    row("!<tag:yaml.org,2002:str> 3", "'3'");
    row("!!float 3", "3.0");
    row("!!float 1e5", "100000.0");
    row("!!float inf", "inf");
    row("!!float -.INF", "-inf");
    row("!!float \" 1.5 \"", "1.5");
    row("!!float 1_0:3_0.5", "630.5");
    row("!!int \"7\"", "7");
    row("!!int 0o17", "15");
    row("!!int -0x_1", "-1");
    row("!!int \" 12 \"", "12");
    row("!!bool \"yes\"", "True");
    row("!!bool YeS", "True");
    row("!!null x", "None");
    // PyYAML types a scalar with the non-specific tag `!` as if it were plain, even when quoted.
    row("! 3.10", "3.1");
    row("! \"3.10\"", "3.1");
    row("&v ! 3.10", "3.1");
    row("!!binary aGk=", "error: the tag !!binary is not supported");
    row("!foo bar", "error: the tag !foo is not supported");
    row("!!python/tuple [a]", "error: the tag !!python/tuple is not supported");
    row("!!set {a}", "error: the tag !!set is not supported");
    row("!!str [a]", "error: the tag !!str cannot be put on a list");
    row("!!seq {a: b}", "error: the tag !!seq cannot be put on a mapping");
    row("!!int abc", "error: `abc` cannot be read as an integer");
    row("!!int", "error: `` cannot be read as an integer");
    row("!!bool maybe", "error: `maybe` cannot be read as a bool");
    row("!!float x1", "error: `x1` cannot be read as a float");
}

void TestYamlSpec::explicitTags() {
    QFETCH(QByteArray, text);
    QFETCH(QString, repr);
    const QString value = pythonValue(text);
    if (repr.startsWith(QLatin1String("error: ")))
        QVERIFY2(value.contains(repr.mid(7)) && value.startsWith(QLatin1String("error: ")),
                 qPrintable(value));
    else
        QCOMPARE(value, repr);
}

void TestYamlSpec::quotedAndBlockScalarsStayText_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("repr");
    QTest::newRow("double") << QByteArray("\"3.10\"") << "'3.10'";
    QTest::newRow("single") << QByteArray("'yes'") << "'yes'";
    QTest::newRow("null") << QByteArray("\"null\"") << "'null'";
    QTest::newRow("empty") << QByteArray("\"\"") << "''";
    QTest::newRow("escapes") << QByteArray("\"a\\tb\\x41\\u00e9\"") << "'a\\tbAé'";
    QTest::newRow("literal") << QByteArray("|\n  3.10\n") << "'3.10\\n'";
    QTest::newRow("folded") << QByteArray(">-\n  yes\n") << "'yes'";
    QTest::newRow("quoted in list") << QByteArray("[\"1\", '2', 3]") << "['1', '2', 3]";
}

void TestYamlSpec::quotedAndBlockScalarsStayText() {
    QFETCH(QByteArray, text);
    QFETCH(QString, repr);
    QCOMPARE(pythonValue(text), repr);
}

void TestYamlSpec::pythonVersion310IsTheFloat31AsInFlytekit() {
    // §2.8 V13: flytekit hashes the float 3.1, so the tag is the one for python_version=3.10 (float).
    const SpecLoadResult loaded =
        loadSpecYaml("name: my_image\npython_version: 3.10\n", QStringLiteral("v13.yaml"));
    QVERIFY(loaded.spec);
    QVERIFY2(!hasErrors(loaded.diagnostics), qPrintable(describe(loaded.diagnostics)));
    const PyValue version = *loaded.spec->argument(Field::PythonVersion);
    QCOMPARE(version.kind(), PyValue::Kind::Float);
    QCOMPARE(version.floating(), 3.1);
    QCOMPARE(version.repr(), QStringLiteral("3.1"));
    const Result<QString> tag =
        specTag(*loaded.spec, HostEnvironment{QStringLiteral("x86_64"), QDir::tempPath()});
    QVERIFY(tag.has_value());
    QCOMPARE(*tag, QStringLiteral("eB8FHqjYAKtIaOpyMbFCTw"));

    const Diagnostic* warning = findDiagnostic(loaded.diagnostics, QStringLiteral("python_version 3.10"));
    QVERIFY2(warning, qPrintable(describe(loaded.diagnostics)));
    QCOMPARE(warning->severity, Diagnostic::Severity::Warning);
    QCOMPARE(warning->field, std::optional(Field::PythonVersion));
    QCOMPARE(warning->message, QStringLiteral("python_version 3.10 is read by YAML as the number 3.1"));
    QCOMPARE(warning->fix, QStringLiteral("quote it: python_version: \"3.10\""));
    QCOMPARE(warning->file, QStringLiteral("v13.yaml"));
    QCOMPARE(warning->position.line, 2);
    QCOMPARE(warning->position.column, 17);

    const SpecLoadResult quoted = loadSpecYaml("python_version: \"3.10\"\n", QStringLiteral("q.yaml"));
    QVERIFY(quoted.spec);
    QCOMPARE(*quoted.spec->argument(Field::PythonVersion), PyValue(QStringLiteral("3.10")));
    QVERIFY(quoted.diagnostics.isEmpty());
}

void TestYamlSpec::numericVersionsAreKeptWithAWarning_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("fix");
    QTest::newRow("cuda float") << QByteArray("cuda: 11.8")
                                << "cuda 11.8 is read by YAML as a number, not as text"
                                << "quote it: cuda: \"11.8\"";
    QTest::newRow("cudnn int") << QByteArray("cudnn: 8") << "cudnn 8 is read by YAML as a number, not as text"
                               << "quote it: cudnn: \"8\"";
    QTest::newRow("python 3.1_0") << QByteArray("python_version: 3.1_0")
                                  << "python_version 3.1_0 is read by YAML as the number 3.1"
                                  << "quote it: python_version: \"3.1_0\"";
}

void TestYamlSpec::numericVersionsAreKeptWithAWarning() {
    QFETCH(QByteArray, text);
    QFETCH(QString, message);
    QFETCH(QString, fix);
    const SpecLoadResult loaded = loadSpecYaml(text, QStringLiteral("v.yaml"));
    QVERIFY(loaded.spec);
    QVERIFY(!hasErrors(loaded.diagnostics));
    QCOMPARE(loaded.diagnostics.size(), 1);
    QCOMPARE(loaded.diagnostics.first().message, message);
    QCOMPARE(loaded.diagnostics.first().fix, fix);
}

void TestYamlSpec::unknownKeyIsReportedWithSuggestionAndPosition() {
    const SpecLoadResult loaded =
        loadSpecYaml("name: demo\n  # comment\npakages:\n  - pandas\n", QStringLiteral("spec.yaml"));
    QVERIFY(loaded.spec);
    QCOMPARE(*loaded.spec->argument(Field::Name), PyValue(QStringLiteral("demo")));
    QVERIFY(!loaded.spec->hasArgument(Field::Packages));
    QCOMPARE(loaded.diagnostics.size(), 1);
    const Diagnostic& error = loaded.diagnostics.first();
    QVERIFY(error.isError());
    QCOMPARE(error.message, QStringLiteral("unknown key `pakages`: ImageSpec has no such argument"));
    QCOMPARE(error.fix, QStringLiteral("did you mean `packages`?"));
    QCOMPARE(error.text(),
             QStringLiteral("spec.yaml:3:1: error: unknown key `pakages`: ImageSpec has no such "
                            "argument -> did you mean `packages`?"));
}

void TestYamlSpec::unknownKeyWithoutCloseMatchListsTheArguments() {
    const SpecLoadResult loaded = loadSpecYaml("zzzzzzzzzz: 1\n", QStringLiteral("spec.yaml"));
    QCOMPARE(loaded.diagnostics.size(), 1);
    QVERIFY(loaded.diagnostics.first().fix.startsWith(
        QLatin1String("use one of: name, python_version, builder")));
    QVERIFY(loaded.diagnostics.first().fix.endsWith(QLatin1String("builder_options, builder_config")));
}

void TestYamlSpec::keyThatIsNotTextIsReported() {
    const SpecLoadResult loaded = loadSpecYaml("name: a\nyes: 1\n", QStringLiteral("spec.yaml"));
    const Diagnostic* error = findDiagnostic(loaded.diagnostics, QStringLiteral("the bool True"));
    QVERIFY2(error, qPrintable(describe(loaded.diagnostics)));
    QCOMPARE(error->message,
             QStringLiteral("the key `yes` is read by YAML as the bool True, not as an ImageSpec "
                            "argument name"));
    QCOMPARE(error->position.line, 2);
}

void TestYamlSpec::duplicateKeysAreRefused_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");
    QTest::newRow("top level")
        << QByteArray("name: a\npackages: [x]\nname: b\n") << 3
        << "the key `name` appears twice (first at line 1); flytekit would silently keep only "
           "the last one";
    QTest::newRow("env") << QByteArray("env:\n  A: \"1\"\n  B: \"2\"\n  A: \"3\"\n") << 4
                         << "the key `A` appears twice (first at line 2)";
    QTest::newRow("equal as Python keys") << QByteArray("builder_options: {1: a,\n  true: b}\n") << 2
                                          << "the key `true` appears twice (first at line 1)";
}

void TestYamlSpec::duplicateKeysAreRefused() {
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(QString, message);
    const SpecLoadResult loaded = loadSpecYaml(text, QStringLiteral("dup.yaml"));
    QVERIFY(hasErrors(loaded.diagnostics));
    const Diagnostic* error = findDiagnostic(loaded.diagnostics, message);
    QVERIFY2(error, qPrintable(describe(loaded.diagnostics)));
    QCOMPARE(error->position.line, line);
    QCOMPARE(error->fix, QStringLiteral("remove one of the two"));
}

void TestYamlSpec::documentMustBeOneMapping_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("line");
    QTest::newRow("empty") << QByteArray() << "the file holds no ImageSpec: it is empty" << 0;
    QTest::newRow("only comments") << QByteArray("# nothing\n\n")
                                   << "the file holds no ImageSpec: it is empty" << 0;
    QTest::newRow("null document") << QByteArray("~\n") << "the file holds no ImageSpec: it is empty" << 0;
    QTest::newRow("list")
        << QByteArray("\n- name\n- x\n")
        << "the file holds a list, but an ImageSpec YAML is a mapping of ImageSpec arguments" << 2;
    QTest::newRow("text") << QByteArray("just text\n")
                          << "the file holds a str, but an ImageSpec YAML is a mapping of ImageSpec arguments"
                          << 1;
    QTest::newRow("number")
        << QByteArray("3.10\n")
        << "the file holds a float, but an ImageSpec YAML is a mapping of ImageSpec arguments" << 1;
    QTest::newRow("two documents") << QByteArray("name: a\n---\nname: b\n")
                                   << "the file holds more than one YAML document" << 2;
}

void TestYamlSpec::documentMustBeOneMapping() {
    QFETCH(QByteArray, text);
    QFETCH(QString, message);
    QFETCH(int, line);
    const SpecLoadResult loaded = loadSpecYaml(text, QStringLiteral("doc.yaml"));
    QVERIFY(!loaded.spec);
    QCOMPARE(loaded.diagnostics.size(), 1);
    QCOMPARE(loaded.diagnostics.first().message, message);
    QCOMPARE(loaded.diagnostics.first().position.line, line);
    QVERIFY(!loaded.diagnostics.first().fix.isEmpty());
}

void TestYamlSpec::syntaxErrorsPointAtTheProblem_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");
    QTest::newRow("unclosed [") << QByteArray("name: x\npackages: [pandas, numpy\napt_packages: [git]\n") << 2
                                << 11 << "YAML syntax error: a `[` list is not closed with `]`";
    QTest::newRow("unclosed [ at end") << QByteArray("packages: [a, [b, c]") << 1 << 11
                                       << "YAML syntax error: a `[` list is not closed with `]`";
    QTest::newRow("unclosed {") << QByteArray("env: {A: b\n") << 1 << 6
                                << "YAML syntax error: a `{` mapping is not closed with `}`";
    QTest::newRow("unclosed quote")
        << QByteArray("name: \"abc\n") << 1 << 7
        << "YAML syntax error: a quoted text is not closed before the end of the file";
    QTest::newRow("unclosed tagged quote")
        << QByteArray("name: &n !!str 'abc\n") << 1 << 7
        << "YAML syntax error: a quoted text is not closed before the end of the file";
    QTest::newRow("second colon")
        << QByteArray("name: a: b\n") << 1 << 8
        << "YAML syntax error: a `:` that is not allowed here (a value that contains `: ` "
           "must be quoted)";
    QTest::newRow("indentation")
        << QByteArray("env:\n  A: \"1\"\n B: \"2\"\n") << 3 << 2
        << "YAML syntax error: this line does not line up with the keys of the mapping above it";
    QTest::newRow("unknown alias")
        << QByteArray("name: *nope\n") << 1 << 7
        << "YAML syntax error: the alias `*nope` refers to an anchor `&nope` that is not "
           "defined before it";
    QTest::newRow("non-ASCII column") << QByteArray("name: \"héllo\" x\n") << 1 << 15
                                      << "YAML syntax error: a `:` that is not allowed here";
}

void TestYamlSpec::syntaxErrorsPointAtTheProblem() {
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    const SpecLoadResult loaded = loadSpecYaml(text, QStringLiteral("broken.yaml"));
    QVERIFY(!loaded.spec);
    QVERIFY(hasErrors(loaded.diagnostics));
    const Diagnostic& error = loaded.diagnostics.first();
    if (QByteArray(QTest::currentDataTag()) == "non-ASCII column") {
        // yaml-cpp reports something at the stray text; the column counts characters, not bytes.
        QVERIFY2(error.message.startsWith(QLatin1String("YAML syntax error")), qPrintable(error.text()));
        QCOMPARE(error.position.line, line);
        return;
    }
    QCOMPARE(error.message, message);
    QCOMPARE(error.file, QStringLiteral("broken.yaml"));
    QCOMPARE(error.position.line, line);
    QCOMPARE(error.position.column, column);
    QVERIFY(error.text().startsWith(
        QStringLiteral("broken.yaml:%1:%2: error: YAML syntax error").arg(line).arg(column)));
}

void TestYamlSpec::charactersPyYamlRefusesAreErrors_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("NUL") << QByteArray("name: a\nenv: {A: \"x\0y\"}\n", 24) << 2 << 12 << "U+0000";
    QTest::newRow("escape char") << QByteArray("name: é\x1b\n") << 1 << 8 << "control character U+001B";
    QTest::newRow("invalid UTF-8") << QByteArray("name: \xff\xfe\n") << 1 << 7 << "not valid UTF-8";
    QTest::newRow("UTF-16") << QByteArray("\xff\xfen\0a\0", 6) << 1 << 1 << "not valid UTF-8";
    QTest::newRow("line separator") << QByteArray("name: a\xe2\x80\xa8z\n") << 1 << 8 << "U+2028";
    QTest::newRow("next line") << QByteArray("name: a\xc2\x85z\n") << 1 << 8 << "U+0085";
}

void TestYamlSpec::charactersPyYamlRefusesAreErrors() {
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, fragment);
    const SpecLoadResult loaded = loadSpecYaml(text, QStringLiteral("chars.yaml"));
    QVERIFY(!loaded.spec);
    QCOMPARE(loaded.diagnostics.size(), 1);
    QVERIFY2(loaded.diagnostics.first().message.contains(fragment),
             qPrintable(loaded.diagnostics.first().text()));
    QCOMPARE(loaded.diagnostics.first().position.line, line);
    QCOMPARE(loaded.diagnostics.first().position.column, column);
}

void TestYamlSpec::copyMode_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<PyValue>("value"); // None when the argument must be absent
    QTest::addColumn<QString>("error");
    QTest::newRow("ALL") << QByteArray("ALL") << PyValue::copyMode(CopyMode::All) << QString();
    QTest::newRow("LOADED_MODULES") << QByteArray("LOADED_MODULES")
                                    << PyValue::copyMode(CopyMode::LoadedModules) << QString();
    QTest::newRow("NO_COPY quoted") << QByteArray("\"NO_COPY\"") << PyValue::copyMode(CopyMode::NoCopy)
                                    << QString();
    QTest::newRow("null") << QByteArray("null") << PyValue() << QString();
    QTest::newRow("lower case") << QByteArray("all") << PyValue()
                                << "source_copy_mode `all` must be written in upper case -> write ALL";
    QTest::newRow("other word") << QByteArray("everything") << PyValue()
                                << "source_copy_mode `everything` is not a copy mode -> write one of ALL, "
                                   "LOADED_MODULES or NO_COPY";
    QTest::newRow("number")
        << QByteArray("2") << PyValue()
        << "source_copy_mode is the int 2, not a copy mode -> write one of ALL, LOADED_MODULES "
           "or NO_COPY";
}

void TestYamlSpec::copyMode() {
    QFETCH(QByteArray, text);
    QFETCH(PyValue, value);
    QFETCH(QString, error);
    const SpecLoadResult loaded = loadSpecYaml("source_copy_mode: " + text + "\n", QStringLiteral("c.yaml"));
    QVERIFY(loaded.spec);
    if (!error.isEmpty()) {
        QVERIFY(hasErrors(loaded.diagnostics));
        QCOMPARE(loaded.diagnostics.first().text(), QStringLiteral("c.yaml:1:19: error: ") + error);
        QCOMPARE(loaded.diagnostics.first().field, std::optional(Field::SourceCopyMode));
        QVERIFY(!loaded.spec->hasArgument(Field::SourceCopyMode));
        return;
    }
    QVERIFY2(!hasErrors(loaded.diagnostics), qPrintable(describe(loaded.diagnostics)));
    QCOMPARE(*loaded.spec->argument(Field::SourceCopyMode), value);
    if (value.kind() == PyValue::Kind::CopyMode) {
        // flytekit itself would get the text, not the enum: say so.
        QCOMPARE(loaded.diagnostics.size(), 1);
        QCOMPARE(loaded.diagnostics.first().severity, Diagnostic::Severity::Warning);
        QVERIFY(loaded.diagnostics.first().message.startsWith(
            QLatin1String("pyflyte reads `source_copy_mode: ")));
    }
}

void TestYamlSpec::lineEndingsAreReadAsPythonTextModeReadsThem() {
    const SpecLoadResult crlf = loadSpecYaml(
        "name: a\r\ncommands:\r\n  - |\r\n    x\r\n    y\r\npakages: 1\r\n", QStringLiteral("w.yaml"));
    QVERIFY(crlf.spec);
    QCOMPARE(crlf.spec->argument(Field::Commands)->repr(), QStringLiteral("['x\\ny\\n']"));
    QCOMPARE(crlf.diagnostics.size(), 1);
    QCOMPARE(crlf.diagnostics.first().position.line, 6);
    QCOMPARE(crlf.diagnostics.first().position.column, 1);

    const SpecLoadResult classicMac = loadSpecYaml("name: a\rpackages:\r  - x\r", QStringLiteral("m.yaml"));
    QVERIFY(classicMac.spec);
    QVERIFY(classicMac.diagnostics.isEmpty());
    QCOMPARE(*classicMac.spec->argument(Field::Name), PyValue("a"));
    QCOMPARE(*classicMac.spec->argument(Field::Packages), PyValue::stringList({QStringLiteral("x")}));
}

void TestYamlSpec::aliasesShareTheirValue() {
    const SpecLoadResult loaded = loadSpecYaml(
        "env: &common\n  A: \"1\"\nbuilder_options: *common\npackages: &p [a, b]\nruntime_packages: *p\n",
        QStringLiteral("a.yaml"));
    QVERIFY(loaded.spec);
    QVERIFY2(loaded.diagnostics.isEmpty(), qPrintable(describe(loaded.diagnostics)));
    QCOMPARE(loaded.spec->argument(Field::BuilderOptions)->repr(), QStringLiteral("{'A': '1'}"));
    QCOMPARE(loaded.spec->argument(Field::RuntimePackages)->repr(), QStringLiteral("['a', 'b']"));
}

void TestYamlSpec::recursiveAliasIsRefused() {
    const SpecLoadResult loaded = loadSpecYaml("builder_options: &a [x, *a]\n", QStringLiteral("r.yaml"));
    const Diagnostic* error = findDiagnostic(loaded.diagnostics, QStringLiteral("contains it"));
    QVERIFY2(error, qPrintable(describe(loaded.diagnostics)));
    QCOMPARE(error->position.column, 25);
    QCOMPARE(error->field, std::optional(Field::BuilderOptions));
}

void TestYamlSpec::aliasExpansionIsBounded() {
    // Each level lists the previous one ten times: 10^9 values if expanded.
    QByteArray text = "builder_options:\n  l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int level = 1; level < 9; ++level) {
        const QByteArray previous = "*l" + QByteArray::number(level - 1);
        QByteArray items;
        for (int i = 0; i < 10; ++i)
            items += (i ? ", " : "") + previous;
        text += "  l" + QByteArray::number(level) + ": &l" + QByteArray::number(level) + " [" + items + "]\n";
    }
    const SpecLoadResult loaded = loadSpecYaml(text, QStringLiteral("laughs.yaml"));
    QVERIFY(!loaded.spec);
    QVERIFY2(findDiagnostic(loaded.diagnostics, QStringLiteral("expands to more than 100000 values")),
             qPrintable(describe(loaded.diagnostics)));
}

void TestYamlSpec::deepNestingIsRefusedWithoutCrashing() {
    for (const int depth : {kYamlMaxDepth + 1, 100000}) {
        const QByteArray text = "builder_options: " + QByteArray(depth, '[') + QByteArray(depth, ']') + "\n";
        const SpecLoadResult loaded = loadSpecYaml(text, QStringLiteral("deep.yaml"));
        QVERIFY(!loaded.spec);
        const Diagnostic* error =
            findDiagnostic(loaded.diagnostics, QStringLiteral("nested more than 64 levels"));
        QVERIFY2(error, qPrintable(describe(loaded.diagnostics)));
        QCOMPARE(error->position.line, 1);
        QCOMPARE(error->position.column, 18 + kYamlMaxDepth - 1);
    }
    QByteArray block = "builder_options:\n";
    for (int level = 0; level < 200; ++level)
        block += QByteArray(2 * level + 2, ' ') + "k:\n";
    QVERIFY(findDiagnostic(loadSpecYaml(block, QStringLiteral("deep.yaml")).diagnostics,
                           QStringLiteral("nested more than 64 levels")));
    // Each anchor wraps the one before: a few lines of text, but nested as deep as the chain is long.
    const auto chain = [](int links) {
        QByteArray text = "builder_options:\n  a0: &a0 [x]\n";
        for (int link = 1; link < links; ++link)
            text += "  a" + QByteArray::number(link) + ": &a" + QByteArray::number(link) + " [*a" +
                    QByteArray::number(link - 1) + "]\n";
        return text;
    };
    QVERIFY(findDiagnostic(loadSpecYaml(chain(80), QStringLiteral("chain.yaml")).diagnostics,
                           QStringLiteral("nested more than 64 levels")));
    const SpecLoadResult chained = loadSpecYaml(chain(50), QStringLiteral("chain.yaml"));
    QVERIFY2(chained.spec && !hasErrors(chained.diagnostics), qPrintable(describe(chained.diagnostics)));
    verifyRoundTrip(*chained.spec);

    const QByteArray nested =
        "builder_options: " + QByteArray(kYamlMaxDepth - 1, '[') + QByteArray(kYamlMaxDepth - 1, ']');
    const SpecLoadResult allowed = loadSpecYaml(nested, QStringLiteral("deep.yaml"));
    QVERIFY2(allowed.spec && !hasErrors(allowed.diagnostics), qPrintable(describe(allowed.diagnostics)));
    verifyRoundTrip(*allowed.spec);
}

void TestYamlSpec::oversizedFileIsRefused() {
    const SpecLoadResult loaded =
        loadSpecYaml("name: x\n#" + QByteArray(kYamlMaxBytes, 'x'), QStringLiteral("big.yaml"));
    QVERIFY(!loaded.spec);
    QCOMPARE(loaded.diagnostics.size(), 1);
    QCOMPARE(loaded.diagnostics.first().message, QStringLiteral("the file is larger than 1024 KiB"));
}

void TestYamlSpec::positionsOfKeysAreRecorded() {
    const SpecLoadResult loaded = loadSpecYaml("# spec\nname: demo\n\npackages:\n  - pandas\n   \n  "
                                               "- numpy\nenv: {A: b}\n",
                                               QStringLiteral("/p/spec.yaml"));
    QVERIFY(loaded.spec);
    const SpecOrigin& origin = loaded.spec->origin();
    QCOMPARE(origin.file, QStringLiteral("/p/spec.yaml"));
    QCOMPARE(origin.position.line, 2);
    QCOMPARE(origin.fields[size_t(Field::Name)].line, 2);
    QCOMPARE(origin.fields[size_t(Field::Name)].column, 1);
    QCOMPARE(origin.fields[size_t(Field::Packages)].line, 4);
    QCOMPARE(origin.fields[size_t(Field::Env)].line, 8);
    QCOMPARE(origin.fields[size_t(Field::Registry)].line, 0);
}

void TestYamlSpec::writerQuotesOnlyWhatNeedsIt_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("yaml");
    const auto row = [](const char* tag, const QString& text, const char* yaml) {
        QTest::newRow(tag) << text << QString::fromUtf8(yaml);
    };
    row("plain name", QStringLiteral("my-image"), "my-image");
    row("requirement", QStringLiteral("numpy==1.26.4"), "numpy==1.26.4");
    row("extras", QStringLiteral("dask[dataframe]"), "dask[dataframe]");
    row("option", QStringLiteral("--no-cache-dir"), "--no-cache-dir");
    row("apostrophe", QStringLiteral("it's"), "it's");
    row("hash inside", QStringLiteral("a#b"), "a#b");
    row("url", QStringLiteral("https://pypi.org/simple"), "https://pypi.org/simple");
    row("unicode", QStringLiteral("héllo 日本"), "héllo 日本");
    row("float text", QStringLiteral("3.10"), "\"3.10\"");
    row("bool text", QStringLiteral("yes"), "\"yes\"");
    row("on", QStringLiteral("On"), "\"On\"");
    row("null text", QStringLiteral("null"), "\"null\"");
    row("tilde", QStringLiteral("~"), "\"~\"");
    row("empty", QString(), "\"\"");
    row("octal 1.2", QStringLiteral("0o17"), "\"0o17\"");
    row("exponent", QStringLiteral("1e5"), "\"1e5\"");
    row("leading zero", QStringLiteral("08"), "\"08\"");
    row("underscores", QStringLiteral("1_000"), "\"1_000\"");
    row("base 60", QStringLiteral("1:30"), "\"1:30\"");
    row("date", QStringLiteral("2001-12-14"), "\"2001-12-14\"");
    row("merge", QStringLiteral("<<"), "\"<<\"");
    row("leading space", QStringLiteral(" lead"), "\" lead\"");
    row("trailing space", QStringLiteral("trail "), "\"trail \"");
    row("colon space", QStringLiteral("a: b"), "\"a: b\"");
    row("trailing colon", QStringLiteral("a:"), "\"a:\"");
    row("comment", QStringLiteral("a #b"), "\"a #b\"");
    row("dash space", QStringLiteral("- x"), "\"- x\"");
    row("tag format", QStringLiteral("{spec_hash}-dev"), "\"{spec_hash}-dev\"");
    row("alias", QStringLiteral("*x"), "\"*x\"");
    row("document", QStringLiteral("---x"), "\"---x\"");
    row("inner quotes", QStringLiteral("say \"hi\" \\o/"), "say \"hi\" \\o/");
    row("leading quote", QStringLiteral("\"hi\" \\o/"), "\"\\\"hi\\\" \\\\o/\"");
    row("newline", QStringLiteral("a\nb\tc\r"), "\"a\\nb\\tc\\r\"");
    row("control", QStringLiteral("a\x01") + QChar(0x7f), "\"a\\x01\\x7f\"");
    row("line separator", QString(QChar(0x2028)), "\"\\u2028\"");
    row("byte order mark", QString(QChar(0xfeff)) + QLatin1Char('x'), "\"\\ufeffx\"");
}

void TestYamlSpec::writerQuotesOnlyWhatNeedsIt() {
    QFETCH(QString, text);
    QFETCH(QString, yaml);
    ImageSpec spec;
    spec.setArgument(Field::Name, PyValue(text));
    const Result<QByteArray> saved = saveSpecYaml(spec);
    QVERIFY(saved.has_value());
    QCOMPARE(QString::fromUtf8(*saved), QStringLiteral("name: ") + yaml + QLatin1Char('\n'));
    verifyRoundTrip(spec);
}

void TestYamlSpec::writerQuotesVersionsAlways() {
    ImageSpec spec;
    spec.setArgument(Field::PythonVersion, PyValue(QStringLiteral("3.11")));
    spec.setArgument(Field::Cuda, PyValue(QStringLiteral("abc")));
    spec.setArgument(Field::Cudnn, PyValue(QStringLiteral("8")));
    const Result<QByteArray> saved = saveSpecYaml(spec);
    QVERIFY(saved.has_value());
    QCOMPARE(*saved, QByteArray("python_version: \"3.11\"\ncuda: \"abc\"\ncudnn: \"8\"\n"));
    verifyRoundTrip(spec);
}

void TestYamlSpec::writerNonStringValues_data() {
    QTest::addColumn<PyValue>("value");
    QTest::addColumn<QString>("yaml");
    QTest::newRow("float 3.1") << PyValue::floating(3.1) << "3.1";
    QTest::newRow("float 2.0") << PyValue::floating(2.0) << "2.0";
    QTest::newRow("small") << PyValue::floating(1e-05) << "1.0e-05";
    QTest::newRow("large") << PyValue::floating(1e16) << "1.0e+16";
    QTest::newRow("mantissa") << PyValue::floating(6.02e23) << "6.02e+23";
    QTest::newRow("negative zero") << PyValue::floating(-0.0) << "-0.0";
    QTest::newRow("inf") << PyValue::floating(std::numeric_limits<double>::infinity()) << ".inf";
    QTest::newRow("-inf") << PyValue::floating(-std::numeric_limits<double>::infinity()) << "-.inf";
    QTest::newRow("nan") << PyValue::floating(std::numeric_limits<double>::quiet_NaN()) << ".nan";
    QTest::newRow("int") << PyValue::integer(-42) << "-42";
    QTest::newRow("int64 min") << PyValue::integer(std::numeric_limits<qint64>::min())
                               << "-9223372036854775808";
    QTest::newRow("true") << PyValue::boolean(true) << "true";
    QTest::newRow("false") << PyValue::boolean(false) << "false";
    QTest::newRow("None") << PyValue() << "null";
    QTest::newRow("empty list") << PyValue::list({}) << "[]";
    QTest::newRow("empty dict") << PyValue::dict({}) << "{}";
}

void TestYamlSpec::writerNonStringValues() {
    QFETCH(PyValue, value);
    QFETCH(QString, yaml);
    ImageSpec spec;
    spec.setArgument(Field::PythonVersion, value);
    const Result<QByteArray> saved = saveSpecYaml(spec);
    QVERIFY(saved.has_value());
    QCOMPARE(QString::fromUtf8(*saved), QStringLiteral("python_version: ") + yaml + QLatin1Char('\n'));
    verifyRoundTrip(spec);
}

void TestYamlSpec::writerLayout() {
    ImageSpec spec;
    spec.setArgument(Field::BuilderOptions,
                     PyValue::dict({{PyValue("nested"),
                                     PyValue::list({PyValue::stringList({"a", "b"}),
                                                    PyValue::dict({{PyValue("k"), PyValue("v")},
                                                                   {PyValue::integer(2), PyValue::list({})}}),
                                                    PyValue::list({PyValue::list({PyValue()})})})},
                                    {PyValue("secret"), PyValue("s")}}));
    spec.setArgument(Field::SourceCopyMode, PyValue::copyMode(CopyMode::All));
    spec.setArgument(Field::Entrypoint, PyValue::list({}));
    spec.setArgument(Field::Packages, PyValue::stringList({"pandas", "numpy==1.26.4"}));
    spec.setArgument(Field::Env,
                     PyValue::dict({{PyValue("FOO"), PyValue("bar")}, {PyValue("N"), PyValue("1")}}));
    spec.setArgument(Field::PythonVersion, PyValue("3.11"));
    spec.setArgument(Field::Name, PyValue("my-image"));
    spec.setArgument(Field::Registry, PyValue());
    const Result<QByteArray> saved = saveSpecYaml(spec);
    QVERIFY(saved.has_value());
    QCOMPARE(QString::fromUtf8(*saved), QStringLiteral("name: my-image\n"
                                                       "python_version: \"3.11\"\n"
                                                       "env:\n"
                                                       "  FOO: bar\n"
                                                       "  N: \"1\"\n"
                                                       "registry: null\n"
                                                       "packages:\n"
                                                       "  - pandas\n"
                                                       "  - numpy==1.26.4\n"
                                                       "entrypoint: []\n"
                                                       "source_copy_mode: ALL\n"
                                                       "builder_options:\n"
                                                       "  nested:\n"
                                                       "    - - a\n"
                                                       "      - b\n"
                                                       "    - k: v\n"
                                                       "      2: []\n"
                                                       "    - - - null\n"
                                                       "  secret: s\n"));
    verifyRoundTrip(spec);

    const Result<QByteArray> empty = saveSpecYaml(ImageSpec());
    QVERIFY(empty.has_value());
    QCOMPARE(*empty, QByteArray("{}\n"));
    verifyRoundTrip(ImageSpec());
}

void TestYamlSpec::writerRefusesWhatYamlCannotHold_data() {
    QTest::addColumn<int>("field");
    QTest::addColumn<PyValue>("value");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("fix");
    auto base = std::make_shared<ImageSpec>();
    base->setArgument(Field::Name, PyValue("base"));
    QTest::newRow("nested base image") << int(Field::BaseImage) << PyValue::spec(base)
                                       << "base_image is another ImageSpec, which cannot be written to YAML"
                                       << "build that image first and set base_image to its image name";
    QTest::newRow("secret mounts")
        << int(Field::PipSecretMounts) << PyValue::list({PyValue::tuple({PyValue("src"), PyValue("dst")})})
        << "pip_secret_mounts holds (source, target) tuples, which cannot be written to "
           "YAML"
        << "keep pip_secret_mounts in a Python ImageSpec";
    QTest::newRow("tuple in options")
        << int(Field::BuilderOptions)
        << PyValue::dict({{PyValue("t"), PyValue::tuple({PyValue::integer(1)})}})
        << "builder_options holds the tuple (1,), which cannot be written to YAML"
        << "use a list instead of a tuple";
    QTest::newRow("lone surrogate") << int(Field::Packages)
                                    << PyValue::list(
                                           {PyValue(QStringLiteral("ok")), PyValue(QString(QChar(0xd800)))})
                                    << "packages holds text with a lone surrogate code unit, which cannot be "
                                       "written to YAML"
                                    << "replace the broken character";
    QTest::newRow("enum in options")
        << int(Field::BuilderOptions) << PyValue::dict({{PyValue("m"), PyValue::copyMode(CopyMode::All)}})
        << "builder_options holds the enum <CopyFileDetection.ALL: 2>, which cannot be "
           "written to YAML"
        << "write its name as text instead";
}

void TestYamlSpec::writerRefusesWhatYamlCannotHold() {
    QFETCH(int, field);
    QFETCH(PyValue, value);
    QFETCH(QString, message);
    QFETCH(QString, fix);
    ImageSpec spec;
    spec.setArgument(Field::Name, PyValue("x"));
    spec.setArgument(Field(field), value);
    const Result<QByteArray> saved = saveSpecYaml(spec);
    QVERIFY(!saved.has_value());
    QCOMPARE(saved.error().message, message);
    QVERIFY2(saved.error().fix.contains(fix), qPrintable(saved.error().fix));
}

void TestYamlSpec::trickyStringsRoundTrip() {
    const QStringList texts = {
        QString(),
        QStringLiteral(" "),
        QStringLiteral("\t"),
        QStringLiteral("-"),
        QStringLiteral("?"),
        QStringLiteral(":"),
        QStringLiteral("- -"),
        QStringLiteral("? x"),
        QStringLiteral(": x"),
        QStringLiteral("#"),
        QStringLiteral("a #"),
        QStringLiteral("..."),
        QStringLiteral("---"),
        QStringLiteral("'"),
        QStringLiteral("\""),
        QStringLiteral("\\"),
        QStringLiteral("a\\nb"),
        QStringLiteral("[a]"),
        QStringLiteral("{a: b}"),
        QStringLiteral("a,b"),
        QStringLiteral("a]b"),
        QStringLiteral("@x"),
        QStringLiteral("`x"),
        QStringLiteral("%x"),
        QStringLiteral("!x"),
        QStringLiteral("&x"),
        QStringLiteral("|"),
        QStringLiteral(">"),
        QStringLiteral("="),
        QStringLiteral("<<"),
        QStringLiteral(".inf"),
        QStringLiteral("-.inf"),
        QStringLiteral(".nan"),
        QStringLiteral(".5"),
        QStringLiteral("+.5"),
        QStringLiteral("0x1F"),
        QStringLiteral("0b1"),
        QStringLiteral("1_0.5"),
        QStringLiteral("1:30.5"),
        QStringLiteral("9223372036854775808"),
        QStringLiteral("\n"),
        QStringLiteral("\r\n"),
        QStringLiteral("a\n\nb"),
        QStringLiteral("trail\n"),
        QString(QChar(0)),
        QString(QChar(0x85)),
        QString(QChar(0xa0)),
        QString(QChar(0x2029)),
        QString(QChar(0xfffe)),
        QString(QChar(0xfdd0)),
        QString(QChar(0xfeff)),
        QString::fromUcs4(U"\U0001F600"),
        QString(2000, QLatin1Char('k')),
        QString(400, QChar(0x65e5)), // 400 characters, but 1200 bytes: too long for an implicit key
    };
    PyValue::List items;
    PyValue::Dict entries;
    for (const QString& text : texts) {
        items.append(PyValue(text));
        entries.append({PyValue(text), PyValue(text)});
    }
    ImageSpec spec;
    spec.setArgument(Field::Name, PyValue(texts.join(QString())));
    spec.setArgument(Field::Packages, PyValue::list(items));
    spec.setArgument(Field::Env, PyValue::dict(entries));
    spec.setArgument(
        Field::BuilderOptions,
        PyValue::dict({{PyValue("deep"), PyValue::list({PyValue::list(items), PyValue::dict(entries)})}}));
    verifyRoundTrip(spec);
}

void TestYamlSpec::validFixturesLoadAndRoundTrip_data() {
    QTest::addColumn<QString>("path");
    const QDir dir(fixturePath(QStringLiteral("valid")));
    const QStringList names = dir.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name);
    QVERIFY(names.size() >= 10);
    for (const QString& name : names)
        QTest::newRow(qPrintable(name)) << dir.filePath(name);
}

void TestYamlSpec::validFixturesLoadAndRoundTrip() {
    QFETCH(QString, path);
    const SpecLoadResult loaded = loadSpecYamlFile(path);
    QVERIFY2(loaded.spec && !hasErrors(loaded.diagnostics), qPrintable(describe(loaded.diagnostics)));
    QCOMPARE(loaded.spec->origin().file, path);
    verifyRoundTrip(*loaded.spec);
}

void TestYamlSpec::invalidFixturesReportTheirError_data() {
    // Each file's first line says what it must report: `# expect: LINE:COLUMN message fragment`.
    QTest::addColumn<QString>("path");
    const QDir dir(fixturePath(QStringLiteral("invalid")));
    const QStringList names = dir.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name);
    QVERIFY(names.size() >= 8);
    for (const QString& name : names)
        QTest::newRow(qPrintable(name)) << dir.filePath(name);
}

void TestYamlSpec::invalidFixturesReportTheirError() {
    QFETCH(QString, path);
    const QByteArray text = readFile(path);
    const QByteArray firstLine = text.left(text.indexOf('\n'));
    QVERIFY2(firstLine.startsWith("# expect: "), "fixture lacks its `# expect:` line");
    const QByteArray expectation = firstLine.mid(10);
    const QList<QByteArray> place = expectation.left(expectation.indexOf(' ')).split(':');
    const QString fragment = QString::fromUtf8(expectation.mid(expectation.indexOf(' ') + 1));

    const SpecLoadResult loaded = loadSpecYamlFile(path);
    QVERIFY(hasErrors(loaded.diagnostics));
    const Diagnostic* error = findDiagnostic(loaded.diagnostics, fragment);
    QVERIFY2(error, qPrintable(describe(loaded.diagnostics)));
    QVERIFY(error->isError());
    QCOMPARE(error->file, path);
    QCOMPARE(error->position.line, place.value(0).toInt());
    QCOMPARE(error->position.column, place.value(1).toInt());
}

void TestYamlSpec::writeFileWritesWhatSaveGives() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("spec.yaml"));
    ImageSpec spec;
    spec.setArgument(Field::Name, PyValue("demo"));
    spec.setArgument(Field::PythonVersion, PyValue("3.12"));
    QVERIFY(writeSpecYamlFile(spec, path).has_value());
    QCOMPARE(readFile(path), QByteArray("name: demo\npython_version: \"3.12\"\n"));
    const SpecLoadResult loaded = loadSpecYamlFile(path);
    QVERIFY(loaded.spec);
    QCOMPARE(*loaded.spec, spec);
}

void TestYamlSpec::writeFileIntoMissingFolderNamesThePath() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("no/such/folder/spec.yaml"));
    const Result<void> written = writeSpecYamlFile(ImageSpec(), path);
    QVERIFY(!written.has_value());
    QCOMPARE(written.error().code, QStringLiteral("spec.yaml.write"));
    QVERIFY2(written.error().message.contains(QDir::toNativeSeparators(path)),
             qPrintable(written.error().message));
    QVERIFY(!QFile::exists(path));
}

void TestYamlSpec::failedWriteKeepsTheOldFile() {
    // A 250-character name exists happily, but the temporary file QSaveFile writes beside it cannot
    // get its longer name, so the write fails after the old file was already there.
    QTemporaryDir dir;
    const QString path = dir.filePath(QString(250, QLatin1Char('s')));
    {
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("name: old\n");
    }
    ImageSpec spec;
    spec.setArgument(Field::Name, PyValue("new"));
    const Result<void> written = writeSpecYamlFile(spec, path);
    QVERIFY(!written.has_value());
    QVERIFY2(written.error().message.contains(QDir::toNativeSeparators(path)),
             qPrintable(written.error().message));
    QCOMPARE(readFile(path), QByteArray("name: old\n"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1); // no temporary file left
}

void TestYamlSpec::unwritableSpecKeepsTheOldFile() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("spec.yaml"));
    {
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("name: old\n");
    }
    ImageSpec spec;
    spec.setArgument(Field::BaseImage, PyValue::spec(std::make_shared<ImageSpec>()));
    const Result<void> written = writeSpecYamlFile(spec, path);
    QVERIFY(!written.has_value());
    QCOMPARE(written.error().code, QStringLiteral("spec.yaml.unwritable"));
    QCOMPARE(readFile(path), QByteArray("name: old\n"));
}

void TestYamlSpec::loadFileReportsAMissingFile() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("missing.yaml"));
    const SpecLoadResult loaded = loadSpecYamlFile(path);
    QVERIFY(!loaded.spec);
    QCOMPARE(loaded.diagnostics.size(), 1);
    QVERIFY(loaded.diagnostics.first().message.startsWith(QStringLiteral("cannot read %1").arg(path)));
}

QTEST_GUILESS_MAIN(TestYamlSpec)
#include "tst_yamlspec.moc"
