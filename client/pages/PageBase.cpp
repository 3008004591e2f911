#include "pages/PageBase.h"

#include "flow/FlowText.h"

#include "enroll/RuleText.h"
#include "pages/SoftKeyboard.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>

namespace enroll::client {
namespace {

QString wire(Field field)
{
    const auto name = wireName(field);
    return QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
}

} // namespace

PageBase::PageBase(WizardSession& session, const QString& objectName, QWidget* parent)
    : QWizardPage(parent), session_(session)
{
    setObjectName(objectName);
    // What the page says scrolls when the window is small or the text large (150 %); the buttons
    // stay in view under it.
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* scroll = scroll_ = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("pageScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFocusPolicy(Qt::NoFocus); // Tab goes from field to field; the view follows the focus
    auto* content = new QWidget(scroll);
    content->setObjectName(QStringLiteral("pageContent"));
    auto* column = new QVBoxLayout(content);
    body_ = new QVBoxLayout;
    // labels left, each field with its rule and error under it right (a grid: its rows take the
    // height their word-wrapped rules need at the width they get)
    form_ = new QGridLayout;
    form_->setColumnStretch(1, 1);
    body_->addLayout(form_);
    column->addLayout(body_);
    notice_ = new QLabel(content);
    notice_->setObjectName(QStringLiteral("pageNotice"));
    notice_->setWordWrap(true);
    notice_->hide();
    message_ = new QLabel(content);
    message_->setObjectName(QStringLiteral("pageMessage"));
    message_->setWordWrap(true);
    message_->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold;"));
    message_->setAccessibleName(tr("Message"));
    message_->hide();
    column->addWidget(notice_);
    column->addWidget(message_);
    column->addStretch();
    scroll->setWidget(content);
    outer->addWidget(scroll, 1);
    // what does not fit is announced under the view until it has been scrolled to
    auto* more = new QLabel(tr("▼ More follows below: please scroll down."), this);
    more->setObjectName(QStringLiteral("moreBelow"));
    more->hide();
    outer->addWidget(more);
    auto* bar = scroll->verticalScrollBar();
    auto showMore = [more, bar] { more->setVisible(bar->maximum() > 0 && bar->value() < bar->maximum()); };
    connect(bar, &QScrollBar::valueChanged, more, showMore);
    connect(bar, &QScrollBar::rangeChanged, more, showMore);
    buttons_ = new QHBoxLayout;
    buttons_->addStretch();
    outer->addLayout(buttons_);
}

void PageBase::setHeading(const QString& title, const QString& subTitle)
{
    setTitle(title);
    setSubTitle(subTitle);
    emit headingChanged();
}

QLineEdit* PageBase::addField(Field field, Echo echo)
{
    return addFieldRow(field, echo, true, {});
}

QLineEdit* PageBase::addOptionalField(Field field, Echo echo, const QString& rule)
{
    return addFieldRow(field, echo, false, rule);
}

QLineEdit* PageBase::addFieldRow(Field field, Echo echo, bool required, const QString& rule)
{
    const auto label = flowText(fieldLabel(field, session_.language()));
    const auto hint = rule.isEmpty() ? flowText(fieldRuleText(field, session_.language())) : rule;
    auto* edit = new QLineEdit(this);
    edit->setObjectName(wire(field) + QStringLiteral("Edit"));
    edit->setAccessibleName(label);
    edit->setAccessibleDescription(hint);
    auto* ruleText = new QLabel(hint, this);
    ruleText->setObjectName(wire(field) + QStringLiteral("Rule"));
    ruleText->setWordWrap(true);
    ruleText->setStyleSheet(QStringLiteral("color: #4a4a4a;"));
    auto* error = new QLabel(this);
    error->setObjectName(wire(field) + QStringLiteral("Error"));
    error->setWordWrap(true);
    error->setStyleSheet(QStringLiteral("color: #b00020;"));
    error->hide();
    auto* column = new QVBoxLayout;
    auto* row = new QHBoxLayout;
    row->addWidget(edit);
    if (echo == Echo::Password) {
        edit->setEchoMode(QLineEdit::Password);
        edit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
        auto* keyboard = new QPushButton(tr("Software keyboard"), this);
        keyboard->setObjectName(wire(field) + QStringLiteral("KeyboardButton"));
        keyboard->setAccessibleName(tr("Software keyboard for %1").arg(label));
        keyboard->setAccessibleDescription(keyboardReason());
        keyboard->setToolTip(keyboardReason());
        keyboard->setAutoDefault(false);
        pad(keyboard);
        connect(keyboard, &QPushButton::clicked, this, [edit] { SoftKeyboard::editPassword(edit, true); });
        row->addWidget(keyboard);
    }
    column->addLayout(row);
    column->addWidget(ruleText);
    column->addWidget(error);
    auto* title = new QLabel(required ? label + QStringLiteral(" ") + tr("<required>").toHtmlEscaped() : label, this);
    title->setObjectName(wire(field) + QStringLiteral("Label"));
    title->setBuddy(edit);
    // level with the field's line (a password's line is as tall as its keyboard button)
    title->setMinimumHeight(row->sizeHint().height());
    const int at = form_->rowCount();
    form_->addWidget(title, at, 0, Qt::AlignLeft | Qt::AlignTop);
    form_->addLayout(column, at, 1);
    fields_[field] = {edit, error, hint};
    return edit;
}

void PageBase::pad(QPushButton* button)
{
    const auto hint = button->sizeHint();
    const auto em = button->fontMetrics().averageCharWidth();
    button->setMinimumSize(hint.width() + 4 * em, hint.height() + em);
}

QLabel* PageBase::addText(const QString& text, const QString& objectName)
{
    auto* label = new QLabel(text, this);
    label->setWordWrap(true);
    if (!objectName.isEmpty()) {
        label->setObjectName(objectName);
    }
    body_->insertWidget(texts_++, label);
    return label;
}

QWidget* PageBase::addNotes(const QStringList& notes)
{
    auto* box = new QWidget(this);
    box->setObjectName(QStringLiteral("notes"));
    auto* column = new QVBoxLayout(box);
    column->setContentsMargins(0, 8, 0, 0);
    column->setSpacing(4);
    for (const auto& note : notes) {
        auto* label = new QLabel(noteLine(note), box);
        label->setObjectName(QStringLiteral("note%1").arg(++noteCount_));
        label->setWordWrap(true);
        column->addWidget(label);
    }
    body_->addWidget(box);
    return box;
}

QString PageBase::keyboardReason()
{
    return tr("Shows the software keyboard for passwords: you enter the password by pressing the keys on the screen "
              "with the mouse. It protects against spyware that steals what is typed on the PC's keyboard, so the "
              "bank recommends it for security.");
}

QString PageBase::noteLine(const QString& note)
{
    return tr("※ %1").arg(note); // English: "* ", the mark English notes use
}

QString PageBase::renewalNote()
{
    return tr("The electronic certificate is valid for 366 days including the day of issue. Renewal is possible "
              "from 30 days before it expires.");
}

QLabel* PageBase::addValueRow(const QString& label, const QString& objectName)
{
    auto* value = new QLabel(this);
    value->setObjectName(objectName);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setAccessibleName(label);
    const int at = form_->rowCount();
    form_->addWidget(new QLabel(label, this), at, 0, Qt::AlignLeft | Qt::AlignTop);
    form_->addWidget(value, at, 1);
    return value;
}

void PageBase::describe(QPushButton* button, const QString& description)
{
    button->setAccessibleName(button->text());
    button->setAccessibleDescription(description);
    button->setToolTip(description);
}

QPushButton* PageBase::addButton(const QString& text, const QString& objectName, const QString& description)
{
    auto* button = new QPushButton(text, this);
    button->setObjectName(objectName);
    describe(button, description);
    pad(button);
    buttons_->addWidget(button);
    return button;
}

QPushButton* PageBase::addCancelButton(const QString& description)
{
    auto* cancel = addButton(tr("Cancel"), QStringLiteral("cancelButton"), description);
    cancel->setAutoDefault(false);
    connect(cancel, &QPushButton::clicked, &session_, &WizardSession::cancel);
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
        const auto* typed = edit(error.field);
        const auto value = typed != nullptr ? typed->text().toStdString() : std::string();
        setFieldError(error.field, QString::fromStdString(ruleMessage(error, session_.language(), value)));
    }
}

void PageBase::showMessage(const QString& message)
{
    message_->setText(message);
    message_->setVisible(!message.isEmpty());
    if (!message.isEmpty()) {
        notice_->hide();
        scroll_->ensureWidgetVisible(message_);
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
