#include "credentials/credentialwizard.h"

#include "credentials/loginpage.h"
#include "credentials/registrychoicepage.h"
#include "credentials/registrykey.h"
#include "credentials/tokenguidepage.h"
#include "registry/imagereference.h"
#include "widgets/icons.h"
#include "widgets/messagebanner.h"

namespace slipway::ui {

CredentialWizard::CredentialWizard(const CredentialServices& services, QWidget* parent)
    : QWizard(parent), m_services(services), m_preset(&credentials::registryPresets().constFirst()) {
    setObjectName(QStringLiteral("credentialWizard"));
    setWindowTitle(QStringLiteral("Registry Login"));
    setWindowIcon(icon(IconName::App));
    // The same look on every platform: the macOS and Aero styles drop the page subtitles.
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setButtonText(QWizard::FinishButton, QStringLiteral("Save"));
    setPage(ChooseRegistryPage, new RegistryChoicePage(this));
    setPage(CreateSecretPage, new TokenGuidePage(this));
    setPage(EnterLoginPage, new LoginPage(this));
    setMinimumSize(640, 560);
}

CredentialWizard* CredentialWizard::forRegistry(const CredentialServices& services, const QString& host,
                                                const QString& repository, const QString& reason,
                                                QWidget* parent) {
    auto* wizard = new CredentialWizard(services, parent);
    wizard->m_reason = reason;
    const auto key = credentials::registryKey(host);
    wizard->m_host = key.value_or(host.trimmed());
    wizard->setPreset(credentials::presetForRegistry(wizard->m_host));
    wizard->m_repository = repository;
    wizard->setStartId(CreateSecretPage);
    return wizard;
}

void CredentialWizard::setTargetImage(const QString& image) {
    const auto reference = registry::ImageReference::parse(image);
    if (!reference)
        return;
    const auto key = credentials::registryKey(reference->registry);
    if (!key)
        return;
    m_host = *key;
    setPreset(credentials::presetForRegistry(m_host));
    m_repository = reference->repository;
}

void CredentialWizard::setUsername(const QString& username) {
    m_username = username;
}

void CredentialWizard::setPreset(const credentials::RegistryPreset& preset) {
    m_preset = &preset;
}

void CredentialWizard::showReason(MessageBanner* banner) const {
    banner->setText(m_reason);
    banner->setVisible(!m_reason.isEmpty());
}

MessageBanner* makeReasonBanner(QWidget* parent) {
    auto* banner = new MessageBanner(parent);
    banner->setObjectName(QStringLiteral("reasonBanner"));
    banner->setKind(MessageBanner::Kind::Warning);
    banner->hide();
    return banner;
}

} // namespace slipway::ui
