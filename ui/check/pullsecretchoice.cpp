#include "check/pullsecretchoice.h"

#include "credentials/pullsecretstore.h"
#include "registry/pullsecret.h"

#include <QCryptographicHash>
#include <QDir>
#include <QPointer>
#include <QSettings>

namespace slipway::ui {

namespace {

const QString kNoneText = QStringLiteral("None (anonymous pulls)");

} // namespace

PullSecretChoice::PullSecretChoice(QWidget* parent)
    : QComboBox(parent), m_store(new credentials::PullSecretStore(this)) {
    setObjectName(QStringLiteral("clusterSecretChoice"));
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
    fill({});
    connect(m_store, &credentials::PullSecretStore::changed, this, &PullSecretChoice::refresh);
    // Only the user's own choice is remembered: a list that lost the secret must not forget it.
    connect(this, &QComboBox::activated, this, [this] {
        m_remembered = chosenName();
        remember();
    });
}

void PullSecretChoice::setStore(credentials::PullSecretStore* store) {
    disconnect(m_store, nullptr, this, nullptr);
    m_store = store;
    connect(m_store, &credentials::PullSecretStore::changed, this, &PullSecretChoice::refresh);
    refresh();
}

void PullSecretChoice::setProjectFolder(const QString& folder) {
    m_folder = folder;
    m_remembered = QSettings().value(settingsKey()).toString();
    const int index = findData(m_remembered);
    setCurrentIndex(index < 0 ? 0 : index);
}

QString PullSecretChoice::chosenName() const {
    return currentData().toString();
}

// One key per project folder; hashed, because paths hold the '/' QSettings reads as groups.
QString PullSecretChoice::settingsKey() const {
    const QByteArray identity = QDir::cleanPath(m_folder).toUtf8();
    return QStringLiteral("pullCheck/clusterSecret/%1")
        .arg(QString::fromLatin1(
            QCryptographicHash::hash(identity, QCryptographicHash::Sha256).toHex().left(24)));
}

void PullSecretChoice::remember() {
    QSettings settings;
    if (m_remembered.isEmpty())
        settings.remove(settingsKey());
    else
        settings.setValue(settingsKey(), m_remembered);
}

void PullSecretChoice::fill(const QStringList& names) {
    clear();
    addItem(kNoneText, QString());
    for (const QString& name : names)
        addItem(name, name);
    const int index = findData(m_remembered);
    setCurrentIndex(index < 0 ? 0 : index);
}

void PullSecretChoice::refresh() {
    m_store->list().then(this, [this](const Result<QList<credentials::PullSecretSummary>>& listed) {
        if (!listed) {
            fill({});
            setToolTip(QStringLiteral("Only anonymous checks: %1 %2")
                           .arg(listed.error().message, listed.error().fix));
            return;
        }
        QStringList names;
        for (const credentials::PullSecretSummary& secret : *listed)
            names.append(secret.name);
        fill(names);
        setToolTip(names.isEmpty()
                       ? QStringLiteral("No pull secrets in the keychain yet: add the cluster's with "
                                        "slipway-cli credentials add-pull-secret NAME")
                       : QStringLiteral("Check with the pull secret the cluster uses for this project"));
    });
}

void PullSecretChoice::showEvent(QShowEvent* event) {
    QComboBox::showEvent(event);
    refresh();
}

void PullSecretChoice::resolve(const registry::ImageReference& reference,
                               std::function<void(Result<ClusterCredentials>)> done) {
    const QString name = chosenName();
    if (name.isEmpty()) {
        done(ClusterCredentials{std::nullopt, QStringLiteral("anonymously (no cluster pull secret chosen)")});
        return;
    }
    m_store->read(name).then(this, [name, reference, done](const Result<QByteArray>& content) {
        if (!content) {
            done(std::unexpected(content.error()));
            return;
        }
        auto credentials =
            registry::credentialsFromPullSecret(*content, reference.registry, reference.repository);
        if (!credentials) {
            done(std::unexpected(credentials.error()));
            return;
        }
        if (!credentials->has_value()) {
            done(ClusterCredentials{
                std::nullopt, QStringLiteral("anonymously: the pull secret %1 has no entry for %2, so the "
                                             "cluster pulls without credentials")
                                  .arg(name, reference.registry)});
            return;
        }
        done(ClusterCredentials{*credentials, QStringLiteral("as the cluster pulls with %1").arg(name)});
    });
}

} // namespace slipway::ui
