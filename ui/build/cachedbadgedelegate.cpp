#include "build/cachedbadgedelegate.h"

#include "build/buildstepmodel.h"

#include <QApplication>
#include <QPainter>
#include <QStyle>

namespace slipway::ui {

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

    QFont font = option.font;
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 0.8);
    const QString text = QStringLiteral("CACHED");
    const QFontMetrics metrics(font);
    const int height = metrics.height() + 2;
    QRect badge(0, 0, metrics.horizontalAdvance(text) + 10, height);
    badge.moveCenter(option.rect.center());
    badge.moveLeft(option.rect.left() + 4);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(QStringLiteral("#1565c0")));
    painter->drawRoundedRect(badge, height / 2.0, height / 2.0);
    painter->setPen(Qt::white);
    painter->setFont(font);
    painter->drawText(badge, Qt::AlignCenter, text);
    painter->restore();
}

} // namespace slipway::ui
