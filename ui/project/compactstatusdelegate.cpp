#include "project/compactstatusdelegate.h"

#include <QApplication>
#include <QStyle>

namespace slipway::ui {

namespace {

bool textFits(const QStyleOptionViewItem& option) {
    const QWidget* widget = option.widget;
    const QStyle* style = widget ? widget->style() : QApplication::style();
    const QRect text = style->subElementRect(QStyle::SE_ItemViewItemText, &option, widget);
    // The style draws the text inside a margin of its rectangle (QCommonStyle's viewItemDrawText).
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    return option.fontMetrics.horizontalAdvance(option.text) <= text.width() - 2 * margin;
}

} // namespace

void CompactStatusDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const {
    QStyledItemDelegate::initStyleOption(option, index);
    // Only where the cell's rectangle is known: size hints ask without one and want the whole text.
    if (option->rect.isValid() && option->features.testFlag(QStyleOptionViewItem::HasDecoration) &&
        !option->text.isEmpty() && !textFits(*option))
        option->text.clear();
}

} // namespace slipway::ui
