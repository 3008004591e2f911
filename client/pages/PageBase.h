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
    void showFieldErrors(const FieldErrors& errors);
    void showMessage(const QString& message);
    void showNotice(const QString& notice);

protected:
    QLineEdit* addField(Field field, const QString& label, const QString& hint, bool password = false);
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
    };
    std::map<Field, FieldWidgets> fields_;
};

} // namespace enroll::client
