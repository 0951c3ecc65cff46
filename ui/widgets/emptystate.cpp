#include "widgets/emptystate.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace slipway::ui {

namespace {
constexpr int kTextWidth = 440; // a comfortable line length for two sentences
constexpr int kIconSize = 72;
} // namespace

EmptyState::EmptyState(QWidget* parent)
    : QWidget(parent), m_icon(new QLabel(this)), m_title(new QLabel(this)), m_text(new QLabel(this)) {
    m_icon->setObjectName(QStringLiteral("emptyStateIcon"));
    m_icon->setAlignment(Qt::AlignCenter);
    m_icon->hide();
    m_title->setObjectName(QStringLiteral("emptyStateTitle"));
    m_title->setAlignment(Qt::AlignCenter);
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);

    m_text->setObjectName(QStringLiteral("emptyStateText"));
    m_text->setAlignment(Qt::AlignCenter);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setForegroundRole(QPalette::PlaceholderText);
    m_text->setMaximumWidth(kTextWidth);

    // A word-wrapped label given an alignment in a box layout keeps its one-line width and cuts the
    // text; between two stretches it gets the width it may have and the height that text needs.
    auto* textRow = new QHBoxLayout;
    textRow->addStretch(1);
    textRow->addWidget(m_text, 100);
    textRow->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->setSpacing(12);
    layout->addStretch(2);
    layout->addWidget(m_icon);
    layout->addWidget(m_title);
    layout->addLayout(textRow);
    layout->addStretch(3);
}

void EmptyState::setIcon(const QIcon& icon) {
    m_icon->setPixmap(icon.pixmap(kIconSize, kIconSize));
    m_icon->setVisible(!icon.isNull());
}

void EmptyState::setTitle(const QString& title) {
    m_title->setText(title);
    m_title->setAccessibleName(title);
}

void EmptyState::setText(const QString& text) {
    m_text->setText(text);
    m_text->setAccessibleName(text);
}

QPushButton* EmptyState::setAction(const QIcon& icon, const QString& text) {
    if (!m_action) {
        m_action = new QPushButton(this);
        auto* layout = static_cast<QVBoxLayout*>(this->layout());
        layout->insertWidget(layout->indexOf(m_title) + 2, m_action, 0, Qt::AlignHCenter);
    }
    m_action->setIcon(icon);
    m_action->setText(text);
    m_action->setAccessibleName(text);
    return m_action;
}

void EmptyState::setExtra(QWidget* widget) {
    widget->setMaximumWidth(kTextWidth);
    auto* row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(widget, 100);
    row->addStretch(1);
    auto* layout = static_cast<QVBoxLayout*>(this->layout());
    layout->insertLayout(layout->count() - 1, row);
}

} // namespace slipway::ui
