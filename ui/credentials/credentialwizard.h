#pragma once

#include "credentials/credentialservices.h"
#include "credentials/registrycredential.h"
#include "credentials/registrypresets.h"

#include <QMap>
#include <QWizard>

namespace slipway::ui {

class MessageBanner;

// Sets up a registry login in three pages: which registry (preset and host) -> what secret to create
// and where (token kind, scopes, expiry, link, command) -> username and secret, a real login test
// with push permission on a repository, and Save into the OS keychain (or, when no keychain answers
// and the user agrees, into the session-only store). Modeless-friendly: show it with open().
class CredentialWizard : public QWizard {
    Q_OBJECT

public:
    enum PageId { ChooseRegistryPage, CreateSecretPage, EnterLoginPage };

    explicit CredentialWizard(const CredentialServices& services, QWidget* parent = nullptr);

    // The wizard for one registry, opened by the app itself: after a push refused with 401/403, or
    // when the target registry has no login. Starts at the guide page with the registry's preset and
    // host chosen, the repository filled in, and `reason` at the top of every page ("Pushing to
    // ghcr.io was refused: denied: permission_denied: write_package"). The caller owns the wizard.
    static CredentialWizard* forRegistry(const CredentialServices& services, const QString& host,
                                         const QString& repository, const QString& reason,
                                         QWidget* parent = nullptr);

    // Preselects the registry of `image` (a spec's image reference) and fills the test repository.
    void setTargetImage(const QString& image);
    // For "Replace": the username to start with.
    void setUsername(const QString& username);

    // The shared state of the pages.
    const credentials::RegistryPreset& preset() const { return *m_preset; }
    void setPreset(const credentials::RegistryPreset& preset);
    QString host() const { return m_host; }
    void setHost(const QString& host) { m_host = host; }
    QMap<QString, QString> hostValues() const { return m_hostValues; }
    void setHostValues(const QMap<QString, QString>& values) { m_hostValues = values; }
    QString repository() const { return m_repository; }
    void setRepository(const QString& repository) { m_repository = repository; }
    QString initialUsername() const { return m_username; }
    QString reason() const { return m_reason; }
    const CredentialServices& services() const { return m_services; }

    // Shows reason() in a page's banner (hidden when there is none); pages call it when shown.
    void showReason(MessageBanner* banner) const;

Q_SIGNALS:
    // After the login was saved; `persistent` is false for the session-only store.
    void saved(const slipway::credentials::CredentialSummary& login, bool persistent);

private:
    CredentialServices m_services;
    const credentials::RegistryPreset* m_preset;
    QString m_host;
    QMap<QString, QString> m_hostValues;
    QString m_repository;
    QString m_username;
    QString m_reason;
};

// The banner for CredentialWizard::showReason() at the top of a page.
MessageBanner* makeReasonBanner(QWidget* parent);

} // namespace slipway::ui
