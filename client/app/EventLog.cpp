#include "app/EventLog.h"

#ifdef Q_OS_WIN
#include <windows.h>
#else
#include <syslog.h>
#endif

namespace enroll::client {

void writeEventLog(EventLevel level, const QString& line)
{
#ifdef Q_OS_WIN
    HANDLE source = RegisterEventSourceW(nullptr, L"Rokin Enroll");
    if (source == nullptr) {
        return;
    }
    const WORD type = level == EventLevel::Error     ? EVENTLOG_ERROR_TYPE
                      : level == EventLevel::Warning ? EVENTLOG_WARNING_TYPE
                                                     : EVENTLOG_INFORMATION_TYPE;
    const auto text = line.toStdWString();
    const wchar_t* strings[] = {text.c_str()};
    ReportEventW(source, type, 0, 1000, nullptr, 1, 0, strings, nullptr);
    DeregisterEventSource(source);
#else
    const int priority = level == EventLevel::Error ? LOG_ERR : level == EventLevel::Warning ? LOG_WARNING : LOG_INFO;
    openlog("rokin-enroll", LOG_PID, LOG_USER);
    syslog(priority, "%s", line.toUtf8().constData());
    closelog();
#endif
}

} // namespace enroll::client
