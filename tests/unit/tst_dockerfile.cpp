// The Dockerfile and build context flytekit's default builder would write, in each flavour.
// Golden files under tests/fixtures/dockerfiles/<case>/ are the spec of our output; regenerate them
// with SLIPWAY_UPDATE_GOLDEN=1 and review every change by eye.
#include "build/buildplan.h"
#include "build/pytext.h"
#include "spec/spechash.h"
#include "specbuilder.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <functional>

Q_DECLARE_METATYPE(slipway::spec::ImageSpec)

using namespace slipway;
using namespace slipway::testing;
using build::DockerfileDialect;
using build::DockerfileOptions;
using build::Installer;
using spec::Field;
using spec::ImageSpec;
using spec::PyValue;

namespace {

QString goldenDir() {
    return QStringLiteral(SLIPWAY_FIXTURES_DIR "/dockerfiles");
}
spec::HostEnvironment projectHost() {
    return x86Host(goldenDir() + QStringLiteral("/project"));
}

DockerfileOptions flavour(DockerfileDialect dialect, Installer installer) {
    DockerfileOptions options;
    options.dialect = dialect;
    options.installer = installer;
    return options;
}
const DockerfileOptions kBuildKit = flavour(DockerfileDialect::BuildKit, Installer::Uv);
const DockerfileOptions kClassic = flavour(DockerfileDialect::Classic, Installer::Uv);
const DockerfileOptions kPip = flavour(DockerfileDialect::BuildKit, Installer::Pip);
const DockerfileOptions kClassicPip = flavour(DockerfileDialect::Classic, Installer::Pip);

ImageSpec appSpec(std::initializer_list<std::pair<Field, PyValue>> more = {}) {
    ImageSpec spec = makeSpec({{Field::Name, "flytekit-app"},
                               {Field::Registry, "localhost:30000"},
                               {Field::PythonVersion, "3.11"},
                               {Field::Packages, strings({"pandas==2.2.2"})}});
    for (const auto& [field, value] : more)
        spec.setArgument(field, value);
    return spec;
}

ImageSpec pythonExecSpec() {
    return appSpec({{Field::BaseImage, "python:3.12-slim"}, {Field::PythonExec, "/usr/local/bin/python3"}});
}

ImageSpec lockSpec(const char* lockFile) {
    ImageSpec spec = appSpec({{Field::Requirements, lockFile}});
    spec.clearArgument(Field::Packages);
    return spec;
}

ImageSpec uvLockSpec() {
    ImageSpec spec = lockSpec("uvproject/uv.lock");
    spec.setArgument(Field::PipIndex, "https://pypi.example.com/simple");
    return spec;
}

ImageSpec pipOptionsSpec() {
    return appSpec(
        {{Field::Requirements, "requirements.txt"},
         {Field::PipIndex, "https://pypi.example.com/simple"},
         {Field::PipExtraIndexUrl, strings({"https://a.example.com/simple", "https://b.example.com/simple"})},
         {Field::PipExtraArgs, "--pre --no-build-isolation"},
         {Field::PipSecretMounts, PyValue::list({PyValue::tuple({"/home/me/.netrc", "/root/.netrc"}),
                                                 PyValue::tuple({"/home/me/pip.conf", "/etc/pip.conf"})})}});
}

ImageSpec commandsSpec() {
    return appSpec({{Field::Commands, strings({"mkdir -p /data", "echo done > /data/done"})}});
}

struct GoldenCase {
    QString name;
    std::function<ImageSpec()> spec;
    DockerfileOptions options;
};

QList<GoldenCase> goldenCases() {
    DockerfileOptions pinned = kBuildKit;
    pinned.flytekitVersion = QStringLiteral("1.16.24");
    DockerfileOptions pinnedPip = kPip;
    pinnedPip.flytekitVersion = QStringLiteral("1.16.24");
    const auto conda = [] {
        return appSpec({{Field::PythonVersion, "3.10"},
                        {Field::CondaPackages, strings({"gdal", "pytorch-cuda=12.1"})},
                        {Field::CondaChannels, strings({"nvidia", "pytorch"})}});
    };
    const auto apt = [] { return appSpec({{Field::AptPackages, strings({"git", "curl", "libgomp1"})}}); };
    return {
        {QStringLiteral("default"), [] { return appSpec(); }, kBuildKit},
        {QStringLiteral("default-classic"), [] { return appSpec(); }, kClassic},
        {QStringLiteral("default-pip"), [] { return appSpec(); }, kPip},
        {QStringLiteral("default-classic-pip"), [] { return appSpec(); }, kClassicPip},
        {QStringLiteral("python-exec"), pythonExecSpec, kBuildKit},
        {QStringLiteral("python-exec-classic"), pythonExecSpec, kClassic},
        {QStringLiteral("python-exec-pip"), pythonExecSpec, kPip},
        {QStringLiteral("uv-lock"), uvLockSpec, kBuildKit},
        {QStringLiteral("uv-lock-classic"), uvLockSpec, kClassic},
        {QStringLiteral("poetry-lock"), [] { return lockSpec("poetryproject/poetry.lock"); }, kBuildKit},
        {QStringLiteral("poetry-lock-classic"), [] { return lockSpec("poetryproject/poetry.lock"); },
         kClassic},
        {QStringLiteral("poetry-lock-pip"), [] { return lockSpec("poetryproject/poetry.lock"); }, kPip},
        {QStringLiteral("conda"), conda, kBuildKit},
        {QStringLiteral("conda-classic"), conda, kClassic},
        {QStringLiteral("apt"), apt, kBuildKit},
        {QStringLiteral("apt-classic"), apt, kClassic},
        {QStringLiteral("env"),
         [] {
             return appSpec({{Field::Env, PyValue::dict({{"LOG_LEVEL", "debug"},
                                                         {"PYTHONPATH", "/root:/opt/lib"},
                                                         {"EMPTY", ""}})}});
         },
         kBuildKit},
        {QStringLiteral("commands"), commandsSpec, kBuildKit},
        {QStringLiteral("commands-classic"), commandsSpec, kClassic},
        {QStringLiteral("commands-pip"), commandsSpec, kPip},
        {QStringLiteral("copy"),
         [] {
             return appSpec({{Field::Copy, strings({"extra.txt", "data/", "configs/app.yaml"})}});
         },
         kBuildKit},
        {QStringLiteral("source-root"),
         [] {
             return appSpec({{Field::SourceRoot, "src"},
                             {Field::SourceCopyMode, PyValue::copyMode(spec::CopyMode::All)}});
         },
         kBuildKit},
        {QStringLiteral("entrypoint-empty"),
         [] {
             return appSpec({{Field::Entrypoint, PyValue::list({})}});
         },
         kBuildKit},
        {QStringLiteral("entrypoint-list"),
         [] {
             return appSpec({{Field::Entrypoint, strings({"python", "-m", "app", "--greeting=h\u00e9llo"})}});
         },
         kBuildKit},
        {QStringLiteral("builder-config"),
         [] {
             return appSpec({{Field::BaseImage, "ubuntu:24.04"},
                             {Field::BuilderConfig,
                              PyValue::dict({{"uv_image", "ghcr.io/astral-sh/uv:0.6.14"},
                                             {"micromamba_image", "mambaorg/micromamba:2.1.0"}})}});
         },
         kBuildKit},
        {QStringLiteral("pip-options"), pipOptionsSpec, pinned},
        {QStringLiteral("pip-options-pip"), pipOptionsSpec, pinnedPip},
    };
}

bool updatingGoldens() {
    return qEnvironmentVariableIntValue("SLIPWAY_UPDATE_GOLDEN") == 1;
}

// Compares `actual` with the golden file, naming the first differing line; writes it when updating.
// An absent `actual` means the file must not exist.
void checkGolden(const QString& path, const std::optional<QByteArray>& actual) {
    QFile file(path);
    if (updatingGoldens()) {
        if (!actual) {
            QFile::remove(path);
            return;
        }
        QDir().mkpath(QFileInfo(path).absolutePath());
        QVERIFY2(file.open(QIODevice::WriteOnly) && file.write(*actual) == actual->size(), qPrintable(path));
        return;
    }
    if (!actual) {
        QVERIFY2(!file.exists(), qPrintable(QStringLiteral("%1 exists but nothing was generated").arg(path)));
        return;
    }
    QVERIFY2(file.open(QIODevice::ReadOnly),
             qPrintable(QStringLiteral("%1 is missing: run with SLIPWAY_UPDATE_GOLDEN=1").arg(path)));
    const QByteArray expected = file.readAll();
    if (expected == *actual)
        return;
    const QList<QByteArray> want = expected.split('\n');
    const QList<QByteArray> got = actual->split('\n');
    for (qsizetype i = 0; i < std::max(want.size(), got.size()); ++i) {
        const QByteArray a = i < want.size() ? want[i] : QByteArray("<end of file>");
        const QByteArray b = i < got.size() ? got[i] : QByteArray("<end of file>");
        if (a != b)
            QFAIL(qPrintable(QStringLiteral("%1:%2 differs\n expected: %3\n   actual: %4")
                                 .arg(path)
                                 .arg(i + 1)
                                 .arg(QString::fromUtf8(a), QString::fromUtf8(b))));
    }
}

std::optional<QByteArray> entryContents(const build::BuildPlan& plan, const QString& archivePath) {
    for (const build::ContextEntry& entry : plan.entries)
        if (entry.archivePath == archivePath)
            return entry.contents;
    return std::nullopt;
}

QStringList archivePaths(const build::BuildPlan& plan) {
    QStringList paths;
    for (const build::ContextEntry& entry : plan.entries)
        paths.append(entry.archivePath);
    return paths;
}

Error planError(const ImageSpec& spec, const DockerfileOptions& options = kBuildKit,
                const spec::HostEnvironment& host = projectHost()) {
    const auto plan = build::planBuild(spec, host, options);
    if (plan)
        return Error{QStringLiteral("none"), QStringLiteral("planBuild succeeded"), {}, {}};
    return plan.error();
}

QStringList requirementLines(const ImageSpec& spec, const DockerfileOptions& options,
                             const spec::HostEnvironment& host = projectHost()) {
    const auto plan = build::planBuild(spec, host, options);
    if (!plan)
        return {plan.error().describe()};
    return QString::fromUtf8(entryContents(*plan, QStringLiteral("requirements_uv.txt")).value_or("<none>"))
        .split(u'\n');
}

} // namespace

class DockerfileTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void golden_data() {
        QTest::addColumn<int>("index");
        const QList<GoldenCase> cases = goldenCases();
        for (int i = 0; i < cases.size(); ++i)
            QTest::newRow(qPrintable(cases[i].name)) << i;
    }

    void golden() {
        QFETCH(int, index);
        const GoldenCase golden = goldenCases().at(index);
        const auto plan = build::planBuild(golden.spec(), projectHost(), golden.options);
        QVERIFY2(plan, plan ? "" : qPrintable(plan.error().describe()));
        const QString dir = goldenDir() + u'/' + golden.name;
        checkGolden(dir + QStringLiteral("/expected.Dockerfile"), plan->dockerfile);
        checkGolden(dir + QStringLiteral("/expected-requirements_uv.txt"),
                    entryContents(*plan, QStringLiteral("requirements_uv.txt")));

        // The preview renders the same text without reading the requirements or listing files.
        const auto preview = build::renderDockerfile(golden.spec(), projectHost(), golden.options);
        QVERIFY2(preview, preview ? "" : qPrintable(preview.error().describe()));
        QCOMPARE(*preview, plan->dockerfile);
    }

    void imageIdIsTheLastLineInEveryFlavour() {
        for (const GoldenCase& golden : goldenCases()) {
            const auto plan = build::planBuild(golden.spec(), projectHost(), golden.options);
            QVERIFY(plan);
            QVERIFY2(plan->dockerfile.endsWith("\nENV _F_IMG_ID=" + plan->specId.toUtf8() + '\n'),
                     qPrintable(golden.name));
            QCOMPARE(plan->specId, spec::specId(golden.spec(), projectHost()).value());
        }
    }

    void onlyBuildKitUsesMounts() {
        for (const GoldenCase& golden : goldenCases()) {
            const auto plan = build::planBuild(golden.spec(), projectHost(), golden.options);
            QVERIFY(plan);
            const bool buildKit = golden.options.dialect == DockerfileDialect::BuildKit;
            QCOMPARE(plan->dockerfile.contains("--mount="), buildKit);
            QCOMPARE(plan->dockerfile.startsWith("#syntax=docker/dockerfile:1.5\n"), buildKit);
            // The Pip installer exists for builds that cannot pull the uv image: it never names it.
            if (golden.options.installer == Installer::Pip) {
                QVERIFY2(!plan->dockerfile.contains("astral-sh/uv"), qPrintable(golden.name));
                QVERIFY2(!plan->dockerfile.contains(" as uv\n"), qPrintable(golden.name));
                QVERIFY2(!plan->dockerfile.contains("/usr/bin/uv"), qPrintable(golden.name));
            }
        }
    }

    void tagNeverDependsOnTheOptions() {
        const ImageSpec spec = appSpec({{Field::Requirements, "requirements.txt"},
                                        {Field::SourceRoot, "src"},
                                        {Field::SourceCopyMode, PyValue::copyMode(spec::CopyMode::All)},
                                        {Field::Copy, strings({"data"})}});
        const QString expected = spec::specImageName(spec, projectHost()).value();
        QVERIFY(expected.startsWith(QStringLiteral("localhost:30000/flytekit-app:")));
        QSet<QByteArray> dockerfiles;
        for (const DockerfileDialect dialect : {DockerfileDialect::BuildKit, DockerfileDialect::Classic}) {
            for (const Installer installer : {Installer::Uv, Installer::Pip}) {
                for (const bool addFlytekit : {true, false}) {
                    for (const bool syntaxLine : {true, false}) {
                        DockerfileOptions options = flavour(dialect, installer);
                        options.addFlytekit = addFlytekit;
                        options.syntaxLine = syntaxLine;
                        options.flytekitVersion = addFlytekit ? QStringLiteral("1.16.24") : QString();
                        options.fallbackPythonVersion = QStringLiteral("3.12");
                        const auto plan = build::planBuild(spec, projectHost(), options);
                        QVERIFY2(plan, plan ? "" : qPrintable(plan.error().describe()));
                        QCOMPARE(plan->imageName, expected);
                        dockerfiles.insert(plan->dockerfile);
                    }
                }
            }
        }
        // ...while the Dockerfile does: BuildKit with and without #syntax, Classic ignores it.
        QCOMPARE(dockerfiles.size(), 6);
    }

    void syntaxLineCanBeDropped() {
        DockerfileOptions options = kBuildKit;
        options.syntaxLine = false;
        const QByteArray with = build::renderDockerfile(appSpec(), projectHost(), kBuildKit).value();
        const QByteArray without = build::renderDockerfile(appSpec(), projectHost(), options).value();
        QCOMPARE(without, with.mid(with.indexOf('\n') + 1));
    }

    void contextHoldsWhatTheDockerfileCopies() {
        const ImageSpec spec = appSpec({{Field::SourceRoot, "src"},
                                        {Field::SourceCopyMode, PyValue::copyMode(spec::CopyMode::All)},
                                        {Field::Copy, strings({"extra.txt", "data/", "configs/app.yaml"})}});
        const auto plan = build::planBuild(spec, projectHost(), kBuildKit);
        QVERIFY2(plan, plan ? "" : qPrintable(plan.error().describe()));
        // Generated files first, then source_root under src/ (its .dockerignore drops *.log), then copies.
        QCOMPARE(archivePaths(*plan),
                 (QStringList{"Dockerfile", "requirements_uv.txt", "src", "src/.dockerignore",
                              "src/app/__init__.py", "src/app/main.py", "src/scripts/start.sh", "extra.txt",
                              "data", "data/config.yaml", "data/nested", "data/nested/table.csv",
                              "configs/app.yaml"}));
        QCOMPARE(entryContents(*plan, QStringLiteral("Dockerfile")).value(), plan->dockerfile);
        for (const build::ContextEntry& entry : plan->entries) {
            if (!entry.sourcePath.isEmpty())
                QVERIFY2(QFileInfo(entry.sourcePath).isAbsolute(), qPrintable(entry.sourcePath));
        }
    }

    void lockFilesGoToTheContextTop() {
        const auto plan = build::planBuild(lockSpec("uvproject/uv.lock"), projectHost(), kBuildKit);
        QVERIFY(plan);
        QCOMPARE(archivePaths(*plan), (QStringList{"Dockerfile", "uv.lock", "pyproject.toml"}));
        QCOMPARE(plan->entries[1].sourcePath, goldenDir() + QStringLiteral("/project/uvproject/uv.lock"));
        QCOMPARE(plan->entries[2].sourcePath,
                 goldenDir() + QStringLiteral("/project/uvproject/pyproject.toml"));
        QVERIFY(plan->warnings.contains(QStringLiteral("uv.lock support is experimental")));

        ImageSpec poetry = lockSpec("poetryproject/poetry.lock");
        QVERIFY(build::planBuild(poetry, projectHost(), kBuildKit).value().warnings.isEmpty());
        poetry.setArgument(Field::PipIndex, "https://pypi.example.com/simple");
        const auto indexed = build::planBuild(poetry, projectHost(), kBuildKit);
        QVERIFY(indexed);
        QVERIFY(indexed->dockerfile.contains(
            "poetry install --index-url https://pypi.example.com/simple --no-root\n"));
        QCOMPARE(indexed->warnings.size(), 1);
        QVERIFY(indexed->warnings[0].contains(QStringLiteral("source in pyproject.toml")));
    }

    void secretsAreMountedNeverCopied() {
        ImageSpec spec = pipOptionsSpec();
        spec.setArgument(Field::PipSecretMounts,
                         PyValue::list({PyValue::tuple({"/home/me/.netrc", "/root/.netrc"}),
                                        PyValue::tuple({"configs/app.yaml", "/etc/app.yaml"})}));
        const auto plan = build::planBuild(spec, projectHost(), kBuildKit);
        QVERIFY2(plan, plan ? "" : qPrintable(plan.error().describe()));
        QCOMPARE(plan->secrets.size(), 2);
        QCOMPARE(plan->secrets[0].id, QStringLiteral("secret_0"));
        QCOMPARE(plan->secrets[0].sourcePath, QStringLiteral("/home/me/.netrc"));
        QCOMPARE(plan->secrets[1].id, QStringLiteral("secret_1"));
        QCOMPARE(plan->secrets[1].sourcePath, goldenDir() + QStringLiteral("/project/configs/app.yaml"));
        QVERIFY(plan->dockerfile.contains("--mount=type=secret,id=secret_1,target=/etc/app.yaml \\\n"));
        QVERIFY(!archivePaths(*plan).contains(QStringLiteral("configs/app.yaml")));
        QVERIFY(build::planBuild(appSpec(), projectHost(), kBuildKit).value().secrets.isEmpty());
    }

    void sourceFolderExistsEvenWhenNothingIsSelected() {
        // LOADED_MODULES with a relative root selects no file (reference §8.3); COPY ./src still needs src/.
        const auto plan = build::planBuild(appSpec({{Field::SourceRoot, "src"}}), projectHost(), kBuildKit);
        QVERIFY(plan);
        QVERIFY(plan->dockerfile.contains("\nCOPY --chown=flytekit ./src /root\n"));
        QCOMPARE(archivePaths(*plan), (QStringList{"Dockerfile", "requirements_uv.txt", "src"}));
        QVERIFY(plan->entries[2].isDirectory);
    }

    void requirementsFollowFlytekitsRules() {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.path(), QStringLiteral("crlf.txt"), "pandas\r\n\r\n\tnumpy \rscipy\r\n"));
        QVERIFY(writeFile(dir.path(), QStringLiteral("pinned.txt"), "flytekit>=1.16\npandas"));
        QVERIFY(writeFile(dir.path(), QStringLiteral("lookalikes.txt"),
                          "git+https://github.com/flyteorg/flytekit@abc\nflytekitplugins-pandera\n"));
        const auto host = x86Host(dir.path());
        const auto spec = [](const char* file) {
            ImageSpec result = appSpec({{Field::Requirements, file}});
            result.clearArgument(Field::Packages);
            return result;
        };

        // Universal newlines, each line stripped, blank lines kept, no trailing newline.
        QCOMPARE(requirementLines(spec("crlf.txt"), kBuildKit, host),
                 (QStringList{"pandas", "", "numpy", "scipy", "flytekit"}));
        QCOMPARE(requirementLines(spec("pinned.txt"), kBuildKit, host),
                 (QStringList{"flytekit>=1.16", "pandas"}));
        // URL requirements and plugins are not flytekit, as flytekit's `_is_flytekit` decides.
        DockerfileOptions pinned = kBuildKit;
        pinned.flytekitVersion = QStringLiteral("1.16.24");
        QCOMPARE(requirementLines(spec("lookalikes.txt"), pinned, host),
                 (QStringList{"git+https://github.com/flyteorg/flytekit@abc", "flytekitplugins-pandera",
                              "flytekit==1.16.24"}));
        // A development flytekit is not on PyPI: flytekit leaves it unpinned.
        DockerfileOptions development = kBuildKit;
        development.flytekitVersion = QStringLiteral("1.17.0.dev12+g1234abc");
        QCOMPARE(requirementLines(appSpec(), development), (QStringList{"pandas==2.2.2", "flytekit"}));
        DockerfileOptions noFlytekit = kBuildKit;
        noFlytekit.addFlytekit = false;
        QCOMPARE(requirementLines(appSpec(), noFlytekit), QStringList{"pandas==2.2.2"});
        // Packages come after the file's lines.
        QCOMPARE(requirementLines(appSpec({{Field::Requirements, "crlf.txt"}}), kBuildKit, host),
                 (QStringList{"pandas", "", "numpy", "scipy", "pandas==2.2.2", "flytekit"}));
    }

    void pythonValuesPrintAsPythonWould() {
        // A YAML `python_version: 3.10` is the float 3.1, and flytekit asks micromamba for python=3.1.
        const QByteArray floatVersion =
            build::renderDockerfile(appSpec({{Field::PythonVersion, PyValue::floating(3.1)}}), projectHost(),
                                    kBuildKit)
                .value();
        QVERIFY(floatVersion.contains("\n    python=3.1 \n"));
        DockerfileOptions options = kBuildKit;
        options.fallbackPythonVersion = QStringLiteral("3.12");
        ImageSpec unset = appSpec();
        unset.clearArgument(Field::PythonVersion);
        QVERIFY(
            build::renderDockerfile(unset, projectHost(), options).value().contains("\n    python=3.12 \n"));
        // Values with `$` stay literal: they are substituted once, never rescanned.
        const QByteArray env =
            build::renderDockerfile(appSpec({{Field::Env, PyValue::dict({{"HOME_DIR", "$HOME"}})}}),
                                    projectHost(), kBuildKit)
                .value();
        QVERIFY(env.contains("    PYTHONPATH=/root HOME_DIR=$HOME\n"));
    }

    void nestedBaseSpecBuildsOnItsImageName() {
        const ImageSpec base = makeSpec({{Field::Name, "base"}, {Field::Registry, "localhost:30000"}});
        const ImageSpec spec =
            appSpec({{Field::BaseImage, PyValue::spec(std::make_shared<ImageSpec>(base))}});
        const QString baseName = spec::specImageName(base, projectHost()).value();
        const QByteArray dockerfile = build::renderDockerfile(spec, projectHost(), kBuildKit).value();
        QVERIFY2(dockerfile.contains("\nFROM " + baseName.toUtf8() + "\n"), dockerfile.constData());
    }

    void copyAlwaysLandsUnderRoot() {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.path(), QStringLiteral("top.txt"), "x"));
        QVERIFY(writeFile(dir.path(), QStringLiteral("a/b/c.txt"), "x"));
        const QByteArray dockerfile =
            build::renderDockerfile(appSpec({{Field::Copy, strings({"top.txt", "./a//b/c.txt", "a/b/"})}}),
                                    x86Host(dir.path()), kBuildKit)
                .value();
        QVERIFY2(dockerfile.contains("\nCOPY --chown=flytekit top.txt /root/./\n"
                                     "COPY --chown=flytekit a/b/c.txt /root/a/b/\n"
                                     "COPY --chown=flytekit a/b /root/a/b/\n"),
                 dockerfile.constData());
    }

    void flytekitsErrors_data() {
        QTest::addColumn<ImageSpec>("spec");
        QTest::addColumn<int>("dialect");
        QTest::addColumn<int>("installer");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        const auto row = [](const char* name, const ImageSpec& spec, const DockerfileOptions& options,
                            const char* code, const char* message) {
            QTest::newRow(name) << spec << static_cast<int>(options.dialect)
                                << static_cast<int>(options.installer) << QString::fromUtf8(code)
                                << QString::fromUtf8(message);
        };
        row("cuda", appSpec({{Field::Cuda, "12.1"}}), kBuildKit, "build.cuda", "nvidia/cuda:12.6.1");
        row("cudnn", appSpec({{Field::Cudnn, "9"}}), kBuildKit, "build.cuda", "python_exec");
        row("uv.lock and packages", appSpec({{Field::Requirements, "uvproject/uv.lock"}}), kBuildKit,
            "build.lockWithPackages", "Support for uv.lock files and packages is mutually exclusive");
        row("poetry.lock and packages", appSpec({{Field::Requirements, "poetryproject/poetry.lock"}}),
            kBuildKit, "build.lockWithPackages",
            "Support for poetry.lock files and packages is mutually exclusive");
        row("uv.lock without pyproject", lockSpec("lockonly/uv.lock"), kBuildKit, "build.missingPyproject",
            "To use uv.lock, a pyproject.toml file must be in the same directory as the lock file");
        row("uv.lock with pip", lockSpec("uvproject/uv.lock"), kPip, "build.uvLockNeedsUv",
            "uv.lock needs the uv installer");
        row("missing requirements", appSpec({{Field::Requirements, "nothere.txt"}}), kBuildKit,
            "build.missingFile", "nothere.txt");
        row("secrets without BuildKit", pipOptionsSpec(), kClassic, "build.secretsNeedBuildKit",
            "pip_secret_mounts need BuildKit");
        row("conda channels with python_exec",
            appSpec({{Field::PythonExec, "/usr/bin/python3"}, {Field::CondaChannels, strings({"bioconda"})}}),
            kBuildKit, "build.condaWithPythonExec", "conda_channels is not supported with python_exec");
        row("conda packages with python_exec",
            appSpec({{Field::PythonExec, "/usr/bin/python3"}, {Field::CondaPackages, strings({"gdal"})}}),
            kBuildKit, "build.condaWithPythonExec", "conda_packages is not supported with python_exec");
        row("absolute copy", appSpec({{Field::Copy, strings({"/etc/passwd"})}}), kBuildKit, "build.copyPath",
            "Absolute paths or paths with '..' are not allowed in COPY command.");
        row("parent copy", appSpec({{Field::Copy, strings({"data/../../x"})}}), kBuildKit, "build.copyPath",
            "Absolute paths or paths with '..' are not allowed in COPY command.");
        row("missing copy", appSpec({{Field::Copy, strings({"nothere"})}}), kBuildKit, "build.missingFile",
            "copy entry nothere does not exist");
        row("copy mode without root",
            appSpec({{Field::SourceCopyMode, PyValue::copyMode(spec::CopyMode::All)}}), kBuildKit,
            "build.sourceRootMissing", "source_root must be set");
        row("packages as a string", appSpec({{Field::Packages, "pandas"}}), kBuildKit, "build.invalidField",
            "packages must be a list of strings");
        row("entrypoint as a string", appSpec({{Field::Entrypoint, "python"}}), kBuildKit,
            "build.invalidField", "entrypoint must be a list of strings");
    }

    void flytekitsErrors() {
        QFETCH(ImageSpec, spec);
        QFETCH(int, dialect);
        QFETCH(int, installer);
        QFETCH(QString, code);
        QFETCH(QString, message);
        const Error error = planError(
            spec, flavour(static_cast<DockerfileDialect>(dialect), static_cast<Installer>(installer)));
        QCOMPARE(error.code, code);
        QVERIFY2(error.describe().contains(message), qPrintable(error.describe()));
        QVERIFY2(!error.fix.isEmpty(), qPrintable(error.describe()));
    }

    void pythonTemplateSemantics() {
        const QHash<QString, QString> values{{QStringLiteral("A"), QStringLiteral("$B")},
                                             {QStringLiteral("B"), QStringLiteral("b")},
                                             {QStringLiteral("_X1"), QStringLiteral("x")}};
        QCOMPARE(build::substitutePyTemplate(u"$A $$B ${B}c $_X1.$$", values),
                 QStringLiteral("$B $B bc x.$"));
    }

    void jsonDumpsLikePython() {
        QCOMPARE(build::pyJsonDumps({}), QStringLiteral("[]"));
        QCOMPARE(build::pyJsonDumps({QStringLiteral("a"), QStringLiteral("b c")}),
                 QStringLiteral("[\"a\", \"b c\"]"));
        QCOMPARE(build::pyJsonDumps({QStringLiteral("q\"\\\n\t\x01\x7f")}),
                 QStringLiteral("[\"q\\\"\\\\\\n\\t\\u0001\\u007f\"]"));
        QCOMPARE(build::pyJsonDumps({QStringLiteral("h\u00e9 \u20ac \U0001F600")}),
                 QStringLiteral("[\"h\\u00e9 \\u20ac \\ud83d\\ude00\"]"));
    }

    void stripLikePython() {
        QCOMPARE(build::pyStrip(u"\x1c\t pandas \u00a0\u2003\x1f"), QStringLiteral("pandas"));
        QCOMPARE(build::pyStrip(u"\ufeffpandas"), QStringLiteral("\ufeffpandas"));
    }
};

QTEST_GUILESS_MAIN(DockerfileTest)
#include "tst_dockerfile.moc"
