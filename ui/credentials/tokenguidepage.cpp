#include "credentials/tokenguidepage.h"

#include "check/copyfield.h"
#include "credentials/credentialwizard.h"
#include "credentials/hosttemplate.h"
#include "widgets/messagebanner.h"

#include <QFormLayout>
#include <QLabel>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace slipway::ui {

using credentials::RegistryPreset;

namespace {

QLabel* hintLabel(const QString& objectName, QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextBrowserInteraction);
    label->setOpenExternalLinks(true);
    return label;
}

QString expiryText(const RegistryPreset& preset) {
    if (preset.expiryNote.isEmpty() && !preset.expiryHours)
        return QStringLiteral("Until you revoke it.");
    return preset.expiryNote;
}

} // namespace

QString hintHtml(const QString& text) {
    static const QRegularExpression code(QStringLiteral("`([^`]+)`"));
    QString html = text.toHtmlEscaped();
    html.replace(code, QStringLiteral("<code>\\1</code>"));
    return html;
}

TokenGuidePage::TokenGuidePage(CredentialWizard* wizard)
    : QWizardPage(wizard), m_wizard(wizard), m_reason(makeReasonBanner(this)),
      m_secretHint(hintLabel(QStringLiteral("secretHintLabel"), this)),
      m_usernameHint(hintLabel(QStringLiteral("usernameHintLabel"), this)),
      m_expiry(hintLabel(QStringLiteral("expiryLabel"), this)),
      m_link(hintLabel(QStringLiteral("createLinkLabel"), this)),
      m_commandTitle(new QLabel(QStringLiteral("Or run this and copy what it prints:"), this)),
      m_command(new CopyField(this)) {
    setObjectName(QStringLiteral("createSecretPage"));
    m_command->setObjectName(QStringLiteral("commandField"));
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->addRow(QStringLiteral("<b>Create:</b>"), m_secretHint);
    form->addRow(QStringLiteral("<b>Username:</b>"), m_usernameHint);
    form->addRow(QStringLiteral("<b>Lasts:</b>"), m_expiry);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_reason);
    layout->addLayout(form);
    layout->addSpacing(8);
    layout->addWidget(m_link);
    layout->addWidget(m_commandTitle);
    layout->addWidget(m_command);
    layout->addStretch(1);
}

void TokenGuidePage::initializePage() {
    m_wizard->showReason(m_reason);
    const RegistryPreset& preset = m_wizard->preset();
    const QString kind =
        credentials::secretKindLabel(preset.kinds.value(0, credentials::SecretKind::Password));
    setTitle(QStringLiteral("What to create for %1").arg(m_wizard->host()));
    setSubTitle(QStringLiteral("%1 wants a %2. Create it now; you paste it on the next page.")
                    .arg(preset.name, kind));
    m_secretHint->setText(hintHtml(preset.secretHint));
    m_usernameHint->setText(hintHtml(preset.usernameHint));
    m_expiry->setText(hintHtml(expiryText(preset)));
    m_link->setVisible(!preset.createSecretUrl.isEmpty());
    m_link->setText(QStringLiteral("Create it here: <a href=\"%1\">%2</a>")
                        .arg(preset.createSecretUrl.toHtmlEscaped(), preset.createSecretUrl.toHtmlEscaped()));
    const QString command = commandFor(preset, m_wizard->hostValues());
    m_commandTitle->setText(preset.createSecretUrl.isEmpty()
                                ? QStringLiteral("Run this and copy what it prints:")
                                : QStringLiteral("Or run this and copy what it prints:"));
    m_commandTitle->setVisible(!command.isEmpty());
    m_command->setText(command);
    m_command->setVisible(!command.isEmpty());
}

} // namespace slipway::ui
