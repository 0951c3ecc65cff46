#pragma once

#include <QList>
#include <QString>
#include <QWidget>
#include <utility>

class QTableWidget;

namespace slipway::ui {

class ListButtons;

// Ordered key/value pairs (env, builder options): add, edit in place, remove, reorder. Order is kept
// because flytekit hashes a dict in insertion order. Rows without a key are not part of the value.
class KeyValueTable : public QWidget {
    Q_OBJECT

public:
    using Entries = QList<std::pair<QString, QString>>;

    KeyValueTable(const QString& what, const QString& keyHeader, const QString& valueHeader,
                  QWidget* parent = nullptr);

    void setEntries(const Entries& entries);
    Entries entries() const;
    void setReadOnly(bool readOnly);
    QTableWidget* table() const { return m_table; }

Q_SIGNALS:
    void edited(const slipway::ui::KeyValueTable::Entries& entries);

private:
    void addRow();
    void removeRow();
    void moveRow(int delta);
    void setRow(int row, const QString& key, const QString& value);
    void updateButtons();
    void updateHeight();
    void emitEdited();

    QTableWidget* m_table;
    ListButtons* m_buttons;
    bool m_readOnly = false;
    bool m_updating = false;
};

} // namespace slipway::ui
