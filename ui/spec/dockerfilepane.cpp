#include "spec/dockerfilepane.h"

#include "spec/codeeditor.h"
#include "spec/codehighlighter.h"
#include "spec/imagespec.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QSettings>
#include <QVBoxLayout>

namespace slipway::ui {

namespace {
const QString kDialectKey = QStringLiteral("editor/dockerfileDialect");
const QString kInstallerKey = QStringLiteral("editor/dockerfileInstaller");
} // namespace

DockerfilePane::DockerfilePane(QWidget* parent)
    : QWidget(parent), m_dialect(new QComboBox(this)), m_installer(new QComboBox(this)),
      m_view(new CodeEditor(this)), m_highlighter(new CodeHighlighter(CodeHighlighter::Language::Dockerfile,
                                                                      m_view->document(), palette())),
      m_error(new QLabel(this)) {
    setObjectName(QStringLiteral("dockerfilePane"));
    m_dialect->setObjectName(QStringLiteral("dockerfileDialect"));
    m_dialect->setAccessibleName(QStringLiteral("Dockerfile dialect"));
    m_dialect->setToolTip(QStringLiteral("BuildKit: flytekit's Dockerfile with cache and secret mounts. "
                                         "Classic: the same steps for engines without BuildKit."));
    m_dialect->addItem(QStringLiteral("BuildKit"), int(build::DockerfileDialect::BuildKit));
    m_dialect->addItem(QStringLiteral("Classic"), int(build::DockerfileDialect::Classic));
    m_installer->setObjectName(QStringLiteral("dockerfileInstaller"));
    m_installer->setAccessibleName(QStringLiteral("Python package installer"));
    m_installer->setToolTip(QStringLiteral("uv: flytekit's default. pip: for builds that cannot pull the uv "
                                           "image (offline, air-gapped)."));
    m_installer->addItem(QStringLiteral("uv"), int(build::Installer::Uv));
    m_installer->addItem(QStringLiteral("pip"), int(build::Installer::Pip));
    const QSettings settings;
    m_dialect->setCurrentIndex(std::max(0, m_dialect->findData(settings.value(kDialectKey, 0).toInt())));
    m_installer->setCurrentIndex(
        std::max(0, m_installer->findData(settings.value(kInstallerKey, 0).toInt())));

    m_view->setObjectName(QStringLiteral("dockerfileView"));
    m_view->setAccessibleName(QStringLiteral("Dockerfile"));
    m_view->setReadOnly(true);
    m_error->setObjectName(QStringLiteral("dockerfileError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();

    auto* dialectLabel = new QLabel(QStringLiteral("&Dialect"), this);
    dialectLabel->setBuddy(m_dialect);
    auto* installerLabel = new QLabel(QStringLiteral("&Installer"), this);
    installerLabel->setBuddy(m_installer);
    auto* options = new QHBoxLayout;
    options->setSpacing(6);
    options->addWidget(dialectLabel);
    options->addWidget(m_dialect);
    options->addSpacing(12);
    options->addWidget(installerLabel);
    options->addWidget(m_installer);
    options->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->setSpacing(6);
    layout->addLayout(options);
    layout->addWidget(m_error);
    layout->addWidget(m_view, 1);

    const auto changed = [this] {
        QSettings stored;
        stored.setValue(kDialectKey, m_dialect->currentData().toInt());
        stored.setValue(kInstallerKey, m_installer->currentData().toInt());
        render();
    };
    connect(m_dialect, &QComboBox::currentIndexChanged, this, changed);
    connect(m_installer, &QComboBox::currentIndexChanged, this, changed);
}

build::DockerfileOptions DockerfilePane::options() const {
    build::DockerfileOptions options;
    options.dialect = build::DockerfileDialect(m_dialect->currentData().toInt());
    options.installer = build::Installer(m_installer->currentData().toInt());
    return options;
}

QString DockerfilePane::text() const {
    return m_view->toPlainText();
}

void DockerfilePane::setSpec(const spec::ImageSpec& spec, const spec::HostEnvironment& host) {
    m_spec = std::make_unique<spec::ImageSpec>(spec);
    m_host = std::make_unique<spec::HostEnvironment>(host);
    render();
}

// Rendering reads no file contents (no hashing), so it is quick enough to do on every change.
void DockerfilePane::render() {
    if (!m_spec)
        return;
    const Result<QByteArray> dockerfile = build::renderDockerfile(*m_spec, *m_host, options());
    if (!dockerfile) {
        m_error->setText(QStringLiteral("No Dockerfile: %1").arg(dockerfile.error().describe()));
        m_error->show();
        m_view->setEnabled(false);
        return;
    }
    m_error->hide();
    m_view->setEnabled(true);
    m_view->replaceText(QString::fromUtf8(*dockerfile));
}

void DockerfilePane::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        m_highlighter->setPalette(palette());
}

} // namespace slipway::ui
