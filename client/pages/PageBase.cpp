#include "pages/PageBase.h"

#include "enroll/RuleText.h"
#include "pages/SoftKeyboard.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace enroll::client {
namespace {

QString wire(Field field)
{
    const auto name = wireName(field);
    return QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
}

} // namespace

PageBase::PageBase(EnrollmentController& controller, const QString& objectName, QWidget* parent)
    : QWizardPage(parent), controller_(controller)
{
    setObjectName(objectName);
    auto* outer = new QVBoxLayout(this);
    body_ = new QVBoxLayout;
    form_ = new QFormLayout;
    form_->setRowWrapPolicy(QFormLayout::WrapLongRows);
    body_->addLayout(form_);
    outer->addLayout(body_);
    notice_ = new QLabel(this);
    notice_->setObjectName(QStringLiteral("pageNotice"));
    notice_->setWordWrap(true);
    notice_->hide();
    message_ = new QLabel(this);
    message_->setObjectName(QStringLiteral("pageMessage"));
    message_->setWordWrap(true);
    message_->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold;"));
    message_->setAccessibleName(tr("Message"));
    message_->hide();
    outer->addWidget(notice_);
    outer->addWidget(message_);
    outer->addStretch();
    buttons_ = new QHBoxLayout;
    buttons_->addStretch();
    outer->addLayout(buttons_);
}

QLineEdit* PageBase::addField(Field field, const QString& label, const QString& hint, bool password)
{
    auto* edit = new QLineEdit(this);
    edit->setObjectName(wire(field) + QStringLiteral("Edit"));
    edit->setAccessibleName(label);
    edit->setAccessibleDescription(hint);
    auto* rule = new QLabel(hint, this);
    rule->setObjectName(wire(field) + QStringLiteral("Rule"));
    rule->setWordWrap(true);
    rule->setStyleSheet(QStringLiteral("color: #4a4a4a;"));
    auto* error = new QLabel(this);
    error->setObjectName(wire(field) + QStringLiteral("Error"));
    error->setWordWrap(true);
    error->setStyleSheet(QStringLiteral("color: #b00020;"));
    error->hide();
    auto* column = new QVBoxLayout;
    auto* row = new QHBoxLayout;
    row->addWidget(edit);
    if (password) {
        edit->setEchoMode(QLineEdit::Password);
        edit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
        auto* keyboard = new QPushButton(tr("Software keyboard"), this);
        keyboard->setObjectName(wire(field) + QStringLiteral("KeyboardButton"));
        keyboard->setAccessibleName(tr("Software keyboard for %1").arg(label));
        keyboard->setAutoDefault(false);
        connect(keyboard, &QPushButton::clicked, this, [edit] { SoftKeyboard::editPassword(edit, true); });
        row->addWidget(keyboard);
    }
    column->addLayout(row);
    column->addWidget(rule);
    column->addWidget(error);
    auto* title = new QLabel(label + QStringLiteral(" ") + tr("<required>").toHtmlEscaped(), this);
    title->setBuddy(edit);
    form_->addRow(title, column);
    fields_[field] = {edit, error, hint};
    return edit;
}

QLabel* PageBase::addText(const QString& text, const QString& objectName)
{
    auto* label = new QLabel(text, this);
    label->setWordWrap(true);
    if (!objectName.isEmpty()) {
        label->setObjectName(objectName);
    }
    body_->insertWidget(notes_++, label);
    return label;
}

QLabel* PageBase::addValueRow(const QString& label, const QString& objectName)
{
    auto* value = new QLabel(this);
    value->setObjectName(objectName);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setAccessibleName(label);
    form_->addRow(label, value);
    return value;
}

QPushButton* PageBase::addButton(const QString& text, const QString& objectName)
{
    auto* button = new QPushButton(text, this);
    button->setObjectName(objectName);
    button->setAccessibleName(text);
    buttons_->addWidget(button);
    return button;
}

QPushButton* PageBase::addCancelButton()
{
    auto* cancel = addButton(tr("Cancel"), QStringLiteral("cancelButton"));
    cancel->setAutoDefault(false);
    connect(cancel, &QPushButton::clicked, &controller_, &EnrollmentController::cancel);
    return cancel;
}

void PageBase::setFieldError(Field field, const QString& text)
{
    const auto it = fields_.find(field);
    if (it == fields_.end()) {
        return;
    }
    it->second.error->setText(text);
    it->second.error->setVisible(!text.isEmpty());
    it->second.edit->setAccessibleDescription(text.isEmpty() ? it->second.hint : text);
}

void PageBase::showFieldErrors(const FieldErrors& errors)
{
    for (const auto& [field, widgets] : fields_) {
        setFieldError(field, {});
    }
    for (const auto& error : errors) {
        setFieldError(error.field, QString::fromStdString(ruleMessage(error, controller_.language())));
    }
}

void PageBase::showMessage(const QString& message)
{
    message_->setText(message);
    message_->setVisible(!message.isEmpty());
    if (!message.isEmpty()) {
        notice_->hide();
    }
}

void PageBase::showNotice(const QString& notice)
{
    notice_->setText(notice);
    notice_->setVisible(!notice.isEmpty());
}

QLineEdit* PageBase::edit(Field field) const
{
    const auto it = fields_.find(field);
    return it == fields_.end() ? nullptr : it->second.edit;
}

void PageBase::clearEdits()
{
    for (auto& [field, widgets] : fields_) {
        widgets.edit->clear();
        setFieldError(field, {});
    }
}

void PageBase::clearFields()
{
    clearEdits();
    showMessage({});
    showNotice({});
}

} // namespace enroll::client
