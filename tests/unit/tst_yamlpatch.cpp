#include "spec/yamlpatch.h"
#include "spec/yamlspec.h"
#include "specbuilder.h"

#include <QTest>

using namespace slipway;
using slipway::testing::strings;
using spec::Field;
using spec::PyValue;
using spec::setYamlArgument;

class TestYamlPatch : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void replacesAValueAndKeepsCommentsAndOrder() {
        const QString text = "# my image\nregistry: ghcr.io/acme  # where it goes\nname: old\n\n# packages\n"
                             "packages:\n  - pandas\n  # pinned later\n  - numpy\n";
        const auto patched = setYamlArgument(text, Field::Name, PyValue(QStringLiteral("new")));
        QVERIFY(patched);
        QCOMPARE(*patched,
                 QStringLiteral("# my image\nregistry: ghcr.io/acme  # where it goes\nname: new\n\n"
                                "# packages\npackages:\n  - pandas\n  # pinned later\n  - numpy\n"));
    }

    void replacesABlockValue() {
        const QString text = "name: x\npackages:\n  - pandas\n  - numpy\n# trailing\napt_packages: [git]\n";
        const auto patched = setYamlArgument(text, Field::Packages, strings({"polars"}));
        QVERIFY(patched);
        QCOMPARE(*patched,
                 QStringLiteral("name: x\npackages:\n  - polars\n# trailing\napt_packages: [git]\n"));
    }

    void insertsANewKeyInFieldOrder() {
        const QString text = "name: x\n# the packages\npackages:\n  - pandas\n";
        const auto patched = setYamlArgument(text, Field::PythonVersion, PyValue(QStringLiteral("3.10")));
        QVERIFY(patched);
        // python_version comes before packages in flytekit's field order, and versions are quoted.
        QCOMPARE(*patched, QStringLiteral(
                               "name: x\npython_version: \"3.10\"\n# the packages\npackages:\n  - pandas\n"));
        const auto appended = setYamlArgument(text, Field::Commands, strings({"echo hi"}));
        QVERIFY(appended);
        QCOMPARE(*appended,
                 QStringLiteral("name: x\n# the packages\npackages:\n  - pandas\ncommands:\n  - echo hi\n"));
    }

    void removesAKey() {
        const QString text = "name: x\nenv:\n  A: b\n\nregistry: r\n";
        const auto patched = setYamlArgument(text, Field::Env, std::nullopt);
        QVERIFY(patched);
        QCOMPARE(*patched, QStringLiteral("name: x\n\nregistry: r\n"));
        const auto empty = setYamlArgument(QStringLiteral("name: x\n"), Field::Name, std::nullopt);
        QVERIFY(empty);
        QCOMPARE(*empty, QStringLiteral("{}\n"));
        const auto again = setYamlArgument(*empty, Field::Name, PyValue(QStringLiteral("y")));
        QVERIFY(again);
        QCOMPARE(*again, QStringLiteral("name: y\n"));
    }

    void rewritesFlowDocumentsWhole() {
        const auto patched = setYamlArgument(QStringLiteral("{name: x, registry: r}\n"), Field::Name,
                                             PyValue(QStringLiteral("y")));
        QVERIFY(patched);
        QCOMPARE(*patched, QStringLiteral("name: y\nregistry: r\n"));
    }

    void refusesBrokenText() {
        QVERIFY(!setYamlArgument(QStringLiteral("name: [x\n"), Field::Name, PyValue(QStringLiteral("y"))));
        QVERIFY(!setYamlArgument(QStringLiteral("- a\n- b\n"), Field::Name, PyValue(QStringLiteral("y"))));
    }

    void everyEditReadsBackAsTheValue() {
        const QString text = "name: x\nsource_copy_mode: ALL\nsource_root: src\n";
        for (const auto& [field, value] : std::initializer_list<std::pair<Field, PyValue>>{
                 {Field::SourceCopyMode, PyValue::copyMode(spec::CopyMode::NoCopy)},
                 {Field::Env,
                  PyValue::dict({{PyValue(QStringLiteral("K")), PyValue(QStringLiteral("yes"))}})},
                 {Field::Name, PyValue(QStringLiteral("null"))},
                 {Field::Entrypoint, PyValue::list({})}}) {
            const auto patched = setYamlArgument(text, field, value);
            QVERIFY(patched);
            const auto loaded = spec::loadSpecYaml(patched->toUtf8(), {});
            QVERIFY(loaded.spec);
            QCOMPARE(*loaded.spec->argument(field), value);
        }
    }
};

QTEST_APPLESS_MAIN(TestYamlPatch)
#include "tst_yamlpatch.moc"
