// Counts the data rows a Qt Test run executed (init() runs once per row) and prints the total,
// so the CTest log shows how many rule cases ran, not only how many functions.
#pragma once

#include <QtGlobal>

namespace enroll::test {

class CaseCounter
{
public:
    void count() { ++cases_; }
    void report(const char* what) const { qInfo("%s: %d cases run", what, cases_); }

private:
    int cases_ = 0;
};

} // namespace enroll::test
