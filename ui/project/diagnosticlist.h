#pragma once

#include "spec/diagnostic.h"

#include <QGroupBox>

class QVBoxLayout;

namespace slipway::ui {

// The problems of one spec or file: what is wrong, where, and the fix, one block each.
class DiagnosticList : public QGroupBox {
    Q_OBJECT

public:
    explicit DiagnosticList(QWidget* parent = nullptr);

    void setDiagnostics(const spec::Diagnostics& diagnostics);

private:
    QWidget* makeRow(const spec::Diagnostic& diagnostic);
    QWidget* makeAllClearRow();

    QVBoxLayout* m_rows;
};

} // namespace slipway::ui
