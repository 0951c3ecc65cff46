#include "build/buildlogview.h"

#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QShortcut>
#include <QStyle>
#include <QTextBlock>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

namespace slipway::ui {

namespace {

constexpr int kMatchPositionLimit = 100'000; // positions remembered for next/previous
constexpr int kHighlightRadius = 500;        // matches highlighted either side of the current one

QToolButton* toolButton(QWidget* parent, const char* objectName, const QString& text, const QString& tip) {
    auto* button = new QToolButton(parent);
    button->setObjectName(QLatin1String(objectName));
    button->setText(text);
    button->setToolTip(tip);
    button->setAccessibleName(tip);
    button->setAutoRaise(true);
    return button;
}

} // namespace

BuildLogView::BuildLogView(QWidget* parent)
    : QWidget(parent), m_editor(new QPlainTextEdit(this)), m_searchField(new QLineEdit(this)),
      m_previous(toolButton(this, "logFindPrevious", QStringLiteral("▲"),
                            QStringLiteral("Previous match (Shift+F3)"))),
      m_next(toolButton(this, "logFindNext", QStringLiteral("▼"), QStringLiteral("Next match (F3)"))),
      m_matchLabel(new QLabel(this)),
      m_jumpToEnd(toolButton(this, "logJumpToEnd", QStringLiteral("Jump to end"),
                             QStringLiteral("Scroll to the newest output and follow it"))),
      m_toolbar(new QHBoxLayout), m_searchRefresh(new QTimer(this)) {
    setObjectName(QStringLiteral("buildLogView"));
    m_editor->setObjectName(QStringLiteral("buildLog"));
    m_editor->setAccessibleName(QStringLiteral("Build log"));
    m_editor->setReadOnly(true);
    m_editor->setUndoRedoEnabled(false);
    m_editor->setMaximumBlockCount(kDefaultMaximumLines);
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    m_searchField->setObjectName(QStringLiteral("logSearchField"));
    m_searchField->setAccessibleName(QStringLiteral("Search the log"));
    m_searchField->setPlaceholderText(QStringLiteral("Search the log (Ctrl+F)"));
    m_searchField->setClearButtonEnabled(true);
    m_searchField->setMaximumWidth(280);
    m_matchLabel->setObjectName(QStringLiteral("logMatchCount"));
    m_matchLabel->setAccessibleName(QStringLiteral("Matches"));
    m_matchLabel->setMinimumWidth(
        m_matchLabel->fontMetrics().horizontalAdvance(QStringLiteral("00000 of 00000")));
    m_jumpToEnd->setIcon(style()->standardIcon(QStyle::SP_ArrowDown));
    m_jumpToEnd->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_jumpToEnd->setVisible(false);

    m_toolbar->setContentsMargins(4, 2, 4, 2);
    m_toolbar->addWidget(m_searchField);
    m_toolbar->addWidget(m_previous);
    m_toolbar->addWidget(m_next);
    m_toolbar->addWidget(m_matchLabel);
    m_toolbar->addStretch();
    m_toolbar->addWidget(m_jumpToEnd);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(m_toolbar);
    layout->addWidget(m_editor);

    m_searchRefresh->setSingleShot(true);
    m_searchRefresh->setInterval(250);
    connect(m_searchRefresh, &QTimer::timeout, this, &BuildLogView::updateMatches);
    connect(m_searchField, &QLineEdit::textChanged, this, [this] {
        m_current = -1;
        updateMatches();
        if (!m_matches.isEmpty())
            findNext();
    });
    connect(m_searchField, &QLineEdit::returnPressed, this, [this] {
        if (QGuiApplication::keyboardModifiers() & Qt::ShiftModifier)
            findPrevious();
        else
            findNext();
    });
    connect(m_next, &QToolButton::clicked, this, &BuildLogView::findNext);
    connect(m_previous, &QToolButton::clicked, this, &BuildLogView::findPrevious);
    connect(m_jumpToEnd, &QToolButton::clicked, this, [this] { setFollowing(true); });
    connect(m_editor->verticalScrollBar(), &QScrollBar::valueChanged, this, &BuildLogView::onScrolled);

    auto shortcut = [this](const QKeySequence& keys, auto slot) {
        auto* action = new QShortcut(keys, this, slot);
        action->setContext(Qt::WidgetWithChildrenShortcut);
    };
    shortcut(QKeySequence::Find, [this] { focusSearch(); });
    shortcut(QKeySequence::FindNext, [this] { findNext(); });
    shortcut(QKeySequence::FindPrevious, [this] { findPrevious(); });
    shortcut(QKeySequence(Qt::Key_Escape), [this] {
        if (m_searchField->hasFocus())
            m_searchField->clear();
    });
    updateMatchLabel();
}

void BuildLogView::setMaximumLines(int lines) {
    m_editor->setMaximumBlockCount(lines);
}

int BuildLogView::maximumLines() const {
    return m_editor->maximumBlockCount();
}

void BuildLogView::appendLines(const QStringList& lines) {
    m_pending.append(lines);
    if (m_pending.size() > maximumLines())
        m_pending.remove(0, m_pending.size() - maximumLines());
    if (!m_flushQueued) {
        m_flushQueued = true;
        QTimer::singleShot(0, this, &BuildLogView::flush);
    }
}

void BuildLogView::flush() {
    m_flushQueued = false;
    if (m_pending.isEmpty())
        return;
    const bool follow = m_following;
    // One insertion for the whole batch: one layout pass instead of one per line.
    m_editor->appendPlainText(m_pending.join(QLatin1Char('\n')));
    m_pending.clear();
    if (follow) {
        QScrollBar* bar = m_editor->verticalScrollBar();
        bar->setValue(bar->maximum());
    }
    if (!m_searchField->text().isEmpty() && !m_searchRefresh->isActive())
        m_searchRefresh->start();
}

void BuildLogView::setLines(const QStringList& lines) {
    m_pending.clear();
    const QStringList kept = lines.size() > maximumLines() ? lines.mid(lines.size() - maximumLines()) : lines;
    m_editor->setPlainText(kept.join(QLatin1Char('\n')));
    m_current = -1;
    updateMatches();
    if (m_following) {
        QScrollBar* bar = m_editor->verticalScrollBar();
        bar->setValue(bar->maximum());
    }
}

void BuildLogView::clear() {
    m_pending.clear();
    m_editor->clear();
    m_current = -1;
    updateMatches();
    setFollowing(true);
}

QString BuildLogView::text() const {
    return m_editor->toPlainText();
}

int BuildLogView::lineCount() const {
    return m_editor->document()->isEmpty() ? 0 : m_editor->document()->blockCount();
}

void BuildLogView::setFollowing(bool following) {
    if (following) {
        flush();
        QScrollBar* bar = m_editor->verticalScrollBar();
        bar->setValue(bar->maximum());
    }
    if (m_following == following)
        return;
    m_following = following;
    m_jumpToEnd->setVisible(!following);
    Q_EMIT followingChanged(following);
}

void BuildLogView::onScrolled() {
    const QScrollBar* bar = m_editor->verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum();
    if (atEnd != m_following) {
        m_following = atEnd;
        m_jumpToEnd->setVisible(!atEnd);
        Q_EMIT followingChanged(atEnd);
    }
}

void BuildLogView::setSearchText(const QString& text) {
    m_searchField->setText(text);
}

QString BuildLogView::searchText() const {
    return m_searchField->text();
}

void BuildLogView::focusSearch() {
    m_searchField->setFocus(Qt::ShortcutFocusReason);
    m_searchField->selectAll();
}

void BuildLogView::addToolbarWidget(QWidget* widget) {
    m_toolbar->insertWidget(m_toolbar->count() - 1, widget);
}

// Counts case-insensitively, block by block: the document holds up to maximumLines() lines and
// a copy of its whole text per refresh would cost more than the scan.
void BuildLogView::updateMatches() {
    const QString needle = m_searchField->text();
    const int previousPosition = m_current >= 0 && m_current < m_matches.size() ? m_matches[m_current] : -1;
    m_matches.clear();
    m_matchCount = 0;
    if (!needle.isEmpty()) {
        for (QTextBlock block = m_editor->document()->begin(); block.isValid(); block = block.next()) {
            const QString line = block.text();
            for (qsizetype at = line.indexOf(needle, 0, Qt::CaseInsensitive); at >= 0;
                 at = line.indexOf(needle, at + needle.size(), Qt::CaseInsensitive)) {
                ++m_matchCount;
                if (m_matches.size() < kMatchPositionLimit)
                    m_matches.append(block.position() + static_cast<int>(at));
            }
        }
    }
    m_current = previousPosition < 0 ? -1 : static_cast<int>(m_matches.indexOf(previousPosition));
    updateHighlights();
    updateMatchLabel();
}

void BuildLogView::findNext() {
    if (m_matches.isEmpty())
        return;
    if (m_current < 0) {
        // The first match after the cursor, so a search starts where the user is looking.
        const int cursor = m_editor->textCursor().selectionStart();
        const auto it = std::lower_bound(m_matches.cbegin(), m_matches.cend(), cursor);
        selectMatch(it == m_matches.cend() ? 0 : static_cast<int>(it - m_matches.cbegin()));
        return;
    }
    selectMatch((m_current + 1) % static_cast<int>(m_matches.size()));
}

void BuildLogView::findPrevious() {
    if (m_matches.isEmpty())
        return;
    const int count = static_cast<int>(m_matches.size());
    selectMatch(m_current <= 0 ? count - 1 : m_current - 1);
}

void BuildLogView::selectMatch(int index) {
    m_current = index;
    QTextCursor cursor(m_editor->document());
    cursor.setPosition(m_matches[index]);
    cursor.setPosition(m_matches[index] + static_cast<int>(m_searchField->text().size()),
                       QTextCursor::KeepAnchor);
    m_editor->setTextCursor(cursor);
    m_editor->ensureCursorVisible();
    updateHighlights();
    updateMatchLabel();
}

void BuildLogView::updateHighlights() {
    QList<QTextEdit::ExtraSelection> selections;
    const int length = static_cast<int>(m_searchField->text().size());
    const int centre = std::max(m_current, 0);
    const int first = std::max(0, centre - kHighlightRadius);
    const int last = std::min(static_cast<int>(m_matches.size()), centre + kHighlightRadius);
    QTextCharFormat match;
    match.setBackground(QColor(QStringLiteral("#ffd54f")));
    match.setForeground(Qt::black);
    QTextCharFormat current = match;
    current.setBackground(QColor(QStringLiteral("#ff9800")));
    for (int i = first; i < last; ++i) {
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(m_editor->document());
        selection.cursor.setPosition(m_matches[i]);
        selection.cursor.setPosition(m_matches[i] + length, QTextCursor::KeepAnchor);
        selection.format = i == m_current ? current : match;
        selections.append(selection);
    }
    m_editor->setExtraSelections(selections);
}

void BuildLogView::updateMatchLabel() {
    const bool searching = !m_searchField->text().isEmpty();
    m_previous->setEnabled(!m_matches.isEmpty());
    m_next->setEnabled(!m_matches.isEmpty());
    if (!searching)
        m_matchLabel->clear();
    else if (m_matchCount == 0)
        m_matchLabel->setText(QStringLiteral("No matches"));
    else if (m_current < 0)
        m_matchLabel->setText(m_matchCount == 1 ? QStringLiteral("1 match")
                                                : QStringLiteral("%1 matches").arg(m_matchCount));
    else
        m_matchLabel->setText(QStringLiteral("%1 of %2").arg(m_current + 1).arg(m_matchCount));
    Q_EMIT searchUpdated(m_matchCount, currentMatch());
}

} // namespace slipway::ui
