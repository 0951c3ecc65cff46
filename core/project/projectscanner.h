#pragma once

#include "common/cancel.h"
#include "project/projectfile.h"
#include "spec/imagespec.h"

#include <QFileInfo>
#include <QList>
#include <QString>
#include <QStringList>

namespace slipway::project {

// What one walk of a project folder found.
struct ProjectScan {
    QString folder;             // absolute, clean
    spec::HostEnvironment host; // this machine, with the project folder as working directory
    QList<ProjectFile> files;   // sorted by path
    QStringList watchedFolders; // the project folder and every folder holding a spec file
    int filesVisited = 0;
    bool capped = false; // the walk stopped at the file limit; later files were not looked at
    bool cancelled = false;
    QStringList notes; // files passed over and why, for the log
};

// Walks a project folder for ImageSpecs: `*.yaml`/`*.yml` files that are ImageSpec mappings and `*.py`
// files with `ImageSpec(...)` calls. Tool and dependency folders (.git, virtualenvs, node_modules,
// build output) are not walked; they hold thousands of files and never the user's specs. Blocking:
// run it on a worker thread.
class ProjectScanner {
public:
    static constexpr int kDefaultFileLimit = 5000;

    explicit ProjectScanner(QString folder, int fileLimit = kDefaultFileLimit);

    ProjectScan scan(const CancelFlag* cancel = nullptr) const;

    // The working directory pyflyte would run in for this project: relative spec paths resolve here.
    static spec::HostEnvironment hostFor(const QString& folder);
    static bool isSkippedDirectory(const QFileInfo& directory);

private:
    QString m_folder;
    int m_fileLimit;
};

} // namespace slipway::project
