#include "spec/texteditcommand.h"

#include "spec/specdocument.h"

namespace slipway::ui {

TextEditCommand::TextEditCommand(spec::SpecDocument* document, QString before, QString after, int mergeKey,
                                 quint64 burst, const QString& description)
    : QUndoCommand(description), m_document(document), m_before(std::move(before)), m_after(std::move(after)),
      m_mergeKey(mergeKey), m_burst(burst) {}

bool TextEditCommand::mergeWith(const QUndoCommand* other) {
    const auto* edit = static_cast<const TextEditCommand*>(other);
    if (edit->m_mergeKey != m_mergeKey || edit->m_burst != m_burst || edit->m_document != m_document)
        return false;
    m_after = edit->m_after;
    // Typing and deleting the same characters leaves nothing to undo.
    setObsolete(m_after == m_before);
    return true;
}

void TextEditCommand::undo() {
    m_document->setText(m_before);
}

void TextEditCommand::redo() {
    m_document->setText(m_after);
}

} // namespace slipway::ui
