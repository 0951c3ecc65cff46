#pragma once

#include <QPlainTextEdit>

namespace slipway::ui {

// A monospace text view with line numbers, used for the spec's YAML (editable) and its Dockerfile
// (read-only). Can mark one line as wrong. Leaves Undo/Redo to the window's actions, so one undo
// history covers the form and the text alike.
class CodeEditor : public QPlainTextEdit {
    Q_OBJECT

public:
    explicit CodeEditor(QWidget* parent = nullptr);

    // Marks `line` (1-based) with the error colour and `message` as its tooltip; 0 clears the mark.
    void setErrorLine(int line, const QString& message = {});
    int errorLine() const { return m_errorLine; }
    // Replaces the text, keeping the cursor's line and column and the scroll position where it can.
    void replaceText(const QString& text);
    void goToLine(int line, int column = 1);

    int lineNumberAreaWidth() const;

protected:
    bool event(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    friend class LineNumberArea;
    void paintLineNumbers(QPaintEvent* event);
    void updateMargins();
    void updateExtraSelections();

    QWidget* m_lineNumbers;
    int m_errorLine = 0;
    QString m_errorMessage;
};

} // namespace slipway::ui
