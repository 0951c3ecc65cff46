#pragma once

#include <QWizardPage>

class QLabel;

namespace slipway::ui {

class CopyField;
class CredentialWizard;
class MessageBanner;

// Page 2: what to create and where, from the registry's preset: the kind of secret and its scopes,
// the username to use, how long it lasts, a link to the page that creates it and the command that
// prints it (with the region or registry name from page 1 filled in), ready to copy.
class TokenGuidePage : public QWizardPage {
    Q_OBJECT

public:
    explicit TokenGuidePage(CredentialWizard* wizard);

    void initializePage() override;

private:
    CredentialWizard* m_wizard;
    MessageBanner* m_reason;
    QLabel* m_secretHint;
    QLabel* m_usernameHint;
    QLabel* m_expiry;
    QLabel* m_link;
    QLabel* m_commandTitle;
    CopyField* m_command;
};

// Hint text with `code` spans as <code>, escaped for a rich-text label.
QString hintHtml(const QString& text);

} // namespace slipway::ui
