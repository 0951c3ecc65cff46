#pragma once

#include <QString>
#include <QUndoCommand>

namespace slipway::spec {
class SpecDocument;
}

namespace slipway::ui {

// One edit of a spec document, whatever made it (a form control, typing in the YAML, a reload): the
// text before and after. Edits of the same control within one burst merge into a single step, so
// typing a package name is undone as a whole.
class TextEditCommand : public QUndoCommand {
public:
    // `mergeKey` names what made the edit (a field, the YAML text); -1 never merges.
    TextEditCommand(spec::SpecDocument* document, QString before, QString after, int mergeKey, quint64 burst,
                    const QString& description);

    int id() const override { return m_mergeKey < 0 ? -1 : kId; }
    bool mergeWith(const QUndoCommand* other) override;
    void undo() override;
    void redo() override;

private:
    static constexpr int kId = 0x5370; // all mergeable edits share it; mergeWith() checks the key

    spec::SpecDocument* m_document;
    QString m_before;
    QString m_after;
    int m_mergeKey;
    quint64 m_burst;
};

} // namespace slipway::ui
