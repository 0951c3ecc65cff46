#pragma once

#include "common/error.h"
#include "docker/buildevents.h"

#include <QString>
#include <QVariantMap>

namespace slipway::project {

// The project's build defaults, a file in the project folder that travels with it (committed with
// the specs), so that everyone who opens the project builds its specs the same way without choosing
// options first. JSON; every key is optional:
//
//   {
//     "defaults": { "installer": "pip" },
//     "specs": {
//       "offline-example.yaml": { "addFlytekit": false, "syntaxLine": false },
//       "workflows/tasks.py:image": { "platform": "linux/amd64" }
//     }
//   }
//
// A spec's key is its file's path relative to the project folder, and ":variable" for a Python spec.
// The option keys are those of buildOptionsToMap(). Never holds secrets: build arguments are not
// among its keys.
inline constexpr QLatin1StringView kBuildDefaultsFileName{"slipway-build.json"};

// The options a user chooses per spec as a flat map (QSettings, the defaults file): platform (text,
// empty = the engine's own), noCache, pull, force, addFlytekit, syntaxLine (booleans), installer
// ("uv" | "pip"), dialect ("buildkit" | "classic"). Build arguments and push are not part of it.
QVariantMap buildOptionsToMap(const docker::BuildOptions& options);

// `base` with the keys present in `map` applied. A value of the wrong kind or an unknown key is an
// error naming the key and what it takes.
Result<docker::BuildOptions> applyBuildOptionsMap(docker::BuildOptions base, const QVariantMap& map);

// The spec's key in the defaults file: "specs/a.yaml", or "workflows/tasks.py:image".
QString buildDefaultsSpecKey(const QString& projectFolder, const QString& specFile, const QString& variable);

// The project's defaults for one spec: `base`, then the file's "defaults", then its entry under
// "specs". No file: `base`. A file that cannot be read as above: an error that names it and the fix.
Result<docker::BuildOptions> projectBuildOptions(const QString& projectFolder, const QString& specKey,
                                                 docker::BuildOptions base = {});

} // namespace slipway::project
