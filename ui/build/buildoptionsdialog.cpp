#include "build/buildoptionsdialog.h"

#include "widgets/messagebanner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace slipway::ui {

namespace {

QCheckBox* checkBox(const QString& text, const QString& objectName, QWidget* parent) {
    auto* box = new QCheckBox(text, parent);
    box->setObjectName(objectName);
    return box;
}

QLabel* hint(const QString& text, QWidget* parent) {
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

} // namespace

BuildOptionsDialog::BuildOptionsDialog(BuildOptionsSettings settings, const QString& specName,
                                       QWidget* parent)
    : QDialog(parent), m_settings(std::move(settings)), m_platform(new QComboBox(this)),
      m_installer(new QComboBox(this)), m_dialect(new QComboBox(this)),
      m_addFlytekit(
          checkBox(QStringLiteral("Add flytekit to the image"), QStringLiteral("buildAddFlytekit"), this)),
      m_syntaxLine(checkBox(QStringLiteral("Start the Dockerfile with a #syntax line"),
                            QStringLiteral("buildSyntaxLine"), this)),
      m_noCache(
          checkBox(QStringLiteral("Run every step again (no cache)"), QStringLiteral("buildNoCache"), this)),
      m_pull(checkBox(QStringLiteral("Pull the base image even when the engine has it"),
                      QStringLiteral("buildPull"), this)),
      m_force(checkBox(QStringLiteral("Build even when the image is in its registry already"),
                       QStringLiteral("buildForce"), this)) {
    setObjectName(QStringLiteral("buildOptionsDialog"));
    setWindowTitle(QStringLiteral("Build Options — %1").arg(specName));

    m_platform->setObjectName(QStringLiteral("buildPlatform"));
    m_platform->setEditable(true);
    m_platform->addItem(QStringLiteral("The engine's own"), QString());
    for (const char* platform : {"linux/amd64", "linux/arm64"})
        m_platform->addItem(QLatin1String(platform), QLatin1String(platform));
    m_installer->setObjectName(QStringLiteral("buildInstaller"));
    m_installer->addItem(QStringLiteral("uv (flytekit's default)"), QStringLiteral("uv"));
    m_installer->addItem(QStringLiteral("pip"), QStringLiteral("pip"));
    m_dialect->setObjectName(QStringLiteral("buildDialect"));
    m_dialect->addItem(QStringLiteral("BuildKit"), QStringLiteral("buildkit"));
    m_dialect->addItem(QStringLiteral("Classic builder"), QStringLiteral("classic"));

    auto* form = new QFormLayout;
    form->addRow(QStringLiteral("&Platform:"), m_platform);
    form->addRow(QStringLiteral("&Installer:"), m_installer);
    form->addRow(QStringLiteral("&Dockerfile:"), m_dialect);

    auto* flytekitHint =
        hint(QStringLiteral("flytekit's builder always adds it. A raw-container task does not "
                            "need it, and an offline build cannot download it."),
             this);
    auto* syntaxHint = hint(QStringLiteral("BuildKit then downloads its Dockerfile frontend from Docker Hub: "
                                           "turn it off to build offline."),
                            this);
    auto* banner = new MessageBanner(this);
    banner->setObjectName(QStringLiteral("buildOptionsProblem"));
    banner->setKind(MessageBanner::Kind::Warning);
    banner->hide();

    auto* buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
    buttons->setObjectName(QStringLiteral("buildOptionsButtons"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this, [this] {
        if (auto defaults = m_settings.projectDefaults())
            setOptions(*defaults);
    });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(banner);
    layout->addLayout(form);
    layout->addWidget(m_addFlytekit);
    layout->addWidget(flytekitHint);
    layout->addWidget(m_syntaxLine);
    layout->addWidget(syntaxHint);
    layout->addWidget(m_noCache);
    layout->addWidget(m_pull);
    layout->addWidget(m_force);
    layout->addWidget(hint(QStringLiteral("Build options do not change the image's tag."), this));
    layout->addStretch();
    layout->addWidget(buttons);

    const BuildOptionsSettings::Loaded loaded = m_settings.load();
    if (!loaded.problem.isEmpty()) {
        banner->setText(loaded.problem);
        banner->show();
    }
    setOptions(loaded.options);
    setMinimumWidth(460);
}

void BuildOptionsDialog::setOptions(const docker::BuildOptions& options) {
    m_loaded = options;
    const int platform = m_platform->findData(options.platform);
    if (platform >= 0)
        m_platform->setCurrentIndex(platform);
    else
        m_platform->setEditText(options.platform);
    m_installer->setCurrentIndex(options.dockerfile.installer == build::Installer::Pip ? 1 : 0);
    m_dialect->setCurrentIndex(options.dockerfile.dialect == build::DockerfileDialect::Classic ? 1 : 0);
    m_addFlytekit->setChecked(options.dockerfile.addFlytekit);
    m_syntaxLine->setChecked(options.dockerfile.syntaxLine);
    m_noCache->setChecked(options.noCache);
    m_pull->setChecked(options.pull);
    m_force->setChecked(options.force);
}

docker::BuildOptions BuildOptionsDialog::options() const {
    docker::BuildOptions options = m_loaded;
    const int platform = m_platform->findText(m_platform->currentText());
    options.platform =
        platform >= 0 ? m_platform->itemData(platform).toString() : m_platform->currentText().trimmed();
    options.dockerfile.installer =
        m_installer->currentIndex() == 1 ? build::Installer::Pip : build::Installer::Uv;
    options.dockerfile.dialect = m_dialect->currentIndex() == 1 ? build::DockerfileDialect::Classic
                                                                : build::DockerfileDialect::BuildKit;
    options.dockerfile.addFlytekit = m_addFlytekit->isChecked();
    options.dockerfile.syntaxLine = m_syntaxLine->isChecked();
    options.noCache = m_noCache->isChecked();
    options.pull = m_pull->isChecked();
    options.force = m_force->isChecked();
    return options;
}

// The project's defaults stay in force (and follow later edits of slipway-build.json) unless the user
// chose something else.
void BuildOptionsDialog::accept() {
    const docker::BuildOptions chosen = options();
    const auto defaults = m_settings.projectDefaults();
    if (defaults && *defaults == chosen)
        m_settings.reset();
    else
        m_settings.save(chosen);
    QDialog::accept();
}

} // namespace slipway::ui
