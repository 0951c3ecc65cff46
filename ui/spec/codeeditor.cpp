#include "spec/codeeditor.h"

#include <QFontDatabase>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QTextBlock>
#include <QToolTip>

namespace slipway::ui {

class LineNumberArea : public QWidget {
public:
    explicit LineNumberArea(CodeEditor* editor) : QWidget(editor), m_editor(editor) {}
    QSize sizeHint() const override { return {m_editor->lineNumberAreaWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent* event) override { m_editor->paintLineNumbers(event); }

private:
    CodeEditor* m_editor;
};

namespace {

bool isUndoOrRedo(QKeyEvent* event) {
    return event->matches(QKeySequence::Undo) || event->matches(QKeySequence::Redo);
}

} // namespace

CodeEditor::CodeEditor(QWidget* parent) : QPlainTextEdit(parent), m_lineNumbers(new LineNumberArea(this)) {
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setUndoRedoEnabled(false);
    setTabChangesFocus(false);
    setTabStopDistance(fontMetrics().horizontalAdvance(QLatin1Char(' ')) * 2);
    connect(this, &QPlainTextEdit::blockCountChanged, this, &CodeEditor::updateMargins);
    connect(this, &QPlainTextEdit::updateRequest, this, [this](const QRect& rect, int dy) {
        if (dy != 0)
            m_lineNumbers->scroll(0, dy);
        else
            m_lineNumbers->update(0, rect.y(), m_lineNumbers->width(), rect.height());
    });
    updateMargins();
}

int CodeEditor::lineNumberAreaWidth() const {
    const int digits = std::max(2, int(QString::number(blockCount()).size()));
    return 12 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * digits;
}

void CodeEditor::updateMargins() {
    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
}

void CodeEditor::resizeEvent(QResizeEvent* event) {
    QPlainTextEdit::resizeEvent(event);
    const QRect contents = contentsRect();
    m_lineNumbers->setGeometry(contents.left(), contents.top(), lineNumberAreaWidth(), contents.height());
}

void CodeEditor::changeEvent(QEvent* event) {
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateExtraSelections();
}

// The window's Undo/Redo actions own these keys (QPlainTextEdit would otherwise claim them).
bool CodeEditor::event(QEvent* event) {
    if (event->type() == QEvent::ShortcutOverride && isUndoOrRedo(static_cast<QKeyEvent*>(event))) {
        event->ignore();
        return true;
    }
    if (event->type() == QEvent::ToolTip && m_errorLine > 0) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QTextCursor cursor = cursorForPosition(viewport()->mapFrom(this, help->pos()));
        if (cursor.blockNumber() + 1 == m_errorLine)
            QToolTip::showText(help->globalPos(), m_errorMessage, this);
        else
            QToolTip::hideText();
        return true;
    }
    return QPlainTextEdit::event(event);
}

void CodeEditor::keyPressEvent(QKeyEvent* event) {
    if (isUndoOrRedo(event)) {
        event->ignore();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

void CodeEditor::paintLineNumbers(QPaintEvent* event) {
    QPainter painter(m_lineNumbers);
    const QPalette& pal = palette();
    painter.fillRect(event->rect(), pal.color(QPalette::AlternateBase));
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    const int lineHeight = fontMetrics().height();
    while (block.isValid() && top <= event->rect().bottom()) {
        const int number = block.blockNumber() + 1;
        if (block.isVisible()) {
            const bool error = number == m_errorLine;
            QFont font = painter.font();
            font.setBold(error);
            painter.setFont(font);
            painter.setPen(error ? QColor(0xd0, 0x31, 0x2d) : pal.color(QPalette::PlaceholderText));
            painter.drawText(0, top, m_lineNumbers->width() - 6, lineHeight, Qt::AlignRight,
                             QString::number(number));
        }
        top += qRound(blockBoundingRect(block).height());
        block = block.next();
    }
}

void CodeEditor::setErrorLine(int line, const QString& message) {
    if (line == m_errorLine && message == m_errorMessage)
        return;
    m_errorLine = line;
    m_errorMessage = message;
    updateExtraSelections();
    m_lineNumbers->update();
}

void CodeEditor::updateExtraSelections() {
    QList<QTextEdit::ExtraSelection> selections;
    if (m_errorLine > 0) {
        const QTextBlock block = document()->findBlockByNumber(m_errorLine - 1);
        if (block.isValid()) {
            QTextEdit::ExtraSelection selection;
            const QColor base = palette().color(QPalette::Base);
            const QColor red(0xd0, 0x31, 0x2d);
            selection.format.setBackground(QColor::fromRgbF(float(base.redF() * 0.75 + red.redF() * 0.25),
                                                            float(base.greenF() * 0.75 + red.greenF() * 0.25),
                                                            float(base.blueF() * 0.75 + red.blueF() * 0.25)));
            selection.format.setProperty(QTextFormat::FullWidthSelection, true);
            selection.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
            selection.format.setUnderlineColor(red);
            selection.cursor = QTextCursor(block);
            selection.cursor.clearSelection();
            selections.append(selection);
        }
    }
    setExtraSelections(selections);
}

void CodeEditor::replaceText(const QString& text) {
    if (text == toPlainText())
        return;
    const QTextCursor old = textCursor();
    const int line = old.blockNumber();
    const int column = old.positionInBlock();
    const int scroll = verticalScrollBar()->value();
    setPlainText(text);
    goToLine(line + 1, column + 1);
    verticalScrollBar()->setValue(scroll);
    updateExtraSelections();
}

void CodeEditor::goToLine(int line, int column) {
    const QTextBlock block = document()->findBlockByNumber(std::max(0, line - 1));
    if (!block.isValid())
        return;
    QTextCursor cursor(block);
    cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor,
                        std::clamp(column - 1, 0, int(block.length()) - 1));
    setTextCursor(cursor);
}

} // namespace slipway::ui
