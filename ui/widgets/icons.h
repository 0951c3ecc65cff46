#pragma once

#include <QIcon>

namespace slipway::ui {

// Icons drawn for Slipway (resources/icons/*.svg); the SVG engine renders them crisp at any scale.
enum class IconName { App, Copy, Error, File, Folder, Ok, SpecPython, SpecYaml, Warning };

QIcon icon(IconName name);

} // namespace slipway::ui
