#pragma once

#include "widgets/icons.h"

#include <QWidget>

class QHBoxLayout;
class QToolButton;

namespace slipway::ui {

// The row of small buttons under an editable list or table: add, remove, move up, move down, and
// whatever else the owner adds. Each button has an icon, a tooltip and an accessible name.
class ListButtons : public QWidget {
    Q_OBJECT

public:
    // `what` names one item for the tooltips, e.g. "package".
    ListButtons(const QString& what, QWidget* parent = nullptr);

    QToolButton* addButton() const { return m_add; }
    QToolButton* removeButton() const { return m_remove; }
    QToolButton* upButton() const { return m_up; }
    QToolButton* downButton() const { return m_down; }
    QToolButton* addExtraButton(IconName icon, const QString& text, const QString& toolTip,
                                const QString& objectName);
    // Enables remove/up/down for the current row of a list of `count` rows.
    void updateFor(int currentRow, int count, bool editable);

private:
    QToolButton* makeButton(IconName icon, const QString& text, const QString& toolTip,
                            const QString& objectName);

    QHBoxLayout* m_layout;
    QToolButton* m_add;
    QToolButton* m_remove;
    QToolButton* m_up;
    QToolButton* m_down;
    QList<QToolButton*> m_extra;
};

} // namespace slipway::ui
