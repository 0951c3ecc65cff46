#include "widgets/icons.h"

#include <QString>

// Q_INIT_RESOURCE cannot be used inside a namespace. The resources live in a static library, where the
// linker drops an unreferenced initializer; calling it from here keeps it with the first icon used.
static void initSlipwayResources() {
    Q_INIT_RESOURCE(slipway);
}

namespace slipway::ui {

namespace {

QString resourcePath(IconName name) {
    switch (name) {
    case IconName::Add:
        return QStringLiteral(":/icons/add.svg");
    case IconName::App:
        return QStringLiteral(":/icons/app.svg");
    case IconName::Copy:
        return QStringLiteral(":/icons/copy.svg");
    case IconName::Down:
        return QStringLiteral(":/icons/down.svg");
    case IconName::Error:
        return QStringLiteral(":/icons/error.svg");
    case IconName::File:
        return QStringLiteral(":/icons/file.svg");
    case IconName::Folder:
        return QStringLiteral(":/icons/folder.svg");
    case IconName::Info:
        return QStringLiteral(":/icons/info.svg");
    case IconName::NewSpec:
        return QStringLiteral(":/icons/new-spec.svg");
    case IconName::Ok:
        return QStringLiteral(":/icons/ok.svg");
    case IconName::Paste:
        return QStringLiteral(":/icons/paste.svg");
    case IconName::Redo:
        return QStringLiteral(":/icons/redo.svg");
    case IconName::Remove:
        return QStringLiteral(":/icons/remove.svg");
    case IconName::Revert:
        return QStringLiteral(":/icons/revert.svg");
    case IconName::Save:
        return QStringLiteral(":/icons/save.svg");
    case IconName::SpecPython:
        return QStringLiteral(":/icons/spec-python.svg");
    case IconName::SpecYaml:
        return QStringLiteral(":/icons/spec-yaml.svg");
    case IconName::Undo:
        return QStringLiteral(":/icons/undo.svg");
    case IconName::Up:
        return QStringLiteral(":/icons/up.svg");
    case IconName::Warning:
        return QStringLiteral(":/icons/warning.svg");
    }
    return {};
}

} // namespace

QIcon icon(IconName name) {
    static const bool initialised = (initSlipwayResources(), true);
    Q_UNUSED(initialised);
    return QIcon(resourcePath(name));
}

} // namespace slipway::ui
