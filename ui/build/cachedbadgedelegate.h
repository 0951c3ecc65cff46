#pragma once

#include <QStyledItemDelegate>

namespace slipway::ui {

// Draws "CACHED" as a small badge in the status column of a cached step, so cache hits stand out in
// a long step list.
class CachedBadgeDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace slipway::ui
