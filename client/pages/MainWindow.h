// The wizard window: the step bar of the manual (①…⑥) over one page at a time, following the
// controller. Busy while the bank answers; never frozen.
#pragma once

#include "flow/EnrollmentController.h"

#include <QWidget>

#include <map>

class QLabel;
class QStackedWidget;

namespace enroll::client {

class PageBase;

class MainWindow final : public QWidget
{
    Q_OBJECT
public:
    explicit MainWindow(EnrollmentController& controller, QWidget* parent = nullptr);
    [[nodiscard]] PageBase* currentPage() const;

private:
    void showPage(EnrollmentController::Page page);
    void updateStepBar();

    EnrollmentController& controller_;
    QLabel* stepBar_ = nullptr;
    QLabel* title_ = nullptr;
    QLabel* subtitle_ = nullptr;
    QStackedWidget* stack_ = nullptr;
    std::map<EnrollmentController::Page, PageBase*> pages_;
};

} // namespace enroll::client
