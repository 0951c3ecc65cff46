#include "spec/fieldlabels.h"

namespace slipway::ui {

using spec::Field;

QString fieldLabel(Field field) {
    switch (field) {
    case Field::Name:
        return QStringLiteral("Name");
    case Field::PythonVersion:
        return QStringLiteral("Python version");
    case Field::Builder:
        return QStringLiteral("Builder");
    case Field::SourceRoot:
        return QStringLiteral("Source root");
    case Field::Env:
        return QStringLiteral("Environment");
    case Field::Registry:
        return QStringLiteral("Registry");
    case Field::Packages:
        return QStringLiteral("Packages");
    case Field::CondaPackages:
        return QStringLiteral("Conda packages");
    case Field::CondaChannels:
        return QStringLiteral("Conda channels");
    case Field::Requirements:
        return QStringLiteral("Requirements file");
    case Field::AptPackages:
        return QStringLiteral("APT packages");
    case Field::Cuda:
        return QStringLiteral("CUDA");
    case Field::Cudnn:
        return QStringLiteral("cuDNN");
    case Field::BaseImage:
        return QStringLiteral("Base image");
    case Field::Platform:
        return QStringLiteral("Platform");
    case Field::PipIndex:
        return QStringLiteral("Pip index URL");
    case Field::PipExtraIndexUrl:
        return QStringLiteral("Extra index URLs");
    case Field::PipSecretMounts:
        return QStringLiteral("Pip secret mounts");
    case Field::PipExtraArgs:
        return QStringLiteral("Pip extra arguments");
    case Field::RegistryConfig:
        return QStringLiteral("Registry config");
    case Field::Entrypoint:
        return QStringLiteral("Entrypoint");
    case Field::Commands:
        return QStringLiteral("Commands");
    case Field::TagFormat:
        return QStringLiteral("Tag format");
    case Field::SourceCopyMode:
        return QStringLiteral("Source copy mode");
    case Field::Copy:
        return QStringLiteral("Copy");
    case Field::PythonExec:
        return QStringLiteral("Python executable");
    case Field::RuntimePackages:
        return QStringLiteral("Runtime packages");
    case Field::BuilderOptions:
        return QStringLiteral("Builder options");
    case Field::BuilderConfig:
        return QStringLiteral("Builder config");
    }
    return spec::fieldName(field);
}

QString fieldToolTip(Field field) {
    return QStringLiteral("%1\nYAML key: %2")
        .arg(QString::fromUtf8(spec::fieldInfo(field).help), spec::fieldName(field));
}

} // namespace slipway::ui
