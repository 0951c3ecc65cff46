#pragma once

#include "common/error.h"

#include <QList>
#include <QString>

namespace slipway::ui {

// The starting points for File > New ImageSpec (resources/templates/*.yaml).
struct SpecTemplate {
    QString id; // "minimal", "data-science", "requirements", "gpu-cuda"
    QString title;
    QString description;
    bool needsRequirements = false; // asks for a requirements file
};

const QList<SpecTemplate>& specTemplates();

// The template's YAML with `name` (and `requirements`, when the template has it) set; comments kept.
Result<QString> instantiateTemplate(const QString& id, const QString& name, const QString& requirements = {});

} // namespace slipway::ui
