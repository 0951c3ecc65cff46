#include "check/statusbadge.h"

#include <QFile>
#include <QPainter>
#include <QPainterPath>

namespace slipway::ui {

namespace {

constexpr int kPaddingX = 8;
constexpr int kPaddingY = 3;
constexpr int kIconGap = 5;

int iconSize(const QFontMetrics& metrics) {
    return metrics.height();
}

QColor blend(const QColor& a, const QColor& b, double share) {
    return QColor::fromRgbF(float(a.redF() * (1 - share) + b.redF() * share),
                            float(a.greenF() * (1 - share) + b.greenF() * share),
                            float(a.blueF() * (1 - share) + b.blueF() * share));
}

bool darkPalette(const QPalette& palette) {
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

} // namespace

StatusBadge::StatusBadge(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
}

void StatusBadge::setLook(const BadgeLook& look) {
    m_look = look;
    setToolTip(look.toolTip);
    setAccessibleName(look.text);
    setAccessibleDescription(look.toolTip);
    updateGeometry();
    update();
}

QSize StatusBadge::sizeHint() const {
    return sizeFor(m_look, font());
}

QSize StatusBadge::sizeFor(const BadgeLook& look, const QFont& font) {
    const QFontMetrics metrics(font);
    const int icon = look.icon.isNull() ? 0 : iconSize(metrics) + kIconGap;
    // +2: horizontalAdvance() rounds, elidedText() measures exactly; a badge must never elide its word.
    return {2 * kPaddingX + icon + metrics.horizontalAdvance(look.text) + 2,
            2 * kPaddingY + metrics.height()};
}

QColor StatusBadge::accent(BadgeTone tone, const QPalette& palette) {
    const bool dark = darkPalette(palette);
    switch (tone) {
    case BadgeTone::Good:
        return dark ? QColor(0x4c, 0xc3, 0x8a) : QColor(0x1f, 0x7a, 0x4d);
    case BadgeTone::Caution:
        return dark ? QColor(0xf0, 0xb4, 0x29) : QColor(0x9a, 0x5b, 0x00);
    case BadgeTone::Bad:
        return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xb4, 0x23, 0x18);
    case BadgeTone::Neutral:
        break;
    }
    return palette.color(QPalette::WindowText);
}

QRect StatusBadge::paint(QPainter& painter, const QRect& rect, const BadgeLook& look, const QPalette& palette,
                         const QFont& font) {
    const QSize size = sizeFor(look, font);
    const QRect badge(rect.left(), rect.top() + (rect.height() - size.height()) / 2,
                      std::min(size.width(), rect.width()), size.height());
    const QColor accentColour = accent(look.tone, palette);
    const QColor background = blend(palette.color(QPalette::Base), accentColour, 0.16);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    QPainterPath path;
    path.addRoundedRect(QRectF(badge).adjusted(0.5, 0.5, -0.5, -0.5), badge.height() / 2.0,
                        badge.height() / 2.0);
    painter.fillPath(path, background);
    painter.setPen(QPen(blend(background, accentColour, 0.6), 1));
    painter.drawPath(path);
    painter.setFont(font);
    const QFontMetrics metrics(font);
    int x = badge.left() + kPaddingX;
    if (!look.icon.isNull()) {
        const int side = iconSize(metrics);
        look.icon.paint(&painter, QRect(x, badge.top() + (badge.height() - side) / 2, side, side));
        x += side + kIconGap;
    }
    painter.setPen(accentColour);
    const QRect textRect(x, badge.top(), badge.right() - kPaddingX - x + 1, badge.height());
    painter.drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft,
                     metrics.elidedText(look.text, Qt::ElideRight, textRect.width()));
    painter.restore();
    return badge;
}

void StatusBadge::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    paint(painter, rect(), m_look, palette(), font());
}

QIcon badgeIcon(const QString& name, const QIcon& fallback) {
    const QString path = QStringLiteral(":/icons/credentials/%1.svg").arg(name);
    return QFile::exists(path) ? QIcon(path) : fallback;
}

} // namespace slipway::ui
