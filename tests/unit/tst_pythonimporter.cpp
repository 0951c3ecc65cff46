// The static Python importer: ImageSpec(...) calls read from .py source without running Python,
// every literal form, names, nested base specs, with_* chains, positions, and every reason an
// argument cannot be read, reported with its file, line, column and a fix.
#include "spec/pythonimporter.h"
#include "spec/spechash.h"
#include "specbuilder.h"

#include <QTest>

using namespace slipway::spec;
using namespace slipway::testing;

Q_DECLARE_METATYPE(slipway::spec::PyValue)

namespace {

PythonImportResult importText(const QString& source) {
    return importSpecsFromPython(source.toUtf8(), "t.py");
}

QStringList texts(const Diagnostics& diagnostics) {
    QStringList out;
    for (const Diagnostic& diagnostic : diagnostics)
        out << diagnostic.text();
    return out;
}

const ImportedSpec* findSpec(const PythonImportResult& result, const QString& variable) {
    for (const ImportedSpec& imported : result.specs) {
        if (imported.variable == variable)
            return &imported;
    }
    return nullptr;
}

QStringList variables(const PythonImportResult& result) {
    QStringList out;
    for (const ImportedSpec& imported : result.specs)
        out << imported.variable;
    return out;
}

PyValue list(std::initializer_list<PyValue> items) {
    return PyValue::list(PyValue::List(items));
}
PyValue tuple(std::initializer_list<PyValue> items) {
    return PyValue::tuple(PyValue::List(items));
}
PyValue integer(qint64 value) {
    return PyValue::integer(value);
}
PyValue floating(double value) {
    return PyValue::floating(value);
}

bool sameSource(const SourcePosition& position, int line, int column) {
    return position.line == line && position.column == column;
}

} // namespace

class PythonImporterTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void literals_data() {
        QTest::addColumn<QString>("python");
        QTest::addColumn<PyValue>("expected");

        QTest::newRow("double quotes") << "\"abc\"" << PyValue("abc");
        QTest::newRow("single quotes") << "'abc'" << PyValue("abc");
        QTest::newRow("triple double") << "\"\"\"two\nlines\"\"\"" << PyValue("two\nlines");
        QTest::newRow("triple single") << "'''it's'''" << PyValue("it's");
        QTest::newRow("triple with quotes inside") << "\"\"\"say \"hi\" \"\"\"" << PyValue("say \"hi\" ");
        QTest::newRow("CRLF inside triple") << "'''a\r\nb'''" << PyValue("a\nb");
        QTest::newRow("raw") << "r\"\\d+\\n\"" << PyValue("\\d+\\n");
        QTest::newRow("raw upper, escaped quote") << "R'\\''" << PyValue("\\'");
        QTest::newRow("u prefix") << "u\"héllo\"" << PyValue("héllo");
        QTest::newRow("simple escapes") << "\"a\\nb\\tc\\\\d\\'e\\\"f\"" << PyValue("a\nb\tc\\d'e\"f");
        QTest::newRow("rare escapes")
            << "\"\\a\\b\\f\\v\\r\\0\"" << PyValue(QStringLiteral("\a\b\f\v\r") + QChar(0));
        QTest::newRow("\\xhh") << "\"\\x41\\x7e\"" << PyValue("A~");
        QTest::newRow("\\uhhhh") << "\"caf\\u00e9\"" << PyValue("café");
        QTest::newRow("\\Uhhhhhhhh") << "\"\\U0001F600\"" << PyValue(QString::fromUtf8("\xF0\x9F\x98\x80"));
        QTest::newRow("octal") << "\"\\101\\7\"" << PyValue(QStringLiteral("A\a"));
        QTest::newRow("unknown escape kept") << "\"\\d\"" << PyValue("\\d");
        QTest::newRow("line continuation in string") << "\"ab\\\ncd\"" << PyValue("abcd");
        QTest::newRow("implicit concatenation") << "\"a\" 'b' r\"\\c\"" << PyValue("ab\\c");
        QTest::newRow("parenthesised over lines")
            << "(\n    \"ghcr.io/\"\n    \"org\"  # comment\n)" << PyValue("ghcr.io/org");
        QTest::newRow("f-string without fields") << "f\"{{literal}}\"" << PyValue("{literal}");
        QTest::newRow("rf-string without fields") << "rf\"\\d{{2}}\"" << PyValue("\\d{2}");
        QTest::newRow("non-ASCII") << "\"héllo wörld ✓\"" << PyValue("héllo wörld ✓");
        QTest::newRow("int") << "42" << integer(42);
        QTest::newRow("zero") << "0" << integer(0);
        QTest::newRow("hex") << "0x1F" << integer(31);
        QTest::newRow("octal int") << "0o17" << integer(15);
        QTest::newRow("binary") << "0b101" << integer(5);
        QTest::newRow("underscores") << "1_000_000" << integer(1000000);
        QTest::newRow("hex underscore") << "0x_ff_ff" << integer(65535);
        QTest::newRow("int64 max") << "9223372036854775807" << integer(std::numeric_limits<qint64>::max());
        QTest::newRow("negative int") << "-5" << integer(-5);
        QTest::newRow("negative hex") << "-0x10" << integer(-16);
        QTest::newRow("unary plus") << "+3" << integer(3);
        QTest::newRow("double minus") << "- -7" << integer(7);
        QTest::newRow("float") << "3.11" << floating(3.11);
        QTest::newRow("float exponent") << "1e3" << floating(1000.0);
        QTest::newRow("float negative exponent") << "1.5E-2" << floating(0.015);
        QTest::newRow("leading dot") << ".5" << floating(0.5);
        QTest::newRow("trailing dot") << "5." << floating(5.0);
        QTest::newRow("float underscores") << "1_0.2_5" << floating(10.25);
        QTest::newRow("negative float") << "-2.5" << floating(-2.5);
        QTest::newRow("True") << "True" << PyValue::boolean(true);
        QTest::newRow("False") << "False" << PyValue::boolean(false);
        QTest::newRow("None") << "None" << PyValue();
        QTest::newRow("list") << "[1, \"a\", 2.5]" << list({integer(1), "a", floating(2.5)});
        QTest::newRow("empty list") << "[]" << list({});
        QTest::newRow("trailing comma") << "[\n    \"a\",\n    \"b\",\n]" << list({"a", "b"});
        QTest::newRow("tuple") << "(\"src\", \"dst\")" << tuple({"src", "dst"});
        QTest::newRow("one-tuple") << "(\"a\",)" << tuple({"a"});
        QTest::newRow("empty tuple") << "()" << tuple({});
        QTest::newRow("dict keeps insertion order")
            << "{\"b\": 1, \"a\": 2}" << PyValue::dict({{"b", integer(1)}, {"a", integer(2)}});
        QTest::newRow("empty dict") << "{}" << PyValue::dict({});
        QTest::newRow("repeated key: first place, last value")
            << "{\"a\": 1, \"b\": 2, \"a\": 3}" << PyValue::dict({{"a", integer(3)}, {"b", integer(2)}});
        QTest::newRow("nested")
            << "{\"k\": [(\"a\", [1, {\"n\": None}]), ()], \"t\": (True,)}"
            << PyValue::dict({{"k", list({tuple({"a", list({integer(1), PyValue::dict({{"n", PyValue()}})})}),
                                          tuple({})})},
                              {"t", tuple({PyValue::boolean(true)})}});
        QTest::newRow("True, 1 and 1.0 are one key")
            << "{1: \"a\", True: \"b\", 1.0: \"c\", 2.5: \"d\", (1, \"x\"): \"e\", (1.0, \"x\"): \"f\"}"
            << PyValue::dict({{integer(1), "c"}, {floating(2.5), "d"}, {tuple({integer(1), "x"}), "f"}});
        QTest::newRow("list of pairs") << "[(\"a.txt\", \"/etc/a\")]" << list({tuple({"a.txt", "/etc/a"})});
    }

    void literals() {
        QFETCH(QString, python);
        QFETCH(PyValue, expected);
        const PythonImportResult result =
            importText(QStringLiteral("spec = ImageSpec(builder_options=%1)\n").arg(python));
        QVERIFY2(result.diagnostics.isEmpty(), qPrintable(texts(result.diagnostics).join(u'\n')));
        QCOMPARE(result.specs.size(), 1);
        QVERIFY(result.specs[0].complete);
        const std::optional<PyValue>& value = result.specs[0].spec.argument(Field::BuilderOptions);
        QVERIFY(value.has_value());
        QVERIFY2(*value == expected, qPrintable(value->repr() + QStringLiteral(" != ") + expected.repr()));
    }

    void allFieldsByKeyword() {
        QString call = QStringLiteral("spec = ImageSpec(\n");
        for (const FieldInfo& info : fieldInfos())
            call += QStringLiteral("    %1=\"%1-value\",\n").arg(QLatin1StringView(info.name));
        call += u')';
        const PythonImportResult result = importText(call);
        QVERIFY(result.diagnostics.isEmpty());
        QCOMPARE(result.specs.size(), 1);
        int line = 2;
        for (const FieldInfo& info : fieldInfos()) {
            QCOMPARE(result.specs[0].spec.argument(info.field),
                     PyValue(QLatin1StringView(info.name) + "-value"));
            QVERIFY(sameSource(result.specs[0].spec.origin().fields[size_t(info.field)], line++, 5));
        }
    }

    void namesBoundToLiterals() {
        const PythonImportResult result = importText(QStringLiteral(
            "REG = \"ghcr.io/org\"\n"
            "PYTHON: str = \"3.11\"\n"
            "PACKAGES = [\"pandas\", \"numpy\"]\n"
            "ENV = {\"A\": REG}\n"
            "ALIAS = PACKAGES\n"
            "NAME = \"first\"\n"
            "NAME = \"second\"\n"
            "if True:\n"
            "    INNER = \"inner\"\n"
            "    inner = ImageSpec(name=INNER)\n"
            "spec = ImageSpec(name=NAME, registry=REG, python_version=PYTHON, packages=ALIAS, env=ENV)\n"));
        QVERIFY2(result.diagnostics.isEmpty(), qPrintable(texts(result.diagnostics).join(u'\n')));
        const ImportedSpec* spec = findSpec(result, QStringLiteral("spec"));
        QVERIFY(spec);
        QVERIFY(spec->complete);
        QCOMPARE(spec->spec.argument(Field::Name), PyValue("second"));
        QCOMPARE(spec->spec.argument(Field::Registry), PyValue("ghcr.io/org"));
        QCOMPARE(spec->spec.argument(Field::PythonVersion), PyValue("3.11"));
        QCOMPARE(spec->spec.argument(Field::Packages), strings({"pandas", "numpy"}));
        QCOMPARE(spec->spec.argument(Field::Env), PyValue::dict({{"A", "ghcr.io/org"}}));
        // A name bound inside the block that also uses it surely has its value there.
        const ImportedSpec* inner = findSpec(result, QStringLiteral("inner"));
        QVERIFY(inner);
        QCOMPARE(inner->spec.argument(Field::Name), PyValue("inner"));
    }

    void copyFileDetection_data() {
        QTest::addColumn<QString>("imports");
        QTest::addColumn<QString>("argument");
        QTest::addColumn<int>("mode");
        QTest::newRow("ALL") << "from flytekit.constants import CopyFileDetection"
                             << "CopyFileDetection.ALL" << int(CopyMode::All);
        QTest::newRow("LOADED_MODULES") << "from flytekit.constants import CopyFileDetection"
                                        << "CopyFileDetection.LOADED_MODULES" << int(CopyMode::LoadedModules);
        QTest::newRow("NO_COPY") << "from flytekit.constants import CopyFileDetection"
                                 << "CopyFileDetection.NO_COPY" << int(CopyMode::NoCopy);
        QTest::newRow("full path") << "import flytekit"
                                   << "flytekit.constants.CopyFileDetection.ALL" << int(CopyMode::All);
        QTest::newRow("module alias") << "import flytekit as fk"
                                      << "fk.constants.CopyFileDetection.NO_COPY" << int(CopyMode::NoCopy);
        QTest::newRow("class alias") << "from flytekit.constants import CopyFileDetection as CFD"
                                     << "CFD.ALL" << int(CopyMode::All);
        QTest::newRow("star import") << "from flytekit import *"
                                     << "CopyFileDetection.LOADED_MODULES" << int(CopyMode::LoadedModules);
    }

    void copyFileDetection() {
        QFETCH(QString, imports);
        QFETCH(QString, argument);
        QFETCH(int, mode);
        const PythonImportResult result =
            importText(QStringLiteral("%1\nspec = ImageSpec(source_root=\"src\", source_copy_mode=%2)\n")
                           .arg(imports, argument));
        QVERIFY2(result.diagnostics.isEmpty(), qPrintable(texts(result.diagnostics).join(u'\n')));
        QCOMPARE(result.specs.size(), 1);
        QCOMPARE(result.specs[0].spec.argument(Field::SourceCopyMode), PyValue::copyMode(CopyMode(mode)));
    }

    void nestedBaseSpec() {
        const PythonImportResult result =
            importText(QStringLiteral("from flytekit import ImageSpec\n"
                                      "base_spec = ImageSpec(name=\"base\", packages=[\"torch\"])\n"
                                      "other = base_spec\n"
                                      "final = ImageSpec(name=\"final\", base_image=other)\n"));
        QVERIFY(result.diagnostics.isEmpty());
        QCOMPARE(variables(result), QStringList({"base_spec", "final"}));
        const ImageSpec& base = result.specs[0].spec;
        const std::optional<PyValue>& nested = result.specs[1].spec.argument(Field::BaseImage);
        QVERIFY(nested.has_value());
        QVERIFY(nested->spec() != nullptr);
        QVERIFY(*nested->spec() == base);
        QCOMPARE(nested->spec()->origin().variable, QStringLiteral("base_spec"));
        QVERIFY(result.specs[1].complete);
    }

    void inlineBaseSpecIsASpecOfItsOwn() {
        const PythonImportResult result =
            importText(QStringLiteral("spec = ImageSpec(\n"
                                      "    name=\"outer\",\n"
                                      "    base_image=ImageSpec(name=\"inner\").with_packages(\"x\"),\n"
                                      ")\n"));
        QVERIFY(result.diagnostics.isEmpty());
        QCOMPARE(variables(result), QStringList({"line3", "spec"}));
        QCOMPARE(result.specs[0].spec.argument(Field::Packages), strings({"x"}));
        QVERIFY(*result.specs[1].spec.argument(Field::BaseImage)->spec() == result.specs[0].spec);
    }

    void baseOfAnIncompleteBaseIsIncomplete() {
        const PythonImportResult result =
            importText(QStringLiteral("base = ImageSpec(name=make_name())\n"
                                      "final = ImageSpec(name=\"f\", base_image=base)\n"));
        QCOMPARE(result.specs.size(), 2);
        QVERIFY(!result.specs[0].complete);
        QVERIFY(!result.specs[1].complete);
        QCOMPARE(result.diagnostics.size(), 1); // the base's argument, reported once
    }

    void withChains() {
        const PythonImportResult result = importText(QStringLiteral(
            "import flytekit as fk\n"
            "base = fk.ImageSpec(name=\"base\", packages=[\"pandas\"], builder_options={\"a\": 1, \"b\": "
            "2})\n"
            "gpu = base.with_apt_packages([\"git\"]).with_packages(\"torch\")\n"
            "more = base.with_packages([\"x\", \"y\"]).with_commands(\"echo hi\").with_copy([\"data/\"])\n"
            "opts = base.with_builder_options({\"b\": 3, \"c\": 4}).with_runtime_packages("
            "[\"r\"])\n"
            "chained = fk.ImageSpec(name=\"c\").with_packages(packages=\"p\").force_push()\n"
            "pushed = base.force_push()\n"));
        QVERIFY2(result.diagnostics.isEmpty(), qPrintable(texts(result.diagnostics).join(u'\n')));
        QCOMPARE(variables(result), QStringList({"base", "gpu", "more", "opts", "chained"}));
        const ImageSpec& base = findSpec(result, QStringLiteral("base"))->spec;
        QCOMPARE(base.argument(Field::Packages), strings({"pandas"}));
        QVERIFY(!base.hasArgument(Field::AptPackages));

        const ImageSpec& gpu = findSpec(result, QStringLiteral("gpu"))->spec;
        QCOMPARE(gpu.argument(Field::AptPackages), strings({"git"}));
        QCOMPARE(gpu.argument(Field::Packages), strings({"pandas", "torch"}));
        QCOMPARE(gpu.argument(Field::Name), PyValue("base"));
        QCOMPARE(gpu.origin().variable, QStringLiteral("gpu"));
        QVERIFY(sameSource(gpu.origin().position, 3, 7));
        QVERIFY(sameSource(gpu.origin().fields[size_t(Field::AptPackages)], 3, 30));

        const ImageSpec& more = findSpec(result, QStringLiteral("more"))->spec;
        QCOMPARE(more.argument(Field::Packages), strings({"pandas", "x", "y"}));
        QCOMPARE(more.argument(Field::Commands), strings({"echo hi"}));
        QCOMPARE(more.argument(Field::Copy), strings({"data/"}));

        const ImageSpec& opts = findSpec(result, QStringLiteral("opts"))->spec;
        QCOMPARE(opts.argument(Field::BuilderOptions),
                 PyValue::dict({{"a", integer(1)}, {"b", integer(3)}, {"c", integer(4)}}));
        QCOMPARE(opts.argument(Field::RuntimePackages), strings({"r"}));
        QVERIFY(findSpec(result, QStringLiteral("opts"))->complete);

        const ImageSpec& chained = findSpec(result, QStringLiteral("chained"))->spec;
        QCOMPARE(chained.argument(Field::Packages), strings({"p"}));
    }

    void withOnAStringFieldFails() {
        const PythonImportResult result =
            importText(QStringLiteral("spec = ImageSpec(packages=\"a\").with_packages(\"b\")\n"));
        QCOMPARE(texts(result.diagnostics),
                 QStringList(
                     {"t.py:1:8: error: packages: with_packages() cannot extend a str; Python fails here -> "
                      "give packages as a list"}));
        QCOMPARE(result.specs.size(), 1);
        QVERIFY(!result.specs[0].complete);
    }

    void withArgumentErrors_data() {
        QTest::addColumn<QString>("call");
        QTest::addColumn<QString>("diagnostic");
        QTest::newRow("starred")
            << "base.with_packages(*PKGS)"
            << "t.py:2:27: error: packages: *PKGS unpacks another value; its value is only known "
               "when Python runs -> write the value as a literal, or keep it in a YAML spec";
        QTest::newRow("no argument")
            << "base.with_apt_packages()"
            << "t.py:2:8: error: apt_packages: with_apt_packages() takes exactly one "
               "argument (apt_packages) -> pass one str or list";
        QTest::newRow("wrong keyword")
            << "base.with_copy(files=[\"a\"])"
            << "t.py:2:8: error: copy: with_copy() takes exactly one argument (src) -> "
               "pass one str or list";
        QTest::newRow("function call")
            << "base.with_commands(load())"
            << "t.py:2:27: error: commands: load() is a function call; its value is only "
               "known when Python runs -> write the value as a literal, or keep it in a "
               "YAML spec";
        QTest::newRow("options not a dict")
            << "base.with_builder_options([1])"
            << "t.py:2:34: error: builder_options: with_builder_options() "
               "takes a dict, not a list -> pass a dict such as {\"key\": \"value\"}";
    }

    void withArgumentErrors() {
        QFETCH(QString, call);
        QFETCH(QString, diagnostic);
        const PythonImportResult result =
            importText(QStringLiteral("base = ImageSpec(name=\"b\")\nspec = %1\n").arg(call));
        QCOMPARE(texts(result.diagnostics), QStringList{diagnostic});
        QCOMPARE(variables(result), QStringList({"base", "spec"}));
        QVERIFY(result.specs[0].complete);
        QVERIFY(!result.specs[1].complete);
        QCOMPARE(result.specs[1].spec.argument(Field::Name), PyValue("b"));
    }

    void withIgnoresATuple() {
        // flytekit's _update_attribute only appends a str or extends with a list.
        const PythonImportResult result =
            importText(QStringLiteral("spec = ImageSpec().with_packages((\"a\",))\n"));
        QCOMPARE(texts(result.diagnostics),
                 QStringList({"t.py:1:34: warning: packages: with_packages() ignores a "
                              "tuple -> pass a str or a list"}));
        QCOMPARE(result.specs[0].spec.argument(Field::Packages), PyValue::list({}));
        QVERIFY(result.specs[0].complete);
    }

    void withRuntimePackagesArgumentIsRead() {
        const PythonImportResult result = importText(
            QStringLiteral("spec = ImageSpec(name=\"n\").with_runtime_packages([\"r1\", \"r2\"])\n"));
        QVERIFY(result.diagnostics.isEmpty());
        QCOMPARE(result.specs[0].spec.argument(Field::RuntimePackages), strings({"r1", "r2"}));
    }

    void positionalArguments() {
        const PythonImportResult result = importText(QStringLiteral(
            "spec = ImageSpec(\"positional\", \"3.12\", \"envd\", registry=\"localhost:5000\")\n"));
        QVERIFY(result.diagnostics.isEmpty());
        const ImageSpec& spec = result.specs[0].spec;
        QCOMPARE(spec.argument(Field::Name), PyValue("positional"));
        QCOMPARE(spec.argument(Field::PythonVersion), PyValue("3.12"));
        QCOMPARE(spec.argument(Field::Builder), PyValue("envd"));
        QCOMPARE(spec.argument(Field::Registry), PyValue("localhost:5000"));
        QVERIFY(sameSource(spec.origin().fields[size_t(Field::PythonVersion)], 1, 32));
    }

    void positionalErrors_data() {
        QTest::addColumn<QString>("call");
        QTest::addColumn<QString>("diagnostic");
        QTest::newRow("positional and keyword")
            << "ImageSpec(\"a\", name=\"b\")"
            << "t.py:1:23: error: name: given twice (first at line 1) -> keep one of them";
        QTest::newRow("keyword twice")
            << "ImageSpec(name=\"a\", name=\"b\")"
            << "t.py:1:28: error: name: given twice (first at line 1) -> keep one of them";
        QTest::newRow("after keyword") << "ImageSpec(name=\"a\", \"b\")"
                                       << "t.py:1:28: error: positional argument \"b\" follows keyword "
                                          "arguments, which Python rejects -> write it "
                                          "as name=value";
        QTest::newRow("*args")
            << "ImageSpec(*ARGS)"
            << "t.py:1:18: error: *ARGS unpacks arguments that are only known when Python runs -> "
               "write the arguments out as name=value";
        QTest::newRow("**kwargs")
            << "ImageSpec(name=\"a\", **kwargs)"
            << "t.py:1:28: error: **kwargs unpacks arguments that are only known when Python "
               "runs -> write the arguments out as name=value";
    }

    void positionalErrors() {
        QFETCH(QString, call);
        QFETCH(QString, diagnostic);
        const PythonImportResult result = importText(QStringLiteral("spec = ") + call + u'\n');
        QCOMPARE(texts(result.diagnostics), QStringList{diagnostic});
        QCOMPARE(result.specs.size(), 1);
        QVERIFY(!result.specs[0].complete);
        QCOMPARE(result.specs[0].spec.argument(Field::Name).value_or(PyValue()).str().isEmpty(),
                 call.startsWith(QLatin1StringView("ImageSpec(*")));
    }

    void tooManyPositionalArguments() {
        QStringList arguments;
        for (int i = 0; i < kFieldCount + 1; ++i)
            arguments << QStringLiteral("\"v%1\"").arg(i);
        const PythonImportResult result =
            importText(QStringLiteral("spec = ImageSpec(%1)").arg(arguments.join(u',')));
        QCOMPARE(result.diagnostics.size(), 1);
        QVERIFY(result.diagnostics[0].message.contains(QLatin1StringView("at most 29 positional arguments")));
        QCOMPARE(result.specs[0].spec.argument(Field::BuilderConfig), PyValue("v28"));
    }

    void aliases_data() {
        QTest::addColumn<QString>("imports");
        QTest::addColumn<QString>("callee");
        QTest::newRow("bare") << "from flytekit import ImageSpec"
                              << "ImageSpec";
        QTest::newRow("bare without import") << ""
                                             << "ImageSpec";
        QTest::newRow("flytekit.ImageSpec") << "import flytekit"
                                            << "flytekit.ImageSpec";
        QTest::newRow("import flytekit as fk") << "import flytekit as fk"
                                               << "fk.ImageSpec";
        QTest::newRow("any module alias") << "import flytekit as flyte_sdk"
                                          << "flyte_sdk.ImageSpec";
        QTest::newRow("union.ImageSpec") << "import union"
                                         << "union.ImageSpec";
        QTest::newRow("from union") << "from union import ImageSpec"
                                    << "ImageSpec";
        QTest::newRow("class alias") << "from flytekit import ImageSpec as IS"
                                     << "IS";
        QTest::newRow("image_spec module") << "from flytekit.image_spec import ImageSpec"
                                           << "ImageSpec";
        QTest::newRow("image_spec module alias")
            << "from flytekit.image_spec.image_spec import ImageSpec as Spec"
            << "Spec";
        QTest::newRow("submodule path") << "import flytekit.image_spec"
                                        << "flytekit.image_spec.ImageSpec";
        QTest::newRow("from-imported module") << "from flytekit import image_spec"
                                              << "image_spec.ImageSpec";
        QTest::newRow("parenthesised import list")
            << "from flytekit import (\n    task,\n    ImageSpec as Img,\n)"
            << "Img";
    }

    void aliases() {
        QFETCH(QString, imports);
        QFETCH(QString, callee);
        const PythonImportResult result =
            importText(QStringLiteral("%1\nspec = %2(name=\"aliased\")\n").arg(imports, callee));
        QVERIFY2(result.diagnostics.isEmpty(), qPrintable(texts(result.diagnostics).join(u'\n')));
        QCOMPARE(variables(result), QStringList{"spec"});
        QCOMPARE(result.specs[0].spec.argument(Field::Name), PyValue("aliased"));
    }

    void notImageSpec_data() {
        QTest::addColumn<QString>("source");
        QTest::newRow("another module's ImageSpec")
            << "import mylib as fk\nspec = fk.ImageSpec(name=\"x\")\n";
        QTest::newRow("local class") << "class ImageSpec:\n    pass\nspec = ImageSpec(name=\"x\")\n";
        QTest::newRow("alias of something else") << "from mylib import Spec as IS\nspec = IS(name=\"x\")\n";
        QTest::newRow("name in a string") << "text = \"ImageSpec(name='x')\"\n";
        QTest::newRow("name in a comment") << "# spec = ImageSpec(name='x')\n";
        QTest::newRow("class pattern") << "match value:\n    case ImageSpec(name=\"x\"):\n        pass\n";
        QTest::newRow("attribute of something") << "spec = obj.ImageSpec(name=\"x\")\n";
    }

    void notImageSpec() {
        QFETCH(QString, source);
        const PythonImportResult result = importText(source);
        QVERIFY(result.specs.isEmpty());
        QCOMPARE(texts(result.diagnostics),
                 QStringList({"t.py: warning: no ImageSpec(...) call was found -> define one, e.g. image = "
                              "ImageSpec(name=\"my-image\", packages=[\"pandas\"])"}));
    }

    void inlineCalls() {
        const PythonImportResult result = importText(
            QStringLiteral("from flytekit import ImageSpec, task\n"
                           "\n"
                           "@task(container_image=ImageSpec(name=\"inline\", packages=[\"pandas\"]))\n"
                           "def first() -> None:\n"
                           "    pass\n"
                           "\n"
                           "@task(\n"
                           "    container_image=ImageSpec(\n"
                           "        name=\"second\",\n"
                           "    ).with_apt_packages(\"git\"),\n"
                           ")\n"
                           "def second() -> None:\n"
                           "    pass\n"));
        QVERIFY(result.diagnostics.isEmpty());
        QCOMPARE(variables(result), QStringList({"line3", "line8"}));
        const ImageSpec& first = result.specs[0].spec;
        QCOMPARE(first.argument(Field::Name), PyValue("inline"));
        QCOMPARE(first.origin().variable, QStringLiteral("line3"));
        QVERIFY(sameSource(first.origin().position, 3, 23));
        QCOMPARE(result.specs[1].spec.argument(Field::AptPackages), strings({"git"}));
    }

    void callsInsideFunctionsAndContainers() {
        const PythonImportResult result =
            importText(QStringLiteral("def make():\n"
                                      "    return ImageSpec(name=\"in-def\")\n"
                                      "IMAGES = [ImageSpec(name=\"a\"), ImageSpec(name=\"b\")]\n"
                                      "register(ImageSpec(name=\"c\"))\n"));
        QVERIFY(result.diagnostics.isEmpty());
        QCOMPARE(variables(result), QStringList({"line2", "line3", "line3", "line4"}));
        QCOMPARE(result.specs[2].spec.argument(Field::Name), PyValue("b"));
    }

    void origin() {
        const PythonImportResult result = importText(QStringLiteral("import flytekit as fk\n"
                                                                    "\n"
                                                                    "spec = fk.ImageSpec(\n"
                                                                    "    name=\"positions\",\n"
                                                                    "\tregistry=\"localhost:5000\",\n"
                                                                    ")\n"));
        QCOMPARE(result.specs.size(), 1);
        const SpecOrigin& origin = result.specs[0].spec.origin();
        QCOMPARE(origin.file, QStringLiteral("t.py"));
        QCOMPARE(origin.variable, QStringLiteral("spec"));
        QVERIFY(sameSource(origin.position, 3, 8));
        QVERIFY(sameSource(origin.fields[size_t(Field::Name)], 4, 5));
        QVERIFY(sameSource(origin.fields[size_t(Field::Registry)], 5, 2));
        QVERIFY(sameSource(origin.fields[size_t(Field::Packages)], 0, 0));
    }

    void unreadableArguments_data() {
        QTest::addColumn<QString>("prelude");
        QTest::addColumn<QString>("argument");
        QTest::addColumn<QString>("diagnostic");
        // The argument is always on line (prelude lines + 2), after four spaces.
        QTest::newRow("os.getenv")
            << "import os"
            << "registry=os.getenv(\"REG\")"
            << "t.py:3:14: error: registry: os.getenv(\"REG\") is a function call; its value is only known "
               "when "
               "Python runs -> write the value as a literal, or keep it in a YAML spec";
        QTest::newRow("function call")
            << ""
            << "packages=load_packages()"
            << "t.py:2:14: error: packages: load_packages() is a function call; its value "
               "is only known when Python runs -> write the value as a literal, or keep "
               "it in a YAML spec";
        QTest::newRow("variable assigned from a call")
            << "import os\nREG = os.environ.get(\"REG\", \"ghcr.io\")"
            << "registry=REG"
            << "t.py:4:14: error: registry: REG (= os.environ.get(\"REG\", \"ghcr.io\") at line 2) is a "
               "function "
               "call; its value is only known when Python runs -> write the value as a literal, or keep it "
               "in a YAML "
               "spec";
        QTest::newRow("name bound through another name")
            << "A = compute()\nB = A"
            << "name=B"
            << "t.py:4:10: error: name: B (= compute() at line 1) is a function call; its value is only "
               "known when "
               "Python runs -> write the value as a literal, or keep it in a YAML spec";
        QTest::newRow("f-string with fields") << "VERSION = \"1.0\""
                                              << "tag_format=f\"{VERSION}-{{spec_hash}}\""
                                              << "t.py:3:16: error: tag_format: f\"{VERSION}-{{spec_hash}}\" "
                                                 "is an f-string with replacement fields; "
                                                 "its value is only known when Python runs -> write the "
                                                 "value as a literal, or keep it in a YAML spec";
        QTest::newRow("f-string in a list")
            << ""
            << "packages=[\"pandas\", f\"torch=={V}\"]"
            << "t.py:2:25: error: packages: f\"torch=={V}\" is an f-string with replacement fields; its "
               "value is "
               "only known when Python runs -> write the value as a literal, or keep it in a YAML spec";
        QTest::newRow("comprehension")
            << ""
            << "packages=[p for p in PKGS]"
            << "t.py:2:14: error: packages: [p for p in PKGS] is a comprehension; its value is only known "
               "when "
               "Python runs -> write the value as a literal, or keep it in a YAML spec";
        QTest::newRow("attribute")
            << "import config"
            << "registry=config.REGISTRY"
            << "t.py:3:14: error: registry: config.REGISTRY is an attribute; only CopyFileDetection.ALL, "
               "LOADED_MODULES and NO_COPY are read without running Python -> write the value as a literal, "
               "or keep "
               "it in a YAML spec";
        QTest::newRow("unknown CopyFileDetection member")
            << "from flytekit.constants import CopyFileDetection"
            << "source_copy_mode=CopyFileDetection.SOME"
            << "t.py:3:22: error: source_copy_mode: CopyFileDetection.SOME is not a member of "
               "CopyFileDetection -> "
               "use CopyFileDetection.ALL, LOADED_MODULES or NO_COPY";
        QTest::newRow("name never bound") << ""
                                          << "registry=REGISTRY"
                                          << "t.py:2:14: error: registry: REGISTRY is not assigned anywhere "
                                             "in this file -> assign it a literal "
                                             "once at module level, or write the value here";
        QTest::newRow("name bound after use") << ""
                                              << "registry=LATER"
                                              << "t.py:2:14: error: registry: LATER is assigned only after "
                                                 "it is used (at line 5) -> assign it a "
                                                 "literal once at module level, or write the value here";
        QTest::newRow("star import") << "from settings import *"
                                     << "registry=REGISTRY"
                                     << "t.py:3:14: error: registry: REGISTRY is not assigned in this file; "
                                        "it may come from 'from settings "
                                        "import *' (line 1), whose names are only known when Python runs -> "
                                        "assign it a literal once at module "
                                        "level, or write the value here";
        QTest::newRow("imported name")
            << "from settings import REGISTRY"
            << "registry=REGISTRY"
            << "t.py:3:14: error: registry: REGISTRY is imported from settings (line 1); its value is only "
               "known "
               "when Python runs -> write the value as a literal, or keep it in a YAML spec";
        QTest::newRow("rebound inside if") << "REG = \"ghcr.io/a\"\nif DEBUG:\n    REG = \"localhost:5000\""
                                           << "registry=REG"
                                           << "t.py:5:14: error: registry: REG is assigned conditionally "
                                              "(inside if at line 2), so its value is "
                                              "only known when Python runs -> assign it a literal once at "
                                              "module level, or write the value here";
        QTest::newRow("rebound inside else") << "if DEBUG:\n    REG = \"a\"\nelse:\n    REG = \"b\""
                                             << "registry=REG"
                                             << "t.py:6:14: error: registry: REG is assigned conditionally "
                                                "(inside else at line 3), so its value is "
                                                "only known when Python runs -> assign it a literal once at "
                                                "module level, or write the value here";
        QTest::newRow("loop variable") << "for REG in [\"a\", \"b\"]:\n    pass"
                                       << "registry=REG"
                                       << "t.py:4:14: error: registry: REG is assigned conditionally (inside "
                                          "for at line 1), so its value is "
                                          "only known when Python runs -> assign it a literal once at module "
                                          "level, or write the value here";
        QTest::newRow("rebound inside def through global")
            << "REG = \"a\"\ndef configure():\n    global REG\n    REG = \"b\""
            << "registry=REG"
            << "t.py:6:14: error: registry: REG is assigned inside def configure (line 4), so its value "
               "depends on "
               "when that function runs -> assign it a literal once at module level, or write the value here";
        QTest::newRow("bound only inside def")
            << "def configure():\n    REG = \"b\""
            << "registry=REG"
            << "t.py:4:14: error: registry: REG is only assigned inside def configure (line 2), not where it "
               "is used "
               "-> assign it a literal once at module level, or write the value here";
        QTest::newRow("changed with +=") << "PKGS = [\"a\"]\nPKGS += [\"b\"]"
                                         << "packages=PKGS"
                                         << "t.py:4:14: error: packages: PKGS is changed with '+=' at line "
                                            "2; its value is only known when Python "
                                            "runs -> write the value as a literal, or keep it in a YAML spec";
        QTest::newRow("unpacking") << "A, B = \"x\", \"y\""
                                   << "name=A"
                                   << "t.py:3:10: error: name: A is assigned by unpacking at line 1; its "
                                      "value is only known when Python "
                                      "runs -> write the value as a literal, or keep it in a YAML spec";
        QTest::newRow("bytes")
            << ""
            << "name=b\"image\""
            << "t.py:2:10: error: name: b\"image\" is a bytes literal, which ImageSpec does not "
               "take -> drop the b prefix to make it a str";
        QTest::newRow("\\N escape") << ""
                                    << "name=\"\\N{BULLET}\""
                                    << "t.py:2:10: error: name: \"\\N{BULLET}\" uses a \\N{...} escape, "
                                       "which is not supported -> write the "
                                       "character itself";
        QTest::newRow("set")
            << ""
            << "packages={\"a\", \"b\"}"
            << "t.py:2:14: error: packages: {\"a\", \"b\"} is a set, whose order is only known when "
               "Python runs -> write a list: [...]";
        QTest::newRow("operator")
            << ""
            << "registry=\"ghcr.io/\" + ORG"
            << "t.py:2:14: error: registry: \"ghcr.io/\" + ORG is computed with '+'; its value "
               "is only known when Python runs -> write the value as a literal, or keep it in "
               "a YAML spec";
        QTest::newRow("conditional expression") << ""
                                                << "python_version=\"3.11\" if NEW else \"3.10\""
                                                << "t.py:2:20: error: python_version: \"3.11\" if NEW else "
                                                   "\"3.10\" is a conditional expression; its "
                                                   "value is only known when Python runs -> write the value "
                                                   "as a literal, or keep it in a YAML spec";
        QTest::newRow("subscript") << "VERSIONS = [\"3.11\"]"
                                   << "python_version=VERSIONS[0]"
                                   << "t.py:3:20: error: python_version: VERSIONS[0] is a subscript; its "
                                      "value is only known when Python "
                                      "runs -> write the value as a literal, or keep it in a YAML spec";
        QTest::newRow("complex number") << ""
                                        << "python_version=3j"
                                        << "t.py:2:20: error: python_version: 3j is a complex number, which "
                                           "ImageSpec does not take -> write a "
                                           "str or a smaller number";
        QTest::newRow("int beyond 64 bits") << ""
                                            << "python_version=99999999999999999999"
                                            << "t.py:2:20: error: python_version: 99999999999999999999 is "
                                               "too large (more than 64 bits) -> write a "
                                               "str or a smaller number";
        QTest::newRow("unhashable key")
            << ""
            << "env={[\"a\"]: \"b\"}"
            << "t.py:2:10: error: env: [\"a\"] is a list, which cannot be a dict key -> use a str key";
        QTest::newRow("unknown keyword")
            << ""
            << "regsitry=\"ghcr.io/org\""
            << "t.py:2:5: error: unknown argument 'regsitry' -> did you mean 'registry'?";
        QTest::newRow("unknown keyword without suggestion")
            << ""
            << "zzzzzzzzzzzz=1"
            << "t.py:2:5: error: unknown argument 'zzzzzzzzzzzz' -> remove it: ImageSpec has no field of "
               "that name";
        QTest::newRow("spec bound inside def")
            << "def make():\n    base = ImageSpec(name=\"b\")"
            << "base_image=base"
            << "t.py:4:16: error: base_image: base is only assigned inside def make (line 2), not where it "
               "is used "
               "-> assign it a literal once at module level, or write the value here";
    }

    void unreadableArguments() {
        QFETCH(QString, prelude);
        QFETCH(QString, argument);
        QFETCH(QString, diagnostic);
        const QString source = prelude + (prelude.isEmpty() ? QString() : QStringLiteral("\n")) +
                               QStringLiteral("spec = ImageSpec(\n    %1,\n    builder=\"readable\",\n)\n"
                                              "LATER = \"x\"\n")
                                   .arg(argument);
        const PythonImportResult result = importText(source);
        QCOMPARE(texts(result.diagnostics), QStringList{diagnostic});
        const ImportedSpec* spec = findSpec(result, QStringLiteral("spec"));
        QVERIFY(spec);
        QVERIFY(!spec->complete);
        // Everything readable is still there.
        QCOMPARE(spec->spec.argument(Field::Builder), PyValue("readable"));
    }

    void fromEnvironment() {
        const PythonImportResult result =
            importText(QStringLiteral("from flytekit import ImageSpec\n"
                                      "spec = ImageSpec.from_env(name=\"env\", pinned_packages=[\"pandas\"], "
                                      "registry=\"ghcr.io/org\")\n"
                                      "plain = ImageSpec.from_env(name=\"plain\")\n"));
        QCOMPARE(texts(result.diagnostics),
                 QStringList(
                     {"t.py:2:8: error: python_version: ImageSpec.from_env() uses the version of the Python "
                      "that runs it; it is only known when Python runs -> write ImageSpec(python_version="
                      "\"3.11\", ...) instead",
                      "t.py:2:39: error: packages: pinned_packages=[\"pandas\"] pins the versions installed "
                      "where Python runs; they are only known when Python runs -> pin the versions in "
                      "packages=[\"name==1.2.3\"]",
                      "t.py:3:9: error: python_version: ImageSpec.from_env() uses the version of the Python "
                      "that runs it; it is only known when Python runs -> write ImageSpec(python_version="
                      "\"3.11\", ...) instead"}));
        QCOMPARE(variables(result), QStringList({"spec", "plain"}));
        const ImportedSpec& spec = result.specs[0];
        QVERIFY(!spec.complete);
        QCOMPARE(spec.spec.argument(Field::Name), PyValue("env"));
        QCOMPARE(spec.spec.argument(Field::Registry), PyValue("ghcr.io/org"));
        QVERIFY(!spec.spec.hasArgument(Field::PythonVersion));
        QVERIFY(!spec.spec.hasArgument(Field::Packages));
        // from_env always passes a list of packages, even an empty one.
        QCOMPARE(result.specs[1].spec.argument(Field::Packages), PyValue::list({}));
    }

    void unreadableFixture() {
        const PythonImportResult result =
            importSpecsFromPythonFile(QStringLiteral(SLIPWAY_FIXTURES_DIR "/python/unreadable.py"));
        QCOMPARE(result.specs.size(), 1);
        QVERIFY(!result.specs[0].complete);
        QCOMPARE(result.specs[0].spec.argument(Field::Name), PyValue("partly-readable"));
        QCOMPARE(result.specs[0].spec.argument(Field::PythonVersion), PyValue("3.11"));
        QCOMPARE(result.diagnostics.size(), 2);
        QCOMPARE(result.diagnostics[0].field, std::optional<Field>(Field::Registry));
        QVERIFY(sameSource(result.diagnostics[0].position, 14, 14));
        QVERIFY(result.diagnostics[0].message.contains(QLatin1StringView("registry_from_env() at line 10")));
        QCOMPARE(result.diagnostics[1].field, std::optional<Field>(Field::Packages));
        QVERIFY(sameSource(result.diagnostics[1].position, 16, 15));
        QVERIFY(result.diagnostics[1].file.endsWith(QLatin1StringView("unreadable.py")));
    }

    void noImageSpecCall() {
        const PythonImportResult result =
            importText(QStringLiteral("from flytekit import task\n\n@task\ndef t(): pass\n"));
        QVERIFY(result.specs.isEmpty());
        QCOMPARE(result.diagnostics.size(), 1);
        QCOMPARE(result.diagnostics[0].severity, Diagnostic::Severity::Warning);
        QVERIFY(
            result.diagnostics[0].message.contains(QLatin1StringView("no ImageSpec(...) call was found")));
    }

    void syntaxErrors_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("diagnostic");
        QTest::newRow("unterminated string") << "spec = ImageSpec(name=\"abc)\n"
                                             << "t.py:1:23: error: syntax error: unterminated string literal "
                                                "-> fix the syntax; Python cannot load "
                                                "this file either";
        QTest::newRow("unterminated triple-quoted string")
            << "x = 1\ndoc = '''never\nclosed\n"
            << "t.py:2:7: error: syntax error: unterminated triple-quoted string literal -> fix the syntax; "
               "Python "
               "cannot load this file either";
        QTest::newRow("unclosed bracket") << "spec = ImageSpec(\n    name=\"x\",\n"
                                          << "t.py:1:17: error: syntax error: '(' was never closed -> fix "
                                             "the syntax; Python cannot load this "
                                             "file either";
        QTest::newRow("unmatched close") << "spec = ImageSpec(name=\"x\"))\n"
                                         << "t.py:1:27: error: syntax error: unmatched ')' -> fix the "
                                            "syntax; Python cannot load this file either";
        QTest::newRow("mismatched close") << "spec = ImageSpec(packages=[\"a\")\n"
                                          << "t.py:1:31: error: syntax error: closing parenthesis ')' does "
                                             "not match opening parenthesis '[' on "
                                             "line 1 -> fix the syntax; Python cannot load this file either";
        QTest::newRow("f-string field not closed") << "x = f\"{name\n"
                                                   << "t.py:1:7: error: syntax error: f-string: expecting "
                                                      "'}' -> fix the syntax; Python cannot load this "
                                                      "file either";
        QTest::newRow("f-string field swallowing the quote")
            << "x = f\"{name\"\n"
            << "t.py:1:12: error: syntax error: unterminated string literal -> fix the syntax; Python cannot "
               "load "
               "this file either";
        QTest::newRow("bad dedent") << "if x:\n        a = 1\n    b = 2\n"
                                    << "t.py:3:5: error: syntax error: unindent does not match any outer "
                                       "indentation level -> fix the syntax; "
                                       "Python cannot load this file either";
        QTest::newRow("invalid character") << "spec = ImageSpec(name=$x)\n"
                                           << "t.py:1:23: error: syntax error: invalid character '$' "
                                              "(U+0024) -> fix the syntax; Python cannot load "
                                              "this file either";
        QTest::newRow("junk after continuation") << "x = 1 \\ y\n"
                                                 << "t.py:1:7: error: syntax error: unexpected character "
                                                    "after line continuation character -> fix the "
                                                    "syntax; Python cannot load this file either";
        QTest::newRow("too deeply nested") << QStringLiteral("x = ") + QString(201, u'[') + QString(201, u']')
                                           << "t.py:1:205: error: syntax error: too many nested parentheses "
                                              "-> fix the syntax; Python cannot load "
                                              "this file either";
    }

    void syntaxErrors() {
        QFETCH(QString, source);
        QFETCH(QString, diagnostic);
        const PythonImportResult result = importText(source);
        QVERIFY(result.specs.isEmpty());
        QCOMPARE(texts(result.diagnostics), QStringList{diagnostic});
    }

    void unparsableArgumentKeepsTheRest() {
        const PythonImportResult result = importText(
            QStringLiteral("spec = ImageSpec(name=\"ok\", packages=[\"a\" \"b\" 3 4], registry=)\n"));
        QCOMPARE(result.specs.size(), 1);
        QVERIFY(!result.specs[0].complete);
        QCOMPARE(result.specs[0].spec.argument(Field::Name), PyValue("ok"));
        QCOMPARE(result.diagnostics.size(), 2);
        QVERIFY(result.diagnostics[0].text().startsWith(QLatin1StringView("t.py:1:")));
        QVERIFY(result.diagnostics[0].message.contains(QLatin1StringView("is not valid Python")));
    }

    void robustness_data() {
        QTest::addColumn<QByteArray>("source");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("only a BOM") << QByteArray("\xEF\xBB\xBF");
        QTest::newRow("NUL bytes") << QByteArray("spec = ImageSpec(name=\"a\0b\")\n", 29);
        QTest::newRow("invalid UTF-8") << QByteArray("spec = ImageSpec(name=\"\xff\xfe\")\n");
        QTest::newRow("deep unary") << QByteArray("spec = ImageSpec(name=") + QByteArray(5000, '-') + "1)\n";
        QTest::newRow("deep not") << QByteArray("x = ") + QByteArray("not ").repeated(2000) + "1\n";
        QTest::newRow("long attribute chain")
            << QByteArray("spec = ImageSpec(name=a") + QByteArray(".b").repeated(3000) + ")\n";
        QTest::newRow("long with chain") << QByteArray("spec = ImageSpec(name=\"a\")") +
                                                QByteArray(".with_packages(\"p\")").repeated(500) + "\n";
        QTest::newRow("long name chain") << QByteArray("A0 = \"x\"\n") + [] {
            QByteArray chain;
            for (int i = 1; i < 3000; ++i)
                chain += "A" + QByteArray::number(i) + " = A" + QByteArray::number(i - 1) + "\n";
            return chain;
        }() + "spec = ImageSpec(name=A2999)\n";
        QTest::newRow("deep conditional")
            << QByteArray("x = ") + QByteArray("1 if 2 else ").repeated(1000) + "3\n";
        QTest::newRow("deep lambda") << QByteArray("x = ") + QByteArray("lambda: ").repeated(1000) + "3\n";
        QTest::newRow("deep power") << QByteArray("x = 2") + QByteArray("**2").repeated(1000) + "\n";
        QTest::newRow("deep f-string")
            << QByteArray("x = ") + QByteArray("f'{").repeated(100) + QByteArray("}'").repeated(100) + "\n";
        QTest::newRow("indentation too deep") << [] {
            QByteArray text;
            for (int i = 0; i < 150; ++i)
                text += QByteArray(i, ' ') + "if x:\n";
            return text + QByteArray(150, ' ') + "spec = ImageSpec()\n";
        }();
        QTest::newRow("many specs") << QByteArray("spec = ImageSpec(name=\"x\")\n").repeated(2000);
        QTest::newRow("wide call") << QByteArray("spec = ImageSpec(") + QByteArray("\"a\", ").repeated(5000) +
                                          ")\n";
        QTest::newRow("nested calls") << QByteArray("spec = ") +
                                             QByteArray("ImageSpec(base_image=").repeated(60) +
                                             QByteArray(")").repeated(60) + "\n";
        // Once took minutes: every call of the nest was parsed again from each of its names.
        QTest::newRow("deeply nested ordinary calls")
            << (QByteArray("x = ") + QByteArray("f(").repeated(190) + "ImageSpec()" +
                QByteArray(")").repeated(190) + "\n")
                   .repeated(100);
        QTest::newRow("deeply nested dicts") << QByteArray("x = ") + QByteArray("{1: ").repeated(190) + "2" +
                                                    QByteArray("}").repeated(190) + "\n";
        QTest::newRow("keywords only") << QByteArray("if else for while def class\n   lambda : : :\n");
        QTest::newRow("dangling operators")
            << QByteArray("spec = ImageSpec(name=\"x\", packages=[1, 2 +, *, **])\n");
        QTest::newRow("CR line endings") << QByteArray("A = \"x\"\rspec = ImageSpec(name=A)\r");
        QTest::newRow("tabs and form feeds") << QByteArray("if x:\n\tA = 1\n\f\tB = 2\nspec = ImageSpec()\n");
    }

    void robustness() {
        QFETCH(QByteArray, source);
        const PythonImportResult result = importSpecsFromPython(source, QStringLiteral("t.py"));
        // Always an answer: some spec, or a diagnostic saying why there is none.
        QVERIFY(!result.specs.isEmpty() || !result.diagnostics.isEmpty());
        for (const Diagnostic& diagnostic : result.diagnostics)
            QVERIFY(diagnostic.text().startsWith(QLatin1StringView("t.py")));
    }

    void nameChainsResolve() {
        QByteArray source = "A0 = \"deep\"\n";
        for (int i = 1; i < 500; ++i)
            source += "A" + QByteArray::number(i) + " = A" + QByteArray::number(i - 1) + "\n";
        source += "spec = ImageSpec(name=A499)\n";
        const PythonImportResult result = importSpecsFromPython(source, QStringLiteral("t.py"));
        QVERIFY(result.diagnostics.isEmpty());
        QCOMPARE(result.specs[0].spec.argument(Field::Name), PyValue("deep"));
    }

    // The example project's spec must import completely with exactly its four arguments.
    void simpleExample() {
        const QString path = QStringLiteral(
            SLIPWAY_SOURCE_DIR "/resources/examples/simple-example/workflows/imagespec-simple-example.py");
        const PythonImportResult result = importSpecsFromPythonFile(path);
        QVERIFY2(!hasErrors(result.diagnostics), qPrintable(texts(result.diagnostics).join(u'\n')));
        QVERIFY(result.diagnostics.isEmpty());
        QCOMPARE(result.specs.size(), 1);
        const ImportedSpec& imported = result.specs[0];
        QVERIFY(imported.complete);
        QCOMPARE(imported.variable, QStringLiteral("image_spec"));
        const ImageSpec expected = makeSpec({{Field::Registry, "ghcr.io/slipway-examples"},
                                             {Field::Name, "simple-example-image"},
                                             {Field::BaseImage, "ghcr.io/flyteorg/flytekit:py3.11-latest"},
                                             {Field::Requirements, "image-requirements.txt"}});
        QVERIFY(imported.spec == expected);
        QCOMPARE(imported.spec.origin().file, path);
        QCOMPARE(imported.spec.origin().variable, QStringLiteral("image_spec"));
        QVERIFY(imported.spec.origin().position.line > 0);
        for (Field field : {Field::Registry, Field::Name, Field::BaseImage, Field::Requirements})
            QVERIFY(imported.spec.origin().fields[size_t(field)].line > imported.spec.origin().position.line);
    }

    void v9NestedBase() {
        const PythonImportResult result =
            importSpecsFromPythonFile(QStringLiteral(SLIPWAY_FIXTURES_DIR "/python/v9-nested-base.py"));
        QVERIFY2(result.diagnostics.isEmpty(), qPrintable(texts(result.diagnostics).join(u'\n')));
        QCOMPARE(variables(result), QStringList({"base", "final"}));
        const ImageSpec expectedBase = makeSpec({{Field::Name, "base"},
                                                 {Field::PythonVersion, "3.11"},
                                                 {Field::Packages, strings({"torch"})},
                                                 {Field::Registry, "ghcr.io/acme"}});
        QVERIFY(result.specs[0].spec == expectedBase);
        const ImageSpec& final = result.specs[1].spec;
        QCOMPARE(final.argument(Field::Name), PyValue("final"));
        QCOMPARE(final.argument(Field::PythonVersion), PyValue("3.11"));
        QCOMPARE(final.argument(Field::Packages), strings({"pandas"}));
        QCOMPARE(final.argument(Field::Registry), PyValue("ghcr.io/acme"));
        QVERIFY(final.argument(Field::BaseImage)->spec());
        QVERIFY(*final.argument(Field::BaseImage)->spec() == expectedBase);

        const HostEnvironment host = x86Host();
        const auto baseTag = specTag(result.specs[0].spec, host);
        QVERIFY(baseTag);
        QCOMPARE(*baseTag, QStringLiteral("JLoUwoDiRtXRtzw_J8FZFQ"));
        const auto tag = specTag(final, host);
        QVERIFY(tag);
        QCOMPARE(*tag, QStringLiteral("J7V3hxMFV0_yIVenZUjLng"));
        const auto id = specId(final, host);
        QVERIFY(id);
        QCOMPARE(*id, QStringLiteral("RyxsKglUYFyDL8vppQsVww"));
    }

    void missingFile() {
        const PythonImportResult result =
            importSpecsFromPythonFile(QStringLiteral("/nonexistent/dir/spec.py"));
        QVERIFY(result.specs.isEmpty());
        QCOMPARE(result.diagnostics.size(), 1);
        QVERIFY(result.diagnostics[0].isError());
        QVERIFY(result.diagnostics[0].text().startsWith(
            QLatin1StringView("/nonexistent/dir/spec.py: error: cannot read")));
    }
};

QTEST_GUILESS_MAIN(PythonImporterTest)
#include "tst_pythonimporter.moc"
