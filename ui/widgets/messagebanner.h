#pragma once

#include <QFrame>

class QHBoxLayout;
class QLabel;
class QPushButton;

namespace slipway::ui {

// A strip above a view that says something about it and offers what to do (KeePassXC's MessageWidget,
// Qt Creator's info bar): not modal, so the user can read on before choosing.
class MessageBanner : public QFrame {
    Q_OBJECT

public:
    enum class Kind { Information, Warning, Error };

    explicit MessageBanner(QWidget* parent = nullptr);

    void setKind(Kind kind);
    void setText(const QString& text);
    QString text() const;
    // A button at the right; clicking it emits nothing by itself: connect to the returned button.
    QPushButton* addButton(const QString& text, const QString& objectName);
    void clearButtons();

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyPalette();

    Kind m_kind = Kind::Information;
    QLabel* m_icon;
    QLabel* m_text;
    QHBoxLayout* m_buttons;
};

} // namespace slipway::ui
