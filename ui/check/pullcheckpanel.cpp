#include "check/pullcheckpanel.h"

#include "check/pullcheckrunner.h"
#include "check/pullcheckview.h"
#include "check/pullsecretchoice.h"
#include "registry/registryerror.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace slipway::ui {

PullCheckPanel::PullCheckPanel(registry::RegistryClient& client, QWidget* parent)
    : QWidget(parent), m_reference(new QLineEdit(this)), m_platforms(new QLineEdit(this)),
      m_secret(new PullSecretChoice(this)), m_check(new QPushButton(QStringLiteral("Check"), this)),
      m_view(new PullCheckView(this)), m_runner(new PullCheckRunner(client, m_view, this)),
      m_hint(new QLabel(this)), m_scroll(new QScrollArea(this)) {
    setObjectName(QStringLiteral("pullCheckPanel"));
    m_reference->setObjectName(QStringLiteral("pullCheckReferenceField"));
    m_reference->setPlaceholderText(QStringLiteral("ghcr.io/owner/image:tag"));
    m_reference->setClearButtonEnabled(true);
    m_platforms->setObjectName(QStringLiteral("pullCheckPlatformsField"));
    m_platforms->setText(QLatin1String(kDefaultClusterPlatform));
    m_platforms->setToolTip(QStringLiteral("The platforms of the cluster's nodes, separated by commas"));
    m_check->setObjectName(QStringLiteral("pullCheckButton"));
    m_check->setToolTip(
        QStringLiteral("Ask the registry, as the cluster would, whether this image can be pulled"));

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto* referenceRow = new QHBoxLayout;
    referenceRow->addWidget(m_reference, 1);
    referenceRow->addWidget(m_check);
    auto* referenceLabel = new QLabel(QStringLiteral("&Image:"), this);
    referenceLabel->setBuddy(m_reference);
    form->addRow(referenceLabel, referenceRow);
    form->addRow(QStringLiteral("&Cluster runs:"), m_platforms);
    form->addRow(QStringLiteral("Cluster &pull secret:"), m_secret);

    // The result can be longer than a short dock, and an image reference wider than a narrow one: it
    // scrolls, the fields stay.
    m_scroll->setObjectName(QStringLiteral("pullCheckScroll"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidget(m_view);
    // Until the first check the view would only offer a second Check button: a hint instead.
    m_scroll->hide();
    m_hint->setObjectName(QStringLiteral("pullCheckHint"));
    m_hint->setWordWrap(true);
    m_hint->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_hint->setText(
        QStringLiteral("After every push Slipway asks the registry, as the cluster would, whether "
                       "the image can be pulled. Type any image reference above to check it now."));

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_hint, 1);
    layout->addWidget(m_scroll, 1);

    connect(m_check, &QPushButton::clicked, this, &PullCheckPanel::checkField);
    connect(m_reference, &QLineEdit::returnPressed, this, &PullCheckPanel::checkField);
    connect(m_runner, &PullCheckRunner::finished, this, &PullCheckPanel::checked);
    // Re-check reads the chosen pull secret again (the choice or the secret may have changed), so the
    // panel runs it rather than the runner repeating the last request as it was.
    disconnect(m_view, &PullCheckView::recheckRequested, m_runner, nullptr);
    connect(m_view, &PullCheckView::recheckRequested, this, [this] { start(m_checkedReference); });
    connect(m_view, &PullCheckView::cancelRequested, this, &PullCheckPanel::cancelReading);
}

void PullCheckPanel::setProjectFolder(const QString& folder) {
    m_secret->setProjectFolder(folder);
}

void PullCheckPanel::setPullSecretStore(credentials::PullSecretStore* store) {
    m_secret->setStore(store);
}

void PullCheckPanel::check(const QString& reference) {
    m_reference->setText(reference);
    checkField();
}

void PullCheckPanel::checkField() {
    start(m_reference->text().trimmed());
}

void PullCheckPanel::start(const QString& text) {
    m_hint->hide();
    m_scroll->show();
    ++m_serial;
    const auto reference = registry::ImageReference::parse(text);
    if (!reference) {
        m_view->setFailed(reference.error());
        return;
    }
    registry::PullCheckRequest request;
    request.reference = *reference;
    for (const QString& name : m_platforms->text().split(u',', Qt::SkipEmptyParts)) {
        const auto platform = registry::Platform::parse(name.trimmed());
        if (!platform) {
            m_view->setFailed(platform.error());
            return;
        }
        request.clusterPlatforms.append(*platform);
    }
    m_checkedReference = text;
    m_runner->discard();
    m_view->setRunning(text);
    if (!m_secret->chosenName().isEmpty())
        m_view->setProgress(
            QStringLiteral("Reading the pull secret %1 from the keychain").arg(m_secret->chosenName()));
    const quint64 serial = m_serial;
    m_secret->resolve(request.reference,
                      [this, request, serial](Result<ClusterCredentials> credentials) mutable {
                          if (serial != m_serial)
                              return;
                          if (!credentials) {
                              m_view->setFailed(credentials.error());
                              return;
                          }
                          request.clusterCredentials = credentials->credentials;
                          m_view->setCheckedAs(credentials->checkedAs);
                          m_runner->check(request);
                      });
}

// Cancel while the pull secret is still being read: the runner has no job to cancel yet.
void PullCheckPanel::cancelReading() {
    if (m_runner->running() || !m_view->running())
        return;
    ++m_serial;
    m_view->setFailed(
        Error{registry::errorcode::kCancelled, QStringLiteral("The pull check was cancelled."), {}, {}});
}

} // namespace slipway::ui
