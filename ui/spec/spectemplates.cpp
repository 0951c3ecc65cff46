#include "spec/spectemplates.h"

#include "spec/yamlpatch.h"
#include "widgets/icons.h"

#include <QFile>

namespace slipway::ui {

const QList<SpecTemplate>& specTemplates() {
    static const QList<SpecTemplate> templates{
        {QStringLiteral("minimal"), QStringLiteral("Minimal"),
         QStringLiteral("Python 3.11 and flytekit on Debian. Add your packages."), false},
        {QStringLiteral("data-science"), QStringLiteral("Data science"),
         QStringLiteral("pandas, numpy and scikit-learn, with git for pip installs from repositories."),
         false},
        {QStringLiteral("requirements"), QStringLiteral("From a requirements file"),
         QStringLiteral("The packages of an existing requirements.txt (or uv.lock, poetry.lock); editing the "
                        "file changes the image tag."),
         true},
        {QStringLiteral("gpu-cuda"), QStringLiteral("GPU (CUDA base image)"),
         QStringLiteral("PyTorch on NVIDIA's CUDA image, using the image's own Python (python_exec)."),
         false},
    };
    return templates;
}

Result<QString> instantiateTemplate(const QString& id, const QString& name, const QString& requirements) {
    icon(IconName::App); // makes sure the resources are registered (they live in a static library)
    QFile file(QStringLiteral(":/templates/%1.yaml").arg(id));
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("template.missing"),
                    QStringLiteral("there is no template named %1").arg(id));
    QString text = QString::fromUtf8(file.readAll());
    Result<QString> named = spec::setYamlArgument(text, spec::Field::Name, spec::PyValue(name));
    if (!named || requirements.isEmpty())
        return named;
    return spec::setYamlArgument(*named, spec::Field::Requirements, spec::PyValue(requirements));
}

} // namespace slipway::ui
