#include "build/cachedbadgedelegate.h"

#include "build/buildstepmodel.h"

#include <QApplication>
#include <QPainter>
#include <QStyle>
#include <algorithm>

namespace slipway::ui {

namespace {

const QString kBadgeText = QStringLiteral("CACHED");
constexpr int kBadgePadding = 10; // inside the badge, left and right together
constexpr int kBadgeMargin = 4;   // between the cell's edge and the badge

QFont badgeFont(const QFont& font) {
    QFont bold = font;
    bold.setBold(true);
    bold.setPointSizeF(font.pointSizeF() * 0.8);
    return bold;
}

} // namespace

QSize CachedBadgeDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (index.data(BuildStepModel::CachedRole).toBool()) {
        const int badge = QFontMetrics(badgeFont(option.font)).horizontalAdvance(kBadgeText) + kBadgePadding;
        size.setWidth(std::max(size.width(), badge + 2 * kBadgeMargin));
    }
    return size;
}

void CachedBadgeDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                const QModelIndex& index) const {
    if (!index.data(BuildStepModel::CachedRole).toBool()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // The row's background and selection first, then the badge instead of the text.
    QStyleOptionViewItem plain = option;
    initStyleOption(&plain, index);
    plain.text.clear();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &plain, painter, widget);

    const QFont font = badgeFont(option.font);
    const QFontMetrics metrics(font);
    const int height = metrics.height() + 2;
    QRect badge(0, 0, metrics.horizontalAdvance(kBadgeText) + kBadgePadding, height);
    badge.moveCenter(option.rect.center());
    badge.moveLeft(option.rect.left() + kBadgeMargin);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(QStringLiteral("#1565c0")));
    painter->drawRoundedRect(badge, height / 2.0, height / 2.0);
    painter->setPen(Qt::white);
    painter->setFont(font);
    painter->drawText(badge, Qt::AlignCenter, kBadgeText);
    painter->restore();
}

} // namespace slipway::ui
