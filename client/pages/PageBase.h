// What every wizard page has: a title in the manual's words, fields with the rule message under
// each, a page message, and a button row with [キャンセル]. Pages display and forward; the
// controller decides.
#pragma once

#include "enroll/InputRules.h"
#include "flow/EnrollmentController.h"

#include <QWizardPage>

#include <map>

class QFormLayout;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QVBoxLayout;

namespace enroll::client {

class PageBase : public QWizardPage
{
    Q_OBJECT
public:
    PageBase(EnrollmentController& controller, const QString& objectName, QWidget* parent = nullptr);

    // Called when the controller shows this page.
    virtual void enter() {}
    // A page that shows the work in progress itself (発行中) stays readable while the controller is
    // busy and disables only its own buttons; every other page is greyed out as a whole.
    [[nodiscard]] virtual bool showsProgress() const { return false; }
    void showFieldErrors(const FieldErrors& errors);
    void showMessage(const QString& message);
    void showNotice(const QString& notice);

protected:
    // The field with its rule (`hint`) shown under it all the time, as the manual's 【入力項目説明】.
    QLineEdit* addField(Field field, const QString& label, const QString& hint, bool password = false);
    // A note above the fields, after the notes added before it (the manual's order).
    QLabel* addText(const QString& text, const QString& objectName = {});
    QLabel* addValueRow(const QString& label, const QString& objectName);
    QPushButton* addButton(const QString& text, const QString& objectName);
    QPushButton* addCancelButton();
    void setFieldError(Field field, const QString& text);
    [[nodiscard]] QLineEdit* edit(Field field) const;
    void clearFields(); // edits, field errors and the page's messages
    void clearEdits();  // edits and field errors only

    EnrollmentController& controller_;
    QVBoxLayout* body_ = nullptr;
    QFormLayout* form_ = nullptr;
    QHBoxLayout* buttons_ = nullptr;
    QLabel* message_ = nullptr;
    QLabel* notice_ = nullptr;

private:
    struct FieldWidgets
    {
        QLineEdit* edit;
        QLabel* error;
        QString hint;
    };
    std::map<Field, FieldWidgets> fields_;
    int notes_ = 0; // notes so far, above the form
};

} // namespace enroll::client
