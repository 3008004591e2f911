// The wizard window: the step bar of the manual (①…⑥) over one page at a time, following the
// session; each page gets its flow's controller. Busy while the bank answers; never frozen.
#pragma once

#include "flow/WizardFlows.h"

#include <QWidget>

#include <functional>
#include <map>

class QLabel;
class QStackedWidget;

namespace enroll::client {

class PageBase;

class MainWindow final : public QWidget
{
    Q_OBJECT
public:
    explicit MainWindow(WizardFlows& wizard, QWidget* parent = nullptr);
    [[nodiscard]] PageBase* currentPage() const;
    // What 接続診断 needs beyond the session: the bank's issuing CAs and the logon task's state.
    void setDiagnosis(QByteArray issuersPem, bool logonTaskInstalled, std::function<bool()> logonTaskFound);

private:
    void showPage(WizardSession::Page page);
    void diagnose();
    void showHeading(); // the current page's title and subtitle, and the window's title
    void updateStepBar();

    WizardSession& session_;
    QLabel* stepBar_ = nullptr;
    QLabel* title_ = nullptr;
    QLabel* subtitle_ = nullptr;
    QStackedWidget* stack_ = nullptr;
    std::map<WizardSession::Page, PageBase*> pages_;
    QByteArray issuersPem_;
    bool logonTaskInstalled_ = false;
    std::function<bool()> logonTaskFound_;
};

} // namespace enroll::client
