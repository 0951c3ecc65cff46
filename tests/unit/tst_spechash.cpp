// flytekit tag/id compatibility: the vectors V1-V14 of the reference (produced by running flytekit
// v1.16.24's own code) and the quirks of its §8.
#include "spec/pyrepr.h"
#include "spec/spechash.h"
#include "specbuilder.h"

#include <QTest>

using namespace slipway::spec;
using namespace slipway::testing;

class SpecHashTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    HostEnvironment host() const { return x86Host(m_dir.path()); }

    void expect(const ImageSpec& spec, const QString& text, const QString& id, const QString& tag) {
        auto hashInput = tagHashInput(spec, host());
        QVERIFY2(hashInput, qPrintable(hashInput ? QString() : hashInput.error().describe()));
        QCOMPARE(*hashInput, text);
        auto actualId = specId(spec, host());
        QVERIFY(actualId);
        QCOMPARE(*actualId, id);
        auto actualTag = specTag(spec, host());
        QVERIFY(actualTag);
        QCOMPARE(*actualTag, tag);
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QVERIFY(writeFile(m_dir.path(), QStringLiteral("requirements.txt"), "pandas==2.2.2\nnumpy\n\n"));
        QVERIFY(writeFile(m_dir.path(), QStringLiteral("files/input.txt"), "hello\n"));
    }

    void md5IntermediateOfV1() {
        const QByteArray text = "{'name': 'flytekit', 'platform': 'linux/amd64'}";
        QCOMPARE(QCryptographicHash::hash(text, QCryptographicHash::Md5).toHex(),
                 QByteArray("7eff1a54674653a193d6de56f7c6503c"));
        QCOMPARE(md5Base64Url(QString::fromLatin1(text)), QStringLiteral("fv8aVGdGU6GT1t5W98ZQPA"));
    }

    void v1Defaults() {
        expect(ImageSpec(), QStringLiteral("{'name': 'flytekit', 'platform': 'linux/amd64'}"),
               QStringLiteral("fv8aVGdGU6GT1t5W98ZQPA"), QStringLiteral("fv8aVGdGU6GT1t5W98ZQPA"));
        QCOMPARE(*specImageName(ImageSpec(), host()), QStringLiteral("flytekit:fv8aVGdGU6GT1t5W98ZQPA"));
    }

    void v2AndV3() {
        const ImageSpec v2 = makeSpec({{Field::Name, "my_image"}, {Field::PythonVersion, "3.11"}});
        expect(v2,
               QStringLiteral("{'name': 'my_image', 'python_version': '3.11', 'platform': 'linux/amd64'}"),
               QStringLiteral("bIi6xLYzxR8zH1iSR8scoA"), QStringLiteral("bIi6xLYzxR8zH1iSR8scoA"));
        ImageSpec v3 = v2;
        v3.setArgument(Field::TagFormat, "{spec_hash}-dev");
        expect(v3,
               QStringLiteral("{'name': 'my_image', 'python_version': '3.11', 'platform': 'linux/amd64', "
                              "'tag_format': '{spec_hash}-dev'}"),
               QStringLiteral("C1ehKmkCvU6Flaum2jGBiw"), QStringLiteral("C1ehKmkCvU6Flaum2jGBiw-dev"));
    }

    void v4LowerCasingAndOrder() {
        const ImageSpec v4 = makeSpec({{Field::Name, "My-Image"},
                                       {Field::Registry, "GHCR.io/FlyteOrg"},
                                       {Field::PythonVersion, "3.12"},
                                       {Field::Packages, strings({"pandas", "numpy==1.26.4"})},
                                       {Field::AptPackages, strings({"git"})},
                                       {Field::Env, PyValue::dict({{"FOO", "bar"}})}});
        expect(v4,
               QStringLiteral(
                   "{'name': 'my-image', 'python_version': '3.12', 'env': {'FOO': 'bar'}, 'registry': "
                   "'ghcr.io/flyteorg', 'packages': ['pandas', 'numpy==1.26.4'], 'apt_packages': ['git'], "
                   "'platform': 'linux/amd64'}"),
               QStringLiteral("WwbLviMdrUYuuN_tARn51Q"), QStringLiteral("WwbLviMdrUYuuN_tARn51Q"));
        QCOMPARE(*specImageName(v4, host()),
                 QStringLiteral("ghcr.io/flyteorg/my-image:WwbLviMdrUYuuN_tARn51Q"));
    }

    void v5ExcludedFields() {
        const ImageSpec v5 =
            makeSpec({{Field::Name, "my_image"},
                      {Field::PythonVersion, "3.11"},
                      {Field::Builder, "envd"},
                      {Field::PipSecretMounts, PyValue::list({PyValue::tuple({"src", "dst"})})},
                      {Field::RuntimePackages, strings({"x"})}});
        expect(v5,
               QStringLiteral("{'name': 'my_image', 'python_version': '3.11', 'platform': 'linux/amd64'}"),
               QStringLiteral("bIi6xLYzxR8zH1iSR8scoA"), QStringLiteral("bIi6xLYzxR8zH1iSR8scoA"));
    }

    void v6Platform() {
        const ImageSpec v6 = makeSpec(
            {{Field::Name, "my_image"}, {Field::PythonVersion, "3.11"}, {Field::Platform, "linux/arm64"}});
        expect(v6,
               QStringLiteral("{'name': 'my_image', 'python_version': '3.11', 'platform': 'linux/arm64'}"),
               QStringLiteral("dZNtIswDVuPM9A7rwOQiIQ"), QStringLiteral("dZNtIswDVuPM9A7rwOQiIQ"));
    }

    void v7Requirements() {
        const ImageSpec v7 = makeSpec({{Field::Name, "my_image"}, {Field::Requirements, "requirements.txt"}});
        expect(
            v7,
            QStringLiteral("{'name': 'my_image', 'requirements': 'f3cf5bb8ab8027086ac80747c926ab9b6a0b479f', "
                           "'platform': 'linux/amd64'}"),
            QStringLiteral("FjmwaLMUMES7N16OzK6zdg"), QStringLiteral("MI3b3JwyjyXEbKjmGLIfKQ"));
    }

    void v8ManyFields() {
        const ImageSpec v8 =
            makeSpec({{Field::Name, "gpu"},
                      {Field::Registry, "localhost:30000"},
                      {Field::BaseImage, "nvidia/cuda:12.6.1-cudnn-devel-ubuntu22.04"},
                      {Field::PipIndex, "https://pypi.org/simple"},
                      {Field::PipExtraIndexUrl, strings({"https://download.pytorch.org/whl/cu118"})},
                      {Field::Commands, strings({"echo 'hi'"})},
                      {Field::Entrypoint, PyValue::list({})},
                      {Field::CondaPackages, strings({"cudatoolkit"})},
                      {Field::CondaChannels, strings({"nvidia"})},
                      {Field::BuilderOptions, PyValue::dict({{"imagepull_secret_name", "s"}})}});
        expect(
            v8,
            QStringLiteral(
                "{'name': 'gpu', 'registry': 'localhost:30000', 'conda_packages': ['cudatoolkit'], "
                "'conda_channels': ['nvidia'], 'base_image': 'nvidia/cuda:12.6.1-cudnn-devel-ubuntu22.04', "
                "'platform': 'linux/amd64', 'pip_index': 'https://pypi.org/simple', 'pip_extra_index_url': "
                "['https://download.pytorch.org/whl/cu118'], 'entrypoint': [], 'commands': [\"echo 'hi'\"], "
                "'builder_options': {'imagepull_secret_name': 's'}}"),
            QStringLiteral("GF9ennpkjomOwAZXvCzE2w"), QStringLiteral("GF9ennpkjomOwAZXvCzE2w"));
    }

    void v9NestedBaseSpec() {
        auto base = std::make_shared<ImageSpec>(makeSpec({{Field::Name, "base"},
                                                          {Field::PythonVersion, "3.11"},
                                                          {Field::Packages, strings({"torch"})},
                                                          {Field::Registry, "ghcr.io/acme"}}));
        QCOMPARE(*specTag(*base, host()), QStringLiteral("JLoUwoDiRtXRtzw_J8FZFQ"));
        const ImageSpec v9 = makeSpec({{Field::Name, "final"},
                                       {Field::PythonVersion, "3.11"},
                                       {Field::Packages, strings({"pandas"})},
                                       {Field::Registry, "ghcr.io/acme"},
                                       {Field::BaseImage, PyValue::spec(base)}});
        expect(v9,
               QStringLiteral(
                   "{'name': 'final', 'python_version': '3.11', 'registry': 'ghcr.io/acme', 'packages': "
                   "['pandas'], 'base_image': 'ghcr.io/acme/base:JLoUwoDiRtXRtzw_J8FZFQ', 'platform': "
                   "'linux/amd64'}"),
               QStringLiteral("RyxsKglUYFyDL8vppQsVww"), QStringLiteral("J7V3hxMFV0_yIVenZUjLng"));
    }

    void v10Copy() {
        const ImageSpec v10 =
            makeSpec({{Field::Name, "my_image"}, {Field::Copy, strings({"files/input.txt"})}});
        expect(v10,
               QStringLiteral("{'name': 'my_image', 'platform': 'linux/amd64', 'copy': "
                              "'dffa9f9289137f1c23ee6997b1c454bf'}"),
               QStringLiteral("uitLJJFMTjUrw5ZTpPZtzQ"), QStringLiteral("Rd8ZCYfj5QtFHIZKclUZrg"));
    }

    void v11SourceRootAll() {
        const ImageSpec v11 = makeSpec({{Field::Name, "my_image"},
                                        {Field::SourceRoot, "files"},
                                        {Field::SourceCopyMode, PyValue::copyMode(CopyMode::All)}});
        expect(v11,
               QStringLiteral(
                   "{'name': 'my_image', 'source_root': 'dffa9f9289137f1c23ee6997b1c454bf', 'platform': "
                   "'linux/amd64', 'source_copy_mode': <CopyFileDetection.ALL: 2>}"),
               QStringLiteral("lepYud5Qcbqpv_nhEj6YoQ"), QStringLiteral("9A9zC_FSt4WuqFqTd8sALQ"));
    }

    void v12UnicodeAndQuotes() {
        const ImageSpec v12 = makeSpec(
            {{Field::Name, "my_image"},
             {Field::Env, PyValue::dict({{"GREETING", QStringLiteral("h\u00e9llo")}, {"Q", "it's"}})}});
        expect(v12,
               QStringLiteral(
                   "{'name': 'my_image', 'env': {'GREETING': 'h\u00e9llo', 'Q': \"it's\"}, 'platform': "
                   "'linux/amd64'}"),
               QStringLiteral("LrWZtGhhHZngKxMwVwTAyQ"), QStringLiteral("LrWZtGhhHZngKxMwVwTAyQ"));
    }

    void v13FloatVersion() {
        const ImageSpec v13 =
            makeSpec({{Field::Name, "my_image"}, {Field::PythonVersion, PyValue::floating(3.10)}});
        expect(v13, QStringLiteral("{'name': 'my_image', 'python_version': 3.1, 'platform': 'linux/amd64'}"),
               QStringLiteral("eB8FHqjYAKtIaOpyMbFCTw"), QStringLiteral("eB8FHqjYAKtIaOpyMbFCTw"));
    }

    void v14RegistryConfigOnlyInId() {
        const ImageSpec v14 = makeSpec(
            {{Field::Name, "my_image"}, {Field::PythonVersion, "3.11"}, {Field::RegistryConfig, "cfg.json"}});
        expect(v14,
               QStringLiteral("{'name': 'my_image', 'python_version': '3.11', 'platform': 'linux/amd64'}"),
               QStringLiteral("MCxq-SAXGf5DG0y7Q3QxRQ"), QStringLiteral("bIi6xLYzxR8zH1iSR8scoA"));
    }

    void armHostLocalRegistry() {
        const ImageSpec spec = makeSpec({{Field::Name, "x"}, {Field::Registry, "localhost:30000"}});
        const HostEnvironment arm{QStringLiteral("aarch64"), m_dir.path()};
        QVERIFY(tagHashInput(spec, arm)->contains(QStringLiteral("'platform': 'linux/arm64'")));
        QVERIFY(tagHashInput(spec, host())->contains(QStringLiteral("'platform': 'linux/amd64'")));
        const ImageSpec remote = makeSpec({{Field::Name, "x"}, {Field::Registry, "ghcr.io/x"}});
        QVERIFY(tagHashInput(remote, arm)->contains(QStringLiteral("'platform': 'linux/amd64'")));
    }

    void pythonReprOfValues_data() {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("repr");
        QTest::newRow("3.10") << 3.10 << QStringLiteral("3.1");
        QTest::newRow("3.11") << 3.11 << QStringLiteral("3.11");
        QTest::newRow("10.0") << 10.0 << QStringLiteral("10.0");
        QTest::newRow("1e-05") << 1e-05 << QStringLiteral("1e-05");
        QTest::newRow("0.0001") << 0.0001 << QStringLiteral("0.0001");
        QTest::newRow("1e16") << 1e16 << QStringLiteral("1e+16");
        QTest::newRow("1234567890123456.0") << 1234567890123456.0 << QStringLiteral("1234567890123456.0");
        QTest::newRow("-0.5") << -0.5 << QStringLiteral("-0.5");
        QTest::newRow("0.1+0.2") << 0.1 + 0.2 << QStringLiteral("0.30000000000000004");
        QTest::newRow("1.5e300") << 1.5e300 << QStringLiteral("1.5e+300");
    }
    void pythonReprOfValues() {
        QFETCH(double, value);
        QFETCH(QString, repr);
        QCOMPARE(pyReprFloat(value), repr);
    }

    void pythonReprOfStrings_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("repr");
        QTest::newRow("plain") << QStringLiteral("abc") << QStringLiteral("'abc'");
        QTest::newRow("single quote") << QStringLiteral("it's") << QStringLiteral("\"it's\"");
        QTest::newRow("both quotes") << QStringLiteral("it's \"x\"") << QStringLiteral("'it\\'s \"x\"'");
        QTest::newRow("escapes") << QStringLiteral("a\\b\n\t\r") << QStringLiteral("'a\\\\b\\n\\t\\r'");
        QTest::newRow("control") << QStringLiteral("\x01\x7f") << QStringLiteral("'\\x01\\x7f'");
        QTest::newRow("nbsp") << QStringLiteral("\u00a0") << QStringLiteral("'\\xa0'");
        QTest::newRow("zero width") << QStringLiteral("\u200b") << QStringLiteral("'\\u200b'");
        QTest::newRow("emoji") << QString::fromUtf8("\xF0\x9F\x9A\x80")
                               << QString::fromUtf8("'\xF0\x9F\x9A\x80'");
    }
    void pythonReprOfStrings() {
        QFETCH(QString, text);
        QFETCH(QString, repr);
        QCOMPARE(pyReprString(text), repr);
    }

    void tupleAndNestedRepr() {
        QCOMPARE(PyValue::tuple({"a"}).repr(), QStringLiteral("('a',)"));
        QCOMPARE(PyValue::tuple({"a", PyValue::integer(2)}).repr(), QStringLiteral("('a', 2)"));
        QCOMPARE(PyValue::dict({{PyValue::integer(1), PyValue::boolean(true)}, {"k", PyValue()}}).repr(),
                 QStringLiteral("{1: True, 'k': None}"));
    }

    void tagFormat_data() {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("result");
        QTest::newRow("plain") << QStringLiteral("{spec_hash}") << QStringLiteral("abcdef");
        QTest::newRow("suffix") << QStringLiteral("v1-{spec_hash}-dev") << QStringLiteral("v1-abcdef-dev");
        QTest::newRow("index") << QStringLiteral("{spec_hash[0]}") << QStringLiteral("a");
        QTest::newRow("repr") << QStringLiteral("{spec_hash!r}") << QStringLiteral("'abcdef'");
        QTest::newRow("precision") << QStringLiteral("{spec_hash:.3}") << QStringLiteral("abc");
        QTest::newRow("width") << QStringLiteral("{spec_hash:>8}") << QStringLiteral("  abcdef");
        QTest::newRow("zero") << QStringLiteral("{spec_hash:08}") << QStringLiteral("abcdef00");
        QTest::newRow("center fill") << QStringLiteral("{spec_hash:*^9}") << QStringLiteral("*abcdef**");
        QTest::newRow("braces") << QStringLiteral("{{x}}{spec_hash}") << QStringLiteral("{x}abcdef");
        QTest::newRow("s type") << QStringLiteral("{spec_hash!s:s}") << QStringLiteral("abcdef");
    }
    void tagFormat() {
        QFETCH(QString, format);
        QFETCH(QString, result);
        auto tag = applyTagFormat(format, QStringLiteral("abcdef"));
        QVERIFY2(tag, qPrintable(tag ? QString() : tag.error().describe()));
        QCOMPARE(*tag, result);
    }

    void badTagFormat_data() {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("attribute") << QStringLiteral("{spec_hash.upper}")
                                   << QStringLiteral("attribute access");
        QTest::newRow("unknown") << QStringLiteral("{hash}") << QStringLiteral("unknown field {hash}");
        QTest::newRow("positional") << QStringLiteral("{}") << QStringLiteral("positional");
        QTest::newRow("unclosed") << QStringLiteral("{spec_hash") << QStringLiteral("expected '}'");
        QTest::newRow("single close") << QStringLiteral("x}") << QStringLiteral("single '}'");
        QTest::newRow("int type") << QStringLiteral("{spec_hash:d}")
                                  << QStringLiteral("unknown format code 'd'");
        QTest::newRow("sign") << QStringLiteral("{spec_hash:+}") << QStringLiteral("sign");
        QTest::newRow("index range") << QStringLiteral("{spec_hash[99]}") << QStringLiteral("out of range");
        QTest::newRow("conversion") << QStringLiteral("{spec_hash!x}")
                                    << QStringLiteral("unknown conversion");
    }
    void badTagFormat() {
        QFETCH(QString, format);
        QFETCH(QString, mentions);
        auto tag = applyTagFormat(format, QStringLiteral("abcdef"));
        QVERIFY(!tag);
        QVERIFY2(tag.error().message.contains(mentions), qPrintable(tag.error().message));
        QVERIFY(tag.error().message.contains(QStringLiteral("tag_format")));
    }

    void idStillComputesWhenTagFails() {
        // Quirk 5: a bad tag_format or a missing requirements file fails the tag, not the id.
        const ImageSpec spec = makeSpec(
            {{Field::Name, "x"}, {Field::Requirements, "missing.txt"}, {Field::TagFormat, "{nope}"}});
        QVERIFY(specId(spec, host()));
        auto tag = specTag(spec, host());
        QVERIFY(!tag);
        QVERIFY(tag.error().message.contains(QStringLiteral("missing.txt")));
    }

    void emptyStringsAreSet() {
        // Quirk 4: "" stays in the hash; an empty registry is not prepended; an empty tag_format unused.
        const ImageSpec spec = makeSpec(
            {{Field::Name, "x"}, {Field::Registry, ""}, {Field::TagFormat, ""}, {Field::Requirements, ""}});
        QCOMPARE(
            *tagHashInput(spec, host()),
            QStringLiteral("{'name': 'x', 'registry': '', 'requirements': '', 'platform': 'linux/amd64', "
                           "'tag_format': ''}"));
        QVERIFY(specImageName(spec, host())->startsWith(QStringLiteral("x:")));
        const ImageSpec emptyRoot = makeSpec({{Field::Name, "x"}, {Field::SourceRoot, ""}});
        QVERIFY(!specTag(emptyRoot, host()));
        QVERIFY(specId(emptyRoot, host()));
    }

    void loadedModulesRelativeRootHashesNothing() {
        // Quirk 3: the default copy mode with a relative source_root digests no files.
        const ImageSpec spec = makeSpec({{Field::Name, "x"}, {Field::SourceRoot, "files"}});
        QVERIFY(tagHashInput(spec, host())
                    ->contains(QStringLiteral("'source_root': 'd41d8cd98f00b204e9800998ecf8427e'")));
        QVERIFY(
            tagHashInput(spec, host())->contains(QStringLiteral("<CopyFileDetection.LOADED_MODULES: 1>")));
        const ImageSpec absolute =
            makeSpec({{Field::Name, "x"}, {Field::SourceRoot, m_dir.filePath(QStringLiteral("files"))}});
        auto tag = specTag(absolute, host());
        QVERIFY(!tag);
        QVERIFY(tag.error().fix.contains(QStringLiteral("ALL")));
    }

    void constructionErrorsBlockTheTag() {
        const ImageSpec spec = makeSpec({{Field::Name, "x"}, {Field::Registry, "https://ghcr.io/org"}});
        auto tag = specTag(spec, host());
        QVERIFY(!tag);
        QVERIFY2(tag.error().message.contains(QStringLiteral("scheme")), qPrintable(tag.error().message));
        QCOMPARE(tag.error().fix, QStringLiteral("ghcr.io/org"));
        const ImageSpec packages = makeSpec({{Field::Name, "x"}, {Field::Packages, "requirements.txt"}});
        QVERIFY(!specTag(packages, host()));
        QVERIFY(!specId(packages, host()));
    }
};

QTEST_GUILESS_MAIN(SpecHashTest)
#include "tst_spechash.moc"
