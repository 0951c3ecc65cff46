#pragma once

#include <QString>

class QAbstractItemModel;
class QTreeView;
class QWidget;

namespace slipway::ui {

// A read-only, row-selecting table (a QTreeView without a tree) for the build views: the first column
// stretches, the others fit their contents.
QTreeView* createTableView(QWidget* parent, const char* objectName, const QString& accessibleName,
                           QAbstractItemModel* model);

} // namespace slipway::ui
