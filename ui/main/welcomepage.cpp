#include "main/welcomepage.h"

#include "widgets/emptystate.h"
#include "widgets/icons.h"

#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace slipway::ui {

namespace {
constexpr int kRecentVisibleRows = 6;
} // namespace

WelcomePage::WelcomePage(QWidget* parent)
    : QWidget(parent), m_state(new EmptyState(this)), m_notice(new QLabel(this)),
      m_recentTitle(new QLabel(this)), m_recent(new QListWidget(this)) {
    setObjectName(QStringLiteral("welcomePage"));
    m_state->setIcon(icon(IconName::App));
    m_state->setTitle(QStringLiteral("Open a project folder"));
    m_state->setText(
        QStringLiteral("Slipway finds the ImageSpecs in a folder (*.yaml specs and ImageSpec(...) "
                       "calls in *.py files) and shows the image each one builds, with the exact "
                       "reference flytekit will push."));
    QPushButton* open = m_state->setAction(icon(IconName::Folder), QStringLiteral("Open Folder…"));
    open->setObjectName(QStringLiteral("welcomeOpenFolderButton"));
    open->setDefault(true);
    connect(open, &QPushButton::clicked, this, &WelcomePage::openFolderRequested);

    m_notice->setObjectName(QStringLiteral("welcomeNotice"));
    m_notice->setWordWrap(true);
    m_notice->setAlignment(Qt::AlignCenter);
    m_notice->hide();

    m_recentTitle->setText(QStringLiteral("Recent projects"));
    m_recentTitle->setObjectName(QStringLiteral("welcomeRecentTitle"));
    QFont titleFont = m_recentTitle->font();
    titleFont.setBold(true);
    m_recentTitle->setFont(titleFont);

    m_recent->setObjectName(QStringLiteral("welcomeRecentList"));
    m_recent->setAccessibleName(QStringLiteral("Recent projects"));
    m_recent->setTextElideMode(Qt::ElideMiddle);
    m_recentTitle->setBuddy(m_recent);
    connect(m_recent, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        Q_EMIT recentFolderRequested(item->data(Qt::UserRole).toString());
    });

    auto* extra = new QWidget(this);
    extra->setObjectName(QStringLiteral("welcomeExtra"));
    auto* extraLayout = new QVBoxLayout(extra);
    extraLayout->setContentsMargins(0, 12, 0, 0);
    extraLayout->setSpacing(6);
    extraLayout->addWidget(m_notice);
    extraLayout->addWidget(m_recentTitle);
    extraLayout->addWidget(m_recent);
    m_state->setExtra(extra);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_state);
    setRecentFolders({});
}

void WelcomePage::setRecentFolders(const QStringList& folders) {
    m_recent->clear();
    for (const QString& folder : folders) {
        auto* item = new QListWidgetItem(
            icon(IconName::Folder),
            QStringLiteral("%1    %2").arg(QFileInfo(folder).fileName(), QDir::toNativeSeparators(folder)),
            m_recent);
        item->setData(Qt::UserRole, folder);
        item->setToolTip(QDir::toNativeSeparators(folder));
    }
    const int rows = std::min(static_cast<int>(folders.size()), kRecentVisibleRows);
    const int rowHeight =
        m_recent->sizeHintForRow(0) > 0 ? m_recent->sizeHintForRow(0) : fontMetrics().height() + 6;
    m_recent->setFixedHeight(rows * rowHeight + 2 * m_recent->frameWidth());
    m_recent->setVisible(!folders.isEmpty());
    m_recentTitle->setVisible(!folders.isEmpty());
}

void WelcomePage::setNotice(const QString& notice) {
    m_notice->setText(notice);
    m_notice->setVisible(!notice.isEmpty());
}

} // namespace slipway::ui
