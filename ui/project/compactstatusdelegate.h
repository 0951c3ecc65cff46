#pragma once

#include <QStyledItemDelegate>

namespace slipway::ui {

// Shows a cell's icon without its text when the text does not fit, instead of an icon and "...": in a
// narrow dock the problems column still says OK / warning / error at a glance, and its tooltip and the
// Problems dock say the rest.
class CompactStatusDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};

} // namespace slipway::ui
