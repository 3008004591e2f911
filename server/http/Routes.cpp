#include "http/Routes.h"

#include "enroll/Protocol.h"
#include "service/AccountService.h"
#include "ca/OcspResponder.h"
#include "service/CrlPublisher.h"
#include "service/EnrollmentService.h"
#include "service/RequestLog.h"
#include "service/Throttle.h"

#include <Poco/Base64Decoder.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Array.h>
#include <Poco/Timestamp.h>
#include <Poco/URI.h>

#include <iterator>
#include <sstream>

namespace enroll::server {
namespace {

namespace json = protocol::json;
namespace path = protocol::path;

std::string key(std::string_view name)
{
    return std::string(name);
}

std::string time(Instant instant)
{
    return formatRfc3339Jst(instant);
}

RequestMeta metaOf(const ApiRequest& request)
{
    return RequestMeta{request.remote};
}

Poco::JSON::Array::Ptr pemArray(const std::vector<std::string>& pems)
{
    Poco::JSON::Array::Ptr array = new Poco::JSON::Array;
    for (const auto& pem : pems) {
        array->add(pem);
    }
    return array;
}

ApiResponse issuedResponse(const Issued& issued)
{
    Poco::JSON::Object out;
    out.set(key(json::kCertificate), issued.certificate.pem);
    out.set(key(json::kChain), pemArray(issued.chain));
    out.set(key(json::kSerial), issued.certificate.serial);
    out.set(key(json::kNotBefore), time(issued.certificate.notBefore));
    out.set(key(json::kNotAfter), time(issued.certificate.notAfter));
    return jsonResponse(201, out);
}

ApiResponse contractLogin(EnrollmentService& service, const ApiRequest& request)
{
    JsonReader in(request.body);
    protocol::ContractLoginRequest body{in.text(json::kContractNumber, Field::ContractNumber),
                                        SecureString(in.text(json::kInitialPassword, Field::InitialPassword))};
    if (!in.ok()) {
        return errorResponse(in.error(), request.language);
    }
    auto result = service.contractLogin(body, metaOf(request));
    if (!result) {
        return errorResponse(result.error(), request.language);
    }
    Poco::JSON::Object out;
    out.set(key(json::kRegistrationToken), std::string(result->registrationToken.view()));
    out.set(key(json::kExpiresAt), time(result->expiresAt));
    out.set(key(json::kEmployerName), result->employerName);
    return jsonResponse(200, out);
}

ApiResponse registerMaster(EnrollmentService& service, const ApiRequest& request)
{
    JsonReader in(request.body);
    protocol::RegistrationRequest body{in.text(json::kUserId, Field::UserId),
                                       SecureString(in.text(json::kPassword, Field::Password)),
                                       in.text(json::kUserName, Field::UserName), in.text(json::kEmail, Field::Email)};
    if (!in.ok()) {
        return errorResponse(in.error(), request.language);
    }
    auto result = service.registerMaster(request.bearer, body, metaOf(request));
    if (!result) {
        return errorResponse(result.error(), request.language);
    }
    Poco::JSON::Object out;
    out.set(key(json::kUserId), result->userId);
    out.set(key(json::kUserName), result->userName);
    out.set(key(json::kEmail), result->email);
    return jsonResponse(201, out);
}

ApiResponse codeSent(const Result<CodeSent>& result, const ApiRequest& request, bool withId)
{
    if (!result) {
        return errorResponse(result.error(), request.language);
    }
    Poco::JSON::Object out;
    if (withId) {
        out.set(key(json::kEnrollmentId), result->enrollmentId);
        out.set(key(json::kMaskedEmail), result->maskedEmail);
    }
    out.set(key(json::kCodeExpiresAt), time(result->codeExpiresAt));
    return jsonResponse(200, out);
}

ApiResponse authenticate(EnrollmentService& service, const ApiRequest& request)
{
    JsonReader in(request.body);
    protocol::AuthenticateRequest body{in.text(json::kUserId, Field::UserId),
                                       SecureString(in.text(json::kPassword, Field::Password))};
    if (!in.ok()) {
        return errorResponse(in.error(), request.language);
    }
    return codeSent(service.authenticate(body, metaOf(request)), request, true);
}

ApiResponse changePassword(EnrollmentService& service, const ApiRequest& request)
{
    JsonReader in(request.body);
    protocol::PasswordChangeRequest body{in.text(json::kUserId, Field::UserId),
                                         SecureString(in.text(json::kPassword, Field::Password)),
                                         SecureString(in.text(json::kNewPassword, Field::NewPassword))};
    if (!in.ok()) {
        return errorResponse(in.error(), request.language);
    }
    auto result = service.changeInitialPassword(body, metaOf(request));
    return result ? noContent() : errorResponse(result.error(), request.language);
}

ApiResponse resend(EnrollmentService& service, const ApiRequest& request)
{
    JsonReader in(request.body);
    const auto id = in.text(json::kEnrollmentId, Field::Code);
    return codeSent(service.resend(id, metaOf(request)), request, false);
}

ApiResponse verify(EnrollmentService& service, const ApiRequest& request)
{
    JsonReader in(request.body);
    protocol::VerifyRequest body{in.text(json::kEnrollmentId, Field::Code),
                                 SecureString(in.text(json::kCode, Field::Code))};
    if (!in.ok()) {
        return errorResponse(in.error(), request.language);
    }
    auto result = service.verify(body, metaOf(request));
    if (!result) {
        return errorResponse(result.error(), request.language);
    }
    Poco::JSON::Object out;
    out.set(key(json::kIssuanceToken), std::string(result->issuanceToken.view()));
    out.set(key(json::kExpiresAt), time(result->expiresAt));
    return jsonResponse(200, out);
}

ApiResponse issue(EnrollmentService& service, const ApiRequest& request)
{
    JsonReader in(request.body);
    const auto csr = in.text(json::kCsr, Field::Csr);
    if (!in.ok()) {
        return errorResponse(in.error(), request.language);
    }
    auto result = service.issue(request.bearer, csr, metaOf(request));
    return result ? issuedResponse(result.value()) : errorResponse(result.error(), request.language);
}

ApiResponse confirm(Services& s, const ApiRequest& request)
{
    JsonReader in(request.body);
    const auto serial = in.text(json::kSerial, Field::Csr);
    std::string peerSerial;
    if (request.bearer.empty()) {
        auto caller = s.accounts.identify(request.peer.get());
        if (!caller) {
            return errorResponse(caller.error(), request.language);
        }
        peerSerial = caller->certificate.serial;
    }
    auto result = s.enrollment.confirm(request.bearer, peerSerial, serial, metaOf(request));
    return result ? noContent() : errorResponse(result.error(), request.language);
}

} // namespace

ApiResponse signedIn(Services& s, const ApiRequest& request, const std::function<ApiResponse(const Caller&)>& handler)
{
    const bool read = request.method == "GET";
    auto caller = s.accounts.identify(request.peer.get(), read && request.sameConnection);
    if (!caller) {
        return errorResponse(caller.error(), request.language);
    }
    currentRequest().user = caller->user.userId; // for the request's log line
    currentRequest().contract = caller->user.contractNumber;
    auto response = handler(*caller);
    if (!read) {
        s.accounts.forgetRecentIdentities();
    }
    return response;
}

namespace {

ApiResponse accountResponse(const Account& account)
{
    Poco::JSON::Object certificate;
    certificate.set(key(json::kSerial), account.certificate.serial);
    certificate.set(key(json::kNotAfter), time(account.certificate.notAfter));
    certificate.set(key(json::kRenewableFrom), time(account.renewableFrom));
    certificate.set(key(json::kRenewalOpen), account.renewalOpen);
    certificate.set(key(json::kSilentRenewal), account.silentRenewal);
    Poco::JSON::Object hours;
    hours.set(key(json::kEarliest), account.renewalHours.earliest);
    hours.set(key(json::kLatest), account.renewalHours.latest);
    certificate.set(key(json::kRenewalHours), hours);
    Poco::JSON::Object out;
    out.set(key(json::kUserId), account.user.userId);
    out.set(key(json::kUserName), account.user.userName);
    out.set(key(json::kEmail), account.user.email);
    out.set(key(json::kRole), std::string(protocol::wireName(account.user.role)));
    out.set(key(json::kContractNumber), account.user.contractNumber);
    out.set(key(json::kCertificate), certificate);
    return jsonResponse(200, out);
}

ApiResponse me(Services& s, const ApiRequest& request)
{
    return signedIn(s, request, [&s](const Caller& caller) { return accountResponse(s.accounts.me(caller)); });
}

ApiResponse changeProfile(Services& s, const ApiRequest& request)
{
    return signedIn(s, request, [&](const Caller& caller) {
        JsonReader in(request.body);
        protocol::ProfileChangeRequest body{in.optionalText(json::kUserName, Field::UserName),
                                            in.optionalText(json::kEmail, Field::Email),
                                            SecureString(in.text(json::kPassword, Field::Password))};
        if (!in.ok()) {
            return errorResponse(in.error(), request.language);
        }
        auto result = s.accounts.updateProfile(caller, body, metaOf(request));
        return result ? accountResponse(result.value()) : errorResponse(result.error(), request.language);
    });
}

ApiResponse renew(Services& s, const ApiRequest& request)
{
    return signedIn(s, request, [&](const Caller& caller) {
        JsonReader in(request.body);
        const auto csr = in.text(json::kCsr, Field::Csr);
        if (!in.ok()) {
            return errorResponse(in.error(), request.language);
        }
        // a monitoring mark only: anything but JSON true is a renewal in the wizard
        const auto silent = request.body->has(key(json::kSilent)) && request.body->get(key(json::kSilent)).type() == typeid(bool) &&
                            request.body->getValue<bool>(key(json::kSilent));
        auto result = s.enrollment.renew(caller.user, caller.certificate, csr,
                                         silent ? RenewalChannel::Silent : RenewalChannel::Wizard, metaOf(request));
        return result ? issuedResponse(result.value()) : errorResponse(result.error(), request.language);
    });
}

ApiResponse listUsers(Services& s, const ApiRequest& request)
{
    return signedIn(s, request, [&](const Caller& caller) {
        auto result = s.accounts.users(caller);
        if (!result) {
            return errorResponse(result.error(), request.language);
        }
        Poco::JSON::Array::Ptr users = new Poco::JSON::Array;
        for (const auto& line : result.value()) {
            Poco::JSON::Object::Ptr u = new Poco::JSON::Object;
            u->set(key(json::kUserId), line.user.userId);
            u->set(key(json::kUserName), line.user.userName);
            u->set(key(json::kEmail), line.user.email);
            u->set(key(json::kRole), std::string(protocol::wireName(line.user.role)));
            u->set(key(json::kState), std::string(protocol::wireName(line.state)));
            if (line.certificateNotAfter) {
                u->set(key(json::kCertificateNotAfter), time(*line.certificateNotAfter));
            } else {
                u->set(key(json::kCertificateNotAfter), Poco::Dynamic::Var());
            }
            users->add(u);
        }
        Poco::JSON::Object out;
        out.set(key(json::kUsers), users);
        return jsonResponse(200, out);
    });
}

ApiResponse registerUser(Services& s, const ApiRequest& request)
{
    return signedIn(s, request, [&](const Caller& caller) {
        JsonReader in(request.body);
        protocol::GeneralUserRequest body{in.text(json::kUserId, Field::UserId),
                                          SecureString(in.text(json::kInitialPassword, Field::InitialPassword)),
                                          in.text(json::kUserName, Field::UserName), in.text(json::kEmail, Field::Email)};
        if (!in.ok()) {
            return errorResponse(in.error(), request.language);
        }
        auto result = s.accounts.registerGeneralUser(caller, body, metaOf(request));
        if (!result) {
            return errorResponse(result.error(), request.language);
        }
        Poco::JSON::Object out;
        out.set(key(json::kUserId), result->userId);
        out.set(key(json::kUserName), result->userName);
        out.set(key(json::kEmail), result->email);
        out.set(key(json::kRole), std::string(protocol::wireName(result->role)));
        return jsonResponse(201, out);
    });
}

ApiResponse disableUser(Services& s, const ApiRequest& request)
{
    return signedIn(s, request, [&](const Caller& caller) {
        const auto userId = request.path.substr(path::kUsers.size() + 1);
        auto result = s.accounts.disableUser(caller, userId, metaOf(request));
        return result ? noContent() : errorResponse(result.error(), request.language);
    });
}

ApiResponse caChain(Services& s)
{
    Poco::JSON::Object out;
    out.set(key(json::kChain), pemArray(s.ca.clientChainPem()));
    return jsonResponse(200, out);
}

ApiResponse crl(Services& s, const ApiRequest& request)
{
    const auto found = s.crl.at(request.path);
    if (!found) {
        return errorResponse(Error::of(ErrorCode::NotFound), request.language);
    }
    const auto& published = *found;
    const auto seconds = published.thisUpdate.time_since_epoch().count();
    ApiResponse response{200, "application/pkix-crl", {}, {}};
    response.headers = {
        {"ETag", published.etag},
        {"Last-Modified", Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(seconds)),
                                                         Poco::DateTimeFormat::HTTP_FORMAT)},
        {"Cache-Control", "public, max-age=300"},
    };
    if (request.ifNoneMatch == published.etag) {
        response.status = 304;
    } else {
        response.body = *published.der;
    }
    return response;
}

// Spends one check of the client address's budget before the handler runs; over budget the
// answer is RATE_LIMITED and nothing else happens (no account is looked at).
ApiHandler throttled(AddressBudgets& budgets, CheckKind kind, ApiHandler handler)
{
    return [&budgets, kind, handler = std::move(handler)](const ApiRequest& request) {
        if (const auto wait = budgets.take(kind, request.remote)) {
            auto limited = Error::of(ErrorCode::RateLimited, "address budget spent");
            limited.retryAfterSeconds = static_cast<int>(wait->count());
            return errorResponse(limited, request.language);
        }
        return handler(request);
    };
}

ApiResponse health(Services& s, const ApiRequest& request)
{
    if (!s.store.healthy()) {
        return errorResponse(Error::of(ErrorCode::Unavailable), request.language);
    }
    Poco::JSON::Object out;
    out.set(key(json::kStatus), std::string("ok"));
    out.set(key(json::kMode), std::string(s.development ? "development" : "production"));
    return jsonResponse(200, out);
}

// The base64 text of a GET request (RFC 4648, padding optional); empty when it is not base64.
// (Read in blocks: the decoder throws from inside its stream buffer on a bad character, and a
// string built from stream iterators leaked its buffer on the way out — found by fuzz_api.)
std::string base64Decode(const std::string& text)
{
    std::string out;
    std::istringstream in(text);
    Poco::Base64Decoder decoder(in);
    char block[512];
    try {
        while (decoder.read(block, sizeof block) || decoder.gcount() > 0) {
            out.append(block, static_cast<std::size_t>(decoder.gcount()));
        }
    } catch (const Poco::Exception&) {
        return {};
    }
    return decoder.bad() ? std::string() : out;
}

// RFC 6960: POST with the DER request as body, or GET with it base64 (and URL-encoded) in the path.
ApiResponse ocsp(Services& s, const ApiRequest& request)
{
    std::string der = request.raw;
    if (request.method == "GET") {
        std::string encoded;
        try {
            Poco::URI::decode(request.path.substr(std::min(request.path.size(), key(path::kOcsp).size() + 1)), encoded);
        } catch (const Poco::Exception&) {
            encoded.clear();
        }
        der = base64Decode(encoded);
    }
    ApiResponse response{200, "application/ocsp-response", {}, {}};
    if (auto refused = OcspResponder::refusal(der)) {
        response.body = std::move(*refused); // no request, or too many certificates: before any query
        return response;
    }
    const auto now = s.clock.now();
    const auto revocations = s.store.begin(Store::Mode::Read)->revocationGeneration();
    if (auto cached = s.ocsp.cached(der, revocations, now)) {
        response.body = std::move(*cached);
    } else if (!request.mayBlock) {
        response.needsBlockingWorker = true; // signing is never done on an event worker
        return response;
    } else {
        const auto lookup = [&s](const std::string& serial) { return revocationStatus(s.store, serial); };
        try {
            response.body = s.ocsp.respond(der, lookup, revocations, now);
        } catch (const KeyUnavailable&) {
            // the token is away: OCSP's own "try later", and the HTTP status that says the same
            return ApiResponse{503, "application/ocsp-response", OcspResponder::tryLater(), {{"Retry-After", "1"}}};
        }
    }
    // a GET answer may be kept by nginx and relying parties for a minute (POST is never cached);
    // a revocation reaches them within that minute, and at once here
    response.headers = {{"Cache-Control", request.method == "GET" ? "public, max-age=60, no-transform" : "no-cache"}};
    return response;
}

} // namespace

void addRevocationRoutes(Router& router, Services s)
{
    router.add("GET", key(path::kCrl), [s](const ApiRequest& r) mutable { return crl(s, r); });
    router.addPrefix("GET", key(path::kCrl) + "/", [s](const ApiRequest& r) mutable { return crl(s, r); });
    router.add("POST", key(path::kOcsp), [s](const ApiRequest& r) mutable { return ocsp(s, r); });
    router.addPrefix("GET", key(path::kOcsp) + "/", [s](const ApiRequest& r) mutable { return ocsp(s, r); });
}

void addRoutes(Router& router, Services s)
{
    auto& e = s.enrollment;
    auto& b = s.budgets;
    router.add("POST", key(path::kContractLogin),
               throttled(b, CheckKind::ContractLogin, [&e](const ApiRequest& r) { return contractLogin(e, r); }));
    router.add("POST", key(path::kMasterRegister),
               throttled(b, CheckKind::Register, [&e](const ApiRequest& r) { return registerMaster(e, r); }));
    router.add("POST", key(path::kAuthenticate),
               throttled(b, CheckKind::Authenticate, [&e](const ApiRequest& r) { return authenticate(e, r); }));
    router.add("POST", key(path::kResend), [&e](const ApiRequest& r) { return resend(e, r); });
    router.add("POST", key(path::kChangePassword),
               throttled(b, CheckKind::ChangePassword, [&e](const ApiRequest& r) { return changePassword(e, r); }));
    router.add("POST", key(path::kVerify),
               throttled(b, CheckKind::Verify, [&e](const ApiRequest& r) { return verify(e, r); }));
    router.add("POST", key(path::kIssue), [&e](const ApiRequest& r) { return issue(e, r); });
    router.add("POST", key(path::kConfirm), [s](const ApiRequest& r) mutable { return confirm(s, r); });
    router.add("GET", key(path::kMe), [s](const ApiRequest& r) mutable { return me(s, r); });
    router.add("PATCH", key(path::kMe),
               throttled(b, CheckKind::ChangeProfile, [s](const ApiRequest& r) mutable { return changeProfile(s, r); }));
    router.add("POST", key(path::kRenew), [s](const ApiRequest& r) mutable { return renew(s, r); });
    router.add("GET", key(path::kUsers), [s](const ApiRequest& r) mutable { return listUsers(s, r); });
    router.add("POST", key(path::kUsers),
               throttled(b, CheckKind::UserCreate, [s](const ApiRequest& r) mutable { return registerUser(s, r); }));
    router.addPrefix("DELETE", key(path::kUsers) + "/", [s](const ApiRequest& r) mutable { return disableUser(s, r); });
    router.add("GET", key(path::kCa), [s](const ApiRequest&) mutable { return caChain(s); });
    addRevocationRoutes(router, s);
    addEstRoutes(router, s);
    router.add("GET", key(path::kHealth), [s](const ApiRequest& r) mutable { return health(s, r); });
}

} // namespace enroll::server
