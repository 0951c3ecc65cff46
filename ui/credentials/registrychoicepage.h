#pragma once

#include <QMap>
#include <QWizardPage>

class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;

namespace slipway::ui {

class CredentialWizard;
class MessageBanner;

// Page 1: which registry. A list of the presets (GitHub Container Registry ... Other) and the host,
// prefilled from the preset and editable; for per-account registries (ECR, Artifact Registry, ACR)
// the account, region, location or name fields make the host.
class RegistryChoicePage : public QWizardPage {
    Q_OBJECT

public:
    explicit RegistryChoicePage(CredentialWizard* wizard);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

private:
    void choosePreset(int row);
    void rebuildHostParts();
    void onHostPartEdited();
    void onHostEdited();

    CredentialWizard* m_wizard;
    MessageBanner* m_reason;
    QListWidget* m_registries;
    QLabel* m_description;
    QFormLayout* m_partsForm;
    QMap<QString, QLineEdit*> m_parts;
    QLineEdit* m_host;
    QLabel* m_hostNote;
};

} // namespace slipway::ui
