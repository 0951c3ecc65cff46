#pragma once

#include <QList>
#include <QStringList>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTimer;
class QToolButton;
class QHBoxLayout;

namespace slipway::ui {

// A build log that keeps up with a chatty build: lines are queued and added together once per
// event-loop turn, the view keeps at most maximumLines() lines, and it follows the output unless the
// user scrolled up ("Jump to end" brings it back). A search field (Ctrl+F, Enter / Shift+Enter or
// F3 / Shift+F3) counts and highlights the matches.
class BuildLogView : public QWidget {
    Q_OBJECT

public:
    static constexpr int kDefaultMaximumLines = 100'000;

    explicit BuildLogView(QWidget* parent = nullptr);

    void setMaximumLines(int lines);
    int maximumLines() const;

    // Queues lines for the next event-loop turn.
    void appendLines(const QStringList& lines);
    // Replaces the whole log at once (e.g. when the step filter changes).
    void setLines(const QStringList& lines);
    void clear();
    QString text() const;
    int lineCount() const;

    bool isFollowing() const { return m_following; }
    // Following: scrolled to the end, staying there as lines arrive.
    void setFollowing(bool following);

    void setSearchText(const QString& text);
    QString searchText() const;
    int matchCount() const { return m_matchCount; }
    // 1-based index of the selected match; 0 when none is selected.
    int currentMatch() const { return m_current + 1; }
    void findNext();
    void findPrevious();
    // Ctrl+F: focuses the search field with its text selected.
    void focusSearch();

    // Extra controls at the right end of the log's toolbar (e.g. the build panel's step filter).
    void addToolbarWidget(QWidget* widget);
    QPlainTextEdit* editor() const { return m_editor; }

Q_SIGNALS:
    void followingChanged(bool following);
    void searchUpdated(int matchCount, int currentMatch);

private:
    void flush();
    void updateMatches();
    void selectMatch(int index);
    void updateHighlights();
    void updateMatchLabel();
    void onScrolled();

    QPlainTextEdit* m_editor;
    QLineEdit* m_searchField;
    QToolButton* m_previous;
    QToolButton* m_next;
    QLabel* m_matchLabel;
    QToolButton* m_jumpToEnd;
    QHBoxLayout* m_toolbar;
    QTimer* m_searchRefresh; // recounts matches as lines arrive, at most a few times a second
    QStringList m_pending;
    bool m_flushQueued = false;
    bool m_following = true;
    QList<int> m_matches; // document positions, capped at kMatchPositionLimit
    int m_matchCount = 0; // all matches, also those beyond the cap
    int m_current = -1;
};

} // namespace slipway::ui
