#pragma once

#include "project/referencestatus.h"

#include <QGroupBox>

class QLabel;
class QLineEdit;
class QToolButton;

namespace slipway::ui {

// The image reference of one spec, ready to copy; while it is computed or when it cannot be, says so.
class ReferenceBox : public QGroupBox {
    Q_OBJECT

public:
    explicit ReferenceBox(QWidget* parent = nullptr);

    void setStatus(const project::ReferenceStatus& status);

Q_SIGNALS:
    void copied(const QString& reference);

private:
    QLineEdit* m_reference;
    QToolButton* m_copy;
    QLabel* m_stateIcon;
    QLabel* m_state;
};

} // namespace slipway::ui
