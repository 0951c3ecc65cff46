#include "project/specstatusdelegate.h"

#include "check/specstatus.h"
#include "project/projecttreemodel.h"

#include <QPainter>
#include <algorithm>

namespace slipway::ui {

namespace {

constexpr int kMarginX = 4; // between the cell's edges and the badge
constexpr int kMarginY = 1;

constexpr SpecStatus kAllStatuses[] = {SpecStatus::NotBuilt, SpecStatus::Built,
                                       SpecStatus::Pushed,   SpecStatus::Public,
                                       SpecStatus::Private,  SpecStatus::PlatformMismatch};

} // namespace

BadgeLook SpecStatusDelegate::lookFor(const QModelIndex& index) {
    const QVariant status = index.data(ProjectTreeModel::ImageStatusRole);
    if (!status.isValid())
        return {};
    const QVariant verdict = index.data(ProjectTreeModel::LastVerdictRole);
    return specStatusLook(static_cast<SpecStatus>(status.toInt()),
                          verdict.isValid()
                              ? std::optional(static_cast<registry::PullVerdict>(verdict.toInt()))
                              : std::nullopt);
}

int SpecStatusDelegate::widthFor(const BadgeLook& look, const QFont& font) {
    return StatusBadge::sizeFor(look, font).width() + 2 * kMarginX;
}

QSize SpecStatusDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    // Also for rows without a badge: with uniform row heights the first row (a file) sets the height.
    const QSize badge = StatusBadge::sizeFor(specStatusLook(SpecStatus::PlatformMismatch), option.font);
    size.setHeight(std::max(size.height(), badge.height() + 2 * kMarginY));
    const BadgeLook look = lookFor(index);
    if (!look.text.isEmpty())
        size.setWidth(widthFor(look, option.font));
    return size;
}

// The row's background and selection as for any cell (the text left out, see initStyleOption), then
// the badge where the text would be.
void SpecStatusDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                               const QModelIndex& index) const {
    QStyledItemDelegate::paint(painter, option, index);
    if (const BadgeLook look = lookFor(index); !look.text.isEmpty())
        StatusBadge::paint(*painter, option.rect.adjusted(kMarginX, kMarginY, -kMarginX, -kMarginY), look,
                           option.palette, option.font);
}

void SpecStatusDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const {
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.data(ProjectTreeModel::ImageStatusRole).isValid())
        option->text.clear();
}

} // namespace slipway::ui
