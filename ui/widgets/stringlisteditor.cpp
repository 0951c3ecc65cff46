#include "widgets/stringlisteditor.h"

#include "widgets/listbuttons.h"

#include <QApplication>
#include <QClipboard>
#include <QKeyEvent>
#include <QListWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace slipway::ui {

namespace {
constexpr int kMinRows = 2;
constexpr int kMaxRows = 8;
} // namespace

StringListEditor::StringListEditor(const QString& what, QWidget* parent)
    : QWidget(parent), m_list(new QListWidget(this)), m_buttons(new ListButtons(what, this)) {
    m_list->setObjectName(QStringLiteral("list"));
    m_list->setAccessibleName(QStringLiteral("%1 list").arg(what));
    m_list->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                            QAbstractItemView::AnyKeyPressed);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setUniformItemSizes(true);
    m_list->installEventFilter(this);
    QToolButton* paste =
        m_buttons->addExtraButton(IconName::Paste, QStringLiteral("Paste lines"),
                                  QStringLiteral("Add one %1 per line of the clipboard's text").arg(what),
                                  QStringLiteral("pasteButton"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_list);
    layout->addWidget(m_buttons);

    connect(m_buttons->addButton(), &QToolButton::clicked, this, &StringListEditor::addItem);
    connect(m_buttons->removeButton(), &QToolButton::clicked, this, &StringListEditor::removeItem);
    connect(m_buttons->upButton(), &QToolButton::clicked, this, [this] { moveItem(-1); });
    connect(m_buttons->downButton(), &QToolButton::clicked, this, [this] { moveItem(1); });
    connect(paste, &QToolButton::clicked, this, [this] { appendLines(QApplication::clipboard()->text()); });
    connect(m_list, &QListWidget::currentRowChanged, this, &StringListEditor::updateButtons);
    connect(m_list, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
        if (m_updating)
            return;
        // An item left empty is no item: flytekit would get "" and pip would fail on it.
        if (item->text().trimmed().isEmpty()) {
            const QSignalBlocker blocker(m_list);
            delete item;
            updateHeight();
        }
        emitEdited();
    });
    updateButtons();
    updateHeight();
}

void StringListEditor::setItems(const QStringList& items) {
    if (items == this->items())
        return;
    m_updating = true;
    const int row = m_list->currentRow();
    m_list->clear();
    for (const QString& text : items) {
        auto* item = new QListWidgetItem(text, m_list);
        item->setFlags(item->flags() | (m_readOnly ? Qt::NoItemFlags : Qt::ItemIsEditable));
    }
    if (row >= 0 && m_list->count() > 0)
        m_list->setCurrentRow(std::min(row, m_list->count() - 1));
    m_updating = false;
    updateButtons();
    updateHeight();
}

QStringList StringListEditor::items() const {
    QStringList items;
    for (int row = 0; row < m_list->count(); ++row) {
        const QString text = m_list->item(row)->text();
        if (!text.trimmed().isEmpty())
            items.append(text);
    }
    return items;
}

void StringListEditor::setReadOnly(bool readOnly) {
    m_readOnly = readOnly;
    m_updating = true;
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem* item = m_list->item(row);
        item->setFlags(readOnly ? item->flags() & ~Qt::ItemIsEditable : item->flags() | Qt::ItemIsEditable);
    }
    m_updating = false;
    updateButtons();
}

void StringListEditor::appendLines(const QString& text) {
    QStringList lines;
    for (const QString& line : text.split(QLatin1Char('\n'))) {
        const QString trimmed = line.trimmed();
        if (!trimmed.isEmpty() && !trimmed.startsWith(QLatin1Char('#')))
            lines.append(trimmed);
    }
    appendItems(lines);
}

void StringListEditor::appendItems(const QStringList& items) {
    if (m_readOnly || items.isEmpty())
        return;
    m_updating = true;
    for (const QString& text : items) {
        auto* item = new QListWidgetItem(text, m_list);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
    }
    m_list->setCurrentRow(m_list->count() - 1);
    m_updating = false;
    updateHeight();
    emitEdited();
}

bool StringListEditor::eventFilter(QObject* watched, QEvent* event) {
    // Keys typed into an item's editor go to the editor, not to the list.
    if (watched == m_list && event->type() == QEvent::KeyPress && !m_readOnly) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->matches(QKeySequence::Paste)) {
            appendLines(QApplication::clipboard()->text());
            return true;
        }
        if (key->matches(QKeySequence::Delete) || key->key() == Qt::Key_Backspace) {
            removeItem();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void StringListEditor::addItem() {
    m_updating = true;
    auto* item = new QListWidgetItem(QString(), m_list);
    item->setFlags(item->flags() | Qt::ItemIsEditable);
    m_list->setCurrentItem(item);
    m_updating = false;
    updateHeight();
    m_list->setFocus();
    m_list->editItem(item);
}

void StringListEditor::removeItem() {
    const int row = m_list->currentRow();
    if (m_readOnly || row < 0)
        return;
    m_updating = true;
    delete m_list->takeItem(row);
    m_updating = false;
    updateHeight();
    updateButtons();
    emitEdited();
}

void StringListEditor::moveItem(int delta) {
    const int row = m_list->currentRow();
    const int target = row + delta;
    if (m_readOnly || row < 0 || target < 0 || target >= m_list->count())
        return;
    m_updating = true;
    QListWidgetItem* item = m_list->takeItem(row);
    m_list->insertItem(target, item);
    m_list->setCurrentRow(target);
    m_updating = false;
    emitEdited();
}

void StringListEditor::updateButtons() {
    m_buttons->updateFor(m_list->currentRow(), m_list->count(), !m_readOnly);
}

// Tall enough for its rows, within bounds, so short lists do not waste the form's height.
void StringListEditor::updateHeight() {
    const int rowHeight = m_list->fontMetrics().height() + 6;
    const int rows = std::clamp(int(m_list->count()) + 1, kMinRows, kMaxRows);
    const int frame = 2 * m_list->frameWidth() + 4;
    m_list->setFixedHeight(rows * rowHeight + frame);
}

void StringListEditor::emitEdited() {
    updateButtons();
    Q_EMIT edited(items());
}

} // namespace slipway::ui
