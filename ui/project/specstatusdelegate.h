#pragma once

#include "check/statusbadge.h"

#include <QStyledItemDelegate>

namespace slipway::ui {

// Paints the project tree's image status column as badges (StatusBadge::paint with specStatusLook), so
// the tree reads like the pull check screen. Every row of the column is tall enough for a badge, so
// uniform row heights never clip one.
class SpecStatusDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    // The look the cell at `index` shows; no text when it shows none.
    static BadgeLook lookFor(const QModelIndex& index);
    // The column width `look` needs in `font`, margins included.
    static int widthFor(const BadgeLook& look, const QFont& font);

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};

} // namespace slipway::ui
