#pragma once

#include <QIcon>
#include <QString>
#include <QWidget>

class QPainter;

namespace slipway::ui {

// How good the news is. Each tone has its colour, but a badge never relies on colour alone: it
// always shows an icon and a word too (colour-blind users, monochrome screenshots).
enum class BadgeTone { Good, Neutral, Caution, Bad };

// What one badge shows.
struct BadgeLook {
    QString text;
    BadgeTone tone = BadgeTone::Neutral;
    QIcon icon;
    QString toolTip;
};

// A small rounded label with an icon and a word, tinted by its tone from the current palette (so it
// reads in light and dark themes). paint() draws the same thing for item delegates.
class StatusBadge : public QWidget {
    Q_OBJECT

public:
    explicit StatusBadge(QWidget* parent = nullptr);

    void setLook(const BadgeLook& look);
    const BadgeLook& look() const { return m_look; }
    QString text() const { return m_look.text; }
    BadgeTone tone() const { return m_look.tone; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

    // Draws `look` left-aligned and vertically centred in `rect`; returns the rectangle painted.
    static QRect paint(QPainter& painter, const QRect& rect, const BadgeLook& look, const QPalette& palette,
                       const QFont& font);
    static QSize sizeFor(const BadgeLook& look, const QFont& font);
    // The accent colour of a tone (also used for text that belongs to a badge).
    static QColor accent(BadgeTone tone, const QPalette& palette);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    BadgeLook m_look;
};

// An icon of resources/icons/credentials/, or `fallback` while that file is not in the resources.
QIcon badgeIcon(const QString& name, const QIcon& fallback);

} // namespace slipway::ui
