// Opens a spec in the real SpecEditor (offscreen), types into its form like a user, and measures:
//  - the longest gap between ticks of a 5 ms timer on the GUI thread (an event-loop stall),
//  - the time from opening until the image reference is known (hashing the whole source_root),
//  - for each edit, the time from the keystroke until the new reference is shown.
// Prints one "key: value" line per figure; tests/bench/editor-stall/run compares them with the floor.
//
//   editor-stall PROJECT_FOLDER SPEC_YAML [EDITS]

#include "project/livereference.h"
#include "spec/speceditor.h"
#include "widgets/stringlisteditor.h"

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QTest>
#include <QTimer>
#include <algorithm>
#include <cstdio>

using slipway::project::LiveReference;
using slipway::project::ReferenceStatus;

namespace {

// Ticks every 5 ms; a tick that comes late measures how long the event loop was busy.
class StallProbe : public QObject {
public:
    StallProbe() {
        m_clock.start();
        m_timer.setInterval(5);
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_longest = std::max(m_longest, now - m_last - 5'000'000);
            m_last = now;
        });
        m_last = m_clock.nsecsElapsed();
        m_timer.start();
    }
    double longestStallMs() const { return double(m_longest) / 1e6; }
    void reset() {
        m_longest = 0;
        m_last = m_clock.nsecsElapsed();
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_longest = 0;
};

// Runs the event loop until the reference is Ready and differs from `previous`; returns ms or -1.
double waitForReference(const LiveReference* reference, const QString& previous, int timeoutMs) {
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        const ReferenceStatus& status = reference->status();
        if (status.state == ReferenceStatus::State::Ready && status.reference != previous)
            return double(clock.nsecsElapsed()) / 1e6;
        if (status.state == ReferenceStatus::State::Failed) {
            std::fprintf(stderr, "editor-stall: no reference: %s\n", qPrintable(status.message));
            return -1;
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
    }
    return -1;
}

void pause(int milliseconds) {
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < milliseconds)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
}

} // namespace

int main(int argc, char* argv[]) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("QT_LOGGING_RULES", "qt.qpa.*=false");
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("SlipwayBench"));
    QCoreApplication::setApplicationName(QStringLiteral("editor-stall"));
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: editor-stall PROJECT_FOLDER SPEC_YAML [EDITS]\n");
        return 2;
    }
    const int edits = args.size() > 3 ? args[3].toInt() : 20;

    slipway::ui::SpecEditor editor;
    editor.resize(1280, 800);
    editor.show();
    StallProbe probe;
    pause(200);
    probe.reset();

    QElapsedTimer clock;
    clock.start();
    if (!editor.openYaml(args[2], args[1])) {
        std::fprintf(stderr, "editor-stall: cannot open %s\n", qPrintable(args[2]));
        return 1;
    }
    const double openMs = double(clock.nsecsElapsed()) / 1e6;
    const double firstTagMs = waitForReference(editor.reference(), {}, 600'000);
    if (firstTagMs < 0)
        return 1;
    const double firstTagTotalMs = double(clock.nsecsElapsed()) / 1e6;
    const double stallWhileHashing = probe.longestStallMs();
    std::printf("open_ms: %.1f\n", openMs);
    std::printf("first_tag_ms: %.1f\n", firstTagTotalMs);
    std::printf("stall_while_hashing_ms: %.1f\n", stallWhileHashing);

    // Typing: one key at a time into the name field, then a package added through the list.
    auto* name = editor.findChild<QLineEdit*>(QStringLiteral("field_name"));
    auto* packages = editor.findChild<slipway::ui::StringListEditor*>(QStringLiteral("field_packages"));
    QList<double> latencies;
    probe.reset();
    for (int i = 0; i < edits; ++i) {
        const QString previous = editor.reference()->status().reference;
        clock.restart();
        if (i % 5 == 4)
            packages->appendItems({QStringLiteral("package%1").arg(i)});
        else
            QTest::keyClick(name, char('a' + i % 26));
        const double latency = waitForReference(editor.reference(), previous, 60'000);
        if (latency < 0)
            return 1;
        latencies.append(double(clock.nsecsElapsed()) / 1e6);
        pause(50);
    }
    std::sort(latencies.begin(), latencies.end());
    std::printf("edits: %d\n", edits);
    std::printf("edit_tag_median_ms: %.1f\n", latencies[latencies.size() / 2]);
    std::printf("edit_tag_max_ms: %.1f\n", latencies.last());
    std::printf("stall_while_editing_ms: %.1f\n", probe.longestStallMs());
    std::printf("longest_stall_ms: %.1f\n", std::max(stallWhileHashing, probe.longestStallMs()));
    return 0;
}
