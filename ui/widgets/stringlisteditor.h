#pragma once

#include <QStringList>
#include <QWidget>

class QListWidget;

namespace slipway::ui {

class ListButtons;

// An ordered list of strings: add, edit in place, remove, reorder, and paste many lines at once (one
// item per line, blank lines and # comments skipped), as from a requirements file. Emits edited()
// with the whole list after each change the user makes, never for setItems().
class StringListEditor : public QWidget {
    Q_OBJECT

public:
    // `what` names one item for tooltips and the accessible names, e.g. "package".
    StringListEditor(const QString& what, QWidget* parent = nullptr);

    void setItems(const QStringList& items);
    QStringList items() const;
    void setReadOnly(bool readOnly);
    // Appends `lines` as items (what paste does with the clipboard's text).
    void appendLines(const QString& text);
    void appendItems(const QStringList& items);
    QListWidget* list() const { return m_list; }
    ListButtons* buttons() const { return m_buttons; }

Q_SIGNALS:
    void edited(const QStringList& items);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void addItem();
    void removeItem();
    void moveItem(int delta);
    void updateButtons();
    void updateHeight();
    void emitEdited();

    QListWidget* m_list;
    ListButtons* m_buttons;
    bool m_readOnly = false;
    bool m_updating = false;
};

} // namespace slipway::ui
