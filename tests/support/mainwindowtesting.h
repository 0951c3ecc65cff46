#pragma once

// Shared by the main window's build tests and screenshots: a copy of the example project whose
// offline spec gets a tag of this run's own, and opening a spec through the window as a user does.
#include "build/buildcoordinator.h"
#include "copytree.h"
#include "engineapi.h"
#include "main/buildactions.h"
#include "main/mainwindow.h"
#include "project/project.h"
#include "spec/specdocument.h"
#include "spec/speceditor.h"
#include "widgets/folderdialog.h"

#include <QAction>
#include <QFile>
#include <QTest>
#include <QTreeView>

namespace slipway::testing {

inline const QString kExampleProject =
    QStringLiteral(SLIPWAY_SOURCE_DIR "/resources/examples/simple-example");

inline bool writeText(const QString& path, const QByteArray& text) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text) == text.size();
}

inline QByteArray readText(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Copies the example into `folder` and puts a run id into the offline spec's env, so its tag is this
// run's own and the image is really built and pushed (an existing one would be skipped); the steps
// before the env stay cached in the engine.
inline bool copyExampleWithFreshTag(const QString& folder) {
    if (!copyTree(kExampleProject, folder))
        return false;
    const QString spec = QDir(folder).filePath(QStringLiteral("offline-example.yaml"));
    QByteArray yaml = readText(spec);
    const QByteArray anchor = "  EXAMPLE_MODE: offline\n";
    if (!yaml.contains(anchor))
        return false;
    yaml.replace(anchor, anchor + "  SLIPWAY_TEST_RUN: " + uniqueName(QStringLiteral("run")).toUtf8() + "\n");
    return writeText(spec, yaml);
}

// Opens `folder` through File > Open Folder and selects `specFile`'s row, which opens it in the
// editor; true once it can be built (its image reference computed).
inline bool openSpecInWindow(ui::MainWindow& window, const QString& folder, const QString& specFile) {
    ui::FolderDialog::setNextDirectory(folder);
    window.findChild<QAction*>(QStringLiteral("actionOpenFolder"))->trigger();
    if (!QTest::qWaitFor([&] { return window.project()->hasScanned(); }, 30000))
        return false;
    auto* tree = window.findChild<QTreeView*>(QStringLiteral("projectTree"));
    QModelIndex row;
    for (int file = 0; file < tree->model()->rowCount(); ++file) {
        if (tree->model()->index(file, 0).data().toString() == specFile)
            row = tree->model()->index(file, 0);
    }
    if (!row.isValid())
        return false;
    tree->setCurrentIndex(row);
    auto* buildAndPush = window.findChild<QAction*>(QStringLiteral("actionBuildAndPush"));
    return QTest::qWaitFor(
        [&] {
            return window.specEditor()->hasDocument() &&
                   window.specEditor()->document()->filePath().endsWith(specFile) &&
                   buildAndPush->isEnabled();
        },
        30000);
}

// The window's current run once it has finished; null when it did not within `timeoutMs`.
inline project::BuildRun* waitForFinishedRun(ui::MainWindow& window, int timeoutMs) {
    ui::BuildCoordinator* builds = window.buildActions()->coordinator();
    const bool finished = QTest::qWaitFor(
        [builds] { return builds->currentRun() && builds->currentRun()->isFinished(); }, timeoutMs);
    return finished ? builds->currentRun() : nullptr;
}

} // namespace slipway::testing
