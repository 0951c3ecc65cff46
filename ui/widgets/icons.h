#pragma once

#include <QIcon>

namespace slipway::ui {

// Icons drawn for Slipway (resources/icons/*.svg); the SVG engine renders them crisp at any scale.
enum class IconName {
    Add,
    App,
    Copy,
    Down,
    Error,
    File,
    Folder,
    Info,
    NewSpec,
    Ok,
    Paste,
    Redo,
    Remove,
    Revert,
    Save,
    SpecPython,
    SpecYaml,
    Undo,
    Up,
    Warning,
};

QIcon icon(IconName name);

} // namespace slipway::ui
