#include "project/argumentform.h"

#include "spec/imagespec.h"

#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace slipway::ui {

using spec::PyValue;

namespace {

QString itemText(const PyValue& value) {
    return value.isStr() ? value.str() : value.repr();
}

QString copyModeText(spec::CopyMode mode) {
    switch (mode) {
    case spec::CopyMode::LoadedModules:
        return QStringLiteral("CopyFileDetection.LOADED_MODULES");
    case spec::CopyMode::All:
        return QStringLiteral("CopyFileDetection.ALL");
    case spec::CopyMode::NoCopy:
        return QStringLiteral("CopyFileDetection.NO_COPY");
    }
    return {};
}

} // namespace

ArgumentForm::ArgumentForm(QWidget* parent)
    : QGroupBox(QStringLiteral("Arguments"), parent), m_grid(new QGridLayout), m_empty(new QLabel(this)) {
    setObjectName(QStringLiteral("argumentForm"));
    m_grid->setHorizontalSpacing(16);
    m_grid->setVerticalSpacing(6);
    m_grid->setColumnStretch(1, 1);

    m_empty->setObjectName(QStringLiteral("argumentsEmptyLabel"));
    m_empty->setText(QStringLiteral("No arguments: every field takes flytekit's default."));
    m_empty->setForegroundRole(QPalette::PlaceholderText);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(m_grid);
    layout->addWidget(m_empty);
}

// A grid rather than a QFormLayout: a name stays on the first line of a value that spans several.
void ArgumentForm::setSpec(const spec::ImageSpec& spec) {
    while (QLayoutItem* item = m_grid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    int row = 0;
    for (const spec::FieldInfo& info : spec::fieldInfos()) {
        const std::optional<PyValue>& value = spec.argument(info.field);
        if (!value)
            continue;
        auto* label = new QLabel(QString::fromLatin1(info.name), this);
        label->setObjectName(QStringLiteral("argumentLabel_%1").arg(QString::fromLatin1(info.name)));
        label->setToolTip(QString::fromUtf8(info.help));
        QFont labelFont = label->font();
        labelFont.setBold(true);
        label->setFont(labelFont);

        auto* field = new QLabel(displayText(*value), this);
        field->setObjectName(QStringLiteral("argument_%1").arg(QString::fromLatin1(info.name)));
        field->setAccessibleName(QString::fromLatin1(info.name));
        field->setTextFormat(Qt::PlainText);
        field->setTextInteractionFlags(Qt::TextSelectableByMouse);
        field->setWordWrap(true);
        label->setBuddy(field);
        m_grid->addWidget(label, row, 0, Qt::AlignLeft | Qt::AlignTop);
        field->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        m_grid->addWidget(field, row, 1); // no cell alignment: a wrapped value needs the cell's width
        ++row;
    }
    m_empty->setVisible(row == 0);
}

QString ArgumentForm::displayText(const PyValue& value) {
    switch (value.kind()) {
    case PyValue::Kind::Str:
        return value.str().isEmpty() ? QStringLiteral("\"\"") : value.str();
    case PyValue::Kind::List:
    case PyValue::Kind::Tuple: {
        if (value.items().isEmpty())
            return value.repr();
        QStringList lines;
        for (const PyValue& item : value.items())
            lines.append(itemText(item));
        return lines.join(QLatin1Char('\n'));
    }
    case PyValue::Kind::Dict: {
        if (value.entries().isEmpty())
            return value.repr();
        QStringList lines;
        for (const auto& [key, item] : value.entries())
            lines.append(QStringLiteral("%1=%2").arg(itemText(key), itemText(item)));
        return lines.join(QLatin1Char('\n'));
    }
    case PyValue::Kind::CopyMode:
        return copyModeText(value.copyMode());
    case PyValue::Kind::Spec: {
        const PyValue name = value.spec()->value(spec::Field::Name);
        return QStringLiteral("ImageSpec %1").arg(name.repr());
    }
    default:
        return value.repr();
    }
}

} // namespace slipway::ui
