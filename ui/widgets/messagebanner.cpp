#include "widgets/messagebanner.h"

#include "widgets/icons.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace slipway::ui {

namespace {

QColor blend(const QColor& a, const QColor& b, double share) {
    return QColor::fromRgbF(float(a.redF() * (1 - share) + b.redF() * share),
                            float(a.greenF() * (1 - share) + b.greenF() * share),
                            float(a.blueF() * (1 - share) + b.blueF() * share));
}

} // namespace

MessageBanner::MessageBanner(QWidget* parent)
    : QFrame(parent), m_icon(new QLabel(this)), m_text(new QLabel(this)), m_buttons(new QHBoxLayout) {
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setObjectName(QStringLiteral("bannerText"));
    m_buttons->setSpacing(6);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 8, 6);
    layout->setSpacing(10);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addLayout(m_buttons);
    applyPalette();
}

void MessageBanner::setKind(Kind kind) {
    m_kind = kind;
    applyPalette();
}

void MessageBanner::setText(const QString& text) {
    m_text->setText(text);
    setAccessibleDescription(text);
}

QString MessageBanner::text() const {
    return m_text->text();
}

QPushButton* MessageBanner::addButton(const QString& text, const QString& objectName) {
    auto* button = new QPushButton(text, this);
    button->setObjectName(objectName);
    button->setAccessibleName(text);
    m_buttons->addWidget(button, 0, Qt::AlignVCenter);
    return button;
}

void MessageBanner::clearButtons() {
    while (QLayoutItem* item = m_buttons->takeAt(0)) {
        delete item->widget();
        delete item;
    }
}

void MessageBanner::changeEvent(QEvent* event) {
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        applyPalette();
}

// Tinted from the system palette, so it reads in light and dark themes alike.
void MessageBanner::applyPalette() {
    const QPalette base = parentWidget() ? parentWidget()->palette() : QPalette();
    QColor accent;
    IconName iconName = IconName::Ok;
    switch (m_kind) {
    case Kind::Information:
        accent = base.color(QPalette::Highlight);
        iconName = IconName::Info;
        break;
    case Kind::Warning:
        accent = QColor(0xd9, 0x8e, 0x04);
        iconName = IconName::Warning;
        break;
    case Kind::Error:
        accent = QColor(0xd0, 0x31, 0x2d);
        iconName = IconName::Error;
        break;
    }
    QPalette tinted = palette();
    tinted.setColor(QPalette::Window, blend(base.color(QPalette::Window), accent, 0.18));
    setPalette(tinted);
    const int size = m_text->fontMetrics().height() + 2;
    m_icon->setPixmap(icon(iconName).pixmap(size, size));
}

} // namespace slipway::ui
