#include "credentials/loginpage.h"

#include "credentials/credentialstore.h"
#include "credentials/credentialwizard.h"
#include "credentials/hosttemplate.h"
#include "credentials/keyfile.h"
#include "credentials/logintester.h"
#include "widgets/filedialog.h"
#include "widgets/messagebanner.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace slipway::ui {

using credentials::CredentialStore;
using credentials::RegistryCredential;
using credentials::SecretKind;

namespace {

bool takesKeyFile(const QString& username) {
    return username == QLatin1String("_json_key") || username == QLatin1String("_json_key_base64");
}

QString errorText(const Error& error) {
    return error.fix.isEmpty() ? error.message : error.message + QLatin1Char('\n') + error.fix;
}

} // namespace

LoginPage::LoginPage(CredentialWizard* wizard)
    : QWizardPage(wizard), m_wizard(wizard), m_tester(nullptr), m_reason(makeReasonBanner(this)),
      m_username(new QComboBox(this)), m_kind(new QComboBox(this)),
      m_kindLabel(new QLabel(QStringLiteral("Kind:"), this)), m_secret(new QLineEdit(this)),
      m_showSecret(new QToolButton(this)), m_keyFile(new QPushButton(QStringLiteral("Read Key File…"), this)),
      m_keyFileNote(new QLabel(this)), m_repository(new QLineEdit(this)),
      m_test(new QPushButton(QStringLiteral("Test Login"), this)), m_progress(new QProgressBar(this)),
      m_cancel(new QPushButton(QStringLiteral("Cancel Test"), this)), m_testResult(new MessageBanner(this)),
      m_saveResult(new MessageBanner(this)) {
    setObjectName(QStringLiteral("enterLoginPage"));
    if (wizard->services().registryClient)
        m_tester = new LoginTester(*wizard->services().registryClient, this);
    m_username->setObjectName(QStringLiteral("usernameField"));
    m_username->setEditable(true);
    m_username->setInsertPolicy(QComboBox::NoInsert);
    m_username->setAccessibleName(QStringLiteral("Username"));
    m_kind->setObjectName(QStringLiteral("kindField"));
    m_kind->setAccessibleName(QStringLiteral("Kind of secret"));
    m_secret->setObjectName(QStringLiteral("secretField"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setAccessibleName(QStringLiteral("Password or token"));
    m_showSecret->setObjectName(QStringLiteral("showSecretButton"));
    m_showSecret->setText(QStringLiteral("Show"));
    m_showSecret->setCheckable(true);
    m_showSecret->setToolTip(QStringLiteral("Show or hide what you typed"));
    m_keyFile->setObjectName(QStringLiteral("keyFileButton"));
    m_keyFile->setToolTip(
        QStringLiteral("Reads the service account's JSON key into the secret. Slipway keeps the "
                       "key in the keychain, not the file's path."));
    m_keyFileNote->setObjectName(QStringLiteral("keyFileNote"));
    m_keyFileNote->setWordWrap(true);
    m_repository->setObjectName(QStringLiteral("repositoryField"));
    m_repository->setAccessibleName(QStringLiteral("Repository to test"));
    m_test->setObjectName(QStringLiteral("testButton"));
    m_test->setDefault(false);
    m_progress->setObjectName(QStringLiteral("testProgress"));
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(140);
    m_cancel->setObjectName(QStringLiteral("cancelTestButton"));
    m_testResult->setObjectName(QStringLiteral("testResult"));
    m_saveResult->setObjectName(QStringLiteral("saveResult"));

    auto* secretRow = new QHBoxLayout;
    secretRow->setSpacing(4);
    secretRow->addWidget(m_secret, 1);
    secretRow->addWidget(m_showSecret);
    secretRow->addWidget(m_keyFile);
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(QStringLiteral("Username:"), m_username);
    form->addRow(m_kindLabel, m_kind);
    form->addRow(QStringLiteral("Secret:"), secretRow);
    form->addRow(QString(), m_keyFileNote);
    form->addRow(QStringLiteral("Test push to:"), m_repository);
    auto* testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addWidget(m_progress);
    testRow->addWidget(m_cancel);
    testRow->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_reason);
    layout->addLayout(form);
    layout->addLayout(testRow);
    layout->addWidget(m_testResult);
    layout->addWidget(m_saveResult);
    layout->addStretch(1);
    setTesting(false);
    m_testResult->hide();
    m_saveResult->hide();
    m_keyFileNote->hide();

    connect(m_username, &QComboBox::editTextChanged, this, &LoginPage::onUsernameChanged);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &LoginPage::onEdited);
    connect(m_secret, &QLineEdit::textChanged, this, &LoginPage::onEdited);
    connect(m_repository, &QLineEdit::textChanged, this, &LoginPage::onEdited);
    connect(m_showSecret, &QToolButton::toggled, this, [this](bool shown) {
        m_secret->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        m_showSecret->setText(shown ? QStringLiteral("Hide") : QStringLiteral("Show"));
    });
    connect(m_keyFile, &QPushButton::clicked, this, &LoginPage::chooseKeyFile);
    connect(m_test, &QPushButton::clicked, this, &LoginPage::startTest);
    connect(m_cancel, &QPushButton::clicked, this, &LoginPage::cancelTest);
    if (m_tester)
        connect(m_tester, &LoginTester::finished, this, &LoginPage::onTested);
}

void LoginPage::initializePage() {
    m_wizard->showReason(m_reason);
    const auto& preset = m_wizard->preset();
    setTitle(QStringLiteral("Log in to %1").arg(m_wizard->host()));
    setSubTitle(QStringLiteral("Test the login, then save it. %1").arg(preset.usernameHint));
    m_username->clear();
    m_username->addItems(preset.fixedUsernames);
    if (!m_wizard->initialUsername().isEmpty())
        m_username->setEditText(m_wizard->initialUsername());
    else if (preset.fixedUsernames.isEmpty())
        m_username->setEditText({});
    m_username->lineEdit()->setPlaceholderText(
        preset.fixedUsernames.isEmpty() ? QStringLiteral("your user name") : preset.fixedUsernames.first());
    m_kind->clear();
    for (SecretKind kind : preset.kinds)
        m_kind->addItem(credentials::secretKindLabel(kind), int(kind));
    m_kind->setVisible(preset.kinds.size() > 1);
    m_kindLabel->setVisible(preset.kinds.size() > 1);
    m_secret->setPlaceholderText(credentials::secretKindLabel(preset.kinds.value(0, SecretKind::Password)));
    const QString prefix = repositoryPrefix(preset.provider, m_wizard->hostValues());
    m_repository->setText(m_wizard->repository().isEmpty() ? prefix : m_wizard->repository());
    m_repository->setPlaceholderText(QStringLiteral("owner/image: a repository this login may push to"));
    onUsernameChanged();
}

LoginPage::Draft LoginPage::draft() const {
    Draft draft;
    draft.login.registry = m_wizard->host();
    draft.login.username = m_username->currentText().trimmed();
    draft.login.secret = m_secret->text();
    draft.login.kind = m_kind->count() > 0 ? SecretKind(m_kind->currentData().toInt()) : SecretKind::Password;
    draft.repository = m_repository->text().trimmed();
    return draft;
}

void LoginPage::onUsernameChanged() {
    const bool keyFile = takesKeyFile(m_username->currentText().trimmed());
    m_keyFile->setVisible(keyFile);
    if (!keyFile)
        m_keyFileNote->hide();
    onEdited();
}

void LoginPage::onEdited() {
    const Draft current = draft();
    if (m_passed && *m_passed != current) {
        m_passed.reset();
        m_testResult->hide();
    }
    if (!m_saving)
        m_saveResult->hide();
    m_test->setEnabled(!m_testing && m_tester && !current.login.username.isEmpty() &&
                       !current.login.secret.isEmpty());
    Q_EMIT completeChanged();
}

void LoginPage::chooseKeyFile() {
    const bool base64 = m_username->currentText().trimmed() == QLatin1String("_json_key_base64");
    // The path is only used here: the key itself goes to the keychain, the path nowhere.
    const QString path = FileDialog::getOpenFileName(this, QStringLiteral("Choose a Service Account Key"), {},
                                                     QStringLiteral("JSON key (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    const auto key = readServiceAccountKey(path, base64);
    m_keyFileNote->show();
    if (!key) {
        m_keyFileNote->setText(errorText(key.error()));
        return;
    }
    m_secret->setText(key->secret);
    m_keyFileNote->setText(
        QStringLiteral("Read the key of %1. Slipway stores the key itself, not the file's path.")
            .arg(key->account.isEmpty() ? QStringLiteral("the service account") : key->account));
}

void LoginPage::startTest() {
    if (!m_tester)
        return;
    const Draft current = draft();
    const auto repository = testRepository(current.login.registry, current.repository);
    if (!repository) {
        m_testResult->setKind(MessageBanner::Kind::Error);
        m_testResult->setText(errorText(repository.error()));
        m_testResult->show();
        return;
    }
    m_testing = current;
    m_passed.reset();
    m_testResult->hide();
    setTesting(true);
    m_tester->start(current.login.registry, *repository, current.login);
}

void LoginPage::cancelTest() {
    if (m_tester)
        m_tester->cancel();
    m_testing.reset();
    setTesting(false);
    m_testResult->setKind(MessageBanner::Kind::Information);
    m_testResult->setText(QStringLiteral("Test cancelled; nothing was saved."));
    m_testResult->show();
}

void LoginPage::onTested(const Result<registry::LoginCheck>& result) {
    const Draft tested = m_testing.value_or(Draft{});
    m_testing.reset();
    setTesting(false);
    if (result) {
        m_passed = tested;
        const QString repository =
            testRepository(tested.login.registry, tested.repository).value_or(QString());
        m_testResult->setKind(MessageBanner::Kind::Information);
        m_testResult->setText(describeLoginCheck(*result, tested.login.registry, repository) +
                              QStringLiteral("\nSave keeps it in %1.")
                                  .arg(m_wizard->services().keychain
                                           ? m_wizard->services().keychain->location()
                                           : QStringLiteral("the keychain")));
    } else {
        m_testResult->setKind(MessageBanner::Kind::Error);
        m_testResult->setText(errorText(result.error()) + QStringLiteral("\nNothing was saved."));
    }
    m_testResult->show();
    onEdited();
}

void LoginPage::setTesting(bool testing) {
    m_progress->setVisible(testing);
    m_cancel->setVisible(testing);
    m_test->setEnabled(!testing);
    for (QWidget* field :
         std::initializer_list<QWidget*>{m_username, m_kind, m_secret, m_keyFile, m_repository})
        field->setEnabled(!testing);
    Q_EMIT completeChanged();
}

bool LoginPage::isComplete() const {
    return !m_testing && !m_saving && m_passed && *m_passed == draft();
}

bool LoginPage::validatePage() {
    if (m_saved)
        return true;
    if (!m_saving)
        save(m_wizard->services().keychain);
    return false;
}

void LoginPage::save(CredentialStore* store) {
    const Draft current = draft();
    if (!store)
        return;
    if (const auto valid = credentials::validateCredential(current.login); !valid) {
        m_saveResult->setKind(MessageBanner::Kind::Error);
        m_saveResult->setText(errorText(valid.error()));
        m_saveResult->show();
        return;
    }
    m_saving = true;
    m_saveResult->clearButtons();
    m_saveResult->setKind(MessageBanner::Kind::Information);
    m_saveResult->setText(QStringLiteral("Saving to %1…").arg(store->location()));
    m_saveResult->show();
    Q_EMIT completeChanged();
    store->store(current.login).then(this, [this, store, current](const Result<void>& result) {
        onSaved(result, store, current);
    });
}

void LoginPage::onSaved(const Result<void>& result, CredentialStore* store, const Draft& saved) {
    m_saving = false;
    if (result) {
        m_saved = true;
        Q_EMIT m_wizard->saved(credentials::summaryOf(saved.login), store->persistent());
        m_wizard->accept();
        return;
    }
    CredentialStore* session = m_wizard->services().session;
    if (result.error().code == credentials::kNoKeychain && store->persistent() && session) {
        m_saveResult->setKind(MessageBanner::Kind::Warning);
        m_saveResult->setText(
            QStringLiteral(
                "No keychain answered, so the login cannot be saved for later. %1\nSlipway can keep it "
                "in memory for this session only: it is gone when Slipway quits, and docker and pyflyte "
                "do not see it.")
                .arg(result.error().message));
        QPushButton* keep = m_saveResult->addButton(QStringLiteral("Keep for This Session Only"),
                                                    QStringLiteral("keepForSessionButton"));
        // Queued: save() clears the banner's buttons, this one included.
        connect(
            keep, &QPushButton::clicked, this, [this, session] { save(session); }, Qt::QueuedConnection);
    } else {
        m_saveResult->setKind(MessageBanner::Kind::Error);
        m_saveResult->setText(errorText(result.error()));
    }
    m_saveResult->show();
    Q_EMIT completeChanged();
}

} // namespace slipway::ui
