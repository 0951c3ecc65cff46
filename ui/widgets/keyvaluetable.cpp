#include "widgets/keyvaluetable.h"

#include "widgets/listbuttons.h"

#include <QHeaderView>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace slipway::ui {

namespace {
constexpr int kMinRows = 2;
constexpr int kMaxRows = 8;
} // namespace

KeyValueTable::KeyValueTable(const QString& what, const QString& keyHeader, const QString& valueHeader,
                             QWidget* parent)
    : QWidget(parent), m_table(new QTableWidget(0, 2, this)), m_buttons(new ListButtons(what, this)) {
    m_table->setObjectName(QStringLiteral("table"));
    m_table->setAccessibleName(QStringLiteral("%1 table").arg(what));
    m_table->setHorizontalHeaderLabels({keyHeader, valueHeader});
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->resizeSection(0, 150);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_table);
    layout->addWidget(m_buttons);

    connect(m_buttons->addButton(), &QToolButton::clicked, this, &KeyValueTable::addRow);
    connect(m_buttons->removeButton(), &QToolButton::clicked, this, &KeyValueTable::removeRow);
    connect(m_buttons->upButton(), &QToolButton::clicked, this, [this] { moveRow(-1); });
    connect(m_buttons->downButton(), &QToolButton::clicked, this, [this] { moveRow(1); });
    connect(m_table, &QTableWidget::currentCellChanged, this, &KeyValueTable::updateButtons);
    connect(m_table, &QTableWidget::itemChanged, this, [this] {
        if (!m_updating)
            emitEdited();
    });
    updateButtons();
    updateHeight();
}

void KeyValueTable::setRow(int row, const QString& key, const QString& value) {
    for (int column = 0; column < 2; ++column) {
        auto* item = new QTableWidgetItem(column == 0 ? key : value);
        if (m_readOnly)
            item->setFlags(item->flags() & ~Qt::ItemIsEditable);
        m_table->setItem(row, column, item);
    }
}

void KeyValueTable::setEntries(const Entries& entries) {
    if (entries == this->entries())
        return;
    m_updating = true;
    const int row = m_table->currentRow();
    m_table->setRowCount(int(entries.size()));
    for (int i = 0; i < entries.size(); ++i)
        setRow(i, entries[i].first, entries[i].second);
    if (row >= 0 && m_table->rowCount() > 0)
        m_table->setCurrentCell(std::min(row, m_table->rowCount() - 1), 0);
    m_updating = false;
    updateButtons();
    updateHeight();
}

KeyValueTable::Entries KeyValueTable::entries() const {
    Entries entries;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem* key = m_table->item(row, 0);
        const QTableWidgetItem* value = m_table->item(row, 1);
        if (key && !key->text().trimmed().isEmpty())
            entries.append({key->text().trimmed(), value ? value->text() : QString()});
    }
    return entries;
}

void KeyValueTable::setReadOnly(bool readOnly) {
    m_readOnly = readOnly;
    m_updating = true;
    for (int row = 0; row < m_table->rowCount(); ++row)
        for (int column = 0; column < 2; ++column)
            if (QTableWidgetItem* item = m_table->item(row, column))
                item->setFlags(readOnly ? item->flags() & ~Qt::ItemIsEditable
                                        : item->flags() | Qt::ItemIsEditable);
    m_updating = false;
    updateButtons();
}

void KeyValueTable::addRow() {
    m_updating = true;
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    setRow(row, {}, {});
    m_table->setCurrentCell(row, 0);
    m_updating = false;
    updateHeight();
    m_table->setFocus();
    m_table->editItem(m_table->item(row, 0));
}

void KeyValueTable::removeRow() {
    const int row = m_table->currentRow();
    if (m_readOnly || row < 0)
        return;
    m_updating = true;
    m_table->removeRow(row);
    m_updating = false;
    updateHeight();
    emitEdited();
}

void KeyValueTable::moveRow(int delta) {
    const int row = m_table->currentRow();
    const int target = row + delta;
    if (m_readOnly || row < 0 || target < 0 || target >= m_table->rowCount())
        return;
    m_updating = true;
    for (int column = 0; column < 2; ++column) {
        QTableWidgetItem* a = m_table->takeItem(row, column);
        QTableWidgetItem* b = m_table->takeItem(target, column);
        m_table->setItem(row, column, b);
        m_table->setItem(target, column, a);
    }
    m_table->setCurrentCell(target, m_table->currentColumn());
    m_updating = false;
    emitEdited();
}

void KeyValueTable::updateButtons() {
    m_buttons->updateFor(m_table->currentRow(), m_table->rowCount(), !m_readOnly);
}

void KeyValueTable::updateHeight() {
    const int rowHeight = m_table->verticalHeader()->defaultSectionSize();
    const int rows = std::clamp(m_table->rowCount() + 1, kMinRows, kMaxRows);
    m_table->setFixedHeight(m_table->horizontalHeader()->sizeHint().height() + rows * rowHeight +
                            2 * m_table->frameWidth());
}

void KeyValueTable::emitEdited() {
    updateButtons();
    Q_EMIT edited(entries());
}

} // namespace slipway::ui
