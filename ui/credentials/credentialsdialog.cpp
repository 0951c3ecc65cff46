#include "credentials/credentialsdialog.h"

#include "credentials/credentialstore.h"
#include "credentials/credentialwizard.h"
#include "credentials/dockerconfig.h"
#include "credentials/logintester.h"
#include "widgets/icons.h"
#include "widgets/messagebanner.h"
#include "widgets/messagebox.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace slipway::ui {

using credentials::CredentialStore;
using credentials::CredentialSummary;

namespace {

enum Column { RegistryColumn, UsernameColumn, KindColumn, StoredColumn };

QString errorText(const Error& error) {
    return error.fix.isEmpty() ? error.message : error.message + QLatin1Char(' ') + error.fix;
}

QString shareExplanation(const QString& configPath) {
    return QStringLiteral(
               "Sets \"credsStore\": \"slipway\" in %1. docker login, docker push, pyflyte and other tools "
               "that "
               "read Docker's config then keep and find registry logins in your keychain through "
               "docker-credential-slipway, instead of in that file. Slipway copies config.json to a backup "
               "next "
               "to it before changing it; turning this off again restores the credsStore you had before.")
        .arg(configPath);
}

} // namespace

CredentialsDialog::CredentialsDialog(const CredentialServices& services, QWidget* parent)
    : QDialog(parent), m_services(services), m_dockerConfigDir(credentials::dockerConfigDir()),
      m_tester(nullptr), m_banner(new MessageBanner(this)), m_logins(new QTreeWidget(this)),
      m_add(new QPushButton(icon(IconName::Add), QStringLiteral("Add…"), this)),
      m_test(new QPushButton(QStringLiteral("Test"), this)),
      m_replace(new QPushButton(QStringLiteral("Replace…"), this)),
      m_remove(new QPushButton(icon(IconName::Remove), QStringLiteral("Remove"), this)),
      m_import(new QPushButton(QStringLiteral("Import from Docker"), this)),
      m_importReport(new QTreeWidget(this)),
      m_shareWithDocker(new QCheckBox(QStringLiteral("Let docker and pyflyte use Slipway's logins"), this)),
      m_shareExplanation(new QLabel(this)) {
    setObjectName(QStringLiteral("credentialsDialog"));
    setWindowTitle(QStringLiteral("Registry Logins"));
    if (services.registryClient)
        m_tester = new LoginTester(*services.registryClient, this);
    m_banner->setObjectName(QStringLiteral("dialogBanner"));
    m_banner->hide();
    m_logins->setObjectName(QStringLiteral("loginList"));
    m_logins->setHeaderLabels({QStringLiteral("Registry"), QStringLiteral("Username"), QStringLiteral("Kind"),
                               QStringLiteral("Stored in")});
    m_logins->setRootIsDecorated(false);
    m_logins->setAllColumnsShowFocus(true);
    m_logins->header()->setStretchLastSection(true);
    m_logins->setAccessibleName(QStringLiteral("Registry logins"));
    m_add->setObjectName(QStringLiteral("addButton"));
    m_test->setObjectName(QStringLiteral("testButton"));
    m_replace->setObjectName(QStringLiteral("replaceButton"));
    m_remove->setObjectName(QStringLiteral("removeButton"));
    m_import->setObjectName(QStringLiteral("importButton"));
    m_import->setToolTip(
        QStringLiteral("Copies the logins docker has (config.json, its credential helpers) into "
                       "Slipway's keychain entries. Logins Slipway has already are kept."));
    m_importReport->setObjectName(QStringLiteral("importReport"));
    m_importReport->setHeaderLabels({QStringLiteral("Docker login"), QStringLiteral("Result")});
    m_importReport->hide();
    m_shareWithDocker->setObjectName(QStringLiteral("shareWithDockerCheck"));
    m_shareExplanation->setObjectName(QStringLiteral("shareExplanation"));
    m_shareExplanation->setWordWrap(true);
    m_shareExplanation->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* buttons = new QVBoxLayout;
    for (QPushButton* button : {m_add, m_test, m_replace, m_remove})
        buttons->addWidget(button);
    buttons->addSpacing(12);
    buttons->addWidget(m_import);
    buttons->addStretch(1);
    auto* listRow = new QHBoxLayout;
    listRow->addWidget(m_logins, 1);
    listRow->addLayout(buttons);

    auto* docker = new QGroupBox(QStringLiteral("Docker and pyflyte"), this);
    auto* dockerLayout = new QVBoxLayout(docker);
    dockerLayout->addWidget(m_shareWithDocker);
    dockerLayout->addWidget(m_shareExplanation);

    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(listRow, 1);
    layout->addWidget(m_importReport);
    layout->addWidget(docker);
    layout->addWidget(close);
    resize(760, 560);

    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_logins, &QTreeWidget::itemSelectionChanged, this, &CredentialsDialog::updateButtons);
    connect(m_add, &QPushButton::clicked, this, &CredentialsDialog::addLogin);
    connect(m_replace, &QPushButton::clicked, this, &CredentialsDialog::replaceLogin);
    connect(m_remove, &QPushButton::clicked, this, &CredentialsDialog::removeLogin);
    connect(m_test, &QPushButton::clicked, this, &CredentialsDialog::testLogin);
    connect(m_import, &QPushButton::clicked, this, &CredentialsDialog::importFromDocker);
    connect(m_shareWithDocker, &QCheckBox::clicked, this, &CredentialsDialog::toggleHelper);
    for (CredentialStore* store : {services.keychain, services.session}) {
        if (store)
            connect(store, &CredentialStore::changed, this, &CredentialsDialog::refresh);
    }
    readHelperState();
    updateButtons();
    refresh();
}

void CredentialsDialog::setDockerConfigDir(const QString& directory) {
    m_dockerConfigDir = directory;
    readHelperState();
}

void CredentialsDialog::showMessage(int kind, const QString& text) {
    m_banner->setKind(MessageBanner::Kind(kind));
    m_banner->setText(text);
    m_banner->show();
}

void CredentialsDialog::refresh() {
    const int generation = ++m_generation;
    auto logins = std::make_shared<QList<Login>>();
    const auto listSession = [this, generation, logins] {
        if (!m_services.session) {
            showLogins(*logins);
            return;
        }
        m_services.session->list().then(
            this, [this, generation, logins](const Result<QList<CredentialSummary>>& list) {
                if (generation != m_generation)
                    return;
                for (const CredentialSummary& summary : list.value_or(QList<CredentialSummary>{}))
                    logins->append({summary, false});
                showLogins(*logins);
            });
    };
    if (!m_services.keychain)
        return listSession();
    m_services.keychain->list().then(
        this, [this, generation, logins, listSession](const Result<QList<CredentialSummary>>& list) {
            if (generation != m_generation)
                return;
            if (list) {
                for (const CredentialSummary& summary : *list)
                    logins->append({summary, true});
            } else {
                showMessage(int(list.error().code == credentials::kNoKeychain ? MessageBanner::Kind::Warning
                                                                              : MessageBanner::Kind::Error),
                            errorText(list.error()));
            }
            listSession();
        });
}

void CredentialsDialog::showLogins(const QList<Login>& logins) {
    const QString selected = selectedLogin() ? selectedLogin()->summary.registry : QString();
    m_shown = logins;
    m_logins->clear();
    for (const Login& login : logins) {
        auto* item = new QTreeWidgetItem(m_logins);
        item->setText(RegistryColumn, login.summary.registry);
        item->setText(UsernameColumn, login.summary.username);
        item->setText(KindColumn, credentials::secretKindLabel(login.summary.kind));
        const CredentialStore* store = storeOf(login);
        item->setText(StoredColumn, store ? store->location() : QString());
        if (!login.persistent)
            item->setIcon(StoredColumn, icon(IconName::Warning));
        if (login.summary.registry == selected)
            item->setSelected(true);
    }
    for (int column = 0; column < StoredColumn; ++column)
        m_logins->resizeColumnToContents(column);
    updateButtons();
    Q_EMIT refreshed();
}

std::optional<CredentialsDialog::Login> CredentialsDialog::selectedLogin() const {
    const QList<QTreeWidgetItem*> items = m_logins->selectedItems();
    if (items.isEmpty())
        return std::nullopt;
    const int row = m_logins->indexOfTopLevelItem(items.first());
    if (row < 0 || row >= m_shown.size())
        return std::nullopt;
    return m_shown.at(row);
}

CredentialStore* CredentialsDialog::storeOf(const Login& login) const {
    return login.persistent ? m_services.keychain : m_services.session;
}

void CredentialsDialog::updateButtons() {
    const bool selected = selectedLogin().has_value();
    m_test->setEnabled(selected && !m_busy && m_tester);
    m_replace->setEnabled(selected && !m_busy);
    m_remove->setEnabled(selected && !m_busy);
    m_import->setEnabled(!m_busy && m_services.keychain);
}

void CredentialsDialog::openWizard(CredentialWizard* wizard) {
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &CredentialWizard::saved, this, [this](const CredentialSummary& login, bool persistent) {
        showMessage(
            int(persistent ? MessageBanner::Kind::Information : MessageBanner::Kind::Warning),
            persistent
                ? QStringLiteral("Saved the login for %1.").arg(login.registry)
                : QStringLiteral("Keeping the login for %1 for this session only.").arg(login.registry));
    });
    wizard->open();
    Q_EMIT wizardOpened(wizard);
}

void CredentialsDialog::addLogin() {
    openWizard(new CredentialWizard(m_services, this));
}

void CredentialsDialog::replaceLogin() {
    const auto login = selectedLogin();
    if (!login)
        return;
    CredentialWizard* wizard =
        CredentialWizard::forRegistry(m_services, login->summary.registry, {}, {}, this);
    wizard->setUsername(login->summary.username);
    openWizard(wizard);
}

void CredentialsDialog::removeLogin() {
    const auto login = selectedLogin();
    if (!login)
        return;
    const QString registry = login->summary.registry;
    const auto answer = MessageBox::question(
        this, QStringLiteral("Remove Login"),
        QStringLiteral("Remove the login of %1 for %2?").arg(login->summary.username, registry),
        QStringLiteral(
            "Slipway (and docker and pyflyte, if they use Slipway's logins) can no longer push to %1 "
            "until you log in again.")
            .arg(registry),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    storeOf(*login)->remove(registry).then(this, [this, registry](const Result<void>& result) {
        if (result)
            showMessage(int(MessageBanner::Kind::Information),
                        QStringLiteral("Removed the login for %1.").arg(registry));
        else
            showMessage(int(MessageBanner::Kind::Error), errorText(result.error()));
        refresh();
    });
}

void CredentialsDialog::testLogin() {
    const auto login = selectedLogin();
    if (!login || !m_tester)
        return;
    const QString registry = login->summary.registry;
    m_busy = true;
    updateButtons();
    showMessage(int(MessageBanner::Kind::Information),
                QStringLiteral("Testing the login for %1…").arg(registry));
    storeOf(*login)->read(registry).then(this, [this, registry](
                                                   const Result<credentials::RegistryCredential>& stored) {
        if (!stored) {
            m_busy = false;
            updateButtons();
            showMessage(int(MessageBanner::Kind::Error), errorText(stored.error()));
            Q_EMIT tested();
            return;
        }
        disconnect(m_tester, &LoginTester::finished, this, nullptr);
        connect(m_tester, &LoginTester::finished, this,
                [this, registry](const Result<registry::LoginCheck>& result) { onTested(result, registry); });
        m_tester->start(registry, {}, *stored);
    });
}

void CredentialsDialog::onTested(const Result<registry::LoginCheck>& result, const QString& registry) {
    m_busy = false;
    updateButtons();
    if (result)
        showMessage(int(MessageBanner::Kind::Information), describeLoginCheck(*result, registry, {}));
    else
        showMessage(int(MessageBanner::Kind::Error), errorText(result.error()));
    Q_EMIT tested();
}

void CredentialsDialog::importFromDocker() {
    if (!m_services.keychain)
        return;
    m_busy = true;
    updateButtons();
    showMessage(int(MessageBanner::Kind::Information), QStringLiteral("Importing docker's logins…"));
    credentials::importDockerCredentials(m_dockerConfigDir, *m_services.keychain)
        .then(this, [this](const Result<credentials::ImportReport>& report) {
            m_busy = false;
            updateButtons();
            if (report) {
                showImportReport(*report);
            } else {
                m_importReport->hide();
                showMessage(int(MessageBanner::Kind::Error), errorText(report.error()));
            }
            refresh();
            Q_EMIT imported();
        });
}

void CredentialsDialog::showImportReport(const credentials::ImportReport& report) {
    m_importReport->clear();
    auto* imported =
        new QTreeWidgetItem(m_importReport, {QStringLiteral("Imported (%1)").arg(report.imported.size())});
    imported->setIcon(0, icon(IconName::Ok));
    for (const credentials::ImportedLogin& login : report.imported)
        new QTreeWidgetItem(
            imported, {login.registry,
                       QStringLiteral("%1, %2, from %3")
                           .arg(login.username, credentials::secretKindLabel(login.kind), login.source)});
    auto* skipped =
        new QTreeWidgetItem(m_importReport, {QStringLiteral("Skipped (%1)").arg(report.skipped.size())});
    skipped->setIcon(0, icon(IconName::Warning));
    for (const credentials::SkippedLogin& login : report.skipped)
        new QTreeWidgetItem(skipped, {login.entry, login.reason});
    m_importReport->expandAll();
    m_importReport->resizeColumnToContents(0);
    m_importReport->show();
    showMessage(int(MessageBanner::Kind::Information),
                QStringLiteral("Imported %1 and skipped %2 of docker's logins from %3.")
                    .arg(report.imported.size())
                    .arg(report.skipped.size())
                    .arg(report.configPath));
}

void CredentialsDialog::readHelperState() {
    const auto config = credentials::readDockerConfig(m_dockerConfigDir);
    const bool enabled = config && config->value(QLatin1String("credsStore")).toString() ==
                                       QLatin1String(credentials::kSlipwayHelperName);
    m_shareWithDocker->setChecked(enabled);
    m_shareExplanation->setText(shareExplanation(credentials::dockerConfigPath(m_dockerConfigDir)));
}

void CredentialsDialog::toggleHelper(bool enable) {
    const auto change = enable ? credentials::enableDockerCredentialHelper(m_dockerConfigDir)
                               : credentials::disableDockerCredentialHelper(m_dockerConfigDir);
    readHelperState();
    if (!change) {
        showMessage(int(MessageBanner::Kind::Error), errorText(change.error()));
        return;
    }
    QStringList lines;
    if (!change->changed)
        lines.append(QStringLiteral("%1 already said so; nothing was changed.").arg(change->configPath));
    else if (enable)
        lines.append(
            QStringLiteral("docker and pyflyte now use Slipway's logins (credsStore \"slipway\" in %1).")
                .arg(change->configPath));
    else
        lines.append(
            change->credsStore.isEmpty()
                ? QStringLiteral("docker keeps its logins itself again (no credsStore in %1).")
                      .arg(change->configPath)
                : QStringLiteral("docker uses its \"%1\" credential helper again.").arg(change->credsStore));
    if (!change->backupPath.isEmpty())
        lines.append(QStringLiteral("Backup of the previous file: %1").arg(change->backupPath));
    if (enable && !change->plaintextLogins.isEmpty())
        lines.append(
            QStringLiteral("config.json still holds plain-text logins for %1: import them, then run docker "
                           "logout for each.")
                .arg(change->plaintextLogins.join(QStringLiteral(", "))));
    const bool helperMissing = enable && !change->helperOnPath;
    if (helperMissing)
        lines.append(
            QStringLiteral("docker-credential-slipway is not on PATH, so docker cannot reach it: install "
                           "Slipway's package, or add the folder with docker-credential-slipway to PATH."));
    showMessage(int(helperMissing ? MessageBanner::Kind::Warning : MessageBanner::Kind::Information),
                lines.join(QLatin1Char('\n')));
}

} // namespace slipway::ui
