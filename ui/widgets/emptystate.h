#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace slipway::ui {

// What a panel shows when it has nothing to show: a title, one or two sentences saying why and what to
// do, and optionally the button that does it.
class EmptyState : public QWidget {
    Q_OBJECT

public:
    explicit EmptyState(QWidget* parent = nullptr);

    // A large picture above the title; none by default.
    void setIcon(const QIcon& icon);
    void setTitle(const QString& title);
    void setText(const QString& text);
    // Shows a button; returns it so the caller can connect it and name it.
    QPushButton* setAction(const QIcon& icon, const QString& text);
    // A widget under the text, e.g. a list of recent folders.
    void setExtra(QWidget* widget);

private:
    QLabel* m_icon;
    QLabel* m_title;
    QLabel* m_text;
    QPushButton* m_action = nullptr;
};

} // namespace slipway::ui
