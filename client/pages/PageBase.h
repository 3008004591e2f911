// What every wizard page has: a title in the manual's words, fields with the rule message under
// each, a page message, and a button row with [キャンセル]. Pages display and forward; the
// controller decides.
#pragma once

#include "enroll/InputRules.h"
#include "flow/WizardSession.h"

#include <QWizardPage>

#include <map>

class QGridLayout;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QScrollArea;
class QVBoxLayout;

namespace enroll::client {

class PageBase : public QWizardPage
{
    Q_OBJECT
public:
    PageBase(WizardSession& session, const QString& objectName, QWidget* parent = nullptr);

    // Called when the controller shows this page.
    virtual void enter() {}
    // A page that shows the work in progress itself (発行中) stays readable while the controller is
    // busy and disables only its own buttons; every other page is greyed out as a whole.
    [[nodiscard]] virtual bool showsProgress() const { return false; }
    void showFieldErrors(const FieldErrors& errors);
    void showMessage(const QString& message);
    void showNotice(const QString& notice);
    // A ※ note's line: the mark the language uses for notes, then `note`.
    static QString noteLine(const QString& note);
    // The manual's 【ボタン説明】 of [ソフトウェアキーボード], with its reason (スパイウェア対策).
    static QString keyboardReason();

signals:
    // The page's heading changed with its state (the window shows the new one).
    void headingChanged();

protected:
    // The page's title and subtitle for the state it is in: no page keeps a heading that is no
    // longer true.
    void setHeading(const QString& title, const QString& subTitle);
    enum class Echo { Plain, Password }; // Password: hidden, with a [ソフトウェアキーボード] beside it
    // The field, labelled as the manual does and marked <必須>, with its rule shown under it all the
    // time (the manual's 【入力項目説明】, fieldRuleText) and its errors under the rule.
    QLineEdit* addField(Field field, Echo echo = Echo::Plain);
    // A field the page can do without (the account page's changes): no <必須>; `rule` replaces the
    // manual's when given.
    QLineEdit* addOptionalField(Field field, Echo echo, const QString& rule = {});
    // Turns a button's text into a comfortable target: room around the words, as the manual's buttons.
    static void pad(QPushButton* button);
    // A text above the fields, after the texts added before it (the manual's order).
    QLabel* addText(const QString& text, const QString& objectName = {});
    // The manual's ※ notes of the page, below the fields, in the order given: labels `note1`,
    // `note2`… in one box (returned, to show or hide them together).
    QWidget* addNotes(const QStringList& notes);
    // The note several pages share: 366 days including the day of issue, renewal from 30 days before.
    static QString renewalNote();
    QLabel* addValueRow(const QString& label, const QString& objectName);
    // A button of the page's row: its name, and what it does (the manual's 【ボタン説明】) as its
    // accessible description and tooltip.
    QPushButton* addButton(const QString& text, const QString& objectName, const QString& description);
    // [キャンセル]: back to the start page; `description` says what it stops.
    QPushButton* addCancelButton(const QString& description);
    static void describe(QPushButton* button, const QString& description);
    void setFieldError(Field field, const QString& text);
    [[nodiscard]] QLineEdit* edit(Field field) const;
    void clearFields(); // edits, field errors and the page's messages
    void clearEdits();  // edits and field errors only

    WizardSession& session_;
    QVBoxLayout* body_ = nullptr;
    QGridLayout* form_ = nullptr;
    QHBoxLayout* buttons_ = nullptr;
    QLabel* message_ = nullptr;
    QLabel* notice_ = nullptr;

private:
    QLineEdit* addFieldRow(Field field, Echo echo, bool required, const QString& rule);

    struct FieldWidgets
    {
        QLineEdit* edit;
        QLabel* error;
        QString hint;
    };
    std::map<Field, FieldWidgets> fields_;
    QScrollArea* scroll_ = nullptr;
    int texts_ = 0;     // texts so far, above the form
    int noteCount_ = 0; // ※ notes so far, below the fields
};

// A page of one flow: it knows the session and that flow's controller, nothing else.
template <typename Controller>
class FlowPage : public PageBase
{
protected:
    FlowPage(WizardSession& session, Controller& flow, const QString& objectName, QWidget* parent)
        : PageBase(session, objectName, parent), flow_(flow)
    {
    }
    Controller& flow_;
};

} // namespace enroll::client
