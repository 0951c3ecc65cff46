#pragma once

#include "common/error.h"
#include "registry/imagereference.h"
#include "registry/registrycredentials.h"

#include <QComboBox>
#include <functional>
#include <optional>

namespace slipway::credentials {
class PullSecretStore;
}

namespace slipway::ui {

// The credentials a pull check uses, and how the view says so ("as the cluster pulls with regcred").
struct ClusterCredentials {
    std::optional<registry::RegistryCredentials> credentials;
    QString checkedAs;
};

// The Pull Check dock's "Cluster pull secret" choice: None (anonymous pulls, the cluster's default) or
// one of the pull secrets in the keychain, by name. The choice is remembered per project folder in
// QSettings (the name only, never the content); the list is read again when shown and whenever the
// store changes. Without a keychain only None is offered, with a tooltip saying why.
class PullSecretChoice : public QComboBox {
    Q_OBJECT

public:
    explicit PullSecretChoice(QWidget* parent = nullptr);

    // Reads pull secrets from `store` (not owned) instead of the default keychain service's.
    void setStore(credentials::PullSecretStore* store);
    void setProjectFolder(const QString& folder);
    // The chosen secret's name; empty for None.
    QString chosenName() const;

    // The chosen secret's credentials for `reference`'s registry, read from the keychain; calls `done`
    // on the event loop (not at all when this choice is destroyed first).
    void resolve(const registry::ImageReference& reference,
                 std::function<void(Result<ClusterCredentials>)> done);

public Q_SLOTS:
    void refresh();

protected:
    void showEvent(QShowEvent* event) override;

private:
    QString settingsKey() const;
    void remember();
    void fill(const QStringList& names);

    credentials::PullSecretStore* m_store;
    QString m_folder;
    QString m_remembered; // the project's choice, kept even while the list does not hold it
};

} // namespace slipway::ui
