#include "credentials/registrychoicepage.h"

#include "credentials/credentialwizard.h"
#include "credentials/hosttemplate.h"
#include "credentials/registrykey.h"
#include "widgets/messagebanner.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace slipway::ui {

using credentials::RegistryPreset;
using credentials::registryPresets;

namespace {

QString presetDescription(const RegistryPreset& preset) {
    const QString kind =
        credentials::secretKindLabel(preset.kinds.value(0, credentials::SecretKind::Password));
    if (!preset.fixedHost.isEmpty())
        return QStringLiteral("%1 logins use a %2.").arg(preset.name, kind);
    if (preset.hostPattern.isEmpty())
        return QStringLiteral("Type the registry's host (and port, if it has one).");
    return QStringLiteral("Each account has its own host, like %1: fill in the fields below.")
        .arg(preset.hostExample);
}

} // namespace

RegistryChoicePage::RegistryChoicePage(CredentialWizard* wizard)
    : QWizardPage(wizard), m_wizard(wizard), m_reason(makeReasonBanner(this)),
      m_registries(new QListWidget(this)), m_description(new QLabel(this)), m_partsForm(new QFormLayout),
      m_host(new QLineEdit(this)), m_hostNote(new QLabel(this)) {
    setObjectName(QStringLiteral("chooseRegistryPage"));
    setTitle(QStringLiteral("Which registry?"));
    setSubTitle(
        QStringLiteral("Slipway keeps the login in your system's keychain and uses it to push; docker "
                       "and pyflyte can share it."));
    m_registries->setObjectName(QStringLiteral("registryList"));
    m_registries->setAccessibleName(QStringLiteral("Registry"));
    m_registries->setUniformItemSizes(true);
    for (const RegistryPreset& preset : registryPresets()) {
        auto* item = new QListWidgetItem(preset.name, m_registries);
        item->setData(Qt::UserRole, preset.id);
        item->setToolTip(presetDescription(preset));
    }
    const int rowHeight = m_registries->sizeHintForRow(0);
    m_registries->setFixedHeight(rowHeight * int(registryPresets().size()) + 2 * m_registries->frameWidth() +
                                 4);
    m_description->setObjectName(QStringLiteral("registryDescription"));
    m_description->setWordWrap(true);
    m_host->setObjectName(QStringLiteral("hostField"));
    m_host->setAccessibleName(QStringLiteral("Registry host"));
    m_hostNote->setObjectName(QStringLiteral("hostNote"));
    m_hostNote->setWordWrap(true);

    m_partsForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto* hostForm = new QFormLayout;
    hostForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    hostForm->addRow(QStringLiteral("Host:"), m_host);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_reason);
    layout->addWidget(m_registries);
    layout->addWidget(m_description);
    layout->addLayout(m_partsForm);
    layout->addLayout(hostForm);
    layout->addWidget(m_hostNote);
    layout->addStretch(1);

    connect(m_registries, &QListWidget::currentRowChanged, this, &RegistryChoicePage::choosePreset);
    connect(m_host, &QLineEdit::textEdited, this, &RegistryChoicePage::onHostEdited);
}

void RegistryChoicePage::initializePage() {
    m_wizard->showReason(m_reason);
    int row = 0;
    while (row < registryPresets().size() && registryPresets().at(row).id != m_wizard->preset().id)
        ++row;
    m_registries->setCurrentRow(row < registryPresets().size() ? row : 0);
    if (!m_wizard->host().isEmpty()) {
        m_host->setText(m_wizard->host());
        onHostEdited();
    }
}

void RegistryChoicePage::choosePreset(int row) {
    if (row < 0 || row >= registryPresets().size())
        return;
    const RegistryPreset& preset = registryPresets().at(row);
    m_wizard->setPreset(preset);
    m_description->setText(presetDescription(preset));
    rebuildHostParts();
    m_host->setPlaceholderText(preset.hostExample);
    m_host->setText(preset.fixedHost);
    onHostPartEdited();
}

void RegistryChoicePage::rebuildHostParts() {
    while (m_partsForm->rowCount() > 0)
        m_partsForm->removeRow(0);
    m_parts.clear();
    for (const HostPart& part : hostParts(m_wizard->preset().provider)) {
        auto* edit = new QLineEdit(this);
        edit->setObjectName(QStringLiteral("hostPart_") + part.key);
        edit->setPlaceholderText(part.placeholder);
        edit->setAccessibleName(part.label);
        edit->setText(m_wizard->hostValues().value(part.key));
        connect(edit, &QLineEdit::textEdited, this, &RegistryChoicePage::onHostPartEdited);
        m_partsForm->addRow(part.label, edit);
        m_parts.insert(part.key, edit);
    }
}

void RegistryChoicePage::onHostPartEdited() {
    QMap<QString, QString> values;
    for (auto it = m_parts.cbegin(); it != m_parts.cend(); ++it)
        values.insert(it.key(), it.value()->text());
    m_wizard->setHostValues(values);
    const QString composed = composeHost(m_wizard->preset().provider, values);
    if (!composed.isEmpty())
        m_host->setText(composed);
    onHostEdited();
}

void RegistryChoicePage::onHostEdited() {
    const QString text = m_host->text().trimmed();
    const auto key = credentials::registryKey(text);
    const RegistryPreset& preset = m_wizard->preset();
    QString note;
    if (text.isEmpty())
        note = m_parts.isEmpty()
                   ? QStringLiteral("Enter the registry's host, e.g. %1.").arg(preset.hostExample)
                   : QStringLiteral("Fill in the fields above, or type the host.");
    else if (!key)
        note = key.error().message + QLatin1Char(' ') + key.error().fix;
    else if (!preset.hostPattern.isEmpty() && !QRegularExpression(preset.hostPattern).match(*key).hasMatch())
        note = QStringLiteral("%1 does not look like a %2 host (e.g. %3); continue if you are sure.")
                   .arg(*key, preset.name, preset.hostExample);
    m_hostNote->setText(note);
    m_hostNote->setVisible(!note.isEmpty());
    Q_EMIT completeChanged();
}

bool RegistryChoicePage::isComplete() const {
    return credentials::registryKey(m_host->text().trimmed()).has_value();
}

bool RegistryChoicePage::validatePage() {
    const auto key = credentials::registryKey(m_host->text().trimmed());
    if (!key)
        return false;
    m_wizard->setHost(*key);
    return true;
}

} // namespace slipway::ui
