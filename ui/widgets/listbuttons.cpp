#include "widgets/listbuttons.h"

#include <QHBoxLayout>
#include <QToolButton>

namespace slipway::ui {

ListButtons::ListButtons(const QString& what, QWidget* parent)
    : QWidget(parent), m_layout(new QHBoxLayout(this)) {
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(2);
    m_add = makeButton(IconName::Add, QStringLiteral("Add"), QStringLiteral("Add a %1").arg(what),
                       QStringLiteral("addButton"));
    m_remove = makeButton(IconName::Remove, QStringLiteral("Remove"),
                          QStringLiteral("Remove the selected %1").arg(what), QStringLiteral("removeButton"));
    m_up = makeButton(IconName::Up, QStringLiteral("Move up"),
                      QStringLiteral("Move the selected %1 up").arg(what), QStringLiteral("upButton"));
    m_down = makeButton(IconName::Down, QStringLiteral("Move down"),
                        QStringLiteral("Move the selected %1 down").arg(what), QStringLiteral("downButton"));
    m_layout->addStretch(1);
}

QToolButton* ListButtons::makeButton(IconName icon, const QString& text, const QString& toolTip,
                                     const QString& objectName) {
    auto* button = new QToolButton(this);
    button->setObjectName(objectName);
    button->setIcon(ui::icon(icon));
    button->setText(text);
    button->setToolTip(toolTip);
    button->setAccessibleName(toolTip);
    button->setAutoRaise(true);
    m_layout->addWidget(button);
    return button;
}

QToolButton* ListButtons::addExtraButton(IconName icon, const QString& text, const QString& toolTip,
                                         const QString& objectName) {
    QToolButton* button = makeButton(icon, text, toolTip, objectName);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    // Before the stretch, after the other buttons.
    m_layout->removeWidget(button);
    m_layout->insertWidget(m_layout->count() - 1, button);
    m_extra.append(button);
    return button;
}

void ListButtons::updateFor(int currentRow, int count, bool editable) {
    const bool hasRow = currentRow >= 0 && currentRow < count;
    m_add->setEnabled(editable);
    m_remove->setEnabled(editable && hasRow);
    m_up->setEnabled(editable && hasRow && currentRow > 0);
    m_down->setEnabled(editable && hasRow && currentRow < count - 1);
    for (QToolButton* button : std::as_const(m_extra))
        button->setEnabled(editable);
}

} // namespace slipway::ui
